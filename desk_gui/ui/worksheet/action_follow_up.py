"""Log a follow-up of a closed ticket: a new ticket for the same requester, linked to the old."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desk_gui.domain.enums import Channel, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.domain.vague_text import is_vague
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.form_fields import combo_value, fill_enum_combo
from desk_gui.ui.worksheet.action_base import ActionDialog


class FollowUpDialog(ActionDialog):
    """What happened now; requester, department, category and contact come from the old ticket."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord
    ) -> None:
        super().__init__(parent, service, record, self.tr("Follow up"))
        self._token = f"follow-up-{uuid.uuid4().hex}"  # a retry makes one follow-up
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("followUpTitleEdit")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("followUpDescriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(90)
        self.description_edit.setPlaceholderText(
            self.tr("What happens now: symptom, who is affected, since when, what was tried")
        )
        self.urgency_combo = self._combo("followUpUrgencyCombo", Urgency)
        self.impact_combo = self._combo("followUpImpactCombo", Impact)
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("followUpChannelCombo")
        fill_enum_combo(self.channel_combo, Channel)
        copied = " · ".join((record.requester, record.department, record.category.label(self.lang)))
        self.add_note(
            self.tr("A new ticket linked to %1. Copied from it: %2.")
            .replace("%1", record.number)
            .replace("%2", copied)
        )
        self.add_declared("title", self.title_edit, required=True)
        self.add_declared("description", self.description_edit, required=True)
        self.add_declared("urgency", self.urgency_combo, required=True)
        self.add_declared("impact", self.impact_combo, required=True)
        self.add_declared("channel", self.channel_combo)
        self._clear_errors_when_fixed()
        self.title_edit.setFocus()

    def _clear_errors_when_fixed(self) -> None:
        title, text = self.title_edit, self.description_edit
        self.clear_when_valid("title", title.textChanged, lambda: bool(title.text().strip()))
        self.clear_when_valid(
            "description", text.textChanged, lambda: not is_vague(text.toPlainText())
        )
        for key, combo in (("urgency", self.urgency_combo), ("impact", self.impact_combo)):
            self.clear_when_valid(key, combo.currentIndexChanged, _chosen(combo))

    def _combo(self, name: str, enum: type[Urgency] | type[Impact]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        fill_enum_combo(combo, enum, self.tr("— choose —"))
        return combo

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        draft = TicketDraft(
            title=self.title_edit.text(),
            description=self.description_edit.toPlainText(),
            urgency=combo_value(self.urgency_combo, Urgency),
            impact=combo_value(self.impact_combo, Impact),
            channel=combo_value(self.channel_combo, Channel) or Channel.PHONE,
        )
        service, rec, token = self.service, self.record, self._token
        return lambda _since: service.follow_up(rec.id, draft, token=token)


def _chosen(combo: QComboBox) -> Callable[[], bool]:
    """Whether ``combo`` has a choice, asked later (one closure per combo)."""
    return lambda: combo.currentData() is not None
