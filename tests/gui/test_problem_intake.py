"""The intake form offers the open problem record a new ticket matches; ticked, it links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desk_gui.services.problems import ProblemService
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.background import Jobs
from desk_gui.ui.intake.ticket_form import TicketFormDialog
from tests.gui.test_ticket_form import fill_valid, saved_ticket


@pytest.fixture
def jobs(workspace: Workspace) -> Iterator[Jobs]:
    runner = Jobs(workspace.release_thread)
    yield runner
    runner.shutdown()


@pytest.fixture
def problems(workspace: Workspace, workflow: WorkflowService) -> ProblemService:
    return workspace.problems()


@pytest.fixture
def form(qtbot: QtBot, workflow: WorkflowService, jobs: Jobs) -> TicketFormDialog:
    dialog = TicketFormDialog(workflow, jobs=jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _looked_up(qtbot: QtBot, form: TicketFormDialog, jobs: Jobs) -> None:
    match = form.problem_match
    assert match is not None
    match.flush()
    qtbot.waitUntil(lambda: not jobs.busy, timeout=5000)


def test_a_matching_open_problem_is_offered_and_linked_when_ticked(
    qtbot: QtBot, form: TicketFormDialog, jobs: Jobs, problems: ProblemService
) -> None:
    record = problems.create("CRM数据库连接错误")
    fill_valid(form.fields)  # titled "CRM系统数据库连接错误": alike
    _looked_up(qtbot, form, jobs)
    box = form.problem_match.box  # type: ignore[union-attr]
    assert not box.isHidden() and record.number in box.text()
    assert not box.isChecked()  # suggested, never linked unasked
    box.setChecked(True)
    form.save_button.click()
    created = saved_ticket(form)
    assert created is not None
    assert problems.load(record.id).ticket_ids == [created.id]


def test_an_unticked_offer_links_nothing(
    qtbot: QtBot, form: TicketFormDialog, jobs: Jobs, problems: ProblemService
) -> None:
    record = problems.create("CRM数据库连接错误")
    fill_valid(form.fields)
    _looked_up(qtbot, form, jobs)
    form.save_button.click()
    assert saved_ticket(form) is not None
    assert problems.load(record.id).ticket_ids == []


def test_no_offer_for_an_unlike_title(
    qtbot: QtBot, form: TicketFormDialog, jobs: Jobs, problems: ProblemService
) -> None:
    problems.create("打印机卡纸")
    fill_valid(form.fields)
    _looked_up(qtbot, form, jobs)
    assert form.problem_match.box.isHidden()  # type: ignore[union-attr]
    assert form.problem_match.chosen() is None  # type: ignore[union-attr]
