"""Changing one's own password (also right after an administrator's reset)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.services import accounts
from desk_gui.services.workspace import Workspace
from desk_gui.ui.accounts.password_check import checked_buttons, error_label, password_edit


class PasswordDialog(QDialog):
    """Current password, new one twice."""

    def __init__(
        self, workspace: Workspace, lang: str, forced: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.workspace = workspace
        self.lang = lang
        text = (
            self.tr("An administrator reset your password: choose your own now.")
            if forced
            else self.tr("Choose a new password of at least 8 characters.")
        )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.old_edit = password_edit(self, "oldPassword")
        self.new_edit = password_edit(self, "newPassword")
        self.repeat_edit = password_edit(self, "repeatPassword")
        self.error_label = error_label(self, "passwordError")
        self._attempts = 0
        self.buttons, self.note, self.check = checked_buttons(
            self, self._on_buttons_accepted, workspace.release_thread
        )
        form = QFormLayout()
        form.addRow(self.tr("Current password:"), self.old_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("Repeat:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(400)

    def _fail(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _on_buttons_accepted(self) -> None:
        if self.new_edit.text() != self.repeat_edit.text():
            self._fail(self.tr("The two new passwords differ."))
            return
        self.error_label.hide()
        ctx, old, new = self.workspace.ctx, self.old_edit.text(), self.new_edit.text()
        self._attempts += 1
        retry = self._attempts > 1

        def change() -> None:
            try:
                accounts.change_password(ctx, old, new)
            except DeskError:
                # A retry after a hung share: the first attempt may have changed it already.
                if not (retry and accounts.has_password(ctx.operator, new)):
                    raise

        self.check.run(change, lambda _r: self.accept(), lambda e: self._fail(e.message(self.lang)))

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, lang: str, forced: bool = False
    ) -> bool:
        return cls(workspace, lang, forced, parent).exec() == QDialog.DialogCode.Accepted
