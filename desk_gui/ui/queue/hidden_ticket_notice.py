"""A status-bar notice for a ticket just saved that the queue's filters hide, with a link to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class HiddenTicketNotice(QWidget):
    """Hidden until ``show_ticket``; its link button emits ``open_requested`` with the id."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hiddenTicketNotice")
        self._ticket_id: int | None = None
        self.label = QLabel(self)
        self.label.setObjectName("hiddenTicketText")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("hiddenTicketOpen")
        self.open_button.setFlat(True)
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.setStyleSheet("color: palette(link); text-decoration: underline;")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.open_button)
        self.hide()

    @property
    def ticket_id(self) -> int | None:
        return self._ticket_id

    def show_ticket(self, ticket_id: int, number: str) -> None:
        self._ticket_id = ticket_id
        self.label.setText(
            self.tr("Ticket {number} saved; the current filters hide it.").format(number=number)
        )
        self.open_button.setText(self.tr("Open {number}").format(number=number))
        self.show()

    def clear(self) -> None:
        self._ticket_id = None
        self.hide()

    def _on_open_button_clicked(self) -> None:
        ticket_id = self._ticket_id
        self.clear()
        if ticket_id is not None:
            self.open_requested.emit(ticket_id)
