"""Status rules through the services: every change logged with time and author."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desk_gui.domain.enums import Impact, LogKind, Satisfaction, Status, Tier, Urgency, WaitingOn
from desk_gui.domain.errors import RuleViolation
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService

from .conftest import Clock, make_draft


def test_take_assigns_and_records_first_response(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.create(make_draft())
    clock.now += timedelta(minutes=7)
    after = desk.take(rec.id, rec.version)
    assert after.status == Status.IN_PROGRESS
    assert after.assignee == "李工程师"
    assert after.first_response_at == datetime(2024, 5, 6, 9, 22)
    texts = [(e.kind, e.author, e.at) for e in after.log]
    assert (LogKind.STATUS, "李工程师", datetime(2024, 5, 6, 9, 22)) in texts
    assert (LogKind.ASSIGN, "李工程师", datetime(2024, 5, 6, 9, 22)) in texts


def test_resolve_needs_solution_then_close_needs_feedback_or_reason(desk: WorkflowService) -> None:
    rec = desk.take(*_new(desk))
    with pytest.raises(RuleViolation) as err:
        desk.resolve(rec.id, rec.version, "  ")
    assert err.value.field == "solution"
    rec = desk.resolve(rec.id, rec.version, "重启数据库服务并配置开机自启")
    assert rec.status == Status.RESOLVED and rec.resolved_at is not None
    with pytest.raises(RuleViolation):
        desk.close(rec.id, rec.version)
    closed = desk.close(rec.id, rec.version, reason="提交人3天未回复")
    assert closed.status == Status.CLOSED
    assert closed.close_reason == "提交人3天未回复"


def test_feedback_yes_allows_close_and_no_reopens(desk: WorkflowService) -> None:
    rec = desk.resolve(*desk_take_pair(desk), "更换电源适配器")
    bad = desk.record_feedback(rec.id, rec.version, resolved=False, score=2)
    assert bad.status == Status.IN_PROGRESS
    assert bad.reopen_count == 1
    assert bad.satisfaction == Satisfaction.DISSATISFIED
    rec = desk.resolve(bad.id, bad.version, "更换主板")
    good = desk.record_feedback(
        rec.id, rec.version, resolved=True, satisfaction=Satisfaction.SATISFIED
    )
    closed = desk.close(good.id, good.version)
    assert closed.status == Status.CLOSED
    assert any("提交人反馈：是；满意" in e.text for e in closed.log)


def test_closed_is_final_for_desk_staff_but_a_supervisor_may_reopen(
    desk: WorkflowService, db_path: object, clock: Clock
) -> None:
    rec = desk.resolve(*desk_take_pair(desk), "重置域账号密码")
    rec = desk.close(rec.id, rec.version, reason="电话确认")
    with pytest.raises(RuleViolation):
        desk.reopen(rec.id, rec.version, "又坏了")
    boss = WorkflowService(
        Context(operator="主管王", workstation="PC-9", supervisor=True, clock=clock)
    )
    with pytest.raises(RuleViolation):
        boss.reopen(rec.id, rec.version, "")
    again = boss.reopen(rec.id, rec.version, "提交人来电说问题复现")
    assert again.status == Status.IN_PROGRESS
    line = [e for e in again.log if e.kind == LogKind.REOPEN][-1]
    assert line.author == "主管王" and "提交人来电说问题复现" in line.text


def test_escalation_needs_reason_and_handover_and_logs_tier(desk: WorkflowService) -> None:
    rec = desk.take(*_new(desk))
    with pytest.raises(RuleViolation):
        desk.escalate(rec.id, rec.version, Tier.L2, "", "重启无效")
    with pytest.raises(RuleViolation):
        desk.escalate(rec.id, rec.version, Tier.L2, "30分钟内无法解决", "")
    up = desk.escalate(rec.id, rec.version, Tier.L2, "30分钟内无法解决", "已重启电脑和服务", "赵工")
    assert up.tier == Tier.L2 and up.assignee == "赵工" and up.escalation_count == 1
    kinds = [e.kind for e in up.log]
    assert LogKind.ESCALATE in kinds and LogKind.TIER in kinds
    with pytest.raises(RuleViolation):
        desk.escalate(up.id, up.version, Tier.L1, "x", "y")


def test_waiting_pauses_the_clock(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.create(make_draft(impact=Impact.INDIVIDUAL, urgency=Urgency.LOW))  # P4
    rec = desk.take(rec.id, rec.version)
    waiting = desk.start_wait(rec.id, rec.version, WaitingOn.VENDOR, "供应商张经理", note="等补丁")
    assert waiting.waiting_on == WaitingOn.VENDOR and waiting.waiting_contact == "供应商张经理"
    clock.now += timedelta(hours=3)
    resumed = desk.end_wait(waiting.id, waiting.version)
    assert resumed.waiting_on is None
    assert resumed.resolve_due is not None and rec.resolve_due is not None
    assert resumed.resolve_due - rec.resolve_due == timedelta(hours=3)


def test_progress_update_moves_next_update(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.take(*_new(desk))
    clock.now += timedelta(minutes=20)
    after = desk.progress_update(rec.id, "已电话告知提交人当前进度")
    assert after.next_update_due is not None and after.next_update_due > clock.now
    assert after.log[-1].kind == LogKind.PROGRESS


def _new(desk: WorkflowService) -> tuple[int, int]:
    rec = desk.create(make_draft())
    return rec.id, rec.version


def desk_take_pair(desk: WorkflowService) -> tuple[int, int]:
    rec = desk.take(*_new(desk))
    return rec.id, rec.version
