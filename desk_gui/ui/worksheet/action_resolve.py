"""Resolve a ticket: the solution (required) and the resolution time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QDateTimeEdit, QPlainTextEdit, QWidget

from desk_gui.domain.resolution import is_vague_solution
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.form_fields import from_qdatetime, to_qdatetime
from desk_gui.ui.worksheet.action_base import ActionDialog


class ResolveDialog(ActionDialog):
    """Record the final fix; the ticket becomes resolved and waits for the requester's word."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord
    ) -> None:
        super().__init__(parent, service, record, self.tr("Resolve"))
        self.solution_edit = QPlainTextEdit()
        self.solution_edit.setObjectName("solutionEdit")
        self.solution_edit.setTabChangesFocus(True)
        self.solution_edit.setMinimumHeight(100)
        self.solution_edit.setPlaceholderText(
            self.tr("The final fix, so the next person can reuse it")
        )
        self.resolved_edit = QDateTimeEdit(to_qdatetime(service.ctx.now()))
        self.resolved_edit.setObjectName("resolvedAtEdit")
        self.resolved_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.resolved_edit.setCalendarPopup(True)
        self.add_declared("solution", self.solution_edit, required=True)
        self.add_declared("resolved_at", self.resolved_edit)
        self.clear_when_valid(
            "solution",
            self.solution_edit.textChanged,
            lambda: not is_vague_solution(self.solution_edit.toPlainText()),
        )
        self.solution_edit.setFocus()

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        solution = self.solution_edit.toPlainText()
        at = from_qdatetime(self.resolved_edit.dateTime())
        service, rec = self.service, self.record
        return lambda _since: service.resolve(rec.id, rec.version, solution, resolved_at=at)
