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
from desk_gui.ui.common.background import Runner
from desk_gui.ui.intake.form_ticket_fields import TicketFieldsWidget
from desk_gui.ui.intake.kb_panel import KnowledgePanel

FOCUS_KEY = "F4"


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

    def ask_duplicate(self, draft: TicketDraft, proceed: Callable[[], None],
                      added: Callable[[Duplicate], None]) -> bool:  # fmt: skip
        """Before saving: True when the save may go on now; else a question was opened.

        The agent adds the call to the open ticket (``added``), saves a new ticket linked to
        it (``proceed``), or goes back to the form.
        """
        try:
            dups = self.kb.duplicates(draft.title, draft.description, draft.requester,
                                      draft.department)  # fmt: skip
        except DeskError:
            return True
        if not dups or self.link_to is not None:
            return True
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
        return False

    def _add_call(
        self, dup: Duplicate, draft: TicketDraft, added: Callable[[Duplicate], None]
    ) -> None:
        text = " / ".join(x for x in (draft.requester, draft.contact, draft.title,
                                      draft.description) if x.strip())  # fmt: skip
        try:
            self.kb.add_call_to(dup.id, text)
        except DeskError as exc:
            self.errors.append(exc.message())
            return
        added(dup)

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
