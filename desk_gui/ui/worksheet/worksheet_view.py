"""One ticket's worksheet: the template's fields, the actions its status allows, the edit lock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.fields import FIELDS, template_fields
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.transitions import Action
from desk_gui.domain.validation import ValidationError
from desk_gui.services.errors import ConflictError
from desk_gui.services.kb import KnowledgeService
from desk_gui.services.problems import ProblemService
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.form_fields import ui_lang
from desk_gui.ui.kb.ticket_knowledge import Found, TicketKnowledgeStrip
from desk_gui.ui.worksheet.form_actions import TicketActionBar
from desk_gui.ui.worksheet.form_attachment_panel import AttachmentPanel
from desk_gui.ui.worksheet.form_conflict import ConflictPanel, new_log_lines, record_differences
from desk_gui.ui.worksheet.form_header import WorksheetHeader
from desk_gui.ui.worksheet.form_load import TicketLoad
from desk_gui.ui.worksheet.form_lock import EditLease
from desk_gui.ui.worksheet.form_lock_banner import LockBanner
from desk_gui.ui.worksheet.form_save import FieldSave
from desk_gui.ui.worksheet.form_worksheet_fields import WorksheetFieldsPanel, ticket_link_id
from desk_gui.ui.worksheet.problem_strip import TicketProblemStrip

RENEW_MS = 60_000
REFRESH_MS = 15_000
TEMPLATE_KEYS = [f.key for f in template_fields()]


class WorksheetView(QWidget):
    """Read mode by default; Edit takes the lock; actions run through the workflow service."""

    ticket_saved = Signal(int)

    def __init__(
        self, service: WorkflowService, ticket_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("worksheetView")
        self.setAccessibleName(self.tr("Worksheet"))
        self.service = service
        self.ticket_id = ticket_id
        self.lang = ui_lang()
        self.record: TicketRecord | None = None
        self.editing = False
        self._base: TicketRecord | None = None  # the version the edits started from
        self._pending: dict[str, object] = {}
        self._conflict: tuple[ConflictError, dict[str, object]] | None = None
        self._fresh: TicketRecord | None = None
        self.lock_holder: tuple[str, str, datetime] | None = None
        self.linked_views: list[WorksheetView] = []  # worksheets opened from this one
        self._renew_timer = QTimer(self)
        self._renew_timer.setInterval(RENEW_MS)
        self._renew_timer.timeout.connect(self._on_renew_timer_timeout)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self._build()
        self._update_buttons()  # nothing offered until the ticket is read
        self.reload()
        self._refresh_timer.start()

    # -- building ---------------------------------------------------------------------------

    def labels(self) -> dict[str, str]:
        """Field labels from the declaration (in Chinese the worksheet's terms), then the
        view's own words (keys starting with "_")."""
        found = {f.key: f.label(self.lang) for f in FIELDS}
        found.update(
            {
                "_extra": self.tr("Classification, deadlines and device"),
                "_overdue": self.tr("overdue"),
                "_soon": self.tr("due soon"),
                "_expected": self.tr("expected"),
                "_follow_up_of": self.tr("Follow-up of"),
                "_follow_ups": self.tr("Follow-up tickets"),
            }
        )
        return found

    def _build(self) -> None:
        self.header = WorksheetHeader()
        self.header.setText(self.tr("Reading the ticket…"))
        self.header.linkActivated.connect(self._on_header_link_activated)
        self.lock_banner = LockBanner()
        self.edit_button = self._button("editButton", self.tr("Edit"))
        self.save_button = self._button("saveButton", self.tr("Save"))
        self.cancel_button = self._button("cancelEditButton", self.tr("Cancel"))
        self.action_bar = TicketActionBar(self.service)
        self.action_buttons = self.action_bar.buttons
        self.conflict_panel = ConflictPanel()
        self.saver = FieldSave(self.service, self.ticket_id, self)
        self.saver.is_mine = lambda fresh: not self.fields.changes(fresh)
        self.saver.saved.connect(self._on_saver_saved)
        self.saver.refused.connect(self._on_saver_refused)
        self.saver.conflicted.connect(self._on_saver_conflicted)
        self.saver.failed.connect(self._on_saver_failed)
        self.saver.waiting.connect(lambda busy: self.save_button.setEnabled(not busy))
        self.lease = EditLease(self.service, self.ticket_id, self.edit_button, self)
        self.lease.taken.connect(self._on_lease_taken)
        self.lease.refused.connect(self.refresh_lock)
        self.lease.failed.connect(self._show_error)
        self.lease.trouble.connect(self.lock_banner.show_trouble)
        self.lease.polled.connect(self._show_lock_holder)
        self.knowledge = TicketKnowledgeStrip(KnowledgeService(self.service.ctx))
        self.knowledge.ticket_link_activated.connect(self._on_fields_ticket_link_activated)
        self.knowledge.changed.connect(self.reload)
        self.loader = TicketLoad(self.service, self.ticket_id, self, self.knowledge.read)
        self.loader.loaded.connect(self._on_loader_loaded)
        self.loader.failed.connect(self._show_error)
        self.loader.waiting.connect(self.lock_banner.show_trouble)
        self.fields = WorksheetFieldsPanel(self.lang, self.labels())
        self.fields.build(TEMPLATE_KEYS)
        self.fields.ticket_link_activated.connect(self._on_fields_ticket_link_activated)
        self.problems = TicketProblemStrip(ProblemService(self.service.ctx))
        self.attachment_panel = AttachmentPanel(self.service, self.lang)
        self.fields.add_heading(self.tr("Attachments"))
        self.fields.add_wide(self.attachment_panel)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.fields)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        bar = QHBoxLayout()
        for button in (self.edit_button, self.save_button, self.cancel_button):
            bar.addWidget(button)
        bar.addSpacing(16)
        bar.addWidget(self.action_bar, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.lock_banner)
        layout.addWidget(self.saver.status)
        layout.addWidget(self.lease.status)
        layout.addLayout(bar)
        layout.addWidget(self.conflict_panel)
        layout.addWidget(self.knowledge)
        layout.addWidget(self.problems)
        layout.addWidget(scroll, 1)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.conflict_panel.reload_requested.connect(self._on_conflict_panel_reload_requested)
        self.conflict_panel.reapply_requested.connect(self._on_conflict_panel_reapply_requested)
        self.attachment_panel.attachment_added.connect(self._on_attachment_panel_attachment_added)
        self.action_bar.action_finished.connect(self._on_action_bar_action_finished)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        return button

    # -- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the ticket again, and the lock state, off the window's thread (fields stay as
        typed while editing)."""
        self.loader.load()

    @property
    def loading(self) -> bool:
        return self.loader.running

    def _on_loader_loaded(self, record: TicketRecord, held: object, found: Found) -> None:
        self.knowledge.show_record(record, found)
        if self._conflict is not None:
            exc, changes = self._conflict
            self._conflict = None
            if self.editing:
                self._show_conflict(exc, changes, record)
        elif not self.editing:
            self._show(record)
        self._show_lock_holder(held)  # type: ignore[arg-type]

    def _show(self, record: TicketRecord) -> None:
        self.record = record
        if self.window() is not self:  # the worksheet's own window
            self.window().setWindowTitle(f"{record.number} — {record.title}")
        self.fields.show_record(record, self.service.ctx.now())
        self.attachment_panel.set_attachments(record.id, record.attachments)
        self.knowledge.show_record(record)
        self.problems.show_ticket(record.id, record.title)
        self.header.show_record(record, self.lang, self.fields.related_html(record))
        self._update_buttons()

    def _update_buttons(self) -> None:
        locked = self.lock_holder is not None
        self.action_bar.set_state(self.record, self.editing, locked)
        allowed = self.action_bar.allowed()
        self.edit_button.setVisible(not self.editing)
        self.edit_button.setEnabled(Action.EDIT in allowed and not locked)
        self.save_button.setVisible(self.editing)
        self.cancel_button.setVisible(self.editing)
        self.attachment_panel.set_can_add(
            Action.ATTACH in allowed and not self.editing and not locked
        )

    def refresh_lock(self) -> None:
        """Ask who else holds the edit lock (off the window's thread); shown when answered."""
        self.reload()

    def _on_refresh_timer_timeout(self) -> None:
        self.lease.poll()  # on the timer: never waits for a hung share

    def _show_lock_holder(self, held: tuple[str, str, datetime] | None) -> None:
        self.lock_holder = held
        self.lock_banner.show_holder(held)
        self._update_buttons()

    # -- editing ----------------------------------------------------------------------------

    def _on_edit_button_clicked(self) -> None:
        self.lease.take()

    def _on_lease_taken(self, fresh: TicketRecord) -> None:
        if self.editing:
            return
        self._show(fresh)
        self._base = fresh
        self._set_editing(True)
        self._renew_timer.start()

    def _set_editing(self, editing: bool) -> None:
        self.editing = editing
        self.fields.set_editing(editing)
        if editing:
            self._refresh_timer.stop()
            self.fields.editors["title"].setFocus()
        else:
            self._renew_timer.stop()
            self._refresh_timer.start()
            self.conflict_panel.hide()
        self._update_buttons()

    def _stop_editing(self) -> None:
        self._set_editing(False)
        self._base = None
        self.lease.release()

    def has_unsaved_edits(self) -> bool:
        return self.editing and self._base is not None and bool(self.fields.changes(self._base))

    def _on_renew_timer_timeout(self) -> None:
        self.lease.renew()

    def _on_cancel_button_clicked(self) -> None:
        self._stop_editing()
        self.reload()

    def _on_save_button_clicked(self, confirm_mobile: bool = False) -> None:
        if self._base is None or self.saver.saving:
            return
        changes = self.fields.changes(self._base)
        if not changes:
            self._on_cancel_button_clicked()
            return
        self.saver.start(self._base.version, changes, confirm_mobile)

    def _on_saver_saved(self, saved: TicketRecord) -> None:
        if not self.editing:
            return  # an earlier attempt's ticket, shown already
        self._stop_editing()
        self._show(saved)
        self.refresh_lock()
        self.ticket_saved.emit(self.ticket_id)

    def _on_saver_refused(self, exc: ValidationError, confirm_mobile: bool) -> None:
        if not confirm_mobile and exc.problems and all(p.warning for p in exc.problems):
            if self._confirm("\n\n".join(p.message(self.lang) for p in exc.problems)):
                self._on_save_button_clicked(confirm_mobile=True)
            return
        if not self.fields.show_problems(exc.problems):
            self._show_error(exc)

    def _on_saver_conflicted(self, exc: ConflictError, changes: dict[str, object]) -> None:
        if self.editing:  # read what the other workstation saved, then explain
            self._conflict = (exc, changes)
            self.loader.load()

    def _on_saver_failed(self, exc: DeskError) -> None:
        self._show_error(exc)
        self.refresh_lock()

    def _show_conflict(
        self, exc: ConflictError, changes: dict[str, object], fresh: TicketRecord
    ) -> None:
        assert self._base is not None
        self._pending = changes
        self._fresh = fresh
        self.conflict_panel.show_conflict(
            fresh,
            exc.changed_by or fresh.updated_by,
            exc.changed_at or fresh.updated_at,
            record_differences(self._base, fresh, self.lang),
            set(changes),
            new_log_lines(self._base, fresh, self.lang),
        )

    def _on_conflict_panel_reload_requested(self) -> None:
        self._stop_editing()
        self.reload()

    def _on_conflict_panel_reapply_requested(self) -> None:
        if self._fresh is None:
            return
        self._show(self._fresh)
        self._base = self._fresh
        self.fields.set_values(self._pending)
        self.conflict_panel.hide()
        self._update_buttons()

    # -- actions ----------------------------------------------------------------------------

    def _on_action_bar_action_finished(self, saved: object) -> None:
        if isinstance(saved, TicketRecord) and saved.id == self.ticket_id and not self.editing:
            self._show(saved)  # the action's own answer is the ticket as it is now
        self.reload()  # the lock, the knowledge line; or the ticket after a follow-up
        if saved is not None:
            self.ticket_saved.emit(self.ticket_id)
        if isinstance(saved, TicketRecord) and saved.id != self.ticket_id:
            self.open_linked(saved.id)  # a follow-up was logged: show its worksheet

    def _on_header_link_activated(self, href: str) -> None:
        ticket_id = ticket_link_id(href)
        if ticket_id is not None:
            self.open_linked(ticket_id)

    def _on_fields_ticket_link_activated(self, ticket_id: int) -> None:
        self.open_linked(ticket_id)

    def open_linked(self, ticket_id: int) -> WorksheetView:
        """The worksheet of a linked ticket in its own window; its saves count as ours."""
        view = open_worksheet(self.window(), self.service, ticket_id)
        view.ticket_saved.connect(self.ticket_saved)
        self.linked_views.append(view)
        return view

    def _on_attachment_panel_attachment_added(self) -> None:
        self.reload()
        self.ticket_saved.emit(self.ticket_id)

    # -- messages and closing ---------------------------------------------------------------

    def _show_error(self, exc: DeskError) -> None:
        self.action_bar.show_error(exc)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Please confirm"), text)
        return answer == QMessageBox.StandardButton.Yes

    def confirm_leave(self) -> bool:
        """True if the view may close: no edits, or the user agrees to drop them."""
        question = self.tr("Your changes to this ticket are not saved. Close and drop them?")
        return not self.has_unsaved_edits() or self._confirm(question)

    def shutdown(self) -> None:
        """Stop the timers and release the edit lock (on close of the hosting window)."""
        self._refresh_timer.stop()
        self.loader.shutdown()
        self.problems.shutdown()
        if self.editing:
            self._stop_editing()
        self.lease.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ask before the hosting window closes over unsaved edits."""
        closing = event.type() == QEvent.Type.Close or (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        )
        if closing and not self.confirm_leave():
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def open_worksheet(
    parent: QWidget | None, service: WorkflowService, ticket_id: int
) -> WorksheetView:
    """Show the worksheet of one ticket in its own (non-modal) window; returns the view."""
    dialog = QDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view = WorksheetView(service, ticket_id, dialog)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(view)
    dialog.setWindowTitle(view.tr("Worksheet"))  # the ticket's number and title once read
    dialog.installEventFilter(view)
    dialog.finished.connect(view.shutdown)
    dialog.resize(1000, 820)
    dialog.show()
    return view
