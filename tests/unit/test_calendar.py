"""The business calendar and its clock, pinned on concrete dates (China 2024–2026)."""

from __future__ import annotations

import time as wallclock
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.priority import Duration

CN = BusinessCalendar.for_country("CN", years=[2024, 2025, 2026])
PLAIN = BusinessCalendar()  # Mon–Fri 09:00–17:00, no holidays
HOUR = 3600
DAY = 8 * HOUR


def dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- the holiday data -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        "2025-01-01",  # New Year
        "2025-01-28",  # Spring Festival eve … 2025-02-04
        "2025-01-31",
        "2025-02-03",
        "2025-02-04",
        "2025-10-01",  # National Day … 2025-10-08 (with Mid-Autumn)
        "2025-10-06",
        "2025-10-08",
        "2026-01-02",
        "2025-03-08",  # an ordinary Saturday
        "2025-03-09",  # an ordinary Sunday
    ],
)
def test_closed_days(day: str) -> None:
    assert not CN.is_working_day(date.fromisoformat(day))


@pytest.mark.parametrize(
    "day",
    [
        "2025-01-26",  # Sunday, 调休 for the Spring Festival
        "2025-02-08",  # Saturday, 调休
        "2025-09-28",  # Sunday, 调休 for National Day
        "2025-10-11",  # Saturday, 调休
        "2026-01-04",  # Sunday, 调休 for New Year 2026
        "2025-01-27",
        "2025-02-05",
        "2025-10-09",
        "2025-03-10",  # an ordinary Monday
    ],
)
def test_working_days(day: str) -> None:
    assert CN.is_working_day(date.fromisoformat(day))


def test_country_adjusted_days_are_limited_to_the_years_asked() -> None:
    assert all(d.year in (2024, 2025, 2026) for d in CN.extra_workdays)
    assert date(2025, 1, 26) in CN.extra_workdays
    assert CN.country == "CN"


def test_office_edits_win_over_country_data() -> None:
    cal = BusinessCalendar.for_country(
        "CN",
        years=[2025],
        extra_holidays=[date(2025, 1, 26), date(2025, 3, 12)],
        extra_workdays=[date(2025, 10, 8)],
    )
    assert not cal.is_working_day(date(2025, 1, 26))  # the office skips this 调休 Sunday
    assert not cal.is_working_day(date(2025, 3, 12))  # its own closure
    assert cal.is_working_day(date(2025, 10, 8))  # works on a public holiday
    assert cal.is_working_day(date(2025, 2, 8))  # other 调休 days kept


def test_other_country_and_none() -> None:
    de = BusinessCalendar.for_country("DE", years=[2025])
    assert not de.is_working_day(date(2025, 10, 3))  # German Unity Day
    assert de.is_working_day(date(2025, 10, 1))
    assert not de.extra_workdays
    office_only = BusinessCalendar.for_country("", years=[2025], extra_holidays=[date(2025, 5, 5)])
    assert office_only.holidays == frozenset({date(2025, 5, 5)})


def test_unknown_country() -> None:
    with pytest.raises(ValueError):
        BusinessCalendar.for_country("XX", years=[2025])


def test_json_round_trip() -> None:
    data = CN.to_json()
    assert data["open_time"] == "09:00" and data["close_time"] == "17:00"
    assert "2025-01-26" in data["extra_workdays"]
    assert "2025-10-01" in data["holidays"]
    assert BusinessCalendar.from_json(data) == CN
    late = BusinessCalendar(open_time=time(8, 30), close_time=time(18, 0), workdays=frozenset({5}))
    assert BusinessCalendar.from_json(late.to_json()) == late
    assert BusinessCalendar.from_json({}) == PLAIN


@pytest.mark.parametrize(
    "kwargs",
    [
        {"open_time": time(17), "close_time": time(9)},
        {"open_time": time(9), "close_time": time(9)},
        {"workdays": frozenset({7})},
        {"workdays": frozenset()},
    ],
)
def test_bad_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        BusinessCalendar(**kwargs)  # type: ignore[arg-type]


def test_day_seconds() -> None:
    assert PLAIN.day_seconds == DAY
    assert BusinessCalendar(open_time=time(8, 30), close_time=time(18)).day_seconds == 34200


# --- next opening -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "opening"),
    [
        ("2025-03-03 10:15", "2025-03-03 10:15"),  # inside hours: itself
        ("2025-03-03 09:00", "2025-03-03 09:00"),
        ("2025-03-03 07:30", "2025-03-03 09:00"),  # before opening
        ("2025-03-03 17:00", "2025-03-04 09:00"),  # closing time: nothing left today
        ("2025-03-04 23:30", "2025-03-05 09:00"),  # late night
        ("2025-03-05 00:00", "2025-03-05 09:00"),  # midnight
        ("2025-03-07 18:00", "2025-03-10 09:00"),  # Friday evening → Monday
        ("2025-03-08 11:00", "2025-03-10 09:00"),  # Saturday
        ("2025-01-25 11:00", "2025-01-26 09:00"),  # Saturday → 调休 Sunday
        ("2025-01-27 17:30", "2025-02-05 09:00"),  # into the Spring Festival → after it
        ("2025-09-30 17:00", "2025-10-09 09:00"),  # National Day
        ("2024-12-31 17:00", "2025-01-02 09:00"),  # end of year
        ("2025-12-31 20:00", "2026-01-04 09:00"),  # New Year 2026 → 调休 Sunday
    ],
)
def test_next_opening(start: str, opening: str) -> None:
    assert CN.next_opening(dt(start)) == dt(opening)


def test_is_open_at() -> None:
    assert CN.is_open_at(dt("2025-03-03 09:00"))
    assert not CN.is_open_at(dt("2025-03-03 17:00"))
    assert not CN.is_open_at(dt("2025-01-29 10:00"))
    assert CN.is_open_at(dt("2025-02-08 10:00"))


# --- adding business time ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "seconds", "due"),
    [
        ("2025-03-03 10:00", 2 * HOUR, "2025-03-03 12:00"),
        ("2025-03-03 13:00", 4 * HOUR, "2025-03-03 17:00"),  # exactly at closing: stays
        ("2025-03-03 09:00", DAY, "2025-03-03 17:00"),  # one business day from opening
        ("2025-03-03 13:00", 4 * HOUR + 1, "2025-03-04 09:00:01"),
        ("2025-03-03 10:00", DAY, "2025-03-04 10:00"),  # same clock time next working day
        ("2025-03-03 16:00", 2 * HOUR, "2025-03-04 10:00"),
        ("2025-03-03 07:30", 2 * HOUR, "2025-03-03 11:00"),  # starts at opening
        ("2025-03-03 17:00", 2 * HOUR, "2025-03-04 11:00"),  # starts at next opening
        ("2025-03-04 23:50", 15 * 60, "2025-03-05 09:15"),  # across midnight
        ("2025-03-07 16:00", 2 * HOUR, "2025-03-10 10:00"),  # across a weekend
        ("2025-03-08 11:00", 2 * HOUR, "2025-03-10 11:00"),  # from a Saturday
        ("2025-03-07 16:00", 3 * DAY, "2025-03-12 16:00"),
        ("2025-03-03 10:00", 5 * DAY, "2025-03-10 10:00"),  # five business days = a week
        ("2025-01-25 11:00", 2 * HOUR, "2025-01-26 11:00"),  # 调休 Sunday works
        ("2025-01-27 10:00", DAY, "2025-02-05 10:00"),  # over the Spring Festival
        ("2025-01-27 10:00", 3 * DAY, "2025-02-07 10:00"),
        ("2025-01-27 10:00", 4 * DAY, "2025-02-08 10:00"),  # 调休 Saturday
        ("2025-01-27 10:00", 5 * DAY, "2025-02-10 10:00"),
        ("2025-02-07 16:00", 2 * HOUR, "2025-02-08 10:00"),
        ("2025-09-30 16:00", 2 * HOUR, "2025-10-09 10:00"),  # over National Day
        ("2025-09-30 15:00", 3 * DAY, "2025-10-11 15:00"),  # … onto its 调休 Saturday
        ("2025-09-27 10:00", 2 * HOUR, "2025-09-28 11:00"),  # Saturday → 调休 Sunday
        ("2024-12-31 16:00", 2 * HOUR, "2025-01-02 10:00"),  # end of year
        ("2025-12-31 16:00", 2 * HOUR, "2026-01-04 10:00"),
        ("2025-03-03 10:00", 0, "2025-03-03 10:00"),
        ("2025-03-08 10:00", 0, "2025-03-10 09:00"),
    ],
)
def test_add_business_seconds(start: str, seconds: int, due: str) -> None:
    assert CN.add_business_seconds(dt(start), seconds) == dt(due)


def test_negative_seconds_refused() -> None:
    with pytest.raises(ValueError):
        CN.add_business_seconds(dt("2025-03-03 10:00"), -1)


def test_other_hours() -> None:
    cal = BusinessCalendar(open_time=time(8, 30), close_time=time(12, 0))
    assert cal.add_business_seconds(dt("2025-03-03 11:00"), 2 * HOUR) == dt("2025-03-04 09:30")
    assert cal.add_duration(dt("2025-03-03 11:00"), Duration(business_days=1), False) == dt(
        "2025-03-04 11:00"
    )


def test_add_duration() -> None:
    start = dt("2025-03-07 16:00")
    assert CN.add_duration(start, Duration(minutes=120), False) == dt("2025-03-10 10:00")
    assert CN.add_duration(start, Duration(business_days=2), False) == dt("2025-03-11 16:00")
    assert CN.add_duration(start, Duration(minutes=120), True) == dt("2025-03-07 18:00")
    assert CN.add_duration(start, Duration(business_days=1, minutes=30), True) == dt(
        "2025-03-08 16:30"
    )


def test_duration_seconds() -> None:
    assert CN.duration_seconds(Duration(business_days=3), False) == 3 * DAY
    assert CN.duration_seconds(Duration(business_days=1, minutes=15), True) == 86400 + 900


def test_adding_many_business_days_is_fast() -> None:
    started = wallclock.perf_counter()
    for _ in range(200):
        CN.add_business_seconds(dt("2025-01-27 10:00"), 250 * DAY)
    assert wallclock.perf_counter() - started < 2.0


# --- counting business time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "seconds"),
    [
        ("2025-03-03 10:00", "2025-03-03 12:00", 2 * HOUR),
        ("2025-03-03 07:00", "2025-03-03 20:00", DAY),
        ("2025-03-07 16:00", "2025-03-10 10:00", 2 * HOUR),  # weekend does not count
        ("2025-01-27 16:00", "2025-02-05 10:00", 2 * HOUR),  # holiday does not count
        ("2025-01-25 00:00", "2025-01-27 00:00", DAY),  # 调休 Sunday counts
        ("2025-03-03 12:00", "2025-03-03 10:00", 0),  # reversed
        ("2025-03-03 10:00", "2025-03-03 10:00", 0),
        ("2025-03-08 10:00", "2025-03-09 18:00", 0),
        ("2024-12-31 16:00", "2025-01-02 10:00", 2 * HOUR),
    ],
)
def test_business_seconds_between(a: str, b: str, seconds: int) -> None:
    assert CN.business_seconds_between(dt(a), dt(b)) == seconds


# --- properties -------------------------------------------------------------------------------

starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 6, 30)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
amounts = st.integers(min_value=0, max_value=10 * DAY)


@given(starts, amounts)
def test_deadline_not_before_start(start: datetime, seconds: int) -> None:
    assert CN.add_business_seconds(start, seconds) >= start


@given(starts, amounts)
def test_counting_undoes_adding(start: datetime, seconds: int) -> None:
    due = CN.add_business_seconds(start, seconds)
    assert CN.business_seconds_between(CN.next_opening(start), due) == seconds
    assert CN.business_seconds_between(start, due) == seconds


@given(starts, amounts, amounts)
def test_monotonic_in_seconds(start: datetime, s1: int, s2: int) -> None:
    low, high = sorted((s1, s2))
    assert CN.add_business_seconds(start, low) <= CN.add_business_seconds(start, high)


@given(starts, st.integers(min_value=1, max_value=10 * DAY))
def test_deadline_lies_in_business_hours(start: datetime, seconds: int) -> None:
    due = CN.add_business_seconds(start, seconds)
    assert CN.is_working_day(due.date())
    assert time(9) < due.time() <= time(17)


@given(starts, amounts, amounts)
def test_counting_is_additive(start: datetime, s1: int, s2: int) -> None:
    middle = start + timedelta(seconds=s1)
    end = middle + timedelta(seconds=s2)
    assert CN.business_seconds_between(start, end) == CN.business_seconds_between(
        start, middle
    ) + CN.business_seconds_between(middle, end)


@given(starts, st.integers(min_value=0, max_value=10))
def test_business_days_keep_the_clock_time(start: datetime, days: int) -> None:
    opening = CN.next_opening(start)
    due = CN.add_duration(start, Duration(business_days=days), False)
    if opening.time() != time(9) or days == 0:
        assert due.time() == opening.time()
    else:
        # From exactly opening time, N days end at closing of the (N-1)th working day after.
        assert due.time() == time(17)
