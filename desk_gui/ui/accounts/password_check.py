"""A password check or change off the window's thread: a scrypt hash takes most of a second on
purpose, and the window never waits on it (nor on the database write that follows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.ui.common.background import Job, Jobs


class PasswordCheck(QObject):
    """Runs one call at a time for a dialog; its buttons are off and a note shows meanwhile."""

    def __init__(
        self,
        dialog: QDialog,
        buttons: QDialogButtonBox,
        note: QLabel,
        release: Callable[[], None],
    ) -> None:
        super().__init__(dialog)
        self.buttons = buttons
        self.note = note
        self.jobs = Jobs(release, self)
        dialog.finished.connect(lambda _code: self.jobs.shutdown())

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[DeskError], None],
    ) -> None:
        """``fn()`` on a worker; then ``done(result)`` or ``failed(error)`` here."""
        self.buttons.setEnabled(False)
        self.note.setText(self.tr("Checking…"))
        self.note.show()

        def work(_job: Job) -> Any:
            return fn()

        def finished(result: Any) -> None:
            self.buttons.setEnabled(True)
            self.note.hide()
            done(result)

        def went_wrong(exc: DeskError) -> None:
            self.buttons.setEnabled(True)
            self.note.hide()
            failed(exc)

        self.jobs.submit("password", work, finished, went_wrong)


def password_edit(parent: QWidget, name: str) -> QLineEdit:
    """A line edit that shows dots."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def error_label(parent: QWidget, name: str) -> QLabel:
    """The red, wrapping line under an account form that says what was refused (hidden at first)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def checked_buttons(
    dialog: QDialog, accepted: Callable[[], None], release: Callable[[], None]
) -> tuple[QDialogButtonBox, QLabel, PasswordCheck]:
    """OK / Cancel of an account form, the note shown while a check runs, and that check."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(accepted)
    note = QLabel(dialog)
    note.hide()
    check = PasswordCheck(dialog, buttons, note, release)
    buttons.rejected.connect(dialog.reject)
    return buttons, note, check
