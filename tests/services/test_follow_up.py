"""A closed ticket can be followed up: a new ticket, linked both ways, requester data copied."""

from __future__ import annotations

import pytest

from desk_gui.domain.enums import Category, Impact, LogKind, Satisfaction, Status, Urgency
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.domain.validation import ValidationError
from desk_gui.services.workflow import WorkflowService

from .conftest import make_draft

FOLLOW_UP = TicketDraft(
    title="CRM又提示数据库连接错误",
    description="下午2点CRM再次提示“数据库连接错误”，销售部5人无法保存订单；上午重启后的服务又停了",
    urgency=Urgency.HIGH,
    impact=Impact.DEPARTMENT,
)


def _closed(desk: WorkflowService) -> TicketRecord:
    rec = desk.create(make_draft(category=Category.SOFTWARE))
    rec = desk.take(rec.id, rec.version)
    rec = desk.resolve(rec.id, rec.version, "重启数据库服务并配置开机自启")
    rec = desk.record_feedback(rec.id, rec.version, True, Satisfaction.SATISFIED)
    return desk.close(rec.id, rec.version)


def test_follow_up_of_a_closed_ticket_is_linked_both_ways(desk: WorkflowService) -> None:
    closed = _closed(desk)
    new = desk.follow_up(closed.id, FOLLOW_UP)
    assert new.status is Status.PENDING and new.number != closed.number
    assert (new.requester, new.department, new.category, new.contact) == (
        closed.requester,
        closed.department,
        closed.category,
        closed.contact,
    )
    assert new.title == FOLLOW_UP.title
    assert new.follow_up_of is not None and new.follow_up_of.number == closed.number
    assert new.follow_up_of.status is Status.CLOSED
    again = desk.get(closed.id)
    assert again.status is Status.CLOSED and again.version == closed.version
    assert [link.number for link in again.follow_ups] == [new.number]
    assert again.follow_ups[0].status is Status.PENDING
    assert again.log[-1].kind is LogKind.FOLLOW_UP
    assert again.log[-1].text == f"已登记跟进工单 {new.number}"
    assert again.log[-1].text_for("en") == f"Follow-up ticket {new.number} logged"
    assert new.log[-1].text == f"跟进已关闭的工单 {closed.number}"


def test_only_a_closed_ticket_is_followed_up(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    with pytest.raises(RuleViolation):
        desk.follow_up(rec.id, FOLLOW_UP)


def test_a_follow_up_is_checked_like_any_new_ticket(desk: WorkflowService) -> None:
    closed = _closed(desk)
    vague = TicketDraft(
        title="又坏了", description="系统不好用", urgency=Urgency.LOW, impact=Impact.INDIVIDUAL
    )
    with pytest.raises(ValidationError) as info:
        desk.follow_up(closed.id, vague)
    assert {p.field for p in info.value.problems} == {"description"}
    assert desk.get(closed.id).follow_ups == ()
