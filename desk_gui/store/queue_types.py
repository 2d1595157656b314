"""The queue's plain types: what a filter asks for, a sort key, a row (no peewee, no Qt).

Kept apart from ``store.queue`` so that the window can be built, and its first page read
(``store.first_page``), before peewee is imported (issue 11).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desk_gui.store import schema

SOON = timedelta(hours=1)
KNOWN_STATUSES = frozenset(("pending", "in_progress", "resolved", "closed"))
COUNT_CAP = 10_000
"""Where ``store.queue.count_capped`` stops counting: the window shows "10,000+"."""


class SortKey(StrEnum):
    """One member per queue column."""

    NUMBER = "number"
    TITLE = "title"
    DEPARTMENT = "department"
    REQUESTER = "requester"
    CATEGORY = "category"
    PRIORITY = "priority"
    URGENCY = "urgency"
    STATUS = "status"
    ASSIGNEE = "assignee"
    SUBMITTED_AT = "submitted_at"
    NEXT_DUE = "next_due"


@dataclass
class QueueFilter:
    """What the queue shows; None means "any" for the set-valued filters."""

    statuses: frozenset[str] | None = frozenset(schema.OPEN_STATUSES)
    assignee: str | None = None
    unassigned: bool = False
    priorities: frozenset[str] | None = None
    categories: frozenset[str] | None = None
    due: str | None = None  # "soon" (within SOON, not past) or "overdue"
    overdue_or_unassigned: bool = False  # the supervisor's view: past a deadline, or nobody's
    submitted_from: datetime | None = None  # inclusive
    submitted_to: datetime | None = None  # exclusive
    text: str = ""
    now: datetime | None = None


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One queue line with plain values (enum codes as strings)."""

    id: int
    number: str
    title: str
    department: str
    requester: str
    category: str
    priority: str
    urgency: str
    status: str
    assignee: str | None
    submitted_at: datetime
    next_due: datetime | None
    version: int
    updated_at: datetime
    waiting_on: str | None = None  # shown beside the status: an on-hold ticket's clock stands
