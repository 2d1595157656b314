"""Assign a ticket to a staff member."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services import directory
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.intake.form_suggestions import SuggestionList, select_name
from desk_gui.ui.worksheet.action_base import ActionDialog


def staff_combo(lang: str, current: str | None = None, optional_text: str = "") -> QComboBox:
    """An editable combo of active staff, "name (tier)", the name as data."""
    combo = QComboBox()
    combo.setEditable(True)
    if optional_text:
        combo.addItem(optional_text, "")
    try:
        staff = directory.list_staff(active_only=True)
    except DeskError:
        staff = []
    for member in staff:
        combo.addItem(f"{member.name} ({member.tier.label(lang)})", member.name)
    index = combo.findData(current) if current else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if optional_text else -1))
    return combo


def chosen_name(combo: QComboBox) -> str:
    """The staff name chosen or typed."""
    index = combo.findText(combo.currentText())
    if index >= 0 and combo.itemData(index) is not None:
        return str(combo.itemData(index))
    return combo.currentText().strip()


class AssignDialog(ActionDialog):
    """Give the ticket to someone (the status stays; the assignee takes it)."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord
    ) -> None:
        super().__init__(parent, service, record, self.tr("Assign"))
        self.staff_combo = staff_combo(self.lang)
        self.staff_combo.setObjectName("assigneeCombo")
        self.add_declared("assignee", self.staff_combo, required=True)
        self.suggestion_list = SuggestionList()
        self.add_field("suggestions", self.tr("Suggested"), self.suggestion_list)
        self.add_note(
            self.tr(
                "Ranked by matching skills, then by open tickets weighted by priority "
                "(P1 = 4, P2 = 3, P3 = 2, P4 = 1)."
            )
        )
        self.suggestion_list.chosen.connect(self._on_suggestion_list_chosen)
        self.suggestion_list.load(record.id)
        select_name(self.staff_combo, self.suggestion_list.top())

    def _on_suggestion_list_chosen(self, name: str) -> None:
        select_name(self.staff_combo, name)

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        service, rec, name = self.service, self.record, chosen_name(self.staff_combo)
        return lambda _since: service.assign(rec.id, rec.version, name)
