"""The new-ticket form: intake at phone-call speed, checked before saving, never lost."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.domain.validation import ValidationError, validate_draft
from desk_gui.services.kb import KnowledgeService
from desk_gui.services.problems import ProblemService
from desk_gui.services.tickets import TicketService
from desk_gui.ui.common.background import Runner
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS, BoundedCall
from desk_gui.ui.common.form_fields import ui_lang
from desk_gui.ui.intake.drafts import DraftStore, SavedDraft, is_empty, mark_in_use
from desk_gui.ui.intake.form_draft_restore import offer_restore
from desk_gui.ui.intake.form_kb import IntakeKnowledge
from desk_gui.ui.intake.form_problem import IntakeProblemMatch
from desk_gui.ui.intake.form_ticket_fields import TicketFieldsWidget

AUTOSAVE_MS = 1000
BANNER_STYLE = "background:#fdecea; color:#7a0010; border:1px solid #e8a3a8; padding:6px;"


class TicketFormDialog(QDialog):
    """Log a new ticket; the form is autosaved locally until the ticket is in the database."""

    ticket_created = Signal(object)

    def __init__(
        self,
        service: TicketService,
        parent: QWidget | None = None,
        *,
        draft: TicketDraft | None = None,
        restore: SavedDraft | None = None,
        store: DraftStore | None = None,
        kb: KnowledgeService | None = None,
        jobs: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketForm")
        self.setWindowTitle(self.tr("New ticket"))
        self.setAccessibleName(self.tr("New ticket"))
        self._service = service
        self._lang = ui_lang()
        self._store = store if store is not None else DraftStore()
        self.draft_id = restore.draft_id if restore else DraftStore.new_id()
        mark_in_use(self.draft_id, True)
        draft_id = self.draft_id
        self.destroyed.connect(lambda *_: mark_in_use(draft_id, False))
        self.created: TicketRecord | None = None
        self.attachment_errors: list[str] = []
        self._save: BoundedCall | None = None
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        # The contact the user chose to keep although it looks like a personal mobile.
        self._mobile_confirmed = ""
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self.fields = TicketFieldsWidget(service.settings, service.ctx.now)
        self.knowledge = (
            IntakeKnowledge(self, self.fields, kb, jobs) if kb is not None and jobs else None
        )
        self.added_to: str | None = None  # the open ticket this call was added to instead
        self.problem_match = (
            IntakeProblemMatch(self, ProblemService(service.ctx), jobs) if jobs else None
        )
        self._build()
        now = service.ctx.now()
        if restore is not None:
            self.fields.set_draft(restore.draft, now)
            self.fields.attachments.set_attachments(restore.attachments)
        else:
            self.fields.set_draft(draft or TicketDraft(), now)
        self.fields.changed.connect(self._on_fields_changed)
        if self.problem_match is not None and (restore is not None or draft is not None):
            self.problem_match.request(self.fields.typed_draft().title)
        # A call starts with "who is calling?"
        self.fields.requester_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("saveBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save the ticket (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip(
            self.tr("Close (Esc); asks first if something was typed, and keeps it as a draft")
        )
        hint = QLabel(self.tr("Fields marked * are required. Typing is saved as a local draft."))
        hint.setStyleSheet("color: palette(mid);")
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer = QVBoxLayout(self)
        if self.knowledge is None:
            outer.addWidget(self.fields)
        else:
            row = QHBoxLayout()
            row.addWidget(self.fields, 3)
            row.addWidget(self.knowledge.panel, 2)
            outer.addLayout(row)
            outer.addWidget(self.knowledge.applied_label)
        if self.problem_match is not None:
            outer.addWidget(self.problem_match.box)
        outer.addWidget(self.banner)
        outer.addLayout(buttons)
        QWidget.setTabOrder(self.fields.tab_chain()[-1], self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_button.click)
        self.resize(1000 if self.knowledge is None else 1360, 620)

    # -- the local draft --------------------------------------------------------------------

    def save_draft(self) -> None:
        """Write the local draft now (nothing typed is lost to a crash or a lost share)."""
        self._autosave.stop()
        try:
            self._store.save(
                self.draft_id, self.fields.typed_draft(), self.fields.attachments.attachments()
            )
        except OSError as exc:
            self.show_banner(
                self.tr("The local draft cannot be written: %1").replace("%1", str(exc))
            )

    def _on_fields_changed(self) -> None:
        self._autosave.start()
        if self.problem_match is not None:
            self.problem_match.request(self.fields.typed_draft().title)

    # -- saving -----------------------------------------------------------------------------

    def field_error(self, field: str) -> str:
        """The message shown beside ``field`` (a TicketDraft field name); empty if none."""
        return self.fields.field_error(field)

    def banner_text(self) -> str:
        return self.banner.text() if self.banner.isVisibleTo(self) else ""

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _on_save_button_clicked(self) -> None:
        self.show_banner("")
        draft = self.fields.draft()
        problems = validate_draft(draft, self._service.ctx.now())
        errors = [p for p in problems if not p.warning]
        warnings = [p for p in problems if p.warning]
        self.fields.show_problems(errors + warnings)
        if errors:
            return
        if warnings and draft.contact.strip() != self._mobile_confirmed:
            self._ask_mobile(draft.contact.strip())
            return
        if self.knowledge is not None and not self.knowledge.ask_duplicate(
            draft, self._on_save_button_clicked, self._on_call_added
        ):
            return
        self._create(draft, confirm_mobile=bool(warnings))

    def _on_call_added(self, dup: object) -> None:
        """The call went into an open ticket's log: no new ticket, no draft to keep."""
        self.added_to = getattr(dup, "number", "")
        self._store.discard(self.draft_id)
        self.created = None
        QDialog.reject(self)

    def _ask_mobile(self, contact: str) -> None:
        """The one question about a personal mobile; the safe answer is the default."""
        box = QMessageBox(self)
        box.setObjectName("mobileQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Personal mobile number"))
        box.setText(
            self.tr(
                "“%1” looks like a personal mobile number; an internal extension or company IM "
                "is preferred.\n\nSave the ticket with this number?"
            ).replace("%1", contact)
        )
        keep = box.addButton(self.tr("Save with this number"), QMessageBox.ButtonRole.AcceptRole)
        change = box.addButton(self.tr("Change the contact"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(change)
        box.setEscapeButton(change)

        def answered() -> None:
            box.setObjectName("")
            box.deleteLater()
            if box.clickedButton() is keep:
                self._mobile_confirmed = contact
                self._on_save_button_clicked()
            else:
                self.fields.contact_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                self.fields.contact_edit.selectAll()

        box.finished.connect(answered)
        box.open()

    @property
    def saving(self) -> bool:
        """Whether a save is running and the form still waits for it."""
        if self.knowledge is not None and self.knowledge.busy:
            return True  # the duplicate look-up before the save, or a call being added
        return self._save is not None and self._save.running and not self._save.abandoned

    def _create(self, draft: TicketDraft, confirm_mobile: bool) -> None:
        """Save off the window's thread, waiting a bounded time (see ui/common/bounded.py).

        Every attempt carries the form's draft id as its token: a first attempt that outlived
        the wait and lands later, and the retry, make one ticket between them.
        """
        if self.saving:
            return
        self.save_draft()  # whatever happens to the save, what was typed is kept
        service, token = self._service, self.draft_id
        files = [(a.filename, a.data, a.mime) for a in self.fields.attachments.attachments()]
        match = self.problem_match
        problem = match.chosen() if match is not None else None

        knowledge, lang = self.knowledge, self._lang

        def save() -> TicketRecord:
            # The files go in the ticket's own transaction: a retry finds both or neither.
            record = service.create(
                draft, confirm_mobile=confirm_mobile, token=token, attachments=files
            )
            if knowledge is not None:  # the articles applied, a duplicate linked: once
                knowledge.after_create(record, lang)
            if match is not None and problem is not None:
                match.service.link(problem, [record.id])  # a retry links once
            return record

        call = BoundedCall(
            save,
            service.release_thread,
            self,
            slow_ms=self.slow_ms,
            limit_ms=self.limit_ms,
        )
        call.slow.connect(self._on_save_slow)
        call.gave_up.connect(self._on_save_gave_up)
        call.finished.connect(lambda result, error: self._on_save_finished(call, result, error))
        self._save = call
        self._set_saving(True)
        call.start()

    def _set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("Save"))

    def _on_save_slow(self) -> None:
        self.show_banner(
            self.tr(
                "Still saving… the database is answering slowly. Everything you typed is kept "
                "in a local draft."
            )
        )

    def _on_save_gave_up(self) -> None:
        self._set_saving(False)
        self.save_button.setText(self.tr("Retry"))
        self.show_banner(
            self.tr(
                "The database has not answered for %1 seconds (the share may be hanging), so "
                "this ticket may not be saved yet. Everything you typed is still here and in a "
                "local draft. Retry saves it once: if the first attempt gets through meanwhile, "
                "the form closes with that ticket instead of saving a second one."
            ).replace("%1", f"{self.limit_ms / 1000:g}")
        )

    def _on_save_finished(self, call: BoundedCall, outcome: object, error: object) -> None:
        if self.created is not None:
            return  # an earlier attempt landed already: the same ticket, by its token
        if isinstance(outcome, TicketRecord):
            self._saved(outcome)
            return
        if call is not self._save or not isinstance(error, DeskError):
            return  # a late failure of an attempt given up on: the newer attempt decides
        self._set_saving(False)
        if isinstance(error, ValidationError):
            self.fields.show_problems(error.problems)
            return
        self.save_draft()
        self.show_banner(
            self.tr(
                "Not saved: %1\nEverything you typed is still here and kept in a local "
                "draft. Save again when the database can be reached."
            ).replace("%1", error.message(self._lang))
        )

    def _saved(self, record: TicketRecord) -> None:
        self.show_banner("")
        self.fields.show_problems([])
        if self.knowledge is not None:  # after_create ran on the save's thread
            self.attachment_errors.extend(self.knowledge.errors)
        self.created = record
        self._store.discard(self.draft_id)
        self.ticket_created.emit(record)
        self.accept()

    # -- closing ----------------------------------------------------------------------------

    def is_blank(self) -> bool:
        """True if nothing was typed, chosen or attached (the defaults do not count)."""
        return is_empty(self.fields.typed_draft(), self.fields.attachments.attachments())

    def reject(self) -> None:
        """Esc, Cancel or the window's close: ask first unless the form is empty."""
        if self.created is not None or self.is_blank():
            super().reject()
            return
        if self.findChild(QMessageBox, "discardQuestion") is not None:
            return
        box = QMessageBox(self)
        box.setObjectName("discardQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close without saving?"))
        box.setText(
            self.tr(
                "This ticket is not saved yet.\n\nWhat you typed stays in a local draft; "
                "New ticket offers to restore it."
            )
        )
        close = box.addButton(
            self.tr("Close without saving"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            box.setObjectName("")
            box.deleteLater()
            if box.clickedButton() is close:
                QDialog.reject(self)

        box.finished.connect(answered)
        box.open()

    def done(self, result: int) -> None:
        """Keep the draft when closing without saving; it was removed after a successful save."""
        if self.created is None and self.added_to is None:
            self.save_draft()
        self._autosave.stop()
        mark_in_use(self.draft_id, False)
        super().done(result)

    # -- entry ------------------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: TicketService,
        draft: TicketDraft | None = None,
        *,
        kb: KnowledgeService | None = None,
        jobs: Runner | None = None,
    ) -> TicketRecord | None:
        """Show the form modally (offering an unsaved draft first); the created ticket or None."""
        store = DraftStore()
        restore = offer_restore(parent, store) if draft is None else None
        dialog = cls(service, parent, draft=draft, restore=restore, store=store, kb=kb, jobs=jobs)
        dialog.exec()
        created = dialog.created
        if created is not None and dialog.attachment_errors:
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("TicketFormDialog", "Attachments not saved"),
                QCoreApplication.translate(
                    "TicketFormDialog", "Ticket %1 was saved, but these attachments were not:"
                ).replace("%1", created.number)
                + "\n\n"
                + "\n".join(dialog.attachment_errors),
            )
        dialog.deleteLater()
        return created
