"""The worksheet view over real services: labels, actions per status, rules, conflicts, locks."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk_gui.domain import fields as F
from desk_gui.domain.enums import Status
from desk_gui.domain.fields import FIELDS, template_fields
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.transitions import Action
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded import BoundedCall
from desk_gui.ui.worksheet.action_base import ActionDialog
from desk_gui.ui.worksheet.action_resolve import ResolveDialog
from desk_gui.ui.worksheet.form_worksheet_fields import WorksheetFieldsPanel
from desk_gui.ui.worksheet.worksheet_view import TEMPLATE_KEYS, WorksheetView
from tests.gui.conftest import click_ok, settled, wait_while

TS_FILE = Path(__file__).parents[2] / "resources" / "translations" / "desk_ticket_zh_CN.ts"


@pytest.fixture
def ticket(make_tickets: Callable[..., list[TicketRecord]]) -> TicketRecord:
    return make_tickets(1)[0]


@pytest.fixture
def view_of(qtbot: QtBot, workflow: WorkflowService) -> Iterator[Callable[..., WorksheetView]]:
    made: list[WorksheetView] = []

    def make(ticket_id: int, service: WorkflowService | None = None) -> WorksheetView:
        view = WorksheetView(service or workflow, ticket_id)
        qtbot.addWidget(view)
        view.show()
        made.append(view)
        return settled(view)

    yield make
    for view in made:  # its refresh timer must not fire once the database is closed
        with contextlib.suppress(RuntimeError):  # (already deleted)
            view.shutdown()


def other_workstation(
    operator: str = "李工程师", ahead: timedelta = timedelta(0)
) -> WorkflowService:
    """A second workstation on the same database file (its clock may run ahead)."""
    return WorkflowService(
        Context(operator, workstation="WS-B", clock=lambda: datetime.now() + ahead)
    )


def after_the_lease_lapsed(ticket_id: int) -> WorkflowService:
    """A second workstation that has watched the view's lock go unrenewed for a lease period
    on its own clock (the view's renewal timer does not fire within a test)."""
    ahead = [timedelta(0)]
    other = WorkflowService(
        Context("李工程师", workstation="WS-B", clock=lambda: datetime.now() + ahead[0])
    )
    assert other.lock_holder(ticket_id) is not None
    ahead[0] = timedelta(minutes=4)
    assert other.lock_holder(ticket_id) is None
    return other


def click_save(view: WorksheetView) -> None:
    """Save and wait for the outcome (the save runs off the window's thread)."""
    view.save_button.click()
    deadline = time.monotonic() + 60
    while view.saver.saving and time.monotonic() < deadline:
        QTest.qWait(5)
    assert not view.saver.saving, "the save did not end"
    settled(view)  # and what the outcome asked to be read again


def offered(view: WorksheetView) -> set[Action]:
    return {a for a, b in view.action_buttons.items() if b.isEnabled()}


def run_action(
    view: WorksheetView, action: Action, fill: Callable[[ActionDialog], None]
) -> ActionDialog:
    dialog = view.action_bar.action_dialog(action)
    assert dialog is not None
    fill(dialog)
    click_ok(dialog)
    if not dialog.isVisible() or dialog.result_record is not None:
        view.action_bar.finish_action(dialog)
    return dialog


def test_template_fields_in_order_in_english(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    view = view_of(ticket.id)
    assert view.objectName() == "worksheetView"
    assert view.fields.template_labels(TEMPLATE_KEYS) == [f.en for f in template_fields()]
    assert view.fields.displays["number"].text() == ticket.number
    assert view.fields.log_view.model().rowCount() == len(ticket.log)


@pytest.fixture
def chinese(tmp_path: Path) -> Iterator[None]:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "desk_ticket_zh_CN.qm"
    subprocess.run([lrelease, str(TS_FILE), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qm.unlink()
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QCoreApplication.removeTranslator(translator)


def test_template_fields_in_order_in_chinese(
    chinese: None, view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    view = view_of(ticket.id)
    assert view.fields.template_labels(TEMPLATE_KEYS) == [f.zh for f in template_fields()]
    assert view.fields.displays["status"].text() == "待处理"
    assert view.edit_button.text() == "修改"


def test_every_declared_screen_field_is_a_row_in_declared_order_and_editable_as_declared(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    view = view_of(ticket.id)
    shown = [f for f in FIELDS if f.screen]
    assert list(view.fields.label_widgets) == [f.key for f in shown]
    assert [w.text() for w in view.fields.label_widgets.values()] == [f.en for f in shown]
    assert set(view.fields.editors) == {f.key for f in FIELDS if f.editable}


def test_a_field_added_to_the_declaration_gets_its_row(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = F.Field("asset_tag", "资产编号", "Asset tag", F.Kind.TEXT, F.Entry.INTAKE)
    monkeypatch.setattr(F, "FIELDS", (*F.FIELDS, added))
    monkeypatch.setitem(F.BY_KEY, added.key, added)
    panel = WorksheetFieldsPanel("zh", {f.key: f.zh for f in F.FIELDS} | {"_extra": ""})
    qtbot.addWidget(panel)
    panel.build(TEMPLATE_KEYS)
    assert list(panel.label_widgets)[-1] == "asset_tag"
    assert panel.label_widgets["asset_tag"].text() == "资产编号"
    assert "asset_tag" in panel.editors


def test_log_model_passes_the_model_tester(
    qtmodeltester: object, view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    view = view_of(ticket.id)
    qtmodeltester.check(view.fields.log_view.log_model)  # type: ignore[attr-defined]


def _log_texts(view: WorksheetView) -> list[str]:
    model = view.fields.log_view.log_model
    return [str(model.index(r, 3).data()) for r in range(model.rowCount())]


def test_log_shows_generated_lines_in_the_ui_language(
    workflow: WorkflowService, view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    rec = workflow.take(ticket.id, ticket.version)
    workflow.add_log(rec.id, "检查网线")
    texts = _log_texts(view_of(ticket.id))
    assert "Status: Pending → In progress" in texts and "状态：待处理 → 处理中" not in texts
    assert "检查网线" in texts  # a typed note as typed


def test_log_shows_the_stored_chinese_in_chinese(
    chinese: None,
    workflow: WorkflowService,
    view_of: Callable[..., WorksheetView],
    ticket: TicketRecord,
) -> None:
    workflow.take(ticket.id, ticket.version)
    assert "状态：待处理 → 处理中" in _log_texts(view_of(ticket.id))


def test_actions_follow_the_status(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord, workflow: WorkflowService
) -> None:
    view = view_of(ticket.id)
    assert offered(view) == {
        Action.TAKE,
        Action.ASSIGN,
        Action.ESCALATE,
        Action.ADD_LOG,
        Action.PROGRESS,
        Action.RESOLVE,
    }
    assert view.edit_button.isEnabled()
    view.action_buttons[Action.TAKE].click()
    wait_while(lambda: view.action_bar.direct_saving)
    assert view.record is not None and view.record.status is Status.IN_PROGRESS
    assert Action.WAIT in offered(view) and Action.END_WAIT not in offered(view)
    run_action(view, Action.RESOLVE, lambda d: d.solution_edit.setPlainText("重启打印服务"))  # type: ignore[attr-defined]
    assert view.record.status is Status.RESOLVED
    assert offered(view) == {Action.FEEDBACK, Action.CLOSE, Action.REOPEN, Action.ADD_LOG}
    assert not view.action_buttons[Action.RESOLVE].isVisible()
    run_action(view, Action.CLOSE, lambda d: d.text_edit.setPlainText("3天未回复"))
    assert view.record.status is Status.CLOSED
    assert offered(view) == {Action.FOLLOW_UP}
    assert not view.edit_button.isEnabled()
    supervisor = WorkflowService(Context("王主管", supervisor=True))
    assert offered(view_of(ticket.id, supervisor)) == {
        Action.REOPEN,
        Action.ADD_LOG,
        Action.FOLLOW_UP,
    }


def test_resolve_without_solution_is_refused_beside_the_field(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord, workflow: WorkflowService
) -> None:
    view = view_of(ticket.id)
    dialog = view.action_bar.action_dialog(Action.RESOLVE)
    assert isinstance(dialog, ResolveDialog)
    click_ok(dialog)
    assert dialog.result_record is None
    assert "solution" in dialog.field_error("solution")
    assert workflow.get(ticket.id).status is Status.PENDING
    dialog.solution_edit.setPlainText("更换硒鼓")
    click_ok(dialog)
    assert dialog.result_record is not None
    view.action_bar.finish_action(dialog)
    assert view.fields.displays["solution"].text() == "更换硒鼓"
    assert view.fields.displays["status"].text() == "Resolved"


def test_feedback_and_close_reason(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord, workflow: WorkflowService
) -> None:
    rec = workflow.take(ticket.id, ticket.version)
    workflow.resolve(rec.id, rec.version, "重新安装驱动")
    view = view_of(ticket.id)
    refused = run_action(view, Action.CLOSE, lambda d: None)
    assert refused.field_error("close_reason")
    run_action(view, Action.FEEDBACK, lambda d: d.score_spin.setValue(4))  # type: ignore[attr-defined]
    assert view.fields.displays["feedback"].text() == "Yes; Satisfied (4/5)"
    closed = run_action(view, Action.CLOSE, lambda d: None)  # feedback said resolved
    assert closed.result_record is not None
    assert workflow.get(ticket.id).status is Status.CLOSED


def test_edit_saves_with_the_version_read_and_releases_the_lock(
    view_of: Callable[..., WorksheetView],
    ticket: TicketRecord,
    workflow: WorkflowService,
    qtbot: QtBot,
) -> None:
    view = view_of(ticket.id)
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    assert view.editing
    other = other_workstation()
    assert other.lock_holder(ticket.id) is not None
    view.fields.editors["title"].setText("打印机卡纸")  # type: ignore[attr-defined]
    with qtbot.waitSignal(view.ticket_saved):
        view.save_button.click()
    assert not view.editing
    assert workflow.get(ticket.id).title == "打印机卡纸"
    wait_while(lambda: BoundedCall.live > 0)  # the release runs off the window's thread too
    assert other.lock_holder(ticket.id) is None


def test_edit_shows_validation_beside_the_field(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    view = view_of(ticket.id)
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    view.fields.editors["title"].setText("")  # type: ignore[attr-defined]
    click_save(view)
    assert view.editing
    assert view.fields.field_error("title")


def test_conflict_shows_who_and_when_and_reload_works(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord, workflow: WorkflowService
) -> None:
    view = view_of(ticket.id)
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    view.fields.editors["remarks"].setPlainText("待供应商确认")  # type: ignore[attr-defined]
    # B's workstation saw A's lock lapse (A stopped renewing) and saves.
    other = after_the_lease_lapsed(ticket.id)
    fresh = other.get(ticket.id)
    other.update_fields(ticket.id, fresh.version, {"title": "打印机无法联网"})
    click_save(view)
    text = view.conflict_panel.text()
    assert "李工程师" in text
    assert "打印机无法联网" in text and "Title" in text
    assert view.editing
    assert workflow.get(ticket.id).remarks == ""  # never silently overwritten
    view.conflict_panel.reload_button.click()
    settled(view)
    assert not view.editing
    assert view.conflict_panel.text() == ""
    assert view.fields.displays["title"].text() == "打印机无法联网"


def test_conflict_reapply_puts_my_edits_on_the_fresh_version(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord, workflow: WorkflowService
) -> None:
    view = view_of(ticket.id)
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    view.fields.editors["remarks"].setPlainText("待供应商确认")  # type: ignore[attr-defined]
    after_the_lease_lapsed(ticket.id).progress_update(ticket.id, "已告知提交人正在处理")
    click_save(view)
    assert "已告知提交人正在处理" in view.conflict_panel.text()
    view.conflict_panel.reapply_button.click()
    assert view.fields.editors["remarks"].toPlainText() == "待供应商确认"  # type: ignore[attr-defined]
    click_save(view)
    saved = workflow.get(ticket.id)
    assert saved.remarks == "待供应商确认"
    assert any(e.text == "已告知提交人正在处理" for e in saved.log)


def test_lock_held_elsewhere_is_shown_and_editing_refused(
    view_of: Callable[..., WorksheetView], ticket: TicketRecord
) -> None:
    other = other_workstation()
    other.lock(ticket.id)
    view = view_of(ticket.id)
    assert "李工程师" in view.lock_banner.text() and "WS-B" in view.lock_banner.text()
    assert view.lock_banner.text().startswith("Being edited by")
    assert view.lock_banner.isVisible()
    assert not view.edit_button.isEnabled()
    assert not view.action_buttons[Action.TAKE].isEnabled()
    # The lock covers every change: no log entry or attachment either, and the banner says so.
    assert not view.action_buttons[Action.ADD_LOG].isEnabled()
    assert not view.attachment_panel.add_button.isEnabled()
    assert "log entries" in view.lock_banner.text() and "attachments" in view.lock_banner.text()
    other.unlock(ticket.id)
    settled(view).refresh_lock()
    settled(view)
    assert not view.lock_banner.isVisible()
    assert view.edit_button.isEnabled()


def test_overdue_deadline_is_marked(
    view_of: Callable[..., WorksheetView], make_tickets: Callable[..., list[TicketRecord]]
) -> None:
    old = make_tickets(1, submitted_at=datetime.now() - timedelta(days=2))[0]
    view = view_of(old.id)
    assert view.fields.displays["respond_due"].property("deadlineState") == "overdue"
    assert "overdue" in view.fields.displays["respond_due"].text()
