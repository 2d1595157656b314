"""A save on a share that hangs: the form says so, stops waiting, keeps everything typed and
offers Retry, and the first attempt landing late never makes a second ticket."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.intake.ticket_form import TicketFormDialog
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import settled, wait_while
from tests.gui.test_ticket_form import fill_valid, saved_ticket


class HungShare(WorkflowService):
    """The real service whose writes stall inside their transaction (the write lock held,
    as on a share that stopped answering mid-save) until ``answer`` is set."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.answer = threading.Event()

    def _claim_number(self, submitted: datetime, wanted: str | None) -> str:
        assert self.answer.wait(60), "the test never let the share answer"
        return super()._claim_number(submitted, wanted)


@pytest.fixture
def hung(workflow: WorkflowService) -> HungShare:
    return HungShare(workflow.ctx)


@pytest.fixture
def form(qtbot: QtBot, hung: HungShare) -> TicketFormDialog:
    dialog = TicketFormDialog(hung)
    dialog.slow_ms, dialog.limit_ms = 50, 300
    qtbot.addWidget(dialog)
    dialog.show()
    fill_valid(dialog.fields)
    assert dialog.fields.attachments.add("error.png", b"\x89PNG screenshot")
    return dialog


def _tickets(workflow: WorkflowService) -> list[Any]:
    from desk_gui.services.queue import QueueFilter, QueueService, SortKey

    return QueueService().fetch_page(QueueFilter(), SortKey.NUMBER)


def _gave_up(qtbot: QtBot, form: TicketFormDialog) -> None:
    qtbot.waitUntil(lambda: "Still saving" in form.banner_text(), timeout=5000)
    qtbot.waitUntil(lambda: form.save_button.text() == "Retry", timeout=5000)
    assert "has not answered for 0.3 seconds" in form.banner_text()
    assert "may not be saved yet" in form.banner_text()
    assert form.isVisible() and form.save_button.isEnabled()
    assert form.fields.title_edit.text() == "CRM系统数据库连接错误"  # the form is kept


def test_the_form_stops_waiting_and_a_late_first_save_closes_it(
    qtbot: QtBot, form: TicketFormDialog, hung: HungShare, workflow: WorkflowService
) -> None:
    form.save_button.click()
    assert form.saving and not form.save_button.isEnabled()
    _gave_up(qtbot, form)
    assert form.created is None
    hung.answer.set()  # the share answers: the first attempt lands after all
    qtbot.waitUntil(lambda: form.created is not None, timeout=10000)
    assert not form.isVisible()
    assert [t.number for t in _tickets(workflow)] == [form.created.number]


def test_retry_while_the_first_attempt_hangs_saves_one_ticket(
    qtbot: QtBot, form: TicketFormDialog, hung: HungShare, workflow: WorkflowService
) -> None:
    form.save_button.click()
    _gave_up(qtbot, form)
    form.save_button.click()  # Retry: it queues behind the hung attempt's write lock
    assert form.saving
    hung.answer.set()
    record = saved_ticket(form)  # waits for the retry too: it found the first's ticket
    assert record is not None
    assert [t.number for t in _tickets(workflow)] == [record.number]
    assert [a.filename for a in workflow.get(record.id).attachments] == ["error.png"]


def test_retry_after_the_share_recovers_saves_once(
    qtbot: QtBot, form: TicketFormDialog, hung: HungShare, workflow: WorkflowService
) -> None:
    form.save_button.click()
    _gave_up(qtbot, form)
    hung.answer.set()
    form.save_button.click()  # Retry, racing the first attempt's late answer
    record = saved_ticket(form)
    assert record is not None
    qtbot.wait(200)  # whichever answer comes second must change nothing
    assert [t.number for t in _tickets(workflow)] == [record.number]
    assert [a.filename for a in workflow.get(record.id).attachments] == ["error.png"]
    assert form.created == record


def test_the_same_token_makes_one_ticket_in_the_service(workflow: WorkflowService) -> None:
    from tests.gui.conftest import make_draft

    first = workflow.create(make_draft(1), token="draft-1")
    again = workflow.create(make_draft(1), token="draft-1")
    other = workflow.create(make_draft(1), token="draft-2")
    assert again.id == first.id and other.id != first.id
    assert len(_tickets(workflow)) == 2


class HungEdit(WorkflowService):
    """Field saves stall until ``answer`` is set: inside their transaction, or (``after``)
    once it committed, while the worker closes its connection to the share."""

    def __init__(self, ctx: Context, after: bool = False) -> None:
        super().__init__(ctx)
        self.answer = threading.Event()
        self.after = after
        self.stalled = 0
        self._saved_here = threading.local()

    def _stall(self) -> None:
        self.stalled += 1
        if self.stalled == 1:  # the first attempt only; a retry goes through
            assert self.answer.wait(60), "the test never let the share answer"

    def update_fields(self, *args: Any, **kwargs: Any) -> Any:
        if not self.after:
            self._check_lock = lambda row: self._stall()  # type: ignore[method-assign]
        self._saved_here.armed = True
        return super().update_fields(*args, **kwargs)

    def release_thread(self) -> None:
        if self.after and getattr(self._saved_here, "armed", False):  # a save's, not a lock's
            self._saved_here.armed = False
            self._stall()
        super().release_thread()


@pytest.mark.parametrize(
    ("retry", "after"), [(False, False), (True, False), (True, True)], ids=["wait", "retry", "late"]
)
def test_a_worksheet_save_on_a_hung_share_is_bounded_and_applied_once(
    qtbot: QtBot, workflow: WorkflowService, retry: bool, after: bool
) -> None:
    # late: the first attempt committed, then the share hung: its answer comes last, and the
    # retry's conflict with it is recognised as our own edit, not shown as someone else's.
    from tests.gui.conftest import make_draft

    record = workflow.create(make_draft(1))
    hung = HungEdit(workflow.ctx, after=after)
    view = WorksheetView(hung, record.id)
    qtbot.addWidget(view)
    view.show()
    settled(view)
    view.saver.slow_ms, view.saver.limit_ms = 50, 300
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    view.fields.editors["title"].setText("打印机卡纸（三楼）")  # type: ignore[attr-defined]
    view.save_button.click()
    assert view.saver.saving and not view.save_button.isEnabled()
    qtbot.waitUntil(lambda: "has not answered" in view.saver.status.text(), timeout=5000)
    assert view.editing and view.save_button.isEnabled()
    assert view.fields.editors["title"].text() == "打印机卡纸（三楼）"  # type: ignore[attr-defined]
    if retry:
        view.save_button.click()  # queues behind the hung attempt, then meets its version
    if after:
        qtbot.waitUntil(lambda: not view.editing, timeout=10000)  # before the first answers
    hung.answer.set()
    qtbot.waitUntil(lambda: not view.editing, timeout=10000)
    qtbot.wait(200)
    saved = workflow.get(record.id)
    assert saved.title == "打印机卡纸（三楼）" and saved.version == record.version + 1
    assert view.conflict_panel.text() == "" and not view.saver.status.isVisible()
    edits = [e for e in saved.log if e.kind.value == "edit"]
    assert len(edits) == 1
