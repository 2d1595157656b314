"""Problem records: from top problems or tickets, 5-Why, actions through PDCA, suggestions."""

from __future__ import annotations

from datetime import date, datetime

import peewee as pw
import pytest

from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.problem import Action, ActionStatus, ProblemStatus, Why
from desk_gui.services.context import Context
from desk_gui.services.problems import ProblemService
from desk_gui.store.errors import ConflictError
from desk_gui.store.models import Ticket
from tests.conftest import TicketFactory
from tests.services.review_data import insert_week

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def service(db: pw.Database) -> ProblemService:
    return ProblemService(Context(operator="王主管", clock=lambda: NOW))


@pytest.fixture
def week(db: pw.Database) -> dict[str, int]:
    return insert_week()


def test_a_problem_groups_tickets_and_keeps_its_chain(
    service: ProblemService, week: dict[str, int]
) -> None:
    record = service.create("打印机卡纸", [week["T1"], week["T3"], week["T3"]])
    assert record.number == "PRB20261125-01"
    assert record.ticket_ids == sorted([week["T1"], week["T3"]])
    assert service.create("VPN连不上").number == "PRB20261125-02"
    record.whys = [Why("为什么卡纸？", "纸张受潮"), Why("为什么受潮？", "纸放在窗边"),
                   Why("为什么放窗边？", "库房没有防潮柜")]  # fmt: skip
    record.workaround = "换干燥的纸"
    record.permanent_fix = "库房购置防潮柜"
    record.actions = [Action("购置防潮柜", "行政部", date(2026, 11, 30))]
    saved = service.save(record)
    assert saved.root_cause == "库房没有防潮柜"
    assert saved.whys[0] == Why("为什么卡纸？", "纸张受潮")
    assert saved.actions[0].id is not None and saved.version == record.version + 1
    assert service.load(saved.id or 0) == saved


def test_actions_follow_plan_do_check_act(service: ProblemService) -> None:
    record = service.create("邮件发送失败")
    record.actions = [Action("清理发件队列")]
    record = service.save(record)
    record.actions[0].status = ActionStatus.DONE  # skipping doing and checking
    with pytest.raises(RuleViolation):
        service.save(record)
    for step in (ActionStatus.DOING, ActionStatus.CHECKING, ActionStatus.DOING,
                 ActionStatus.CHECKING, ActionStatus.DONE):  # fmt: skip
        record.actions[0].status = step  # a failed check goes back to doing
        record = service.save(record)
    assert record.actions[0].status is ActionStatus.DONE


def test_a_stale_copy_and_closing_without_root_cause_are_refused(service: ProblemService) -> None:
    record = service.create("共享盘无法访问")
    first, second = service.load(record.id or 0), service.load(record.id or 0)
    service.save(first)
    with pytest.raises(ConflictError):
        service.save(second)
    fresh = service.load(record.id or 0)
    fresh.status = ProblemStatus.CLOSED
    with pytest.raises(RuleViolation):
        service.save(fresh)
    fresh.whys = [Why("为什么无法访问？", "权限组未同步")]
    assert service.save(fresh).closed_at == NOW


def test_new_alike_tickets_are_suggested_and_open_problems_match(
    service: ProblemService, week: dict[str, int], make_ticket: TicketFactory
) -> None:
    record = service.create("打印机卡纸", [week["T1"]])
    newer = make_ticket(title="打印机卡纸 5楼", submitted_at=datetime(2026, 11, 24, 9))
    make_ticket(title="显示器不亮", submitted_at=datetime(2026, 11, 24, 9))
    suggested = [t[1] for t in service.suggested_tickets(record.id or 0)]
    assert suggested[0] == newer.number  # newest first
    assert Ticket.get_by_id(week["T1"]).number not in suggested  # already grouped
    assert {Ticket.get_by_id(week["T8"]).number, Ticket.get_by_id(week["T3"]).number} <= set(
        suggested
    )
    assert service.matching_open_problems("打印机卡纸！")[0][1] == record.number
    assert service.find_open("显示器不亮") is None
    service.link(record.id or 0, [newer.id])
    assert newer.id in service.load(record.id or 0).ticket_ids


def test_the_report_lists_open_problems_and_actions_due(service: ProblemService) -> None:
    record = service.create("VPN连不上")
    record.actions = [Action("升级VPN客户端", "李工", date(2026, 11, 27)),
                      Action("更换网关", "张工", date(2027, 1, 31))]  # fmt: skip
    service.save(record)
    items = service.open_items(date(2026, 11, 29), "zh")
    assert [(i.kind, i.title) for i in items] == [
        ("problem", "VPN连不上"),
        ("action", "升级VPN客户端"),
    ]
    assert items[1].status == "计划" and items[1].due == date(2026, 11, 27)


def test_the_check_counts_alike_tickets_before_and_after(
    service: ProblemService, week: dict[str, int]
) -> None:
    record = service.create("打印机卡纸")
    # 打印机卡纸 (Mon 16), 打印机 卡纸2 (Tue 17), 打印机卡纸！ (Wed 18)
    assert service.recurrence(record.id or 0, date(2026, 11, 18)) == (2, 1)
    assert service.recurrence(record.id or 0, date(2026, 11, 16), days=1) == (0, 1)


def test_drafts_open_an_alike_problem_instead_of_a_second_one(
    service: ProblemService, week: dict[str, int]
) -> None:
    fresh = service.draft_from_tickets([week["T2"], week["T7"]])
    assert fresh.id is None and fresh.title in ("VPN连不上", "vpn 连不上")
    saved = service.save_or_create(fresh)
    assert saved.number == "PRB20261125-01" and saved.ticket_ids == sorted([week["T2"], week["T7"]])
    again = service.draft("VPN 连不上！", [week["T4"]])
    assert again.id == saved.id and week["T4"] in again.ticket_ids
    start, end = datetime(2026, 11, 16), datetime(2026, 11, 23)
    assert service.tickets_titled(["打印机卡纸", "打印机卡纸！"], start, end) == [
        week["T1"],
        week["T8"],
    ]
