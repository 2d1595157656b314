"""The worksheet's problem-record line: the open record alike the ticket is offered and linked."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import settled
from tests.services.conftest import make_draft


def _view(qtbot: QtBot, workflow: WorkflowService, ticket_id: int) -> WorksheetView:
    view = WorksheetView(workflow, ticket_id)
    qtbot.addWidget(view)
    view.show()
    return settled(view)


def test_the_alike_open_problem_is_offered_and_linked_from_the_worksheet(
    qtbot: QtBot, workflow: WorkflowService, workspace: Workspace
) -> None:
    problems = workspace.problems()
    record = problems.create("CRM数据库连接错误")
    ticket = workflow.create(make_draft(title="CRM系统数据库连接错误"))
    view = _view(qtbot, workflow, ticket.id)
    strip = view.problems
    qtbot.waitUntil(lambda: strip.isVisible() and strip.link_button.isVisible(), timeout=5000)
    assert record.number in strip.link_button.text()
    with qtbot.waitSignal(strip.shown, timeout=5000):
        strip.link_button.click()
    assert problems.load(record.id).ticket_ids == [ticket.id]
    assert not strip.link_button.isVisible()  # grouped now: shown, no longer offered
    assert record.number in strip.label.text()
    view.shutdown()


def test_no_line_without_a_problem(qtbot: QtBot, workflow: WorkflowService,
                                   workspace: Workspace) -> None:  # fmt: skip
    workspace.problems().create("打印机卡纸")
    ticket = workflow.create(make_draft(title="CRM系统数据库连接错误"))
    view = _view(qtbot, workflow, ticket.id)
    with qtbot.waitSignal(view.problems.shown, timeout=5000):
        view.problems.show_ticket(ticket.id, ticket.title)
    assert view.problems.isHidden()
    view.shutdown()
