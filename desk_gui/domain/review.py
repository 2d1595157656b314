"""The review report's figures: a period, one period's counts and times, the report.

Pure data, computed by services/review/compute.py from store/report.py's aggregates, read by
the window, the printed report, the .xlsx and the JSON. Definitions: domain/review_text.py.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from desk_gui.domain.review_problems import ProblemGroup

AGING_DAYS = (1, 3, 7)
"""Backlog aging buckets: 0–1, 1–3, 3–7 and 7+ days since submission at the period's end."""

AGING_KEYS = ("aging_0_1", "aging_1_3", "aging_3_7", "aging_7_plus")

BREAKDOWNS = ("category", "department", "priority", "assignee", "channel")

EXACT_TIMES_UP_TO = 60_000
"""Durations are measured one by one up to this many (answered + resolved) in a period; above
it medians and business-hour times come from an evenly spaced sample of about
``SAMPLED_TIMES`` (elapsed means stay exact: per-day sums). Printed in the definitions."""
SAMPLED_TIMES = 40_000


@dataclass(frozen=True)
class ReportFilter:
    """Optional restrictions; None means every value."""

    category: str | None = None
    department: str | None = None
    assignee: str | None = None
    priority: str | None = None

    def given(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days a period may span: its comparison period and its end bound stay real dates."""


@dataclass(frozen=True)
class Period:
    """Days ``first`` to ``last`` inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"period ends before it starts: {self.first} – {self.last}")
        if self.first < FIRST_DAY or self.last > LAST_DAY:
            raise ValueError(f"a period lies between {FIRST_DAY} and {LAST_DAY}")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time())

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return datetime.combine(self.last + timedelta(days=1), time())

    def month(self) -> Period:
        """The calendar month of ``first``."""
        start = self.first.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return Period(start, following - timedelta(days=1))

    def previous_month(self) -> Period:
        """The calendar month before the month of ``first``."""
        return Period(self.first.replace(day=1) - timedelta(days=1), self.first).month()

    @property
    def is_month(self) -> bool:
        """Exactly one calendar month."""
        after = self.last + timedelta(days=1)
        return self.first.day == 1 and after.day == 1 and self.first.month == self.last.month

    def previous(self) -> Period:
        """The period just before: the month before a whole month, else the same length."""
        before = self.first - timedelta(days=1)
        if self.is_month:
            return Period(before.replace(day=1), before)
        return Period(self.first - timedelta(days=self.days), before)


PRESETS = ("this_week", "last_week", "this_month", "last_month")


def preset_period(preset: str, today: date) -> Period:
    """This or last week (Monday to Sunday), this or last calendar month."""
    monday = today - timedelta(days=today.weekday())
    if preset == "this_week":
        return Period(monday, monday + timedelta(days=6))
    if preset == "last_week":
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    first = today.replace(day=1)
    if preset == "last_month":
        return Period(first, first).previous_month()
    if preset == "this_month":
        return Period(first, first).month()
    raise ValueError(f"unknown period preset: {preset!r}")


@dataclass(frozen=True)
class Spread:
    """Mean and median of a list of durations (None when empty)."""

    mean: float | None
    median: float | None

    @classmethod
    def of(cls, values: Sequence[float], unit: float) -> Spread:
        if not values:
            return cls(None, None)
        return cls(
            round(statistics.fmean(values) / unit, 2), round(statistics.median(values) / unit, 2)
        )


@dataclass
class Figures:
    """One period's figures (counts from store/report.py plus measured times)."""

    period: Period
    counts: dict[str, int]
    by: dict[str, dict[str, int]] = field(default_factory=dict)
    times: dict[str, Spread] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int:
        return self.counts[key]

    def pct(self, part: str, whole: str) -> float | None:
        n = self.counts[whole]
        return None if n == 0 else round(100.0 * self.counts[part] / n, 1)

    def kpis(self) -> dict[str, float | None]:
        """The headline figures, by key (see ``labels.KPI_LABELS``)."""
        c = self.counts
        score = round(c["score_sum"] / c["score_answers"], 2) if c["score_answers"] else None
        t = self.times
        return {
            "received": c["received"],
            "resolved": c["resolved"],
            "closed": c["closed"],
            "backlog_end": c["backlog_end"],
            "first_response_minutes_mean": t["response"].mean,
            "first_response_minutes_median": t["response"].median,
            "first_response_business_minutes_mean": t["response_business"].mean,
            "resolution_hours_mean": t["resolution"].mean,
            "resolution_hours_median": t["resolution"].median,
            "resolution_business_hours_mean": t["resolution_business"].mean,
            "resolution_business_hours_median": t["resolution_business"].median,
            "response_met_pct": self.pct("response_met", "response_due_known"),
            "resolution_met_pct": self.pct("resolution_met", "resolution_due_known"),
            "fcr_pct": self.pct("fcr", "resolved"),
            "escalation_rate_pct": self.pct("escalated", "received"),
            "reopen_rate_pct": self.pct("reopened", "resolved"),
            "csat_answers": c["csat_answers"],
            "csat_satisfied_pct": self.pct("csat_satisfied", "csat_answers"),
            "score_mean": score,
        }


@dataclass(frozen=True)
class OpenItem:
    """An open problem record or an improvement action due, as the report lists it."""

    kind: str  # "problem" or "action"
    number: str  # the problem record's number
    title: str  # the problem's title, or the action's what
    owner: str = ""
    due: date | None = None
    status: str = ""
    tickets: int = 0


@dataclass
class Report:
    """The period's figures beside the previous period's, with series and top problems."""

    current: Figures
    previous: Figures
    flt: ReportFilter
    per_day: list[tuple[str, int, int]] = field(default_factory=list)  # bucket, in, resolved
    trend: list[tuple[str, float | None, float | None]] = field(default_factory=list)
    top_problems: list[ProblemGroup] = field(default_factory=list)
    open_problems: list[OpenItem] = field(default_factory=list)  # problem records
    office: str = ""  # the office's name, for the printed heading

    @property
    def period(self) -> Period:
        return self.current.period

    def changes(self) -> list[tuple[str, float | None, float | None, float | None]]:
        """(key, this period, previous period, change) for every headline figure."""
        now, before = self.current.kpis(), self.previous.kpis()
        out = []
        for key, value in now.items():
            old = before[key]
            change = None if value is None or old is None else round(value - old, 2)
            out.append((key, value, old, change))
        return out
