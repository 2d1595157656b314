"""Suggestions while a call is typed: similar resolved tickets and duplicate open ones."""

from __future__ import annotations

from datetime import timedelta

from desk_gui.domain.enums import LogKind, Status
from desk_gui.services.kb import KnowledgeService
from desk_gui.services.workflow import WorkflowService
from tests.services.conftest import Clock, make_draft


def _resolve(desk: WorkflowService, title: str, description: str, solution: str) -> int:
    rec = desk.create(make_draft(title=title, description=description))
    rec = desk.take(rec.id, rec.version)
    desk.resolve(rec.id, rec.version, solution)
    return rec.id


def test_similar_resolved_tickets_with_solutions(
    kb: KnowledgeService, desk: WorkflowService
) -> None:
    vpn = _resolve(
        desk, "VPN报错809", "在家连接VPN报错809无法连接", "路由器开启IPSec直通后恢复正常"
    )
    _resolve(desk, "打印机卡纸", "二楼打印机卡纸无法打印", "取出卡纸，更换搓纸轮后恢复")
    desk.create(make_draft(title="VPN报错809", description="VPN报错809，仍在处理中的工单"))
    hits = kb.tickets("同事在家连VPN一直提示809")
    assert [h.id for h in hits][:1] == [vpn]
    assert hits[0].status is Status.RESOLVED and "IPSec" in hits[0].solution
    assert all(h.status in (Status.RESOLVED, Status.CLOSED) for h in hits)


def test_duplicate_by_requester_and_department(
    kb: KnowledgeService, desk: WorkflowService, clock: Clock
) -> None:
    first = desk.create(make_draft(title="打印机显示脱机", requester="王芳", department="财务部"))
    other = desk.create(
        make_draft(title="打印机离线无法打印", requester="赵六", department="财务部")
    )
    desk.create(make_draft(title="电脑蓝屏", requester="王芳", department="财务部"))
    dups = kb.duplicates("三楼打印机脱机了", "打印不了", "王芳", "财务部")
    assert [(d.id, d.reason) for d in dups][:1] == [(first.id, "requester")]
    assert other.id in [d.id for d in dups]  # same department, alike
    assert all("蓝屏" not in d.title for d in dups)
    clock.now += timedelta(days=8)  # too old to be the same call
    assert kb.duplicates("三楼打印机脱机了", "", "王芳", "财务部") == []


def test_suggest_bundle_and_add_call(kb: KnowledgeService, desk: WorkflowService) -> None:
    first = desk.create(make_draft(title="CRM数据库连接错误", requester="小明"))
    got = kb.suggest("CRM又报数据库连接错误", requester="小明", department="人事部")
    assert [d.number for d in got.duplicates] == [first.number]
    kb.add_call_to(first.id, "小明再次来电：CRM仍报错")
    new = desk.create(make_draft(title="CRM连不上", requester="小明"))
    kb.link_tickets(new.id, first.id)
    kb.link_tickets(first.id, new.id)
    assert kb.linked_tickets(first.id) == [(new.id, new.number, new.title)]
    assert kb.linked_tickets(new.id) == [(first.id, first.number, first.title)]
    log = desk.get(first.id).log
    assert log[-1].kind is LogKind.KB and "再次来电" in log[-1].text
