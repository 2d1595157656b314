"""The edit lock's renewal on its timer, on a share that fails or hangs: the worksheet says the
lock could not be renewed, keeps the typed edits, and its window never waits for the share."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desk_gui.services.context import Context
from desk_gui.services.errors import DatabaseIOError
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded import BoundedCall
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import make_draft, settled, wait_while


class Share(WorkflowService):
    """Lock renewals fail (``fault="eio"``) or hang until ``answer`` is set, once armed."""

    def __init__(self, ctx: Context, fault: str) -> None:
        super().__init__(ctx)
        self.fault, self.armed = fault, False
        self.answer = threading.Event()

    def lock(self, ticket_id: int, *args: Any, **kwargs: Any) -> Any:
        if self.armed:
            if self.fault == "eio":
                raise DatabaseIOError("injected by the test")
            assert self.answer.wait(60), "the test never let the share answer"
        return super().lock(ticket_id, *args, **kwargs)


@pytest.mark.parametrize("fault", ["eio", "hang"])
def test_a_renewal_that_fails_or_hangs_says_so_and_keeps_the_edits(
    qtbot: QtBot, workflow: WorkflowService, fault: str
) -> None:
    record = workflow.create(make_draft(1))
    share = Share(workflow.ctx, fault)
    view = WorksheetView(share, record.id)
    qtbot.addWidget(view)
    view.show()
    settled(view)
    view.lease.slow_ms, view.lease.limit_ms = 20, 150
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    assert view.editing
    view.fields.editors["title"].setText("打印机卡纸（三楼）")  # type: ignore[attr-defined]
    share.armed = True
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(5)
    view._on_renew_timer_timeout()  # the renewal timer fires
    start = ticks[0]
    wait_while(lambda: "could not be renewed" not in view.lock_banner.text())
    assert "could not be renewed" in view.lock_banner.text() and view.lock_banner.isVisible()
    assert ("read/write error" if fault == "eio" else "has not answered") in view.lock_banner.text()
    if fault == "hang":  # (an I/O error may come back before the 5 ms timer's first tick)
        assert ticks[0] > start, "the window's timer stopped while the renewal hung"
    assert view.editing and view.fields.editors["title"].text() == "打印机卡纸（三楼）"  # type: ignore[attr-defined]
    if fault == "hang":
        view._on_renew_timer_timeout()  # the next tick does not pile a second renewal on
        assert view.lease.renewing
    share.armed = False
    share.answer.set()
    wait_while(lambda: BoundedCall.live > 0)
    view._on_renew_timer_timeout()  # the share answers again: the next renewal clears it
    wait_while(lambda: view.lease.renewing)
    assert not view.lock_banner.isVisible()
    timer.stop()
