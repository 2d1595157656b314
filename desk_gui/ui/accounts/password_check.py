"""A password check or change off the window's thread: a scrypt hash takes most of a second on
purpose, and the window never waits on it (nor on the database write that follows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS, BoundedCall


class PasswordCheck(QObject):
    """Runs one call at a time for a dialog; its buttons are off and a note shows meanwhile.

    The call is waited for a bounded time (``BoundedCall``): on a hung share the buttons come
    back and the note says so, so OK tries again or Cancel leaves. An attempt given up on that
    succeeds later still counts (its ``done`` runs once); a later one's outcome is dropped.
    """

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
        self._release = release
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self._call: BoundedCall | None = None
        self._done = False

    @property
    def busy(self) -> bool:
        return self._call is not None and self._call.running and not self._call.abandoned

    def run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[DeskError], None],
    ) -> None:
        """``fn()`` on its own thread; then ``done(result)`` or ``failed(error)`` here."""
        if self.busy or self._done:
            return
        self.buttons.setEnabled(False)
        self.note.setText(self.tr("Checking…"))
        self.note.show()
        call = BoundedCall(fn, self._release, self, slow_ms=self.slow_ms, limit_ms=self.limit_ms)
        call.gave_up.connect(self._on_call_gave_up)

        def finished(result: Any, error: DeskError | None) -> None:
            if self._done or (error is not None and call is not self._call):
                return
            self.buttons.setEnabled(True)
            self.note.hide()
            if error is None:
                self._done = True
                done(result)
            else:
                failed(error)

        call.finished.connect(finished)
        self._call = call
        call.start()

    def _on_call_gave_up(self) -> None:
        self.buttons.setEnabled(True)
        self.note.setText(
            self.tr(
                "The database has not answered for %1 seconds (the share may be hanging). "
                "Press OK to try again, or Cancel."
            ).replace("%1", f"{self.limit_ms / 1000:g}")
        )


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
