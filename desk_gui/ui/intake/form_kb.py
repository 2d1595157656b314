"""The intake form's knowledge-base side: the panel, applied articles and the duplicate question."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.services.kb import ArticleHit, Duplicate, KnowledgeService
from desk_gui.services.threads import release_thread
from desk_gui.ui.common.background import Runner
from desk_gui.ui.common.bounded import LIMIT_MS, BoundedCall, start_bounded
from desk_gui.ui.intake.form_ticket_fields import TicketFieldsWidget
from desk_gui.ui.intake.kb_panel import KnowledgePanel

FOCUS_KEY = "F4"
LOOKUP_MS = 3000
"""How long a save waits for the duplicate look-up before going on without it."""


class IntakeKnowledge(QObject):
    """Wires a KnowledgePanel to the form's fields and acts on the saved ticket."""

    def __init__(
        self, form: QWidget, fields: TicketFieldsWidget, kb: KnowledgeService, jobs: Runner
    ) -> None:
        super().__init__(form)
        self._form, self._fields, self.kb = form, fields, kb
        self.panel = KnowledgePanel(kb, jobs, form)
        self.panel.setMinimumWidth(340)
        self.applied: list[tuple[ArticleHit, bool]] = []
        self._after_lock = threading.Lock()
        self._after_ran = False
        self.applied_label = QLabel()
        self.applied_label.setObjectName("kbApplied")
        self.applied_label.setWordWrap(True)
        self.applied_label.hide()
        self.link_to: Duplicate | None = None
        self._cleared = False  # the look-up found no duplicate: the next save goes on
        self._call: BoundedCall | None = None
        self.errors: list[str] = []
        shortcut = QShortcut(QKeySequence(FOCUS_KEY), form)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.panel.focus_list)
        fields.changed.connect(self._on_fields_changed)
        self.panel.applied.connect(self._on_panel_applied)

    def _on_fields_changed(self) -> None:
        d = self._fields.typed_draft()
        self.panel.request(d.title, d.description, d.requester, d.department)

    def _on_panel_applied(self, hit: ArticleHit, resolve: bool) -> None:
        self.applied = [(h, r) for h, r in self.applied if h.id != hit.id] + [(hit, resolve)]
        lines = [
            (
                self.tr("Applied, resolved on this call: %1") if r else self.tr("Applied: %1")
            ).replace("%1", f"KB{h.id} {h.title}")
            for h, r in self.applied
        ]
        self.applied_label.setText("\n".join(lines))
        self.applied_label.show()

    # -- duplicates -----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a duplicate look-up or an added call is running and the form waits for it."""
        return self._call is not None

    def ask_duplicate(self, draft: TicketDraft, proceed: Callable[[], None],
                      added: Callable[[Duplicate], None]) -> bool:  # fmt: skip
        """Before saving: True when the save may go on now; else the open tickets alike are
        looked up off the window's thread and, if there is one, a question is opened.

        The agent adds the call to the open ticket (``added``), saves a new ticket linked to
        it (``proceed``), or goes back to the form. A look-up that fails or does not answer
        within LOOKUP_MS lets the save go on (no answer is no duplicate; the save itself says
        what is wrong with the share).
        """
        if self._cleared or self.link_to is not None:
            self._cleared = False
            return True
        if self._call is None:
            kb = self.kb

            def look() -> list[Duplicate]:
                return kb.duplicates(draft.title, draft.description, draft.requester,
                                     draft.department)  # fmt: skip

            def go_on() -> None:
                self._cleared = True
                proceed()

            def done(dups: object, error: object) -> None:
                if error is not None or not isinstance(dups, list) or not dups:
                    go_on()
                else:
                    self._question(dups, draft, proceed, added)

            self._start(look, done, go_on, limit_ms=LOOKUP_MS)
        return False

    def _start(self, fn: Callable[[], object], done: Callable[[object, object], None],
               gave_up: Callable[[], None], limit_ms: int) -> None:  # fmt: skip
        """``fn`` on its own thread (ui/common/bounded.py); ``gave_up`` after ``limit_ms``."""

        def finished(result: object, error: object) -> None:
            self._call = None
            done(result, error)

        def stopped_waiting() -> None:
            self._call = None
            gave_up()

        self._call = start_bounded(fn, release_thread, self, finished, stopped_waiting,
                                   limit_ms=limit_ms)  # fmt: skip

    def _question(self, dups: list[Duplicate], draft: TicketDraft, proceed: Callable[[], None],
                  added: Callable[[Duplicate], None]) -> None:  # fmt: skip
        dup = dups[0]
        box = QMessageBox(self._form)
        box.setObjectName("duplicateQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Possible duplicate"))
        others = "\n".join(f"{d.number} {d.title}" for d in dups[:5])
        box.setText(
            self.tr("This may be %1, still open:\n\n%2\n\nAdd this call to it instead?")
            .replace("%1", dup.number).replace("%2", others)
        )  # fmt: skip
        add = box.addButton(self.tr("Add to %1").replace("%1", dup.number),
                            QMessageBox.ButtonRole.AcceptRole)  # fmt: skip
        new = box.addButton(self.tr("Save as a new ticket"), QMessageBox.ButtonRole.YesRole)
        back = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(add)
        box.setEscapeButton(back)

        def answered() -> None:
            box.setObjectName("")
            box.deleteLater()
            if box.clickedButton() is add:
                self._add_call(dup, draft, added)
            elif box.clickedButton() is new:
                self.link_to = dup
                proceed()

        box.finished.connect(answered)
        box.open()

    def _add_call(
        self, dup: Duplicate, draft: TicketDraft, added: Callable[[Duplicate], None]
    ) -> None:
        """The call logged on the open ticket off the window's thread (bounded like a save);
        a failure or a share that does not answer is said and the form keeps what was typed."""
        text = " / ".join(x for x in (draft.requester, draft.contact, draft.title,
                                      draft.description) if x.strip())  # fmt: skip
        kb = self.kb

        def done(_result: object, error: object) -> None:
            if isinstance(error, DeskError):
                self._warn(error.message())
            else:
                added(dup)

        def gave_up() -> None:
            self._warn(
                self.tr(
                    "The database has not answered (the share may be hanging), so the call may "
                    "not be added to %1 yet; what you typed stays in the form. Look at %1 "
                    "before adding it again."
                ).replace("%1", dup.number)
            )

        self._start(lambda: kb.add_call_to(dup.id, text), done, gave_up, limit_ms=LIMIT_MS)

    def _warn(self, text: str) -> None:
        self.errors.append(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Possible duplicate"), text,
                          QMessageBox.StandardButton.Ok, self._form)  # fmt: skip
        box.setObjectName("duplicateCallFailed")
        box.finished.connect(box.deleteLater)
        box.open()

    # -- after saving ---------------------------------------------------------------------

    def after_create(self, record: TicketRecord, lang: str) -> None:
        """Log the applied articles (resolving on this call if asked) and link a duplicate.

        Runs on the save's thread, right after the ticket is written, once per form: a retry
        of a save given up on that finds the ticket made does not log them again.
        """
        with self._after_lock:
            if self._after_ran:
                return
            self._after_ran = True
        for hit, resolve in self.applied:
            try:
                if resolve:
                    self.kb.resolve_with_article(record.id, hit.id)
                else:
                    self.kb.apply_to_ticket(hit.id, record.id)
            except DeskError as exc:
                self.errors.append(f"KB{hit.id}: {exc.message(lang)}")
        if self.link_to is not None:
            try:
                self.kb.link_tickets(record.id, self.link_to.id)
            except DeskError as exc:
                self.errors.append(exc.message(lang))
