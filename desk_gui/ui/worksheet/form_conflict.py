"""What another workstation changed while we edited, and the two ways on: reload or re-apply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desk_gui.domain.enums import LogKind
from desk_gui.domain.fields import label as field_label
from desk_gui.domain.ticket import TicketRecord
from desk_gui.ui.common.form_fields import format_when

# Fields compared between the version we started from and the fresh one, in worksheet order.
COMPARED = (
    "title",
    "department",
    "description",
    "urgency",
    "requester",
    "contact",
    "submitted_at",
    "status",
    "assignee",
    "solution",
    "resolved_at",
    "remarks",
    "category",
    "impact",
    "channel",
    "priority",
    "tier",
    "device_model",
    "os",
    "software_version",
    "error_code",
)


@dataclass(frozen=True)
class FieldDifference:
    """One field that differs: its label and the two values as text."""

    key: str
    label: str
    old: str
    new: str


def _text(value: Any, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return format_when(value)
    if hasattr(value, "label"):
        return str(value.label(lang))
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def record_differences(base: TicketRecord, fresh: TicketRecord, lang: str) -> list[FieldDifference]:
    """The fields whose values differ between two versions of a ticket."""
    return [
        FieldDifference(key, field_label(key, lang), _text(old, lang), _text(new, lang))
        for key in COMPARED
        if (old := getattr(base, key)) != (new := getattr(fresh, key))
    ]


_SHOWN_AS_FIELDS = {LogKind.EDIT, LogKind.PRIORITY, LogKind.STATUS, LogKind.ASSIGN, LogKind.TIER}


def new_log_lines(base: TicketRecord, fresh: TicketRecord, lang: str, most: int = 6) -> list[str]:
    """The newest log entries written since ``base`` that field differences do not show."""
    lines = [
        f"{format_when(e.at)} {e.author}: {e.text_for(lang)}"
        for e in fresh.log[len(base.log) :]
        if e.kind not in _SHOWN_AS_FIELDS
    ]
    return lines[-most:]


class ConflictPanel(QFrame):
    """A notice inside the worksheet: who changed what and when; reload or re-apply my edits."""

    reload_requested = Signal()
    reapply_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("conflictPanel")
        self.setStyleSheet(
            "#conflictPanel { background:#fff4e5; border:1px solid #e0a040; border-radius:4px; }"
        )
        self.message_label = QLabel()
        self.message_label.setObjectName("conflictMessage")
        self.message_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Reload (drop my edits)"))
        self.reload_button.setObjectName("conflictReloadButton")
        self.reapply_button = QPushButton(self.tr("Apply my edits to the new version"))
        self.reapply_button.setObjectName("conflictReapplyButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.reapply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.reload_button.clicked.connect(self.reload_requested)
        self.reapply_button.clicked.connect(self.reapply_requested)
        self.hide()

    def show_conflict(
        self,
        fresh: TicketRecord,
        changed_by: str,
        changed_at: datetime | None,
        differences: list[FieldDifference],
        mine: set[str],
        new_log_lines: list[str],
    ) -> None:
        """Explain the conflict; ``mine`` are the keys the user edited too."""
        lines = [
            self.tr("Ticket %1 was changed by %2 at %3 while you were editing. Nothing was saved.")
            .replace("%1", fresh.number)
            .replace("%2", changed_by)
            .replace("%3", format_when(changed_at))
        ]
        for diff in differences:
            line = f"• {diff.label}: {diff.old} → {diff.new}"
            if diff.key in mine:
                line += "  " + self.tr("(you changed this too)")
            lines.append(line)
        for text in new_log_lines:
            lines.append("• " + self.tr("New log entry: %1").replace("%1", text))
        if len(lines) == 1:
            lines.append(self.tr("No field you can see changed (another action was recorded)."))
        self.message_label.setText("\n".join(lines))
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.message_label.text()
