"""P1 auto-escalation, assignment suggestions and the report metrics."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desk_gui.domain.enums import Category, Impact, LogKind, Status, Tier, Urgency
from desk_gui.services import metrics
from desk_gui.services.assignment import suggest_assignees
from desk_gui.services.context import Context
from desk_gui.services.directory import StaffMember, save_staff
from desk_gui.services.escalation import P1_REASON
from desk_gui.services.workflow import WorkflowService

from .conftest import Clock, make_draft

P2 = {"impact": Impact.INDIVIDUAL, "urgency": Urgency.HIGH}
P3 = {"impact": Impact.INDIVIDUAL, "urgency": Urgency.MEDIUM}
P4 = {"impact": Impact.INDIVIDUAL, "urgency": Urgency.LOW}


@pytest.fixture
def desk_p1(db_path: object, clock: Clock) -> WorkflowService:
    ctx = Context(operator="李工程师", workstation="PC-1", clock=clock)
    return WorkflowService(ctx, auto_escalate_p1=True)


def test_p1_is_escalated_to_l2_at_once_and_logged(desk_p1: WorkflowService, clock: Clock) -> None:
    rec = desk_p1.create(make_draft())  # department × high = P1
    assert rec.tier == Tier.L2 and rec.escalation_count == 1
    assert rec.status == Status.PENDING and rec.first_response_at is None
    line = next(e for e in rec.log if e.kind == LogKind.ESCALATE)
    assert P1_REASON in line.text and rec.description in line.text
    assert line.at == clock.now and line.author == "李工程师"
    assert any(e.kind == LogKind.TIER and "一线 → 二线" in e.text for e in rec.log)


def test_lower_priorities_stay_at_l1(desk_p1: WorkflowService) -> None:
    rec = desk_p1.create(make_draft(**P2))
    assert rec.tier == Tier.L1 and rec.escalation_count == 0


def test_an_edit_that_makes_a_ticket_p1_escalates_it(desk_p1: WorkflowService) -> None:
    rec = desk_p1.create(make_draft(**P2))
    up = desk_p1.update_fields(rec.id, rec.version, {"impact": Impact.COMPANY})
    assert up.tier == Tier.L2 and up.escalation_count == 1
    assert [e.kind for e in up.log][-3:] == [LogKind.PRIORITY, LogKind.ESCALATE, LogKind.TIER]
    assert desk_p1.get(up.id).version == up.version


def test_plain_services_leave_p1_alone(desk: WorkflowService) -> None:
    assert desk.create(make_draft()).tier == Tier.L1


# -- assignment ----------------------------------------------------------------------------


@pytest.fixture
def staff(db_path: object) -> None:
    save_staff(StaffMember("王五", Tier.L1, (Category.SOFTWARE,)))
    save_staff(StaffMember("张三", Tier.L1, (Category.NETWORK,)))
    save_staff(StaffMember("李四", Tier.L1, (Category.SOFTWARE, Category.NETWORK)))
    save_staff(StaffMember("赵工", Tier.L2, (Category.SOFTWARE,)))
    save_staff(StaffMember("陈工", Tier.L2, (Category.NETWORK,)))
    save_staff(StaffMember("退休", Tier.L1, (Category.SOFTWARE,), active=False))


def _give(desk: WorkflowService, name: str, **draft: object) -> None:
    rec = desk.create(make_draft(**draft))
    desk.assign(rec.id, rec.version, name)


def test_ranking_by_skill_then_weighted_load_then_name(staff: None, desk: WorkflowService) -> None:
    _give(desk, "王五", **P2)  # 3
    _give(desk, "李四", **P4)  # 1
    _give(desk, "李四", **P4)  # 1 → 2
    ranked = suggest_assignees(category=Category.SOFTWARE, tier=Tier.L1)
    assert [(s.name, s.skills_match, s.open_load) for s in ranked] == [
        ("李四", True, 2),
        ("王五", True, 3),
        ("张三", False, 0),
    ]
    assert ranked[0].score > ranked[1].score > ranked[2].score


def test_a_p1_weighs_as_much_as_four_p4(staff: None, desk: WorkflowService) -> None:
    _give(desk, "王五")  # P1 = 4
    for _ in range(4):
        _give(desk, "李四", **P4)
    ranked = suggest_assignees(category=Category.SOFTWARE, tier=Tier.L1)
    assert [(s.name, s.open_load) for s in ranked[:2]] == [("李四", 4), ("王五", 4)]  # by name


def test_closed_tickets_do_not_count(staff: None, desk: WorkflowService) -> None:
    rec = desk.create(make_draft(**P2))
    rec = desk.assign(rec.id, rec.version, "王五")
    desk.resolve(rec.id, rec.version, "重置域账号密码")
    loads = {
        s.name: s.open_load for s in suggest_assignees(category=Category.SOFTWARE, tier=Tier.L1)
    }
    assert loads["王五"] == 0


def test_suggestions_for_a_ticket_use_its_category_and_a_target_tier(
    staff: None, desk: WorkflowService
) -> None:
    rec = desk.create(make_draft(category=Category.NETWORK, **P2))
    assert suggest_assignees(rec.id)[0].name == "张三"
    assert [s.name for s in suggest_assignees(rec.id, tier=Tier.L2)] == ["陈工", "赵工"]
    with pytest.raises(ValueError):
        suggest_assignees(category=Category.NETWORK)


# -- metrics ----------------------------------------------------------------------------


def test_metrics_first_contact_and_deadlines(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.take(*_pair(desk.create(make_draft(**P2))))
    clock.now += timedelta(minutes=20)
    done = desk.resolve(rec.id, rec.version, "重置密码")
    m = metrics.ticket_metrics(done)
    assert m.first_contact_resolution and m.respond_met and m.resolve_met
    assert m.first_response_minutes == 0 and m.resolution_minutes == 20

    late = desk.create(make_draft(**P2))
    clock.now = datetime(2024, 5, 6, 15, 0)
    late = desk.take(late.id, late.version)
    late = desk.escalate(late.id, late.version, Tier.L2, "无法解决", "已重启")
    late = desk.resolve(late.id, late.version, "更换硬盘")
    m2 = metrics.ticket_metrics(late)
    assert not m2.first_contact_resolution and not m2.respond_met and not m2.resolve_met
    summary = metrics.summary(datetime(2024, 5, 6), datetime(2024, 5, 7))
    assert summary.tickets == 2 and summary.resolved == 2
    assert summary.first_contact_resolved == 1 and summary.respond_met == 1
    assert summary.resolve_met == 1 and summary.escalated == 1


def _pair(rec: object) -> tuple[int, int]:
    return rec.id, rec.version  # type: ignore[attr-defined]
