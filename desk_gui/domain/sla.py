"""Deadlines of a ticket: respond, resolve and the next progress update to the requester.

Progress updates (service-desk.md: "every 2 hours while a ticket is open longer than 4 hours;
P1: every 15 minutes") are read as: an update is owed ``update_interval`` after the last one
(or after submission), but none is owed before the ticket has been open ``update_after``
(4 h by default, zero for P1). So a P2 logged at 10:00 owes its first update at 14:00; an
update given at 13:00 moves the next one to 15:00; an update at 11:00 still leaves 14:00.
Business-hours priorities count these in business time, around-the-clock ones in wall time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.enums import Priority
from desk_gui.domain.priority import DEFAULT_TARGETS, SlaTarget


@dataclass(frozen=True)
class Deadlines:
    """When the first response and the resolution are due."""

    respond_due: datetime
    resolve_due: datetime


def _after(
    start: datetime, seconds: int, target: SlaTarget, calendar: BusinessCalendar
) -> datetime:
    if target.around_the_clock:
        return start + timedelta(seconds=seconds)
    return calendar.add_business_seconds(start, seconds)


def compute_deadlines(
    submitted_at: datetime,
    priority: Priority,
    calendar: BusinessCalendar,
    targets: Mapping[Priority, SlaTarget] = DEFAULT_TARGETS,
    paused_seconds: int = 0,
) -> Deadlines:
    """Deadlines from the submission time; ``paused_seconds`` of stopped clock push both later."""
    target = targets[priority]
    paused = max(0, paused_seconds)
    respond = calendar.duration_seconds(target.respond, target.around_the_clock) + paused
    resolve = calendar.duration_seconds(target.resolve, target.around_the_clock) + paused
    return Deadlines(
        respond_due=_after(submitted_at, respond, target, calendar),
        resolve_due=_after(submitted_at, resolve, target, calendar),
    )


def next_progress_due(
    submitted_at: datetime,
    last_update_at: datetime | None,
    priority: Priority,
    calendar: BusinessCalendar,
    targets: Mapping[Priority, SlaTarget] = DEFAULT_TARGETS,
) -> datetime:
    """When the next progress update to the requester is owed (see the module docstring)."""
    target = targets[priority]
    interval = target.update_interval // timedelta(seconds=1)
    after_open = target.update_after // timedelta(seconds=1)
    base = last_update_at if last_update_at is not None else submitted_at
    rhythm = _after(base, interval, target, calendar)
    if after_open <= 0:
        return rhythm
    return max(rhythm, _after(submitted_at, after_open, target, calendar))


def paused_between(
    a: datetime,
    b: datetime,
    priority: Priority,
    calendar: BusinessCalendar,
    targets: Mapping[Priority, SlaTarget] = DEFAULT_TARGETS,
) -> int:
    """Seconds the clock stood still during a wait from ``a`` to ``b`` (business or wall)."""
    if targets[priority].around_the_clock:
        return max(0, (b - a) // timedelta(seconds=1))
    return calendar.business_seconds_between(a, b)


def next_due(
    respond_due: datetime | None,
    resolve_due: datetime | None,
    next_update_due: datetime | None,
    first_response_at: datetime | None,
    resolved: bool,
) -> datetime | None:
    """The earliest outstanding deadline; None once resolved or when nothing is due."""
    if resolved:
        return None
    candidates = [resolve_due, next_update_due]
    if first_response_at is None:
        candidates.append(respond_due)
    present = [c for c in candidates if c is not None]
    return min(present) if present else None


def is_overdue(due: datetime | None, now: datetime) -> bool:
    """True once ``now`` is past ``due`` (exactly at the deadline is still on time)."""
    return due is not None and now > due


def due_soon(due: datetime | None, now: datetime, within: timedelta = timedelta(hours=1)) -> bool:
    """True if ``due`` is not yet past and falls within ``within`` of ``now``."""
    return due is not None and now <= due <= now + within
