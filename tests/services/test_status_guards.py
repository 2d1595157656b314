"""Status rules the services keep even when a window shows a stale copy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_gui.domain.enums import Impact, Status, Tier, Urgency, WaitingOn
from desk_gui.domain.errors import RuleViolation
from desk_gui.services.settings import load_settings, save_settings
from desk_gui.services.workflow import WorkflowService

from .conftest import Clock, make_draft


def _closed(desk: WorkflowService) -> int:
    rec = desk.create(make_draft())
    rec = desk.take(rec.id, rec.version)
    rec = desk.resolve(rec.id, rec.version, "重启服务")
    return desk.close(rec.id, rec.version, reason="电话确认").id


def test_closed_ticket_cannot_be_edited_noted_or_attached_by_desk_staff(
    desk: WorkflowService,
) -> None:
    tid = _closed(desk)
    rec = desk.get(tid)
    with pytest.raises(RuleViolation):
        desk.update_fields(tid, rec.version, {"title": "改标题"})
    with pytest.raises(RuleViolation):
        desk.add_log(tid, "补充记录")
    with pytest.raises(RuleViolation):
        desk.add_attachment(tid, "a.log", b"x")
    after = desk.get(tid)
    assert after.title == rec.title and len(after.log) == len(rec.log)


def test_resolving_while_on_hold_credits_the_wait(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.create(make_draft(impact=Impact.INDIVIDUAL, urgency=Urgency.LOW))  # P4
    rec = desk.take(rec.id, rec.version)
    due = rec.resolve_due
    rec = desk.start_wait(rec.id, rec.version, WaitingOn.VENDOR, "供应商张经理")
    clock.now += timedelta(hours=2)
    done = desk.resolve(rec.id, rec.version, "供应商补丁已安装")
    assert done.status == Status.RESOLVED and done.waiting_on is None
    assert done.waiting_contact == ""
    assert due is not None and done.resolve_due == due + timedelta(hours=2)


def test_editing_remarks_does_not_rerank_after_the_matrix_changed(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())  # department × high = P1
    settings = load_settings()
    cells = dict(settings.matrix.cells)
    cells[(Impact.DEPARTMENT, Urgency.HIGH)] = cells[(Impact.INDIVIDUAL, Urgency.LOW)]
    save_settings(settings.with_changes(matrix=type(settings.matrix)(cells)), "主管")
    desk.reload_settings()
    after = desk.update_fields(rec.id, rec.version, {"remarks": "待供应商确认"})
    assert after.priority == rec.priority and after.resolve_due == rec.resolve_due


def test_escalating_without_an_assignee_leaves_it_for_the_new_tier(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    up = desk.escalate(rec.id, rec.version, Tier.L2, "一线无法处理", "已重启电脑")
    assert up.tier == Tier.L2 and up.status == Status.PENDING
    assert up.assignee is None and up.first_response_at is None
