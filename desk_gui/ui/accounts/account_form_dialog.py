"""One account's form: the first administrator, a new account, or a password reset."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.roles import Role
from desk_gui.services import accounts
from desk_gui.services.workspace import Workspace
from desk_gui.ui.accounts.password_check import checked_buttons, error_label, password_edit


class Mode(Enum):
    FIRST_ADMIN = "first"
    ADD = "add"
    RESET = "reset"


class AccountFormDialog(QDialog):
    """Name, role and password (twice); saved through the accounts service."""

    def __init__(
        self,
        workspace: Workspace,
        lang: str,
        mode: Mode,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountFormDialog")
        self.ctx, self.lang, self.mode = workspace.ctx, lang, mode
        self._attempts = 0
        title, text = self._texts(mode, name)
        self.setWindowTitle(title)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("accountName")
        self.name_edit.setReadOnly(mode is Mode.RESET)
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("accountRole")
        for role in Role:
            self.role_combo.addItem(role.label(lang), role.value)
        self.role_combo.setCurrentIndex(2 if mode is Mode.FIRST_ADMIN else 0)
        self.role_combo.setEnabled(mode is Mode.ADD)
        self.password_edit = password_edit(self, "accountPassword")
        self.repeat_edit = password_edit(self, "accountRepeat")
        self.error_label = error_label(self, "accountError")
        self.buttons, self.note, self.check = checked_buttons(
            self, self._on_buttons_accepted, workspace.release_thread
        )
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Repeat:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _texts(self, mode: Mode, name: str) -> tuple[str, str]:
        """The window title and the explanation for ``mode``."""
        titles = {
            Mode.FIRST_ADMIN: self.tr("Create the first administrator"),
            Mode.ADD: self.tr("Add an account"),
            Mode.RESET: self.tr("Reset password"),
        }
        intros = {
            Mode.FIRST_ADMIN: self.tr(
                "The first account is an administrator's. Once it exists, everyone signs in"
                " with a password (an administrator can turn this off under Staff and accounts)."
            ),
            Mode.ADD: self.tr("The new person chooses their own password at the first sign-in."),
            Mode.RESET: self.tr(
                "Give {name} a temporary password; they choose their own at the next sign-in."
            ).format(name=name),
        }
        return titles[mode], intros[mode]

    def _save(self) -> Callable[[], None]:
        """The service call for this mode, with the form's values (run off the thread).

        A retry (the first attempt given up on, a hung share) that finds the account as asked
        is that first attempt having got through, not an error.
        """
        ctx, mode = self.ctx, self.mode
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        role = Role(self.role_combo.currentData())
        self._attempts += 1
        retry = self._attempts > 1

        def save() -> None:
            try:
                if mode is Mode.FIRST_ADMIN:
                    accounts.create_first_admin(ctx, name, password)
                elif mode is Mode.ADD:
                    accounts.add_account(ctx, name, role, password)
                else:
                    accounts.reset_password(ctx, name, password)
            except DeskError:
                wanted = Role.ADMIN if mode is Mode.FIRST_ADMIN else role
                added = mode is not Mode.RESET and accounts.has_account(name, wanted)
                if not (retry and added):
                    raise

        return save

    def _on_buttons_accepted(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("The two passwords differ."))
            self.error_label.show()
            return
        self.error_label.hide()
        self.check.run(self._save(), lambda _result: self.accept(), self._failed)

    def _failed(self, exc: DeskError) -> None:
        self.error_label.setText(exc.message(self.lang))
        self.error_label.show()

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, lang: str, mode: Mode, name: str = ""
    ) -> bool:
        return cls(workspace, lang, mode, name, parent).exec() == QDialog.DialogCode.Accepted
