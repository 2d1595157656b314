"""Resolving needs a solution that says what was done; feedback stores what the requester said."""

from __future__ import annotations

import pytest

from desk_gui.domain.enums import Satisfaction, Status
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.resolution import is_vague_solution
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService

from .conftest import make_draft


def _taken(desk: WorkflowService) -> TicketRecord:
    rec = desk.create(make_draft())
    return desk.take(rec.id, rec.version)


@pytest.mark.parametrize(
    "solution",
    [
        "已解决",
        "问题已处理",
        "处理完毕，用户确认正常",
        "好了",
        "OK",
        "Fixed.",
        "resolved, works now",
    ],
)
def test_a_solution_that_only_says_done_is_refused(desk: WorkflowService, solution: str) -> None:
    rec = _taken(desk)
    with pytest.raises(RuleViolation) as info:
        desk.resolve(rec.id, rec.version, solution)
    assert info.value.field == "solution"
    assert info.value.code == "solution_vague"
    assert "太笼统" in info.value.message("zh") and "做了什么" in info.value.message("zh")
    assert "too vague" in info.value.message("en")
    # The message states the rule it applies: how much is enough.
    assert "至少要有3个字" in info.value.message("zh") and "at least 3" in info.value.message("en")
    again = desk.get(rec.id)
    assert again.status is Status.IN_PROGRESS and again.solution == ""


@pytest.mark.parametrize(
    "solution",
    ["换网线", "更换硒鼓后打印正常，已确认", "重启数据库服务并配置开机自启", "Reset the password"],
)
def test_a_solution_that_says_what_was_done_resolves(desk: WorkflowService, solution: str) -> None:
    rec = _taken(desk)
    done = desk.resolve(rec.id, rec.version, solution)
    assert done.status is Status.RESOLVED and done.solution == solution
    assert not is_vague_solution(solution)


def _resolved(desk: WorkflowService) -> TicketRecord:
    rec = _taken(desk)
    return desk.resolve(rec.id, rec.version, "重置域账号密码并解锁")


def test_rating_and_score_that_disagree_are_refused_not_overwritten(
    desk: WorkflowService,
) -> None:
    rec = _resolved(desk)
    with pytest.raises(RuleViolation) as info:
        desk.record_feedback(rec.id, rec.version, True, Satisfaction.DISSATISFIED, score=4)
    assert info.value.field == "satisfaction"
    assert "不满意" in info.value.message("zh") and "4" in info.value.message("zh")
    assert "Dissatisfied" in info.value.message("en")
    assert desk.get(rec.id).satisfaction is None


def test_the_rating_given_is_the_rating_stored(desk: WorkflowService) -> None:
    rec = _resolved(desk)
    rec = desk.record_feedback(rec.id, rec.version, True, Satisfaction.DISSATISFIED, score=2)
    assert (rec.satisfaction, rec.feedback_score) == (Satisfaction.DISSATISFIED, 2)
    assert "提交人反馈：是；不满意（2 分）" in rec.log[-1].text


def test_a_score_alone_gives_the_rating(desk: WorkflowService) -> None:
    rec = _resolved(desk)
    rec = desk.record_feedback(rec.id, rec.version, True, score=3)
    assert rec.satisfaction is Satisfaction.BASIC
