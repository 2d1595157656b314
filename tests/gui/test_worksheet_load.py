"""A worksheet opened over a share that hangs: the window keeps answering, the worksheet says
what it waits for, and shows the ticket once the share answers."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.worksheet import form_load
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import make_draft, settled


class HungRead(WorkflowService):
    """The real service whose reads of a ticket stall (a share that stopped answering) until
    ``answer`` is set."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.answer = threading.Event()

    def get(self, ticket_id: int) -> TicketRecord:
        assert self.answer.wait(60), "the test never let the share answer"
        return super().get(ticket_id)


def test_a_worksheet_over_a_hanging_share_never_freezes_the_window(
    qtbot: QtBot, workflow: WorkflowService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(form_load, "LIMIT_MS", 300)
    record = workflow.create(make_draft(1))
    hung = HungRead(workflow.ctx)
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(5)
    try:
        view = WorksheetView(hung, record.id)  # on the old code: blocked here for good
        qtbot.addWidget(view)
        view.show()
        assert view.header.text() == "Reading the ticket…"
        assert view.record is None and not view.edit_button.isEnabled()
        qtbot.waitUntil(
            lambda: "has not answered for 0.3 seconds" in view.lock_banner.text(), timeout=5000
        )
        assert view.lock_banner.isVisible() and ticks[0] > 0  # the window kept answering
        hung.answer.set()
        settled(view)
        assert view.record is not None and view.record.number == record.number
        assert record.number in view.header.text()
        assert not view.lock_banner.isVisible() and view.edit_button.isEnabled()
    finally:
        hung.answer.set()  # never leave the reading thread waiting
        timer.stop()


def test_reloads_asked_for_while_one_runs_are_read_once_more_after_it(
    qtbot: QtBot, workflow: WorkflowService
) -> None:
    record = workflow.create(make_draft(1))
    view = WorksheetView(workflow, record.id)
    qtbot.addWidget(view)
    reads = []
    view.loader.loaded.connect(lambda rec, _held: reads.append(rec.version))
    for _ in range(5):
        view.reload()  # the first read is still running: these make one more
    settled(view)
    assert len(reads) == 2
    other = WorkflowService(Context("李工程师", workstation="WS-B"))
    other.add_log(record.id, "已远程检查")
    settled(view).reload()
    settled(view)
    assert view.record is not None and view.record.log[-1].text == "已远程检查"
