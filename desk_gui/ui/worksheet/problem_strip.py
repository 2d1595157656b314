"""A worksheet's problem-record line: the records the ticket is grouped under, and the open
record alike its title, offered with a "Link" button (read and linked in the background)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.domain.problem import ProblemStatus
from desk_gui.services.problems import ProblemService
from desk_gui.ui.common.background import Job, Jobs
from desk_gui.ui.common.form_fields import ui_lang

Found = tuple[list[tuple[int, str, str, str]], list[tuple[int, str, str]]]
_jobs: list[Jobs] = []


def _shared_jobs() -> Jobs:
    """One runner for every worksheet's line, alive as long as the program (a worksheet closed
    while its look-up runs drops the outcome; nothing is delivered to a deleted widget)."""
    if not _jobs:
        _jobs.append(Jobs(ProblemService.release_thread))
    return _jobs[0]


def _cancel(jobs: Jobs, kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        jobs.cancel(kind)


class TicketProblemStrip(QWidget):
    """ "Problem record: …" and "Link to open problem record …"; hidden when there is neither."""

    shown = Signal()  # a look-up or a link finished (tests)

    def __init__(self, problems: ProblemService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketProblems")
        self.service, self._lang = problems, ui_lang()
        self.jobs = _shared_jobs()
        self._kinds = tuple(f"{k}-{id(self)}" for k in ("worksheet-problems", "problem-link"))
        kinds, jobs = self._kinds, self.jobs
        self.destroyed.connect(lambda *_: _cancel(jobs, kinds))
        self.ticket: tuple[int, str] | None = None
        self.offer: tuple[int, str, str] | None = None
        self.label = QLabel()
        self.label.setObjectName("ticketProblemsText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.link_button = QPushButton()
        self.link_button.setObjectName("linkToProblem")
        self.link_button.clicked.connect(self.link)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.link_button)
        self.hide()

    def show_ticket(self, ticket_id: int, title: str) -> None:
        """Look up the ticket's problem records in the background."""
        self.ticket = (ticket_id, title)
        service = self.service

        def work(job: Job) -> Found:
            job.check()
            return service.ticket_problems(ticket_id, title)

        self.jobs.submit(self._kinds[0], work, self._show, self._failed)

    def _show(self, found: Found) -> None:
        linked, alike = found
        parts = []
        if linked:
            items = ", ".join(
                f"{html.escape(n)} {html.escape(t)} ({ProblemStatus(s).label(self._lang)})"
                for _, n, t, s in linked
            )
            parts.append(f"<b>{html.escape(self.tr('Problem record'))}:</b> {items}")
        self.offer = alike[0] if alike else None
        if self.offer is not None:
            _, number, title = self.offer
            text = self.tr("Alike open problem record: %1 %2").replace("%1", html.escape(number))
            parts.append(text.replace("%2", html.escape(title)))
            self.link_button.setText(self.tr("Link to %1").replace("%1", number))
        self.link_button.setVisible(self.offer is not None)
        self.label.setText("<br>".join(parts))
        self.setVisible(bool(parts))
        self.shown.emit()

    def _failed(self, exc: DeskError) -> None:
        self.label.setText(html.escape(exc.message(self._lang)))
        self.link_button.hide()
        self.setVisible(True)
        self.shown.emit()

    def link(self) -> None:
        """Group the ticket under the offered record, then show the line again."""
        if self.ticket is None or self.offer is None:
            return
        (ticket_id, title), problem_id = self.ticket, self.offer[0]
        service = self.service
        self.link_button.setEnabled(False)

        def work(job: Job) -> Found:
            service.link(problem_id, [ticket_id])
            return service.ticket_problems(ticket_id, title)

        def done(found: Found) -> None:
            self.link_button.setEnabled(True)
            self._show(found)

        self.jobs.submit(self._kinds[1], work, done, self._failed)

    def shutdown(self) -> None:
        """Drop any look-up still running (the worksheet closes)."""
        _cancel(self.jobs, self._kinds)
