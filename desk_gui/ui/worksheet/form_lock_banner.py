"""The worksheet's lock banner: who else edits this ticket, or why our own lock is in trouble."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel

BANNER_STYLE = "background:#e8f0fe; color:#0b3d91; border:1px solid #9db7e8; padding:6px;"


class LockBanner(QLabel):
    """Hidden while nobody else holds the lock and our own renewals are fine."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lockBanner")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self.holder: tuple[str, str, datetime] | None = None
        self.hide()

    def show_holder(self, held: tuple[str, str, datetime] | None) -> None:
        """Name who holds the lock (holder, workstation, until) and what they block, or hide."""
        self.holder = held
        if held is not None:
            holder, workstation, until = held
            self.setText(
                self.tr(
                    "Being edited by %1 (%2) until %3 at the latest. Until then nobody else can "
                    "change this ticket: no edits, status actions, log entries, progress "
                    "updates or attachments."
                )
                .replace("%1", holder)
                .replace("%2", workstation)
                .replace("%3", until.strftime("%H:%M"))
            )
        self.setVisible(held is not None)

    def show_trouble(self, text: str) -> None:
        """Our own lock's renewal failed or hangs (``text``), or is fine again (``""``)."""
        if text:
            self.setText(text)
            self.show()
        elif self.holder is None:
            self.hide()
