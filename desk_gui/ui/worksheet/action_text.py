"""One text box actions: a log entry, a progress update, closing or reopening with a reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.worksheet.action_base import ActionDialog


class TextActionDialog(ActionDialog):
    """An action that needs one text; the caller gives the (translated) wording and the call."""

    def __init__(
        self,
        parent: QWidget | None,
        service: WorkflowService,
        record: TicketRecord,
        *,
        title: str,
        label: str,
        key: str,
        run: Callable[[str, datetime | None], TicketRecord],
        required: bool = True,
        note: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__(parent, service, record, title)
        self._run = run
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("actionTextEdit")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(placeholder)
        self.text_edit.setMinimumHeight(90)
        self.add_field(key, label, self.text_edit, required=required)
        if note:
            self.add_note(note)
        self.text_edit.setFocus()

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        text, run = self.text_edit.toPlainText().strip(), self._run
        return lambda since: run(text, since)
