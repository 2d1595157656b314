"""Generated handling-log lines carry an English version; typed notes keep only what was typed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from desk_gui.domain.enums import Impact, LogKind, Satisfaction, Tier, Urgency, WaitingOn
from desk_gui.domain.ticket import LogEntryRecord, TicketDraft, TicketRecord
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService

from .conftest import Clock, make_draft

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
TYPED = (LogKind.NOTE, LogKind.PROGRESS)


def english_draft(**overrides: object) -> TicketDraft:
    values: dict[str, object] = {
        "title": "Laptop will not boot",
        "department": "Sales / Singapore office",
        "description": "No power LED since 08:30; another socket did not help",
        "requester": "David Lim",
        "contact": "ext. 4410",
    }
    values.update(overrides)
    return make_draft(**values)


def _service(clock: Clock, *, supervisor: bool = False, auto: bool = False) -> WorkflowService:
    ctx = Context(operator="Lee", workstation="PC-1", supervisor=supervisor, clock=clock)
    return WorkflowService(ctx, auto_escalate_p1=auto)


def _generated(rec: TicketRecord) -> list[LogEntryRecord]:
    return [e for e in rec.log if e.kind not in TYPED]


def _assert_english(rec: TicketRecord) -> None:
    for e in _generated(rec):
        assert e.text_en, e
        assert not CJK.search(e.text_for("en")), e.text_for("en")
        assert e.text_for("zh") == e.text and CJK.search(e.text), e.text


def test_take_escalate_resolve_close_history_reads_in_english(
    db_path: object, clock: Clock
) -> None:
    svc = _service(clock)
    rec = svc.create(english_draft(urgency=Urgency.MEDIUM, impact=Impact.INDIVIDUAL))
    steps = [
        lambda r: svc.take(r.id, r.version),
        lambda r: svc.add_log(r.id, "检查电源适配器，无输出"),
        lambda r: svc.escalate(r.id, r.version, Tier.L2, "hardware swap", "adapter dead", "Zhao"),
        lambda r: svc.start_wait(
            r.id, r.version, WaitingOn.VENDOR, "Acme parts", datetime(2024, 5, 8), "PO 1234"
        ),
        lambda r: svc.end_wait(r.id, r.version, "adapter arrived"),
        lambda r: svc.update_fields(r.id, r.version, {"urgency": Urgency.HIGH, "os": "Win 11"}),
        lambda r: svc.add_attachment(r.id, "photo.png", b"\x89PNG"),
        lambda r: svc.progress_update(r.id, "已电话告知提交人"),
        lambda r: svc.resolve(r.id, r.version, "Replaced the broken power adapter"),
        lambda r: svc.record_feedback(r.id, r.version, False, score=2, comment="still dead"),
        lambda r: svc.resolve(r.id, r.version, "Replaced the mainboard"),
        lambda r: svc.record_feedback(r.id, r.version, True, score=5),
        lambda r: svc.close(r.id, r.version),
        lambda r: _service(clock, supervisor=True).reopen(r.id, r.version, "fault is back"),
        lambda r: svc.resolve(r.id, r.version, "Reseated the RAM"),
        lambda r: svc.close(r.id, r.version, "no reply for 3 days"),
    ]
    for step in steps:
        clock.now += timedelta(minutes=20)
        rec = step(rec)
        rec = svc.get(rec.id)
    kinds = {e.kind for e in _generated(rec)}
    assert {
        LogKind.CREATED,
        LogKind.STATUS,
        LogKind.ASSIGN,
        LogKind.ESCALATE,
        LogKind.TIER,
    } <= kinds
    assert {LogKind.WAIT, LogKind.EDIT, LogKind.PRIORITY, LogKind.ATTACHMENT} <= kinds
    assert {LogKind.RESOLVE, LogKind.FEEDBACK, LogKind.CLOSE, LogKind.REOPEN} <= kinds
    _assert_english(rec)
    typed = [e for e in rec.log if e.kind in TYPED]
    assert [e.text for e in typed] == ["检查电源适配器，无输出", "已电话告知提交人"]
    assert all(e.text_en is None and e.text_for("en") == e.text for e in typed)

    zh = [e.text for e in rec.log]
    en = [e.text_for("en") for e in rec.log]
    # The Chinese stays exactly what it always was.
    assert "状态：待处理 → 处理中" in zh and "负责人：— → Lee" in zh
    assert "升级：一线 → 二线。原因：hardware swap。交接：adapter dead" in zh
    assert "提交人反馈：是；满意（5 分）" in zh and "关闭（提交人已确认解决）。" in zh
    assert "优先级：P3 → P2" in zh and "紧急程度：中 → 高；操作系统： → Win 11" in zh
    assert "主管重新打开。原因：fault is back" in zh and "关闭。原因：no reply for 3 days" in zh
    assert "等待供应商：Acme parts，预计 2024-05-08。PO 1234。" in zh
    assert "Status: Pending → In progress" in en and "Assignee: — → Lee" in en
    assert "Escalated: L1 → L2. Reason: hardware swap. Handover: adapter dead" in en
    assert "Requester feedback: No; Dissatisfied (2/5). still dead" in en
    assert "Requester feedback: Yes; Satisfied (5/5)" in en
    assert "Urgency: Medium → High; Operating system:  → Win 11" in en
    assert "Priority: P3 → P2" in en and "Closed. Reason: no reply for 3 days" in en
    assert "Waiting on vendor: Acme parts, expected 2024-05-08. PO 1234." in en
    assert "Reopened by a supervisor. Reason: fault is back" in en


def test_automatic_p1_escalation_reads_in_english(db_path: object, clock: Clock) -> None:
    svc = _service(clock, auto=True)
    rec = svc.create(english_draft(urgency=Urgency.HIGH, impact=Impact.COMPANY, assignee="Lee"))
    assert rec.tier == Tier.L2
    _assert_english(rec)
    en = [e.text_for("en") for e in rec.log]
    assert "Ticket logged: Phone, Company-wide × urgency High → P1" in en
    assert any(t.startswith("Escalated: L1 → L2. Reason: P1: escalate at once.") for t in en)
    assert "登记工单：电话，全公司 × 紧急程度高 → P1" in [e.text for e in rec.log]


def test_feedback_with_a_rating_only(db_path: object, clock: Clock) -> None:
    svc = _service(clock)
    rec = svc.create(english_draft())
    rec = svc.take(rec.id, rec.version)
    rec = svc.resolve(rec.id, rec.version, "Replaced the power adapter")
    rec = svc.record_feedback(rec.id, rec.version, True, Satisfaction.BASIC)
    line = rec.log[-1]
    assert (line.text, line.text_for("en")) == (
        "提交人反馈：是；基本满意",
        "Requester feedback: Yes; Fairly satisfied",
    )
