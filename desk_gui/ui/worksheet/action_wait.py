"""Put a ticket on hold while it waits on the requester, a vendor or another department."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QHBoxLayout, QLineEdit, QWidget

from desk_gui.domain.enums import WaitingOn
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.form_fields import fill_enum_combo, from_qdatetime, to_qdatetime
from desk_gui.ui.worksheet.action_base import ActionDialog


class WaitDialog(ActionDialog):
    """Waiting on whom, the contact person there, the expected date; the clock pauses."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord
    ) -> None:
        super().__init__(parent, service, record, self.tr("Wait"))
        self.waiting_combo = QComboBox()
        self.waiting_combo.setObjectName("waitingOnCombo")
        fill_enum_combo(self.waiting_combo, WaitingOn)
        self.contact_edit = QLineEdit()
        self.contact_edit.setObjectName("waitingContactEdit")
        self.contact_edit.setPlaceholderText(self.tr("Name and extension of the contact person"))
        self.until_check = QCheckBox(self.tr("Expected by"))
        self.until_check.setObjectName("waitingUntilCheck")
        self.until_edit = QDateTimeEdit(to_qdatetime(service.ctx.now() + timedelta(days=1)))
        self.until_edit.setObjectName("waitingUntilEdit")
        self.until_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setEnabled(False)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        until_row = QWidget()
        row = QHBoxLayout(until_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.until_check)
        row.addWidget(self.until_edit, 1)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("waitingNoteEdit")
        self.add_field("waiting_on", self.tr("Waiting on"), self.waiting_combo, required=True)
        self.add_field("waiting_contact", self.tr("Contact person"), self.contact_edit)
        self.add_field("waiting_until", self.tr("Expected date"), until_row)
        self.add_field("note", self.tr("Note"), self.note_edit)
        self.add_note(self.tr("The deadlines pause while the ticket waits."))

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        until = from_qdatetime(self.until_edit.dateTime()) if self.until_check.isChecked() else None
        on = WaitingOn(self.waiting_combo.currentData())
        contact, note = self.contact_edit.text(), self.note_edit.text().strip()
        service, rec = self.service, self.record
        return lambda _since: service.start_wait(
            rec.id, rec.version, on, contact=contact, until=until, note=note
        )
