"""Every window write outside the worksheet, on a share that fails or hangs: staff and accounts,
the account form, settings, SLA settings, a knowledge article, a problem record.

Each case wraps the service call the dialog makes: its first call fails (an I/O error, a full
share, a read-only share) or hangs until the test lets it answer. The dialog must say so, keep
what was typed, leave the window's thread free (a timer keeps ticking while the save hangs) and
save exactly once on retry, whether the hung first attempt lands before or after the retry.
(The worksheet's saves are tried on a real faulty share: tests/faults/test_window_faults.py.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableWidgetItem

from desk_gui.domain.roles import Role
from desk_gui.services import accounts, passwords
from desk_gui.services.context import Context
from desk_gui.services.errors import DatabaseIOError, DatabaseReadOnly, DiskFull, StoreError
from desk_gui.services.settings import load_settings
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.error_dialog import ErrorDialog
from tests.gui.conftest import wait_while

FAULTS: dict[str, tuple[type[StoreError], str]] = {
    "eio": (DatabaseIOError, "read/write error"),
    "full": (DiskFull, "is full"),
    "readonly": (DatabaseReadOnly, "read-only"),
}


class Share:
    """Wraps one service function: the first call fails or hangs, later ones go through."""

    def __init__(self, fault: str) -> None:
        self.fault = fault
        self.answer = threading.Event()
        self.calls = 0

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == 1:
                if self.fault == "hang":
                    assert self.answer.wait(60), "the test never let the share answer"
                else:
                    raise FAULTS[self.fault][0]("injected by the test")
            return real(*args, **kwargs)

        return call


@dataclass
class Case:
    """How to open one dialog, fill it, press its save, read its state and count the saves."""

    open: Callable[[Workspace, pytest.MonkeyPatch, Share, Any], Any]
    press: Callable[[Any], None]
    busy: Callable[[Any], bool]
    said: Callable[[Any, list[str]], str]  # what the user was told
    kept: Callable[[Any], bool]  # what was typed is still in the dialog
    saved: Callable[[Workspace], int]  # how many times the save is in the database


def _told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(
        ErrorDialog,
        "show_error",
        classmethod(lambda cls, p, exc, lang: told.append(exc.message(lang))),
    )
    return told


def _limits(obj: Any) -> None:
    obj.slow_ms, obj.limit_ms = 20, 150


# -- staff and accounts: disable an account -----------------------------------------------------


def _open_staff(ws: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any) -> Any:
    from desk_gui.ui.accounts.staff_accounts_dialog import StaffAccountsDialog

    ws.sign_in("王管理", "admin-pass-1")
    mp.setattr(accounts, "set_disabled", share.wrap(accounts.set_disabled))
    dialog = StaffAccountsDialog(ws, "en")
    _limits(dialog)
    dialog.select("李坐席")
    return dialog


STAFF = Case(
    _open_staff,
    lambda d: d.disable_button.click(),
    lambda d: d.saving,
    lambda d, told: " ".join([d.status.text(), *told]),
    lambda d: d.table.rowCount() == 2,
    lambda ws: int({a.name: a for a in accounts.list_accounts()}["李坐席"].disabled),
)

# -- the account form: add an account -----------------------------------------------------------


def _open_add(ws: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any) -> Any:
    from desk_gui.ui.accounts.account_form_dialog import AccountFormDialog, Mode

    ws.sign_in("王管理", "admin-pass-1")
    mp.setattr(accounts, "add_account", share.wrap(accounts.add_account))
    dialog = AccountFormDialog(ws, "en", Mode.ADD)
    _limits(dialog.check)
    dialog.name_edit.setText("赵新人")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.SUPERVISOR.value))
    dialog.password_edit.setText("new-person-1")
    dialog.repeat_edit.setText("new-person-1")
    return dialog


ADD = Case(
    _open_add,
    lambda d: d.buttons.button(QDialogButtonBox.StandardButton.Ok).click(),
    lambda d: d.check.busy,
    lambda d, told: " ".join([d.note.text(), d.error_label.text(), *told]),
    lambda d: d.name_edit.text() == "赵新人" and d.password_edit.text() == "new-person-1",
    lambda ws: sum(a.name == "赵新人" for a in accounts.list_accounts()),
)

# -- settings: the office's name ----------------------------------------------------------------


def _open_settings(ws: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any) -> Any:
    from desk_gui.ui.settings import settings_save
    from desk_gui.ui.settings.settings_dialog import SettingsDialog

    mp.setattr(settings_save, "save_settings", share.wrap(settings_save.save_settings))
    dialog = SettingsDialog(
        prefs, ws.target, Context("王管理", role=Role.ADMIN), "en", lambda t, lang: (True, t)
    )
    _limits(dialog.saver)
    dialog.office_name_edit.setText("北京分公司 IT")
    return dialog


SETTINGS = Case(
    _open_settings,
    lambda d: d.buttons.button(QDialogButtonBox.StandardButton.Ok).click(),
    lambda d: d.saver.saving,
    lambda d, told: " ".join([d.saver.status.text(), *told]),
    lambda d: d.office_name_edit.text() == "北京分公司 IT",
    lambda ws: load_settings().revision,
)

# -- SLA settings: a response target -------------------------------------------------------------


def _open_sla(ws: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any) -> Any:
    from desk_gui.domain.enums import Priority
    from desk_gui.ui.settings import sla_settings_dialog as module

    mp.setattr(module, "save_sla", share.wrap(module.save_sla))
    dialog = module.SlaSettingsDialog(load_settings(), Context("王管理", role=Role.ADMIN))
    _limits(dialog.saver)
    dialog.targets_editor.rows[Priority.P2]["respond_minutes"].setValue(60)
    return dialog


def _p2_respond(dialog: Any) -> bool:
    from desk_gui.domain.enums import Priority

    return bool(dialog.targets_editor.rows[Priority.P2]["respond_minutes"].value() == 60)


SLA = Case(
    _open_sla,
    lambda d: d.buttons.button(QDialogButtonBox.StandardButton.Ok).click(),
    lambda d: d.saver.saving,
    lambda d, told: " ".join([d.saver.status.text(), *told]),
    _p2_respond,
    lambda ws: load_settings().revision,
)

# -- a new knowledge article --------------------------------------------------------------------


def _open_article(ws: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any) -> Any:
    from desk_gui.ui.kb.article_editor import ArticleEditorDialog

    kb = ws.kb
    mp.setattr(kb, "create", share.wrap(kb.create))
    dialog = ArticleEditorDialog(kb)
    _limits(dialog.saver)
    dialog.title_edit.setText("打印机显示脱机")
    dialog.solution_edit.setPlainText("把打印机端口改回 USB001")
    return dialog


ARTICLE = Case(
    _open_article,
    lambda d: d.save_button.click(),
    lambda d: d.saver.saving,
    lambda d, told: " ".join([d.saver.status.text(), d.banner.text(), *told]),
    lambda d: d.solution_edit.toPlainText() == "把打印机端口改回 USB001",
    lambda ws: sum(a.title == "打印机显示脱机" for a in ws.kb.all_articles()),
)

# -- a new problem record -----------------------------------------------------------------------


def _open_problem(ws: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any) -> Any:
    from desk_gui.services.problems import ProblemService
    from desk_gui.ui.common.background import Jobs
    from desk_gui.ui.common.session import Session
    from desk_gui.ui.report.problem_dialog import ProblemDialog
    from tests.gui.conftest import make_draft

    ticket = ws.tickets.create(make_draft(1))
    mp.setattr(ProblemService, "save_or_create", share.wrap(ProblemService.save_or_create))
    jobs = Jobs(ws.release_thread)
    dialog = ProblemDialog(Session(ws, "en", prefs), jobs, ticket_ids=[ticket.id])
    wait_while(lambda: dialog.record is None)
    _limits(dialog)
    dialog.workaround.setPlainText("手动导入新证书")
    dialog.whys.setItem(0, 0, QTableWidgetItem("为什么连不上？"))
    return dialog


PROBLEM = Case(
    _open_problem,
    lambda d: d.save_button.click(),
    lambda d: d.saving,
    lambda d, told: " ".join([d.status_line.text(), d.message.text(), *told]),
    lambda d: d.workaround.toPlainText() == "手动导入新证书",
    lambda ws: _problems(),
)


def _problems() -> int:
    from desk_gui.store.models import Problem

    return int(Problem.select().count())


CASES = {
    "staff": STAFF,
    "account": ADD,
    "settings": SETTINGS,
    "sla": SLA,
    "article": ARTICLE,
    "problem": PROBLEM,
}


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "COST", passwords.Cost(log_n=10))


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    """An administrator and an agent."""
    accounts.create_first_admin(workspace.ctx, "王管理", "admin-pass-1")
    admin = Context(operator="王管理", role=Role.ADMIN)
    accounts.add_account(admin, "李坐席", Role.AGENT, "agent-pass-1")
    return workspace


def _open(
    case: Case, office: Workspace, mp: pytest.MonkeyPatch, share: Share, prefs: Any, qtbot: Any
) -> Any:
    dialog = case.open(office, mp, share, prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_failed_save_says_why_keeps_the_input_and_retries_once(
    qtbot: Any,
    office: Workspace,
    prefs: Any,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    fault: str,
) -> None:
    case, share, told = CASES[name], Share(fault), _told(monkeypatch)
    dialog = _open(case, office, monkeypatch, share, prefs, qtbot)
    before = case.saved(office)
    case.press(dialog)
    wait_while(lambda: case.busy(dialog))
    said = case.said(dialog, told)
    assert FAULTS[fault][1] in said, said
    assert "damaged" not in said and "backup" not in said.lower()
    assert case.kept(dialog) and case.saved(office) == before
    case.press(dialog)  # the share answers again: Retry
    wait_while(lambda: case.busy(dialog))
    assert case.saved(office) == before + 1, case.said(dialog, told)


@pytest.mark.parametrize("retry", [False, True], ids=["wait", "retry"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hung_save_keeps_the_window_free_and_lands_once(
    qtbot: Any,
    office: Workspace,
    prefs: Any,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    retry: bool,
) -> None:
    from desk_gui.ui.common.bounded import BoundedCall

    case, share, told = CASES[name], Share("hang"), _told(monkeypatch)
    dialog = _open(case, office, monkeypatch, share, prefs, qtbot)
    before = case.saved(office)
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(5)
    case.press(dialog)
    start = ticks[0]
    wait_while(lambda: "has not answered" not in case.said(dialog, told))
    assert "has not answered" in case.said(dialog, told)
    assert ticks[0] > start, "the window's timer stopped while the save hung"
    assert not case.busy(dialog) and case.kept(dialog) and case.saved(office) == before
    if retry:
        case.press(dialog)  # goes through while the first attempt still hangs
        wait_while(lambda: case.busy(dialog))
    share.answer.set()  # the first attempt lands (or finds the retry's save) late
    wait_while(lambda: BoundedCall.live > 0)
    QApplication.processEvents()
    assert case.saved(office) == before + 1, case.said(dialog, told)
    timer.stop()
