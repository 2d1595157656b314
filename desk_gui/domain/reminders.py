"""What reminders an open ticket owes its handler, and when (pure rules, no storage).

Kinds: the first response is due (until someone responds), the next progress update to the
requester is due (``sla.next_progress_due``: every 2 h once open 4 h, P1 every 15 min), the
resolution is due, and the L1 30-minute rule: an L1 ticket in progress 30 minutes after it was
taken (its first response) without being resolved prompts the handler to escalate.

A reminder shows ``lead`` before its due time and stays until acknowledged; deadlines older
than ``lookback`` are left to the supervisor's overdue view (a backlog of weeks-old deadlines
would bury today's reminders). A waiting ticket owes nothing: its clock is paused.
The 30 minutes count in the ticket's own clock: business time unless its priority runs
around the clock, so a ticket taken at 16:50 prompts at 09:20 the next working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.enums import Priority, Status, Tier
from desk_gui.domain.priority import DEFAULT_TARGETS, SlaTarget

LEAD = timedelta(minutes=15)
"""How long before its due time a reminder appears."""
LOOKBACK = timedelta(days=3)
"""Deadlines further in the past than this raise no reminder (a long weekend still does)."""
ESCALATE_AFTER = timedelta(minutes=30)
"""The L1 rule: solve within about 30 minutes of taking the ticket, or escalate."""


class ReminderKind(StrEnum):
    """What a reminder is about; the value is stored."""

    RESPOND = "respond"
    UPDATE = "update"
    RESOLVE = "resolve"
    ESCALATE = "escalate"


@dataclass(frozen=True)
class DeadlineSnapshot:
    """The deadline columns of one ticket, as the reminder query reads them."""

    ticket_id: int
    priority: Priority
    tier: Tier
    status: Status
    respond_due: datetime | None
    resolve_due: datetime | None
    next_update_due: datetime | None
    first_response_at: datetime | None
    waiting: bool = False


@dataclass(frozen=True)
class DueItem:
    """One reminder a ticket owes: the dedupe key without the operator."""

    ticket_id: int
    kind: ReminderKind
    due_at: datetime


def escalate_due(
    first_response_at: datetime,
    priority: Priority,
    calendar: BusinessCalendar,
    targets: Mapping[Priority, SlaTarget] = DEFAULT_TARGETS,
) -> datetime:
    """When an L1 ticket taken at ``first_response_at`` should be escalated if still open."""
    seconds = ESCALATE_AFTER // timedelta(seconds=1)
    if targets[priority].around_the_clock:
        return first_response_at + ESCALATE_AFTER
    return calendar.add_business_seconds(first_response_at, seconds)


def window(
    now: datetime, lead: timedelta = LEAD, lookback: timedelta = LOOKBACK
) -> tuple[datetime, datetime]:
    """(earliest, latest) due time that raises a reminder at ``now``."""
    return now - lookback, now + lead


def reminders_for(
    s: DeadlineSnapshot,
    now: datetime,
    calendar: BusinessCalendar,
    targets: Mapping[Priority, SlaTarget] = DEFAULT_TARGETS,
    lead: timedelta = LEAD,
    lookback: timedelta = LOOKBACK,
) -> list[DueItem]:
    """The reminders ``s`` owes at ``now``, earliest first."""
    if not s.status.is_open or s.waiting:
        return []
    low, high = window(now, lead, lookback)
    items: list[DueItem] = []

    def add(kind: ReminderKind, due: datetime | None, until: datetime = high) -> None:
        if due is not None and low <= due <= until:
            items.append(DueItem(s.ticket_id, kind, due))

    if s.first_response_at is None:
        add(ReminderKind.RESPOND, s.respond_due)
    add(ReminderKind.UPDATE, s.next_update_due)
    add(ReminderKind.RESOLVE, s.resolve_due)
    if s.tier is Tier.L1 and s.status is Status.IN_PROGRESS and s.first_response_at is not None:
        # A prompt to act on, not a deadline to prepare for: it appears when the time is up.
        add(
            ReminderKind.ESCALATE,
            escalate_due(s.first_response_at, s.priority, calendar, targets),
            until=now,
        )
    return sorted(items, key=lambda i: (i.due_at, i.kind.value))
