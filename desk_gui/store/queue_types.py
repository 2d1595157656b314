"""The queue's plain types: what a filter asks for, a sort key, a row (no peewee, no Qt).

Kept apart from ``store.queue`` so that the window can be built, and its first page read
(``store.first_page``), before peewee is imported (issue 11).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from desk_gui.domain.plain import Frozen, Plain
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


class QueueFilter(Plain):
    """What the queue shows; None means "any" for the set-valued filters.

    A ``Plain`` class (equal by value, ``replace``), not a dataclass: it is defined before the
    window's first paint (issue 11).
    """

    __slots__ = (  # noqa: RUF023 - in the order of __init__'s parameters
        "statuses", "assignee", "unassigned", "priorities", "categories", "due",
        "overdue_or_unassigned", "submitted_from", "submitted_to", "text", "now",
    )  # fmt: skip

    def __init__(
        self,
        statuses: frozenset[str] | None = frozenset(schema.OPEN_STATUSES),
        assignee: str | None = None,
        unassigned: bool = False,
        priorities: frozenset[str] | None = None,
        categories: frozenset[str] | None = None,
        due: str | None = None,  # "soon" (within SOON, not past) or "overdue"
        overdue_or_unassigned: bool = False,  # the supervisor's view: past a deadline, or nobody's
        submitted_from: datetime | None = None,  # inclusive
        submitted_to: datetime | None = None,  # exclusive
        text: str = "",
        now: datetime | None = None,
    ) -> None:
        self.statuses = statuses
        self.assignee = assignee
        self.unassigned = unassigned
        self.priorities = priorities
        self.categories = categories
        self.due = due
        self.overdue_or_unassigned = overdue_or_unassigned
        self.submitted_from = submitted_from
        self.submitted_to = submitted_to
        self.text = text
        self.now = now


class QueueRow(Frozen):
    """One queue line with plain values (enum codes as strings); immutable, hashable."""

    __slots__ = (  # noqa: RUF023 - in the order of __init__'s parameters
        "id", "number", "title", "department", "requester", "category", "priority", "urgency",
        "status", "assignee", "submitted_at", "next_due", "version", "updated_at", "waiting_on",
    )  # fmt: skip
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
    waiting_on: str | None  # shown beside the status: an on-hold ticket's clock stands

    def __init__(self, *values: object, waiting_on: str | None = None) -> None:
        """The fields in order (``waiting_on``, the last, may be left out or named)."""
        if len(values) == len(self.__slots__) - 1:
            values += (waiting_on,)
        elif waiting_on is not None:
            raise TypeError("QueueRow got waiting_on twice")
        self._assign(*values)
