"""Signing in: name (the Windows account prefilled, a hint only) and password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.services.accounts import SignedIn
from desk_gui.services.workspace import Workspace
from desk_gui.ui.accounts.password_check import checked_buttons, error_label, password_edit


class SignInDialog(QDialog):
    """Ask for a name and password; the workspace checks them (counted, audited)."""

    def __init__(
        self, workspace: Workspace, lang: str, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to Desk"))
        self.workspace = workspace
        self.lang = lang
        self.signed: SignedIn | None = None
        os_user = workspace.ctx.os_user
        intro = QLabel(
            self.tr(
                "This office requires staff to sign in. Your name signs every handling-log"
                " entry and every line of the audit trail."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name or os_user, self)
        self.name_edit.setObjectName("signInName")
        self.password_edit = password_edit(self, "signInPassword")
        hint = self._hint(workspace)
        self.error_label = error_label(self, "signInError")
        self.buttons, self.note, self.check = checked_buttons(
            self, self._on_buttons_accepted, workspace.release_thread
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password_edit if self.name_edit.text() else self.name_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _hint(self, workspace: Workspace) -> QLabel:
        """The Windows account and PC, said to be a hint (anyone can set USERNAME)."""
        hint = QLabel(
            self.tr("Windows account: {user} on {pc} (shown as a hint, it is not proof)").format(
                user=workspace.ctx.os_user or "?", pc=workspace.ctx.workstation
            ),
            self,
        )
        hint.setObjectName("signInHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        return hint

    def _on_buttons_accepted(self) -> None:
        name, password = self.name_edit.text(), self.password_edit.text()
        self.error_label.hide()
        self.check.run(lambda: self.workspace.sign_in(name, password), self._signed, self._refused)

    def _signed(self, signed: SignedIn) -> None:
        self.signed = signed
        self.accept()

    def _refused(self, exc: DeskError) -> None:
        self.password_edit.clear()
        self.error_label.setText(exc.message(self.lang))
        self.error_label.show()
        self.password_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, lang: str, name: str = ""
    ) -> SignedIn | None:
        """Signed in (the workspace acts as that person), or None when cancelled."""
        dialog = cls(workspace, lang, name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed is None:
            return None
        if dialog.signed.must_change:
            from desk_gui.ui.accounts.password_dialog import PasswordDialog

            if not PasswordDialog.ask(parent, workspace, lang, forced=True):
                workspace.sign_out()
                return None
        return dialog.signed
