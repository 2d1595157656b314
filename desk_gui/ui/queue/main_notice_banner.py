"""An inline banner above the queue announcing new P1 tickets, with Open and Dismiss."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desk_gui.services.queue import QueueRow


class NoticeBanner(QFrame):
    """Hidden until a P1 ticket arrives; ``open_requested`` carries the ticket id."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("p1Banner")
        self.setAccessibleName(self.tr("New P1 ticket"))
        self._ticket_id: int | None = None
        self._built = False
        self.hide()

    def _build(self) -> None:
        """Its style, text and buttons: built for the first P1 (issue 11: not before the
        window's first paint, which never shows it)."""
        self._built = True
        self.setStyleSheet(
            "#p1Banner { background: #fde7e9; border: 1px solid #d13438; border-radius: 4px; }"
            "#p1Banner QLabel { color: #750b1c; font-weight: bold; }"
        )
        self.label = QLabel(self)
        self.label.setObjectName("p1BannerText")
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("p1BannerOpen")
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setObjectName("p1BannerDismiss")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)

    @property
    def built(self) -> bool:
        """Whether its text and buttons exist yet (the first P1 builds them)."""
        return self._built

    @property
    def ticket_id(self) -> int | None:
        return self._ticket_id

    def show_p1(self, rows: list[QueueRow]) -> str:
        """Announce the newest of ``rows``; the text shown."""
        newest = rows[-1]
        self._ticket_id = newest.id
        if not self._built:
            self._build()
        if len(rows) == 1:
            text = self.tr("New P1 ticket {number}: {title} ({department})").format(
                number=newest.number, title=newest.title, department=newest.department
            )
        else:
            text = self.tr("{count} new P1 tickets, the latest {number}: {title}").format(
                count=len(rows), number=newest.number, title=newest.title
            )
        self.label.setText("⚠ " + text)
        self.show()
        return text

    def _on_open_button_clicked(self) -> None:
        if self._ticket_id is not None:
            self.open_requested.emit(self._ticket_id)
        self.hide()
