"""Value objects for tickets: what intake fills in, and a full read-only snapshot of one ticket."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
    WaitingOn,
)
from desk_gui.domain.lang import is_zh


@dataclass
class TicketDraft:
    """The intake fields of a new ticket, as typed; validated by ``domain.validation``."""

    title: str = ""
    department: str = ""
    description: str = ""
    category: Category | None = None
    urgency: Urgency | None = None
    impact: Impact | None = None
    requester: str = ""
    contact: str = ""
    channel: Channel = Channel.PHONE
    submitted_at: datetime | None = None  # None: now
    remarks: str = ""
    device_model: str = ""
    os: str = ""
    software_version: str = ""
    error_code: str = ""
    assignee: str | None = None
    follow_up_of: int | None = None  # id of the closed ticket this one follows up


@dataclass(frozen=True)
class TicketLink:
    """Another ticket as a worksheet names it: a follow-up or the ticket followed up."""

    id: int
    number: str
    title: str
    status: Status

    def describe(self, lang: str = "zh") -> str:
        """IT20240501001 CRM系统数据库连接错误（已关闭） / … (Closed)."""
        if is_zh(lang):
            return f"{self.number} {self.title}（{self.status.zh}）"
        return f"{self.number} {self.title} ({self.status.en})"


@dataclass(frozen=True)
class LogEntryRecord:
    """One line of the append-only handling log.

    ``text`` is the Chinese of a generated line or a note as typed; ``text_en`` the generated
    line's English, None for typed notes and for lines written before schema 4.
    """

    at: datetime
    author: str
    kind: LogKind
    text: str
    text_en: str | None = None

    def text_for(self, lang: str) -> str:
        """The line in ``lang``: English where there is one, else the stored text."""
        if is_zh(lang):
            return self.text
        return self.text_en or self.text


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment's metadata (the bytes are fetched separately)."""

    id: int
    filename: str
    size: int
    mime: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class TicketRecord:
    """A consistent snapshot of one ticket with its log, as read in one transaction."""

    id: int
    number: str
    title: str
    department: str
    description: str
    urgency: Urgency
    requester: str
    contact: str
    submitted_at: datetime
    status: Status
    assignee: str | None
    solution: str
    resolved_at: datetime | None
    feedback_resolved: bool | None
    satisfaction: Satisfaction | None
    feedback_score: int | None
    remarks: str
    category: Category
    impact: Impact
    channel: Channel
    priority: Priority
    tier: Tier
    respond_due: datetime | None
    resolve_due: datetime | None
    next_update_due: datetime | None
    first_response_at: datetime | None
    closed_at: datetime | None
    close_reason: str
    device_model: str
    os: str
    software_version: str
    error_code: str
    waiting_on: WaitingOn | None
    waiting_contact: str
    waiting_until: datetime | None
    escalation_count: int
    reopen_count: int
    version: int
    updated_at: datetime
    updated_by: str
    log: tuple[LogEntryRecord, ...] = field(default=())
    attachments: tuple[AttachmentInfo, ...] = field(default=())
    follow_up_of: TicketLink | None = None  # the closed ticket this one continues
    follow_ups: tuple[TicketLink, ...] = field(default=())  # tickets that continue this one
    log_chain: str = ""  # the log's hash chain value, shortened (domain.log_chain); '' if none
