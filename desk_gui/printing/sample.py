"""A sample ticket (the spec's worked example) for the self-test, benchmarks and tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk_gui.domain import log_lines
from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LogKind,
    Priority,
    Satisfaction,
    Status,
    Tier,
    Urgency,
)
from desk_gui.domain.ticket import LogEntryRecord, TicketRecord

SUBMITTED = datetime(2024, 5, 1, 9, 15)

SOLUTION = "重启数据库服务并配置开机自启，后续监控服务状态"

# (minutes after submission, author, kind, generated line or typed note)
BASE_LOG: tuple[tuple[int, str, LogKind, log_lines.LogLine | str], ...] = (
    (
        0,
        "张三",
        LogKind.CREATED,
        log_lines.created(Channel.PHONE, Impact.DEPARTMENT, Urgency.HIGH, Priority.P1),
    ),
    (15, "李工程师", LogKind.NOTE, "检查数据库服务器，发觉服务异常终止"),
    (30, "李工程师", LogKind.NOTE, "重启服务，客户验证正常"),
    (75, "李工程师", LogKind.RESOLVE, log_lines.resolution(SOLUTION)),
    (80, "张三", LogKind.FEEDBACK, log_lines.feedback(True, Satisfaction.SATISFIED, None, "")),
)


def _entry(
    at: datetime, author: str, kind: LogKind, text: log_lines.LogLine | str
) -> LogEntryRecord:
    if isinstance(text, log_lines.LogLine):
        return LogEntryRecord(at, author, kind, text.zh, text.en)
    return LogEntryRecord(at, author, kind, text)


def sample_record(extra_log: int = 0, number: str = "IT20240501001") -> TicketRecord:
    """The spec's CRM example, resolved, with ``extra_log`` more handling-log lines."""
    log = [_entry(SUBMITTED + timedelta(minutes=m), a, k, t) for m, a, k, t in BASE_LOG]
    for i in range(extra_log):
        at = SUBMITTED + timedelta(minutes=90 + 10 * i)
        text = (
            f"第 {i + 1} 次进度同步：已电话告知提交人处理进展，服务运行正常，继续观察数据库日志。"
        )
        log.append(LogEntryRecord(at, "李工程师", LogKind.PROGRESS, text))
    return TicketRecord(
        id=1,
        number=number,
        title="CRM系统数据库连接错误",
        department="销售部/北京分公司",
        description=("上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"),
        urgency=Urgency.HIGH,
        requester="小明",
        contact="内线8888",
        submitted_at=SUBMITTED,
        status=Status.RESOLVED,
        assignee="李工程师",
        solution=SOLUTION,
        resolved_at=datetime(2024, 5, 1, 10, 30),
        feedback_resolved=True,
        satisfaction=Satisfaction.SATISFIED,
        feedback_score=None,
        remarks="待供应商确认补丁发布时间",
        category=Category.SOFTWARE,
        impact=Impact.DEPARTMENT,
        channel=Channel.PHONE,
        priority=Priority.P1,
        tier=Tier.L2,
        respond_due=SUBMITTED + timedelta(minutes=15),
        resolve_due=SUBMITTED + timedelta(hours=2),
        next_update_due=None,
        first_response_at=SUBMITTED + timedelta(minutes=15),
        closed_at=None,
        close_reason="",
        device_model="",
        os="",
        software_version="",
        error_code="",
        waiting_on=None,
        waiting_contact="",
        waiting_until=None,
        escalation_count=1,
        reopen_count=0,
        version=6,
        updated_at=datetime(2024, 5, 1, 10, 35),
        updated_by="张三",
        log=tuple(log),
    )
