"""The accounts in the window: sign-in, greyed-out actions that say why, staff and audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from desk_gui.domain.roles import Role
from desk_gui.services import accounts, passwords
from desk_gui.services.context import Context
from desk_gui.services.workspace import Workspace
from desk_gui.ui.accounts.account_form_dialog import AccountFormDialog, Mode
from desk_gui.ui.accounts.audit_dialog import AuditDialog
from desk_gui.ui.accounts.sign_in_dialog import SignInDialog
from desk_gui.ui.accounts.staff_accounts_dialog import StaffAccountsDialog
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.common.session import Session
from desk_gui.ui.queue.main_window import MainWindow
from tests.gui.conftest import settle, wait_while


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "COST", passwords.Cost(log_n=10))


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    """An administrator, a supervisor and an agent; sign-in required."""
    accounts.create_first_admin(workspace.ctx, "王管理", "admin-pass-1")
    admin = Context(operator="王管理", role=Role.ADMIN)
    accounts.add_account(admin, "周主管", Role.SUPERVISOR, "super-pass-1")
    accounts.add_account(admin, "李坐席", Role.AGENT, "agent-pass-1")
    accounts.reset_password(admin, "李坐席", "agent-pass-1")
    accounts.change_password(
        Context(operator="李坐席", role=Role.AGENT), "agent-pass-1", "agent-pass-2"
    )
    return workspace


def _ok(dialog: Any, qtbot: Any) -> None:
    """Click OK and wait for the password check, which runs off the window's thread."""
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.buttons.isEnabled()  # busy: the buttons wait
    qtbot.waitUntil(lambda: not dialog.check.busy, timeout=10000)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sign_in_dialog_refuses_a_wrong_password_and_says_why(
    qtbot: Any, office: Workspace, lang: str
) -> None:
    dialog = SignInDialog(office, lang, "李坐席")
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "李坐席"
    dialog.password_edit.setText("wrong")
    _ok(dialog, qtbot)
    assert not dialog.isVisible() or dialog.result() == 0
    text = dialog.error_label.text()
    assert ("密码不正确" in text) if lang == "zh" else ("password is wrong" in text)
    assert {a.name: a for a in accounts.list_accounts()}["李坐席"].failed_attempts == 1
    dialog.password_edit.setText("agent-pass-2")
    _ok(dialog, qtbot)
    assert dialog.signed is not None and office.ctx.role is Role.AGENT
    assert office.ctx.operator == "李坐席"


def test_windows_account_is_prefilled_when_nothing_is_remembered(
    office: Workspace, qtbot: Any
) -> None:
    office.ctx.os_user = "wangxm"
    dialog = SignInDialog(office, "en")
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "wangxm"
    assert "not proof" in dialog.findChild(type(dialog.error_label), "signInHint").text()


def _window(qtbot: Any, workspace: Workspace, prefs: WorkstationPrefs) -> MainWindow:
    window = MainWindow(Session(workspace, "en", prefs))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    return window


def _action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_an_agent_sees_supervisor_actions_greyed_with_the_reason(
    qtbot: Any, office: Workspace, prefs: WorkstationPrefs
) -> None:
    office.sign_in("李坐席", "agent-pass-2")
    window = _window(qtbot, office, prefs)
    for name in ("actionSlaSettings", "actionAuditTrail", "actionStaffAccounts"):
        action = _action(window, name)
        assert not action.isEnabled(), name
        assert "your role is agent" in action.toolTip(), name
    assert not _action(window, "actionOperator").isVisible()  # the name comes from sign-in
    assert _action(window, "actionSignOut").isVisible()
    window.stop_timers()


def test_a_supervisor_gets_them(qtbot: Any, office: Workspace, prefs: WorkstationPrefs) -> None:
    office.sign_in("周主管", "super-pass-1")
    window = _window(qtbot, office, prefs)
    assert _action(window, "actionSlaSettings").isEnabled()
    assert _action(window, "actionAuditTrail").isEnabled()
    window.stop_timers()


def test_settings_dialog_greys_office_and_staff_for_an_agent(
    qtbot: Any, office: Workspace, prefs: WorkstationPrefs
) -> None:
    from desk_gui.ui.settings.settings_dialog import SettingsDialog

    office.sign_in("李坐席", "agent-pass-2")
    dialog = SettingsDialog(prefs, office.target, office.ctx, "zh", lambda t, lang: (True, t))
    qtbot.addWidget(dialog)
    assert not dialog.office_name_edit.isEnabled() and not dialog.staff_table.isEnabled()
    assert "坐席" in dialog.office_why.text() and "主管" in dialog.office_why.text()
    assert "share" in dialog.findChild(type(dialog.office_why), "honestyNote").text()


def test_staff_accounts_dialog_adds_resets_and_unlocks(qtbot: Any, office: Workspace) -> None:
    office.sign_in("王管理", "admin-pass-1")
    dialog = StaffAccountsDialog(office, "en")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3 and dialog.required_box.isChecked()
    form = AccountFormDialog(office, "en", Mode.ADD)
    qtbot.addWidget(form)
    form.name_edit.setText("赵新人")
    form.role_combo.setCurrentIndex(1)
    form.password_edit.setText("new-person-1")
    form.repeat_edit.setText("new-person-1")
    _ok(form, qtbot)
    assert form.error_label.isHidden(), form.error_label.text()
    dialog.refresh()
    assert dialog.table.rowCount() == 4
    added = {a.name: a for a in accounts.list_accounts()}["赵新人"]
    assert added.role is Role.SUPERVISOR and added.must_change
    dialog.select("李坐席")
    assert dialog.unlock_button.isEnabled() and dialog.reset_button.isEnabled()
    dialog.unlock_button.click()
    wait_while(lambda: dialog.saving)
    dialog.select("李坐席")
    dialog.disable_button.click()
    wait_while(lambda: dialog.saving)
    assert {a.name: a for a in accounts.list_accounts()}["李坐席"].disabled


def test_staff_accounts_dialog_for_a_supervisor_says_why(qtbot: Any, office: Workspace) -> None:
    office.sign_in("周主管", "super-pass-1")
    dialog = StaffAccountsDialog(office, "en")
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled() and not dialog.required_box.isEnabled()
    assert "Only an administrator" in dialog.why_label.text()


def test_audit_dialog_lists_and_exports(qtbot: Any, office: Workspace, tmp_path: Path) -> None:
    office.sign_in("周主管", "super-pass-1")
    dialog = AuditDialog(office.ctx, "en")
    qtbot.addWidget(dialog)
    assert dialog.refresh()
    cells = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"sign-in", "account added", "password reset"} <= cells
    assert dialog.export_to(str(tmp_path / "a.csv")) >= 5
    assert "王管理" in (tmp_path / "a.csv").read_text("utf-8-sig")


def _ticket_of_zhang(office: Workspace) -> Any:
    from desk_gui.services.workflow import WorkflowService
    from tests.gui.conftest import make_draft

    zhang = WorkflowService(Context(operator="张坐席", role=Role.AGENT))
    rec = zhang.create(make_draft(1))
    rec = zhang.take(rec.id, rec.version)
    return zhang.add_attachment(rec.id, "a.log", b"log")


def test_worksheet_greys_taking_another_persons_ticket_and_deleting_for_an_agent(
    qtbot: Any, office: Workspace
) -> None:
    from desk_gui.domain.transitions import Action
    from desk_gui.services.workflow import WorkflowService
    from desk_gui.ui.worksheet.form_actions import TicketActionBar
    from desk_gui.ui.worksheet.form_attachment_panel import AttachmentPanel

    accounts.add_account(
        Context(operator="王管理", role=Role.ADMIN), "张坐席", Role.AGENT, "zhang-pass-1"
    )
    rec = _ticket_of_zhang(office)
    agent = WorkflowService(Context(operator="李坐席", role=Role.AGENT))
    actions = TicketActionBar(agent)
    qtbot.addWidget(actions)
    actions.set_state(rec, editing=False, locked=False)
    assign = actions.buttons[Action.ASSIGN]
    assert not assign.isEnabled() and "your role is agent" in assign.toolTip()
    panel = AttachmentPanel(agent, "en")
    qtbot.addWidget(panel)
    panel.set_attachments(rec.id, rec.attachments)
    panel.list_widget.setCurrentRow(0)
    assert not panel.delete_button.isHidden() and not panel.delete_button.isEnabled()
    assert "delete attachments" in panel.delete_button.toolTip()
    panel.delete(rec.attachments[0].id)  # the service refuses as well
    wait_while(lambda: panel.saving)
    assert "delete attachments" in panel.error_label.text()
    assert len(agent.get(rec.id).attachments) == 1
    supervisor = WorkflowService(Context(operator="周主管", role=Role.SUPERVISOR))
    mine = TicketActionBar(supervisor)
    qtbot.addWidget(mine)
    mine.set_state(rec, editing=False, locked=False)
    assert mine.buttons[Action.ASSIGN].isEnabled()
    panel = AttachmentPanel(supervisor, "en")
    qtbot.addWidget(panel)
    panel.set_attachments(rec.id, rec.attachments)
    panel.list_widget.setCurrentRow(0)
    assert panel.delete_button.isEnabled()
    panel.delete(rec.attachments[0].id)
    wait_while(lambda: panel.saving)
    assert supervisor.get(rec.id).attachments == ()
