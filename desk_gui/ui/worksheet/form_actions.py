"""The worksheet's action buttons: only those the ticket's status allows, each run through the
workflow service, with a dialog when the action needs input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.transitions import Action, allowed_actions
from desk_gui.services import access
from desk_gui.services.errors import ConflictError
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.form_fields import ui_lang
from desk_gui.ui.worksheet.action_assign import AssignDialog
from desk_gui.ui.worksheet.action_base import ActionDialog
from desk_gui.ui.worksheet.action_escalate import EscalateDialog
from desk_gui.ui.worksheet.action_feedback import FeedbackDialog
from desk_gui.ui.worksheet.action_follow_up import FollowUpDialog
from desk_gui.ui.worksheet.action_resolve import ResolveDialog
from desk_gui.ui.worksheet.action_text import TextActionDialog
from desk_gui.ui.worksheet.action_wait import WaitDialog

# Actions the service refuses while another workstation holds the edit lock: every change to
# the ticket. A follow-up writes a new ticket; the closed one only gains a log line.
LOCK_CHECKED = frozenset(Action) - {Action.FOLLOW_UP}
_DIALOGS: dict[Action, type[ActionDialog]] = {
    Action.ASSIGN: AssignDialog,
    Action.ESCALATE: EscalateDialog,
    Action.WAIT: WaitDialog,
    Action.RESOLVE: ResolveDialog,
    Action.FEEDBACK: FeedbackDialog,
    Action.FOLLOW_UP: FollowUpDialog,
}
TextSpec = tuple[str, str, str, Callable[[str, datetime | None], TicketRecord]]


class TicketActionBar(QWidget):
    """Take, assign, escalate, log, progress, wait, resolve, feedback, close, reopen, follow up."""

    action_finished = Signal(object)  # the saved TicketRecord, or None when nothing changed

    def __init__(self, service: WorkflowService) -> None:
        super().__init__()
        self.setObjectName("ticketActions")
        self.service = service
        self.lang = ui_lang()
        self.record: TicketRecord | None = None
        texts = {
            Action.TAKE: self.tr("Take"),
            Action.ASSIGN: self.tr("Assign…"),
            Action.ESCALATE: self.tr("Escalate…"),
            Action.ADD_LOG: self.tr("Add log entry…"),
            Action.PROGRESS: self.tr("Progress update…"),
            Action.WAIT: self.tr("Wait…"),
            Action.END_WAIT: self.tr("End wait"),
            Action.RESOLVE: self.tr("Resolve…"),
            Action.FEEDBACK: self.tr("Record feedback…"),
            Action.CLOSE: self.tr("Close…"),
            Action.REOPEN: self.tr("Reopen…"),
            Action.FOLLOW_UP: self.tr("Follow up…"),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Action, QPushButton] = {}
        for action, text in texts.items():
            button = QPushButton(text)
            button.setObjectName(f"action_{action.value}")
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(lambda _=False, a=action: self._on_button_clicked(a))
            layout.addWidget(button)
            self.buttons[action] = button
        layout.addStretch(1)
        self.status = DialogStatus()
        layout.addWidget(self.status, 2)
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self._direct: dict[tuple[Action, int], BoundedSave] = {}

    def allowed(self) -> frozenset[Action]:
        if self.record is None:
            return frozenset()
        return allowed_actions(
            self.record.status,
            supervisor=self.service.ctx.supervisor,
            waiting=self.record.waiting_on is not None,
        )

    def set_state(self, record: TicketRecord | None, editing: bool, locked: bool) -> None:
        """Offer the allowed actions; none while editing; lock-checked ones not while locked."""
        self.record = record
        allowed = self.allowed()
        for action, button in self.buttons.items():
            offered = action in allowed
            button.setVisible(offered)
            button.setEnabled(offered and not editing and not (locked and action in LOCK_CHECKED))
        self._guard_reassign(record)

    def _guard_reassign(self, record: TicketRecord | None) -> None:
        """Another person's ticket: taking or reassigning it is a supervisor's (services.access);
        grey the buttons out and say why."""
        ctx = self.service.ctx
        theirs = record is not None and bool(record.assignee) and record.assignee != ctx.operator
        why = ""
        if theirs and ctx.role is not None and not access.may(ctx, access.Privilege.REASSIGN):
            why = access.AccessDenied(access.Privilege.REASSIGN, ctx.role).message(self.lang)
        for action in (Action.TAKE, Action.ASSIGN):
            button = self.buttons[action]
            button.setToolTip(why)
            if why:
                button.setEnabled(False)

    def _text_specs(self, rec: TicketRecord) -> dict[Action, TextSpec]:
        svc = self.service
        return {
            Action.ADD_LOG: (
                self.tr("Add log entry"),
                self.tr("Entry"),
                "text",
                lambda t, since: svc.add_log(rec.id, t, since),
            ),
            Action.PROGRESS: (
                self.tr("Progress update"),
                self.tr("What the requester was told"),
                "text",
                lambda t, since: svc.progress_update(rec.id, t, since),
            ),
            Action.CLOSE: (
                self.tr("Close"),
                self.tr("Reason for closing"),
                "close_reason",
                lambda t, _since: svc.close(rec.id, rec.version, t),
            ),
            Action.REOPEN: (
                self.tr("Reopen"),
                self.tr("Reason for reopening"),
                "reopen_reason",
                lambda t, _since: svc.reopen(rec.id, rec.version, t),
            ),
        }

    def action_dialog(self, action: Action) -> ActionDialog | None:
        """The dialog an action needs (not shown yet), or None for one that runs at once."""
        rec = self.record
        if rec is None:
            return None
        specs = self._text_specs(rec)
        if action in specs:
            title, label, key, run = specs[action]
            optional = action is Action.CLOSE and rec.feedback_resolved is True
            note = self.tr("The requester confirmed the fix; a reason is optional.")
            return TextActionDialog(
                self.window(),
                self.service,
                rec,
                title=title,
                label=label,
                key=key,
                run=run,
                required=not optional,
                note=note if optional else "",
            )
        kind = _DIALOGS.get(action)
        return kind(self.window(), self.service, rec) if kind is not None else None  # type: ignore[call-arg]

    def _on_button_clicked(self, action: Action) -> None:
        dialog = self.action_dialog(action)
        if dialog is not None:
            dialog.exec()
            self.finish_action(dialog)
            dialog.deleteLater()
        else:
            self.run_direct(action)

    def run_direct(self, action: Action) -> None:
        """Take or end a wait: no input needed; off the window's thread, waited for a while.

        Pressing the button again after the wait was given up on is a retry of the same
        attempt: it starts from the same version, so it cannot apply twice.
        """
        rec = self.record
        if rec is None or action not in (Action.TAKE, Action.END_WAIT):
            return
        saver = self._direct.get((action, rec.version))
        if saver is None:
            saver = BoundedSave(self, self.service.release_thread, status=self.status)
            saver.slow_ms, saver.limit_ms = self.slow_ms, self.limit_ms
            saver.landed.connect(self._on_direct_landed)
            saver.failed.connect(self._on_direct_failed)
            saver.waiting.connect(lambda on, a=action: self._on_direct_waiting(a, on))
            self._direct = {(action, rec.version): saver}
        svc = self.service
        run = svc.take if action is Action.TAKE else svc.end_wait
        saver.start(lambda attempt: self._direct_attempt(run, rec, attempt))

    def _direct_attempt(
        self, run: Callable[[int, int], TicketRecord], rec: TicketRecord, attempt: int
    ) -> TicketRecord:
        try:
            return run(rec.id, rec.version)
        except ConflictError as exc:  # a retry: did our first attempt get through?
            if attempt > 1 and exc.changed_by == self.service.ctx.operator:
                fresh = self.service.get(rec.id)
                if fresh.version == rec.version + 1:
                    return fresh
            raise

    @property
    def direct_saving(self) -> bool:
        return any(saver.saving for saver in self._direct.values())

    def _on_direct_waiting(self, action: Action, waiting: bool) -> None:
        self.buttons[action].setEnabled(not waiting)

    def _on_direct_landed(self, saved: TicketRecord) -> None:
        self._direct = {}
        self.action_finished.emit(saved)

    def _on_direct_failed(self, exc: DeskError) -> None:
        self.show_error(exc)
        self.action_finished.emit(None)

    def finish_action(self, dialog: ActionDialog) -> None:
        """After an action dialog closed: show a failure plainly; report the outcome."""
        if dialog.failure is not None:
            self.show_error(dialog.failure)
        self.action_finished.emit(dialog.result_record)

    def show_error(self, exc: DeskError) -> None:
        QMessageBox.warning(self.window(), self.tr("Worksheet"), exc.message(self.lang))
