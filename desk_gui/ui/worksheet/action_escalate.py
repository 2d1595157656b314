"""Escalate a ticket to a higher tier with the reason and a handover summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desk_gui.domain.enums import Tier
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.intake.form_suggestions import SuggestionList, select_name
from desk_gui.ui.worksheet.action_assign import chosen_name, staff_combo
from desk_gui.ui.worksheet.action_base import ActionDialog


class EscalateDialog(ActionDialog):
    """Hand over to L2 or an expert: tier, reason, what was already tried, optional assignee."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord
    ) -> None:
        super().__init__(parent, service, record, self.tr("Escalate"))
        self.tier_combo = QComboBox()
        self.tier_combo.setObjectName("tierCombo")
        order = list(Tier)
        for tier in order[order.index(record.tier) + 1 :]:
            self.tier_combo.addItem(tier.label(self.lang), tier.value)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(
            self.tr("e.g. not solved within 30 minutes; core business")
        )
        self.handover_edit = QPlainTextEdit()
        self.handover_edit.setObjectName("handoverEdit")
        self.handover_edit.setTabChangesFocus(True)
        self.handover_edit.setPlaceholderText(
            self.tr("Background and the steps already tried, so nobody asks the requester again")
        )
        self.assignee_combo = staff_combo(self.lang, optional_text=self.tr("— nobody yet —"))
        self.assignee_combo.setObjectName("assigneeCombo")
        self.add_declared("tier", self.tier_combo, required=True)
        self.add_field("reason", self.tr("Reason"), self.reason_edit, required=True)
        self.add_field("handover", self.tr("Handover summary"), self.handover_edit, required=True)
        self.add_declared("assignee", self.assignee_combo)
        self.clear_when_valid(
            "reason", self.reason_edit.textChanged, lambda: bool(self.reason_edit.text().strip())
        )
        self.clear_when_valid(
            "handover",
            self.handover_edit.textChanged,
            lambda: bool(self.handover_edit.toPlainText().strip()),
        )
        self.clear_when_valid("tier", self.tier_combo.currentIndexChanged, self._tier_is_valid)
        self.clear_when_valid("assignee", self.assignee_combo.currentIndexChanged, lambda: True)
        self.suggestion_list = SuggestionList()
        self.add_field("suggestions", self.tr("Suggested"), self.suggestion_list)
        self.suggestion_list.chosen.connect(self._on_suggestion_list_chosen)
        self.tier_combo.currentIndexChanged.connect(self._on_tier_combo_current_index_changed)
        self._on_tier_combo_current_index_changed()
        if self.tier_combo.count() == 0:
            self.show_error("tier", self.tr("The ticket is already at the highest tier."))
            self.ok_button.setEnabled(False)

    def _tier_is_valid(self) -> bool:
        return self.tier_combo.currentData() is not None

    def _on_tier_combo_current_index_changed(self, *_: object) -> None:
        """Suggest staff of the chosen tier; the best one preselected."""
        value = self.tier_combo.currentData()
        if value is None:
            self.suggestion_list.set_suggestions([])
            return
        top = self.suggestion_list.load(self.record.id, tier=Tier(value))
        if top:
            select_name(self.assignee_combo, top[0].name)
        else:
            self.assignee_combo.setCurrentIndex(0)

    def _on_suggestion_list_chosen(self, name: str) -> None:
        select_name(self.assignee_combo, name)

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        tier = Tier(self.tier_combo.currentData())
        assignee = chosen_name(self.assignee_combo) or None
        reason, handover = self.reason_edit.text(), self.handover_edit.toPlainText()
        service, rec = self.service, self.record
        return lambda _since: service.escalate(
            rec.id, rec.version, tier, reason, handover, assignee=assignee
        )
