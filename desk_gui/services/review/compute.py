"""The review report of one period beside the previous one: counts in SQL, times in Python.

Counts, rates, breakdowns and day series are SQL aggregates (store/report.py). Durations need
medians and business hours, so they are read as (submitted, responded, resolved) triples and
measured here; business time is a running total of the office calendar's open seconds per
day, so each ticket costs two look-ups whatever its span.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from desk_gui.domain import review
from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.review import AGING_KEYS, Figures, Period, Report, ReportFilter, Spread
from desk_gui.domain.review_problems import ArticleLookup, group_titles
from desk_gui.store import report as sql
from desk_gui.store import rollup
from desk_gui.store.database import close_thread_connection, current_database, read_transaction

__all__ = ["Figures", "Period", "Report", "ReportFilter", "build_report", "filter_values"]

T = TypeVar("T")
Progress = Callable[[int, int], None]
STEPS = 6
"""Progress steps of an unfiltered report (each period's counts and durations, series, problems);
a filtered one has a step per piece of each period (``chunks``), then series and problems."""
CHUNK_DAYS = 31
EXACT_TIMES_UP_TO = review.EXACT_TIMES_UP_TO
SAMPLE = review.SAMPLED_TIMES
ROLLUP_EXTRAS = ("responded", "response_seconds", "resolution_seconds")


class BusinessClock:
    """Business seconds between two moments by a running total of open seconds per day."""

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar
        self._open = calendar.open_time.hour * 3600 + calendar.open_time.minute * 60
        self._day = calendar.day_seconds
        self._base: int | None = None
        self._totals: list[int] = []
        self._working: list[bool] = []

    def _before(self, ordinal: int) -> int:
        """Business seconds from the first day seen to the start of day ``ordinal``."""
        if self._base is None or ordinal < self._base:
            high = ordinal if self._base is None else self._base + len(self._totals) - 1
            self._base, self._totals, self._working = ordinal, [0], []
            self._extend(high)
        self._extend(ordinal)
        return self._totals[ordinal - self._base]

    def _extend(self, ordinal: int) -> None:
        assert self._base is not None
        while self._base + len(self._totals) <= ordinal + 1:
            day = date.fromordinal(self._base + len(self._working))
            self._working.append(self.calendar.is_working_day(day))
            self._totals.append(self._totals[-1] + (self._day if self._working[-1] else 0))

    def at(self, t: datetime) -> int:
        """Business seconds from the origin to ``t``."""
        ordinal = t.toordinal()
        total = self._before(ordinal)
        assert self._base is not None
        if not self._working[ordinal - self._base]:
            return total
        into = t.hour * 3600 + t.minute * 60 + t.second - self._open
        return total + min(max(into, 0), self._day)

    def between(self, a: datetime, b: datetime) -> int:
        """Business seconds from ``a`` to ``b`` (0 unless b is later).

        ``a`` is placed first: an earlier day moves the origin, which only ``a`` can do here.
        """
        if b <= a:
            return 0
        since = self.at(a)
        return self.at(b) - since


def _seconds(clock_time: str) -> int:
    """Seconds into the day of "HH:MM:SS"."""
    if len(clock_time) < 8:
        return 0
    return int(clock_time[:2]) * 3600 + int(clock_time[3:5]) * 60 + int(clock_time[6:8])


class Moments:
    """Elapsed and business seconds between stored times, read straight from their text.

    Column-wise over a million times: each distinct day (ordinal, business seconds before it,
    open or not) and each distinct clock time is worked out once, then looked up; the clock
    starts at the earliest day so its running total never moves.
    """

    def __init__(self, clock: BusinessClock, texts: list[str]) -> None:
        self.clock = clock
        days = sorted({t[:10] for t in texts})
        clock.at(datetime.fromisoformat(days[0]))
        assert clock._base is not None
        self._days: dict[str, tuple[int, int, bool]] = {}
        for key in days:
            ordinal = date.fromisoformat(key).toordinal()
            before = clock._before(ordinal)
            self._days[key] = (ordinal, before, clock._working[ordinal - clock._base])
        self._secs = {x: _seconds(x) for x in {t[11:19] for t in texts}}

    def points(self, texts: list[str]) -> tuple[list[int], list[int]]:
        """(absolute seconds, business seconds) of each time."""
        days, secs = self._days, self._secs
        opening, length = self.clock._open, self.clock._day
        found = [(days[t[:10]], secs[t[11:19]]) for t in texts]
        absolute = [d[0] * 86400 + x for d, x in found]
        business = [d[1] + min(max(x - opening, 0), length) if d[2] else d[1] for d, x in found]
        return absolute, business


def _gaps(moments: Moments, starts: list[str], ends: list[str]) -> tuple[list[int], list[int]]:
    """Elapsed and business seconds from each start to its end (never negative)."""
    a_abs, a_bus = moments.points(starts)
    b_abs, b_bus = moments.points(ends)
    elapsed = [max(0, b - a) for a, b in zip(a_abs, b_abs, strict=True)]
    business = [max(0, b - a) for a, b in zip(a_bus, b_bus, strict=True)]
    return elapsed, business


def _spreads(
    rows: list[tuple[str, str | None, str | None]], clock: BusinessClock
) -> dict[str, Spread]:
    answered = [(r[0], r[1]) for r in rows if r[1] is not None]
    solved = [(r[0], r[2]) for r in rows if r[2] is not None]
    texts = [t for pairs in (answered, solved) for pair in pairs for t in pair]
    response: tuple[list[int], list[int]] = ([], [])
    resolution: tuple[list[int], list[int]] = ([], [])
    if texts:
        moments = Moments(clock, texts)
        response = _gaps(moments, [a for a, _ in answered], [b for _, b in answered])
        resolution = _gaps(moments, [a for a, _ in solved], [b for _, b in solved])
    return {
        "response": Spread.of(response[0], 60),
        "response_business": Spread.of(response[1], 60),
        "resolution": Spread.of(resolution[0], 3600),
        "resolution_business": Spread.of(resolution[1], 3600),
    }


def figures(period: Period, flt: ReportFilter, clock: BusinessClock,
            step: Callable[[], None]) -> Figures:  # fmt: skip
    """Counts, breakdowns and times of one period: from the per-day totals without a filter,
    from the tickets themselves with one."""
    if flt.given():
        return _exact_figures(period, flt, clock, step)
    with read_transaction():
        counts = rollup.counts(period.first, period.last)
        by = rollup.breakdowns(period.first, period.last)
    step()
    sums = {k: counts.pop(k) for k in ROLLUP_EXTRAS}
    rows = sums["responded"] + counts["resolved"]
    if rows <= EXACT_TIMES_UP_TO:
        times = _spreads(sql.durations(period.start, period.end, flt), clock)
    else:
        stride = -(-rows // SAMPLE)
        times = _spreads(sql.sampled_durations(period.start, period.end, stride), clock)
        times["response"] = _exact_mean(times["response"], sums["response_seconds"],
                                        sums["responded"], 60)  # fmt: skip
        times["resolution"] = _exact_mean(times["resolution"], sums["resolution_seconds"],
                                          counts["resolved"], 3600)  # fmt: skip
    step()
    return Figures(period, counts, by, times)


def _exact_mean(spread: Spread, total: int, n: int, unit: float) -> Spread:
    """``spread`` with its mean from the exact sum (as ``Spread.of`` rounds it)."""
    return Spread(None if n == 0 else round(float(total) / n / unit, 2), spread.median)


def chunks(period: Period) -> list[Period]:
    """The period cut into pieces of at most ``CHUNK_DAYS`` (a filtered report reads them one
    by one: progress moves and Cancel is heard between them)."""
    out, first = [], period.first
    while first <= period.last:
        last = min(first + timedelta(days=CHUNK_DAYS - 1), period.last)
        out.append(Period(first, last))
        first = last + timedelta(days=1)
    return out


BACKLOG_KEYS = ("backlog_end", *AGING_KEYS)


def _exact_figures(period: Period, flt: ReportFilter, clock: BusinessClock,
                   step: Callable[[], None]) -> Figures:  # fmt: skip
    """Counts, breakdowns and times of one period read from the tickets, piece by piece:
    received, resolved and closed add up over the pieces; the backlog is the last piece's
    (it ends where the period ends); durations are gathered, then measured together."""
    counts: dict[str, int] = {}
    by: dict[str, dict[str, int]] = {}
    rows: list[tuple[str, str | None, str | None]] = []
    pieces = chunks(period)
    for piece in pieces:
        start, end = piece.start, piece.end
        with read_transaction():
            part = sql.counts(start, end, flt, backlog=piece is pieces[-1])
            part_by = sql.breakdowns(start, end, flt)
        rows.extend(sql.durations(start, end, flt))
        for key, n in part.items():
            counts[key] = n if key in BACKLOG_KEYS else counts.get(key, 0) + n
        for column, values in part_by.items():
            into = by.setdefault(column, {})
            for value, n in values.items():
                into[value] = into.get(value, 0) + n
        step()
    return Figures(period, counts, by, _spreads(rows, clock))


def _bucket(day: str, period: Period) -> str:
    """Days for a period up to 31 days, ISO weeks (their Monday) up to 92, else months."""
    if period.days <= 31:
        return day
    d = date.fromisoformat(day)
    if period.days <= 92:
        return (d - timedelta(days=d.weekday())).isoformat()
    return day[:7]


def _per_day(period: Period, flt: ReportFilter) -> tuple[dict[str, int], dict[str, Any]]:
    """Received per day, and (resolved, deadline known, met, first-contact) per day."""
    if flt.given():
        start, end = period.start, period.end
        return sql.received_per_day(start, end, flt), sql.resolved_per_day(start, end, flt)
    rows = rollup.per_day(period.first, period.last)
    received = {str(r[0]): int(r[1]) for r in rows if r[1]}
    resolved = {str(r[0]): tuple(int(v) for v in r[2:]) for r in rows if r[2]}
    return received, resolved


def _series(period: Period, flt: ReportFilter) -> tuple[list[tuple[str, int, int]], list[Any]]:
    received, resolved = _per_day(period, flt)
    buckets: dict[str, list[int]] = {}
    for i in range(period.days):
        buckets.setdefault(_bucket((period.first + timedelta(days=i)).isoformat(), period), [0] * 5)
    for day, n in received.items():
        buckets.setdefault(_bucket(day, period), [0] * 5)[0] += n
    for day, values in resolved.items():
        row = buckets.setdefault(_bucket(day, period), [0] * 5)
        for i, v in enumerate(values):
            row[1 + i] += v
    keys = sorted(buckets)
    per_day = [(k, buckets[k][0], buckets[k][1]) for k in keys]
    trend = [
        (k, _share(buckets[k][3], buckets[k][2]), _share(buckets[k][4], buckets[k][1]))
        for k in keys
    ]
    return per_day, trend


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100.0 * part / whole, 1)


def _on_own_connection(fn: Callable[[], T]) -> Callable[[], T]:
    """``fn`` for a helper thread: it reads on its own connection and closes it at the end."""

    def run() -> T:
        try:
            return fn()
        finally:
            close_thread_connection(current_database())

    return run


def build_report(
    period: Period,
    calendar: BusinessCalendar,
    flt: ReportFilter | None = None,
    *,
    progress: Progress | None = None,
    article: ArticleLookup | None = None,
    top: int = 10,
) -> Report:
    """The report of ``period`` (and the previous one) on the bound database.

    The previous period and the day series are read by two helper threads on connections of
    their own while this thread reads the period itself (the engine works outside the GIL).
    """
    flt = flt or ReportFilter()
    previous_period = period.previous()
    total = STEPS
    if flt.given():
        total = len(chunks(period)) + len(chunks(previous_period)) + 2
    lock = threading.Lock()
    done = [0]

    def step() -> None:
        with lock:
            done[0] += 1
            count = done[0]
        if progress is not None:
            progress(count, total)

    def series() -> tuple[list[tuple[str, int, int]], list[Any], list[tuple[str, int]]]:
        per_day, trend = _series(period, flt)
        if flt.given():
            titles = sql.titles_received(period.start, period.end, flt)
        else:
            titles = rollup.titles(period.first, period.last)
        step()
        return per_day, trend, titles

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="review") as pool:
        before = pool.submit(_on_own_connection(
            lambda: figures(previous_period, flt, BusinessClock(calendar), step)))  # fmt: skip
        days = pool.submit(_on_own_connection(series))
        current = figures(period, flt, BusinessClock(calendar), step)
        previous, (per_day, trend, titles) = before.result(), days.result()
    report = Report(current, previous, flt, per_day, trend, group_titles(titles, top, article))
    step()
    return report


def filter_values() -> dict[str, list[str]]:
    """Values present in the filterable columns (the report window's choices)."""
    return {c: sql.distinct_values(c) for c in ("category", "department", "assignee", "priority")}
