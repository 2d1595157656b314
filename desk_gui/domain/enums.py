"""The service desk's enumerations, each value with its Chinese and English label.

Values are stable ASCII codes stored in the database and files; labels are what people read.
The Chinese labels are exactly the terms of the paper worksheet (service-desk.md).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from desk_gui.domain.lang import LANGS as LANGS
from desk_gui.domain.lang import Lang as Lang
from desk_gui.domain.lang import is_zh


class LabelledEnum(StrEnum):
    """A string enum whose members carry a zh and an en label."""

    @property
    def zh(self) -> str:
        return type(self)._label_table()[self.value][0]

    @property
    def en(self) -> str:
        return type(self)._label_table()[self.value][1]

    def label(self, lang: Lang = "zh") -> str:
        """The label in ``lang`` ("zh" or "en"; anything else falls back to English)."""
        return self.zh if is_zh(lang) else self.en

    @classmethod
    def _label_table(cls) -> dict[str, tuple[str, str]]:
        return LABELS[cls.__name__]

    @classmethod
    def parse(cls, text: str | None) -> Self:
        """Member from its value, its zh or en label (case-insensitive); ValueError otherwise."""
        if text is None:
            raise ValueError(f"empty {cls.__name__}")
        key = str(text).strip()
        low = key.lower()
        for member in cls:
            zh, en = cls._label_table()[member.value]
            if low in (member.value.lower(), en.lower(), member.name.lower()) or key == zh:
                return member
        for member in cls:  # tolerate short forms such as "P1" or "L2"
            if low == member.value.lower().split("_")[0]:
                return member
        raise ValueError(f"unknown {cls.__name__}: {text!r}")


class Status(LabelledEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self in (Status.PENDING, Status.IN_PROGRESS)


class Category(LabelledEnum):
    HARDWARE = "hardware"
    SOFTWARE = "software"
    NETWORK = "network"
    PERMISSION = "permission"
    OTHER = "other"


class Urgency(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Impact(LabelledEnum):
    COMPANY = "company"
    DEPARTMENT = "department"
    INDIVIDUAL = "individual"


class Channel(LabelledEnum):
    PHONE = "phone"
    EMAIL = "email"
    IM = "im"
    WALK_IN = "walk_in"
    WEB = "web"
    MONITORING = "monitoring"


class Tier(LabelledEnum):
    L1 = "l1"
    L2 = "l2"
    EXPERT = "expert"

    def next(self) -> Tier | None:
        order = list(Tier)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class Priority(LabelledEnum):
    P1 = "p1"
    P2 = "p2"
    P3 = "p3"
    P4 = "p4"

    @property
    def rank(self) -> int:
        """1 for P1 (most urgent) … 4 for P4."""
        return int(self.value[1])


class Satisfaction(LabelledEnum):
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"

    @classmethod
    def from_score(cls, score: int) -> Satisfaction:
        """1–5 score → rating: 5–4 satisfied, 3 basic, 2–1 dissatisfied."""
        if not 1 <= score <= 5:
            raise ValueError(f"score must be 1–5, got {score}")
        if score >= 4:
            return cls.SATISFIED
        if score == 3:
            return cls.BASIC
        return cls.DISSATISFIED


class WaitingOn(LabelledEnum):
    """Why the SLA clock of an open ticket is paused."""

    REQUESTER = "requester"
    VENDOR = "vendor"
    DEPARTMENT = "department"


class LogKind(LabelledEnum):
    """What a handling-log entry records."""

    CREATED = "created"
    NOTE = "note"
    STATUS = "status"
    ASSIGN = "assign"
    PRIORITY = "priority"
    TIER = "tier"
    ESCALATE = "escalate"
    PROGRESS = "progress"
    EDIT = "edit"
    RESOLVE = "resolve"
    FEEDBACK = "feedback"
    CLOSE = "close"
    REOPEN = "reopen"
    ATTACHMENT = "attachment"
    WAIT = "wait"
    IMPORT = "import"
    FOLLOW_UP = "follow_up"
    KB = "kb"  # a knowledge-base article applied, archived or a linked duplicate call


# (zh, en) per enum class name and value. The zh texts are the worksheet's own terms.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Status": {
        "pending": ("待处理", "Pending"),
        "in_progress": ("处理中", "In progress"),
        "resolved": ("已解决", "Resolved"),
        "closed": ("已关闭", "Closed"),
    },
    "Category": {
        "hardware": ("硬件", "Hardware"),
        "software": ("软件", "Software"),
        "network": ("网络", "Network"),
        "permission": ("权限", "Permission"),
        "other": ("其他", "Other"),
    },
    "Urgency": {
        "high": ("高", "High"),
        "medium": ("中", "Medium"),
        "low": ("低", "Low"),
    },
    "Impact": {
        "company": ("全公司", "Company-wide"),
        "department": ("部门", "Department"),
        "individual": ("个人", "Individual"),
    },
    "Channel": {
        "phone": ("电话", "Phone"),
        "email": ("邮件", "E-mail"),
        "im": ("即时消息", "Instant message"),
        "walk_in": ("现场", "Walk-in"),
        "web": ("网页/表单", "Web/form"),
        "monitoring": ("监控告警", "Monitoring alert"),
    },
    "Tier": {
        "l1": ("一线", "L1"),
        "l2": ("二线", "L2"),
        "expert": ("专家", "Expert"),
    },
    "Priority": {
        "p1": ("P1", "P1"),
        "p2": ("P2", "P2"),
        "p3": ("P3", "P3"),
        "p4": ("P4", "P4"),
    },
    "Satisfaction": {
        "satisfied": ("满意", "Satisfied"),
        "basic": ("基本满意", "Fairly satisfied"),
        "dissatisfied": ("不满意", "Dissatisfied"),
    },
    "WaitingOn": {
        "requester": ("等待提交人", "Waiting on requester"),
        "vendor": ("等待供应商", "Waiting on vendor"),
        "department": ("等待其他部门", "Waiting on another department"),
    },
    "LogKind": {
        "created": ("登记", "Logged"),
        "note": ("记录", "Note"),
        "status": ("状态变更", "Status change"),
        "assign": ("指派", "Assignment"),
        "priority": ("优先级变更", "Priority change"),
        "tier": ("层级变更", "Tier change"),
        "escalate": ("升级", "Escalation"),
        "progress": ("进度同步", "Progress update"),
        "edit": ("修改", "Edit"),
        "resolve": ("解决", "Resolution"),
        "feedback": ("反馈", "Feedback"),
        "close": ("关闭", "Closure"),
        "reopen": ("重新打开", "Reopened"),
        "attachment": ("附件", "Attachment"),
        "wait": ("等待", "Waiting"),
        "import": ("导入", "Import"),
        "follow_up": ("跟进", "Follow-up"),
        "kb": ("知识库", "Knowledge base"),
    },
}


YES_NO: dict[bool, tuple[str, str]] = {True: ("是", "Yes"), False: ("否", "No")}

STATUS_JOIN = " · "


def status_text(status: Status, waiting_on: WaitingOn | None, lang: Lang = "zh") -> str:
    """The status as people read it: 处理中 · 等待提交人 / In progress · waiting on requester."""
    text = status.label(lang)
    if waiting_on is None or not status.is_open:
        return text
    wait = waiting_on.label(lang)
    if not is_zh(lang):
        wait = wait[:1].lower() + wait[1:]
    return text + STATUS_JOIN + wait
