"""The requester's verdict: resolved yes/no, and a rating or a 1–5 score."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from desk_gui.domain.enums import YES_NO, Satisfaction
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.lang import is_zh
from desk_gui.domain.resolution import feedback_rating
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.form_fields import combo_value, fill_enum_combo
from desk_gui.ui.worksheet.action_base import ActionDialog


class FeedbackDialog(ActionDialog):
    """是 keeps the ticket resolved (then it may be closed); 否 sends it back to handling."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord
    ) -> None:
        super().__init__(parent, service, record, self.tr("Record feedback"))
        index = 0 if is_zh(self.lang) else 1
        self.yes_radio = QRadioButton(YES_NO[True][index])
        self.yes_radio.setObjectName("feedbackYes")
        self.no_radio = QRadioButton(YES_NO[False][index])
        self.no_radio.setObjectName("feedbackNo")
        self.yes_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.yes_radio)
        group.addButton(self.no_radio)
        verdict = QWidget()
        verdict.setObjectName("feedbackResolved")
        row = QHBoxLayout(verdict)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes_radio)
        row.addWidget(self.no_radio)
        row.addStretch(1)
        self.rating_combo = QComboBox()
        self.rating_combo.setObjectName("satisfactionCombo")
        fill_enum_combo(self.rating_combo, Satisfaction, self.tr("— not given —"))
        self.score_spin = QSpinBox()
        self.score_spin.setObjectName("scoreSpin")
        self.score_spin.setRange(0, 5)
        self.score_spin.setSpecialValueText(self.tr("— no score —"))
        self.score_spin.valueChanged.connect(self._on_score_spin_value_changed)
        self.comment_edit = QLineEdit()
        self.comment_edit.setObjectName("feedbackCommentEdit")
        self.add_field("resolved", self.tr("Resolved?"), verdict, required=True)
        self.add_field("satisfaction", self.tr("Satisfaction"), self.rating_combo)
        self.add_field("score", self.tr("Score (1–5)"), self.score_spin)
        self.add_field("comment", self.tr("Comment"), self.comment_edit)
        self.add_note(
            self.tr(
                "A score gives the rating: 5–4 satisfied, 3 fairly, 2–1 dissatisfied. "
                "A rating and a score must agree."
            )
        )
        for changed in (self.rating_combo.currentIndexChanged, self.score_spin.valueChanged):
            self.clear_when_valid("satisfaction", changed, self._rating_agrees)

    def _rating_agrees(self) -> bool:
        try:
            feedback_rating(
                combo_value(self.rating_combo, Satisfaction), self.score_spin.value() or None
            )
        except RuleViolation:
            return False
        return True

    def _on_score_spin_value_changed(self, value: int) -> None:
        """A score fills in a rating not chosen yet; it never replaces one the requester gave."""
        if value and combo_value(self.rating_combo, Satisfaction) is None:
            self.rating_combo.setCurrentIndex(
                self.rating_combo.findData(Satisfaction.from_score(value).value)
            )

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        score = self.score_spin.value() or None
        resolved = self.yes_radio.isChecked()
        satisfaction = combo_value(self.rating_combo, Satisfaction)
        comment, service, rec = self.comment_edit.text(), self.service, self.record
        return lambda _since: service.record_feedback(
            rec.id, rec.version, resolved, satisfaction=satisfaction, score=score, comment=comment
        )
