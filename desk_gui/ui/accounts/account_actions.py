"""The window's account actions (sign out, password, staff and accounts, audit trail), and the
greying-out of what the signed-in person's role does not allow, with the reason as tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desk_gui.domain.roles import Role
from desk_gui.services import access
from desk_gui.services.access import Privilege

if TYPE_CHECKING:
    from desk_gui.ui.queue.window_base import QueueWindow


class AccountActions(QObject):
    """Adds the account actions to the Tools menu and applies the role to other actions."""

    def __init__(
        self,
        window: QueueWindow,
        tools_menu: Any,
        guarded: dict[str, Privilege],
        restart: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.w = window
        self._restart = restart
        self.session = window.session
        self.sign_in_required = self.session.workspace.sign_in_required()
        self.sign_out = self._act("actionSignOut", self.tr("Sign ou&t"), self.do_sign_out)
        self.password = self._act(
            "actionChangePassword", self.tr("Change pass&word…"), self.change_password
        )
        self.staff = self._act(
            "actionStaffAccounts", self.tr("Staff and a&ccounts…"), self.open_staff_accounts
        )
        self.audit = self._act("actionAuditTrail", self.tr("A&udit trail…"), self.open_audit)
        tools_menu.addSeparator()
        tools_menu.addActions([self.staff, self.audit, self.password, self.sign_out])
        tools_menu.setToolTipsVisible(True)
        signed = self.session.ctx.role is not None
        self.sign_out.setVisible(signed)
        self.password.setVisible(signed)
        self._guard(self.audit, Privilege.VIEW_AUDIT)
        if self.sign_in_required:  # the name comes from the sign-in, not from a list
            for action in window.findChildren(QAction, "actionOperator"):
                action.setVisible(False)
        for name, privilege in guarded.items():
            for action in window.findChildren(QAction, name):
                self._guard(action, privilege)

    def _act(self, name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.w)
        action.setObjectName(name)
        action.triggered.connect(lambda *_: slot())
        self.w.addAction(action)
        return action

    def _guard(self, action: QAction, privilege: Privilege) -> None:
        """Grey out what the role does not allow and say why (the service refuses anyway)."""
        ctx = self.session.ctx
        if access.may(ctx, privilege):
            return
        action.setEnabled(False)
        why = access.AccessDenied(privilege, ctx.role or Role.AGENT).message(self.session.lang)
        action.setToolTip(why)
        action.setStatusTip(why)

    # -- commands ------------------------------------------------------------------------------

    def do_sign_out(self) -> None:
        """Sign out, then ask who signs in next; nobody: the window closes."""
        from desk_gui.ui.accounts.sign_in_dialog import SignInDialog

        workspace = self.session.workspace
        if self.session.ctx.role is None:
            return  # nobody signed in (the action is hidden then)
        workspace.sign_out()
        self.w.hide()
        if SignInDialog.ask(None, workspace, self.session.lang) is None:
            self.w.close()
            return
        self.session.prefs.set_operator(workspace.ctx.operator)
        self._restart()  # a fresh window for the person now signed in

    def change_password(self) -> None:
        from desk_gui.ui.accounts.password_dialog import PasswordDialog

        if self.session.ctx.role is None:
            return  # no account signed in (the action is hidden then)
        if PasswordDialog.ask(self.w, self.session.workspace, self.session.lang):
            self.w.statusBar().showMessage(self.tr("Password changed."), 5000)

    def open_staff_accounts(self) -> None:
        from desk_gui.ui.accounts.staff_accounts_dialog import StaffAccountsDialog

        before = self.session.ctx.operator, self.session.ctx.role
        StaffAccountsDialog.ask(self.w, self.session.workspace, self.session.lang)
        if (self.session.ctx.operator, self.session.ctx.role) != before:
            self.session.prefs.set_operator(self.session.ctx.operator)
            self._restart()  # signed in as the first administrator

    def open_audit(self) -> None:
        from desk_gui.ui.accounts.audit_dialog import AuditDialog

        AuditDialog.ask(self.w, self.session.ctx, self.session.lang)
