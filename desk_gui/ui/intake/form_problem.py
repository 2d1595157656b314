"""The intake form's problem-record offer: a new ticket alike an open problem record.

While the title is typed, the open problem records whose title is alike (the test that groups
the report's top problems) are looked up in the background; the first is offered as a check box
under the form. Checked, the saved ticket is linked to it in the save's own call (a retried
save links once: linking is idempotent). Nothing is linked unless the agent ticks it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QCheckBox, QWidget

from desk_gui.services.problems import ProblemService
from desk_gui.ui.common.background import Job, Runner

KIND = "intake-problems"
DEBOUNCE_MS = 400
ProblemMatchRow = tuple[int, str, str]  # id, number, title


class IntakeProblemMatch(QObject):
    """A check box "Link to problem record …" under the form, shown while one matches."""

    def __init__(self, form: QWidget, problems: ProblemService, jobs: Runner) -> None:
        super().__init__(form)
        self.service, self._jobs = problems, jobs
        self.matches: list[ProblemMatchRow] = []
        self._title = ""
        self.box = QCheckBox(form)
        self.box.setObjectName("problemMatch")
        self.box.setStyleSheet("color: #7a4a00;")
        self.box.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._submit)

    def request(self, title: str) -> None:
        """Look again once typing pauses (nothing when the title did not change)."""
        title = title.strip()
        if title == self._title:
            return
        self._title = title
        self._timer.start()

    def flush(self) -> None:
        """Look now (tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self._submit()

    def _submit(self) -> None:
        title, problems = self._title, self.service
        if not title:
            self.show_matches([])
            return

        def work(job: Job) -> list[ProblemMatchRow]:
            job.check()
            return problems.matching_open_problems(title)

        self._jobs.submit(KIND, work, self.show_matches, lambda _exc: self.show_matches([]))

    def show_matches(self, matches: list[ProblemMatchRow]) -> None:
        kept = self.chosen()
        self.matches = list(matches)
        if not matches:
            self.box.setChecked(False)
            self.box.hide()
            return
        _, number, title = matches[0]
        more = len(matches) - 1
        text = self.tr("Link to open problem record %1 “%2”").replace("%1", number)
        text = text.replace("%2", title)
        if more:
            text += " " + self.tr("(and %1 more alike)").replace("%1", str(more))
        self.box.setText(text)
        self.box.setToolTip(
            self.tr("This ticket looks like a known problem; tick to group it there")
        )
        self.box.setChecked(kept is not None and kept == matches[0][0])
        self.box.show()

    def chosen(self) -> int | None:
        """The problem record to link the new ticket to (ticked), or None."""
        if not self.box.isHidden() and self.box.isChecked() and self.matches:
            return self.matches[0][0]
        return None
