"""The worksheet's heading: number, title, priority in its colour, status, related tickets."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desk_gui.domain.enums import status_text
from desk_gui.domain.ticket import TicketRecord
from desk_gui.ui.intake.form_ticket_fields import PRIORITY_COLOURS


class WorksheetHeader(QLabel):
    """Rich text; links to related tickets are activated through ``linkActivated``."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("worksheetHeader")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)

    def show_record(self, record: TicketRecord, lang: str, related_html: str) -> None:
        """``related_html``: the line naming the closed ticket followed up, or the follow-ups."""
        colour = PRIORITY_COLOURS.get(record.priority.value, "#333")
        related = f'<br><span style="font-size:11pt;">{related_html}</span>' if related_html else ""
        self.setText(
            f'<span style="font-size:15pt; font-weight:bold;">{record.number}</span>'
            f'&nbsp;&nbsp;<span style="font-size:13pt;">{_escape(record.title)}</span>'
            f'&nbsp;&nbsp;<span style="color:{colour}; font-weight:bold;">'
            f"{record.priority.label(lang)}</span>&nbsp;·&nbsp;"
            + _escape(status_text(record.status, record.waiting_on, lang))
            + related
        )


def _escape(text: str) -> str:
    return escape(text, quote=False)
