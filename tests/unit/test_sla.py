"""Respond/resolve deadlines, progress-update rhythm, pauses and what is due next."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.enums import Priority
from desk_gui.domain.priority import DEFAULT_TARGETS, Duration, SlaTarget
from desk_gui.domain.sla import (
    Deadlines,
    compute_deadlines,
    due_soon,
    is_overdue,
    next_due,
    next_progress_due,
    paused_between,
)

CN = BusinessCalendar.for_country("CN", years=[2024, 2025, 2026])
P1, P2, P3, P4 = Priority.P1, Priority.P2, Priority.P3, Priority.P4


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("submitted", "priority", "respond", "resolve"),
    [
        # P1: around the clock, across midnight and on holidays.
        ("2025-03-04 23:50", P1, "2025-03-05 00:05", "2025-03-05 01:50"),
        ("2025-01-29 10:00", P1, "2025-01-29 10:15", "2025-01-29 12:00"),
        ("2025-03-08 03:00", P1, "2025-03-08 03:15", "2025-03-08 05:00"),
        ("2024-12-31 23:00", P1, "2024-12-31 23:15", "2025-01-01 01:00"),
        # P2: business hours, exact closing stays, weekends and holidays skipped.
        ("2025-03-03 13:00", P2, "2025-03-03 15:00", "2025-03-03 17:00"),
        ("2025-03-03 15:00", P2, "2025-03-03 17:00", "2025-03-04 11:00"),
        ("2025-03-03 17:00", P2, "2025-03-04 11:00", "2025-03-04 13:00"),
        ("2025-03-03 07:30", P2, "2025-03-03 11:00", "2025-03-03 13:00"),
        ("2025-03-07 16:00", P2, "2025-03-10 10:00", "2025-03-10 12:00"),
        ("2025-01-25 11:00", P2, "2025-01-26 11:00", "2025-01-26 13:00"),
        ("2025-02-07 16:00", P2, "2025-02-08 10:00", "2025-02-08 12:00"),
        ("2025-09-30 16:00", P2, "2025-10-09 10:00", "2025-10-09 12:00"),
        ("2024-12-31 16:00", P2, "2025-01-02 10:00", "2025-01-02 12:00"),
        ("2025-12-31 16:00", P2, "2026-01-04 10:00", "2026-01-04 12:00"),
        # P3: 1 / 3 business days.
        ("2025-03-03 09:00", P3, "2025-03-03 17:00", "2025-03-05 17:00"),
        ("2025-03-07 16:00", P3, "2025-03-10 16:00", "2025-03-12 16:00"),
        ("2025-01-27 10:00", P3, "2025-02-05 10:00", "2025-02-07 10:00"),
        ("2025-09-30 15:00", P3, "2025-10-09 15:00", "2025-10-11 15:00"),
        ("2025-03-08 11:00", P3, "2025-03-10 17:00", "2025-03-12 17:00"),
        # P4: 2 / 5 business days.
        ("2025-01-27 10:00", P4, "2025-02-06 10:00", "2025-02-10 10:00"),
        ("2025-03-03 10:00", P4, "2025-03-05 10:00", "2025-03-10 10:00"),
        ("2024-12-30 14:00", P4, "2025-01-02 14:00", "2025-01-07 14:00"),
    ],
)
def test_deadlines(submitted: str, priority: Priority, respond: str, resolve: str) -> None:
    assert compute_deadlines(dt(submitted), priority, CN) == Deadlines(dt(respond), dt(resolve))


def test_pause_pushes_business_deadlines() -> None:
    deadlines = compute_deadlines(dt("2025-03-03 10:00"), P2, CN, paused_seconds=3600)
    assert deadlines == Deadlines(dt("2025-03-03 13:00"), dt("2025-03-03 15:00"))
    # Five hours of pause push the resolution over the night.
    later = compute_deadlines(dt("2025-03-03 10:00"), P2, CN, paused_seconds=5 * 3600)
    assert later.resolve_due == dt("2025-03-04 11:00")


def test_pause_pushes_around_the_clock_deadlines() -> None:
    deadlines = compute_deadlines(dt("2025-03-04 23:50"), P1, CN, paused_seconds=600)
    assert deadlines == Deadlines(dt("2025-03-05 00:15"), dt("2025-03-05 02:00"))


def test_negative_pause_is_ignored() -> None:
    start = dt("2025-03-03 10:00")
    assert compute_deadlines(start, P2, CN, paused_seconds=-50) == compute_deadlines(start, P2, CN)


def test_office_targets() -> None:
    targets = dict(DEFAULT_TARGETS)
    targets[P2] = SlaTarget(Duration(minutes=30), Duration(business_days=1))
    deadlines = compute_deadlines(dt("2025-03-03 16:45"), P2, CN, targets)
    assert deadlines == Deadlines(dt("2025-03-04 09:15"), dt("2025-03-04 16:45"))


@pytest.mark.parametrize(
    ("a", "b", "priority", "seconds"),
    [
        ("2025-03-07 16:00", "2025-03-10 10:00", P2, 7200),
        ("2025-03-07 16:00", "2025-03-10 10:00", P1, 66 * 3600),
        ("2025-01-27 16:00", "2025-02-05 10:00", P3, 7200),
        ("2025-03-03 12:00", "2025-03-03 10:00", P1, 0),
        ("2025-03-03 12:00", "2025-03-03 10:00", P2, 0),
    ],
)
def test_paused_between(a: str, b: str, priority: Priority, seconds: int) -> None:
    assert paused_between(dt(a), dt(b), priority, CN) == seconds


def test_pause_round_trip() -> None:
    # A wait over the weekend then resumes: deadlines move by the business time waited.
    submitted = dt("2025-03-07 15:00")
    waited = paused_between(dt("2025-03-07 15:30"), dt("2025-03-10 10:00"), P2, CN)
    assert waited == 2 * 3600 + 30 * 60
    assert compute_deadlines(submitted, P2, CN, paused_seconds=waited).respond_due == dt(
        "2025-03-10 11:30"
    )


@pytest.mark.parametrize(
    ("submitted", "last_update", "priority", "due"),
    [
        # Business priorities: first update once open 4 business hours, then every 2 h.
        ("2025-03-03 10:00", None, P2, "2025-03-03 14:00"),
        ("2025-03-03 15:00", None, P3, "2025-03-04 11:00"),
        ("2025-03-07 16:00", None, P4, "2025-03-10 12:00"),
        ("2025-03-03 10:00", "2025-03-03 11:00", P2, "2025-03-03 14:00"),  # early update
        ("2025-03-03 10:00", "2025-03-03 13:00", P2, "2025-03-03 15:00"),
        ("2025-03-03 10:00", "2025-03-03 16:00", P2, "2025-03-04 10:00"),  # over the night
        ("2025-03-03 10:00", "2025-03-03 18:30", P3, "2025-03-04 11:00"),  # after hours
        ("2025-01-27 14:00", "2025-01-27 16:30", P2, "2025-02-05 10:30"),  # over a holiday
        # P1: every 15 minutes from the start, around the clock.
        ("2025-03-04 23:50", None, P1, "2025-03-05 00:05"),
        ("2025-03-04 23:50", "2025-03-05 00:10", P1, "2025-03-05 00:25"),
        ("2025-01-29 10:00", "2025-01-29 10:05", P1, "2025-01-29 10:20"),
    ],
)
def test_next_progress_due(
    submitted: str, last_update: str | None, priority: Priority, due: str
) -> None:
    last = dt(last_update) if last_update else None
    assert next_progress_due(dt(submitted), last, priority, CN) == dt(due)


T0 = dt("2025-03-03 10:00")


def test_next_due_picks_the_earliest_outstanding() -> None:
    respond, resolve, update = T0, T0 + timedelta(hours=4), T0 + timedelta(hours=2)
    assert next_due(respond, resolve, update, None, resolved=False) == respond
    assert next_due(respond, resolve, update, T0, resolved=False) == update
    assert next_due(respond, resolve, None, T0, resolved=False) == resolve
    assert next_due(respond, resolve, update, None, resolved=True) is None
    assert next_due(None, None, None, None, resolved=False) is None
    assert next_due(None, resolve, None, None, resolved=False) == resolve


def test_overdue_and_due_soon() -> None:
    assert not is_overdue(None, T0)
    assert not is_overdue(T0, T0)  # exactly at the deadline is on time
    assert is_overdue(T0, T0 + timedelta(seconds=1))
    assert due_soon(T0 + timedelta(minutes=30), T0)
    assert due_soon(T0 + timedelta(hours=1), T0)
    assert not due_soon(T0 + timedelta(hours=1, seconds=1), T0)
    assert due_soon(T0 + timedelta(hours=3), T0, within=timedelta(hours=4))
    assert not due_soon(T0 - timedelta(minutes=1), T0)  # overdue, not "soon"
    assert not due_soon(None, T0)


starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 6, 30)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@given(starts, st.sampled_from(list(Priority)), st.integers(min_value=0, max_value=40 * 3600))
def test_deadline_order(submitted: datetime, priority: Priority, paused: int) -> None:
    deadlines = compute_deadlines(submitted, priority, CN, paused_seconds=paused)
    assert submitted <= deadlines.respond_due <= deadlines.resolve_due
    plain = compute_deadlines(submitted, priority, CN)
    assert deadlines.respond_due >= plain.respond_due
    assert deadlines.resolve_due >= plain.resolve_due


@given(starts, st.sampled_from(list(Priority)))
def test_business_priorities_meet_their_targets_in_business_time(
    submitted: datetime, priority: Priority
) -> None:
    target = DEFAULT_TARGETS[priority]
    deadlines = compute_deadlines(submitted, priority, CN)
    if target.around_the_clock:
        assert deadlines.resolve_due - submitted == timedelta(minutes=target.resolve.minutes)
    else:
        expected = CN.duration_seconds(target.resolve, False)
        assert CN.business_seconds_between(submitted, deadlines.resolve_due) == expected


@given(starts, st.sampled_from(list(Priority)), st.integers(min_value=0, max_value=20 * 3600))
def test_progress_due_is_after_the_last_update(
    submitted: datetime, priority: Priority, offset: int
) -> None:
    last = submitted + timedelta(seconds=offset)
    assert next_progress_due(submitted, last, priority, CN) > last
    assert next_progress_due(submitted, None, priority, CN) > submitted
