"""Staff and accounts: who may sign in, with which role; lock-outs; the sign-in switch."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.roles import Role
from desk_gui.services import access, accounts
from desk_gui.services.workspace import Workspace
from desk_gui.ui.accounts.account_form_dialog import AccountFormDialog, Mode
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.error_dialog import ErrorDialog


def honesty_note() -> str:
    """What roles can and cannot do on a shared file (shown wherever roles are set)."""
    return QCoreApplication.translate(
        "Accounts",
        "On a shared database file, anyone who can open the file can change any row with other"
        " tools: roles here are guardrails and a record of who did what. The real boundary is"
        " the share's folder permissions (only the Desk users' group may modify the folder)."
        " On PostgreSQL the server enforces the roles.",
    )


class StaffAccountsDialog(QDialog):
    """The accounts table and an administrator's actions on the selected one."""

    def __init__(self, workspace: Workspace, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffAccountsDialog")
        self.setWindowTitle(self.tr("Staff and accounts"))
        self.workspace, self.ctx, self.lang = workspace, workspace.ctx, lang
        self.table = self._table()
        self.first_button = self._button(
            "firstAdminButton", self.tr("Create the first administrator…"), self._on_first
        )
        self.add_button = self._button("addAccountButton", self.tr("Add…"), self._on_add)
        self.role_button = self._button("roleButton", self.tr("Role…"), self._on_role)
        self.reset_button = self._button("resetButton", self.tr("Reset password…"), self._on_reset)
        self.disable_button = self._button("disableButton", self.tr("Disable"), self._on_disable)
        self.unlock_button = self._button("unlockButton", self.tr("Unlock"), self._on_unlock)
        self.required_box = QCheckBox(self.tr("Staff must sign in with a password"), self)
        self.required_box.setObjectName("signInRequired")
        self.required_box.clicked.connect(self._on_required_box_clicked)
        self.why_label = QLabel(self)
        self.why_label.setObjectName("accountsWhy")
        self.why_label.setWordWrap(True)
        note = QLabel(honesty_note(), self)
        note.setObjectName("honestyNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.first_button, self.add_button, self.role_button, self.reset_button,
                  self.disable_button, self.unlock_button):  # fmt: skip
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.why_label)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.required_box)
        layout.addWidget(note)
        self.status = DialogStatus()
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self.saver: BoundedSave | None = None
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(720, 460)
        self.refresh()

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 3, self)
        table.setObjectName("accountsTable")
        table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("State")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        return table

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda *_: slot())
        return button

    def refresh(self) -> None:
        self.rows = accounts.list_accounts()
        now = self.ctx.now()
        self.table.setRowCount(len(self.rows))
        for i, a in enumerate(self.rows):
            state = self.tr("active")
            if a.disabled:
                state = self.tr("disabled")
            elif a.locked(now):
                state = self.tr("locked until {time}").format(time=f"{a.locked_until:%H:%M}")
            elif a.must_change:
                state = self.tr("must choose a password")
            for col, text in enumerate((a.name, a.role.label(self.lang), state)):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.required_box.setChecked(self.workspace.sign_in_required())
        self._update_buttons()

    def _selected(self) -> accounts.AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        admin = access.may(self.ctx, access.Privilege.ACCOUNTS) and self.ctx.role is not None
        first = not self.rows
        chosen = self._selected()
        self.first_button.setVisible(first)
        for b in (self.add_button, self.role_button, self.reset_button, self.disable_button,
                  self.unlock_button):  # fmt: skip
            b.setVisible(not first)
            b.setEnabled(admin and (b is self.add_button or chosen is not None))
        self.required_box.setEnabled(admin)
        if chosen is not None:
            self.disable_button.setText(
                self.tr("Enable") if chosen.disabled else self.tr("Disable")
            )
        if first:
            why = self.tr("No accounts yet: anyone may work here under a chosen name.")
        elif admin:
            why = self.tr("You are an administrator: select an account to change it.")
        else:
            why = access.AccessDenied(
                access.Privilege.ACCOUNTS, self.ctx.role or Role.AGENT
            ).message(self.lang)
        self.why_label.setText(why)

    def _write(self, fn: Callable[[], object]) -> None:
        """One change off the window's thread, waited for a bounded time (each sets a value,
        so pressing the button again after a give-up cannot apply it twice)."""
        if self.saver is not None and self.saver.saving:
            return
        saver = BoundedSave(self, self.workspace.release_thread, None, self.status)
        saver.slow_ms, saver.limit_ms = self.slow_ms, self.limit_ms
        saver.landed.connect(lambda _result: self.refresh())
        saver.failed.connect(self._on_saver_failed)
        self.saver = saver
        saver.start(lambda _attempt: fn())

    @property
    def saving(self) -> bool:
        return self.saver is not None and self.saver.saving

    def _on_saver_failed(self, exc: DeskError) -> None:
        ErrorDialog.show_error(self, exc, self.lang)
        with contextlib.suppress(DeskError):
            self.refresh()

    def _on_first(self) -> None:
        if AccountFormDialog.ask(self, self.workspace, self.lang, Mode.FIRST_ADMIN):
            from desk_gui.ui.accounts.sign_in_dialog import SignInDialog

            name = accounts.list_accounts()[0].name
            SignInDialog.ask(self, self.workspace, self.lang, name)
        self.refresh()

    def _on_add(self) -> None:
        AccountFormDialog.ask(self, self.workspace, self.lang, Mode.ADD)
        self.refresh()

    def _on_role(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        labels = [r.label(self.lang) for r in Role]
        label, ok = QInputDialog.getItem(
            self, self.tr("Role"), self.tr("Role of {name}:").format(name=chosen.name), labels,
            list(Role).index(chosen.role), False,
        )  # fmt: skip
        if ok:
            role = list(Role)[labels.index(label)]
            self._write(lambda: accounts.set_role(self.ctx, chosen.name, role))

    def _on_reset(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            AccountFormDialog.ask(self, self.workspace, self.lang, Mode.RESET, chosen.name)
            self.refresh()

    def _on_disable(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            disabled = not chosen.disabled
            self._write(lambda: accounts.set_disabled(self.ctx, chosen.name, disabled))

    def _on_unlock(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._write(lambda: accounts.unlock(self.ctx, chosen.name))

    def _on_required_box_clicked(self, checked: bool) -> None:
        self._write(lambda: accounts.set_sign_in_required(self.ctx, checked))

    def select(self, name: str) -> None:
        for i, a in enumerate(self.rows):
            if a.name == name:
                self.table.selectRow(i)
                return

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace, lang: str) -> None:
        cls(workspace, lang, parent).exec()
