"""The question before a new ticket form: restore the newest draft that was never saved?"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_gui.ui.intake.drafts import DraftStore, SavedDraft


def offer_restore(parent: QWidget | None, store: DraftStore) -> SavedDraft | None:
    """Ask whether to restore the newest unsaved draft; discard it if the user says so."""
    saved = store.latest()
    if saved is None:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("TicketFormDialog", "Unsaved ticket"))
    when = saved.saved_at.strftime("%Y-%m-%d %H:%M") if saved.saved_at else "?"
    title = saved.draft.title or saved.draft.requester or "…"
    box.setText(
        QCoreApplication.translate(
            "TicketFormDialog", "A ticket typed at %1 was not saved: “%2”. Restore it?"
        )
        .replace("%1", when)
        .replace("%2", title)
    )
    restore = box.addButton(
        QCoreApplication.translate("TicketFormDialog", "Restore"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    discard = box.addButton(
        QCoreApplication.translate("TicketFormDialog", "Discard it"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(
        QCoreApplication.translate("TicketFormDialog", "Not now"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.exec()
    if box.clickedButton() is restore:
        return saved
    if box.clickedButton() is discard:
        store.discard(saved.draft_id)
    return None
