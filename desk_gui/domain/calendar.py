"""The office's business hours, holidays and 调休 working days, and the business-time clock.

Datetimes are naive local time (an office works in one time zone; China has no DST). The clock:
- a start outside business hours starts the clock at the next opening;
- N business days are N × one working day's hours of business time, which lands on the same
  clock time N working days later;
- a deadline that falls exactly at closing time stays at closing time;
- around-the-clock durations are plain wall-clock time.
Every loop steps at most once per calendar day, so the cost is O(days spanned).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from desk_gui.domain.priority import Duration

# A calendar with no working day in ten years is a broken setting, not a long wait.
_MAX_SEARCH_DAYS = 3660
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class BusinessCalendar:
    """Opening hours, working weekdays, closures and extra working days of one office."""

    open_time: time = time(9, 0)
    close_time: time = time(17, 0)
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()  # 调休: weekend days declared working days
    country: str = ""  # where the public holidays came from, so settings can reload new years

    def __post_init__(self) -> None:
        # Accept any iterable from callers, but keep the frozen, hashable form.
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "extra_workdays", frozenset(self.extra_workdays))
        if not self.open_time < self.close_time:
            raise ValueError(f"opening {self.open_time} must be before closing {self.close_time}")
        if any(not 0 <= d <= 6 for d in self.workdays):
            raise ValueError(f"weekdays must be 0–6: {sorted(self.workdays)}")
        if not self.workdays and not self.extra_workdays:
            raise ValueError("a business calendar needs working days")

    @classmethod
    def for_country(
        cls,
        country: str = "CN",
        years: Iterable[int] | None = None,
        extra_holidays: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
        open_time: time = time(9, 0),
        close_time: time = time(17, 0),
        workdays: Iterable[int] = (0, 1, 2, 3, 4),
    ) -> BusinessCalendar:
        """Public holidays and 调休 days of ``country`` (``holidays`` library) plus office edits.

        ``years`` defaults to last year, this year and next. The office's own closures and
        extra working days win over the country's data. An empty country means no public holidays.
        """
        year_list = sorted(set(years)) if years is not None else _default_years()
        public: set[date] = set()
        adjusted: set[date] = set()
        if country:
            try:
                import holidays as holidays_lib  # ~50 ms to import: only when a calendar is built

                table = holidays_lib.country_holidays(country, years=year_list)
            except NotImplementedError as exc:
                raise ValueError(f"no public holidays known for country {country!r}") from exc
            public = set(table.keys())
            # weekend_workdays also carries a few 调休 days of years not asked for; keep ours.
            adjusted = {d for d in getattr(table, "weekend_workdays", ()) if d.year in year_list}
        own_closed = set(extra_holidays)
        own_open = set(extra_workdays)
        return cls(
            open_time=open_time,
            close_time=close_time,
            workdays=frozenset(workdays),
            holidays=frozenset((public | own_closed) - own_open),
            extra_workdays=frozenset((adjusted - own_closed) | own_open),
            country=country,
        )

    # --- days and hours -------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True if the office is open on ``d``; a declared working day beats a closure."""
        if d in self.extra_workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() in self.workdays

    @property
    def day_seconds(self) -> int:
        """Business seconds in one working day (closing − opening)."""
        day = date(2000, 1, 1)
        span = datetime.combine(day, self.close_time) - datetime.combine(day, self.open_time)
        return span // timedelta(seconds=1)

    def next_working_day(self, d: date) -> date:
        """The first working day after ``d``."""
        for i in range(1, _MAX_SEARCH_DAYS):
            candidate = d + timedelta(days=i)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {d}")

    def _opening(self, d: date, like: datetime) -> datetime:
        return datetime.combine(d, self.open_time, tzinfo=like.tzinfo)

    def _closing(self, d: date, like: datetime) -> datetime:
        return datetime.combine(d, self.close_time, tzinfo=like.tzinfo)

    def is_open_at(self, dt: datetime) -> bool:
        """True if ``dt`` lies within business hours (closing time itself is outside)."""
        d = dt.date()
        return self.is_working_day(d) and self._opening(d, dt) <= dt < self._closing(d, dt)

    def next_opening(self, dt: datetime) -> datetime:
        """``dt`` itself inside business hours, else the next opening time."""
        d = dt.date()
        if self.is_working_day(d):
            if dt < self._opening(d, dt):
                return self._opening(d, dt)
            if dt < self._closing(d, dt):
                return dt
        return self._opening(self.next_working_day(d), dt)

    # --- the clock ------------------------------------------------------------------------

    def add_business_seconds(self, start: datetime, seconds: int) -> datetime:
        """The moment ``seconds`` of business time after ``start`` (clock starts at next opening)."""
        if seconds < 0:
            raise ValueError(f"negative business seconds: {seconds}")
        current = self.next_opening(start)
        remaining = timedelta(seconds=seconds)
        while True:
            available = self._closing(current.date(), current) - current
            # "<=" keeps a deadline that falls exactly at closing on that day.
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = self._opening(self.next_working_day(current.date()), current)

    def business_seconds_between(self, a: datetime, b: datetime) -> int:
        """Whole business seconds from ``a`` to ``b``; 0 if ``b`` is not after ``a``."""
        if b <= a:
            return 0
        total = timedelta(0)
        d = a.date()
        last = b.date()
        while d <= last:
            if self.is_working_day(d):
                low = max(a, self._opening(d, a))
                high = min(b, self._closing(d, a))
                if high > low:
                    total += high - low
            d += _DAY
        return total // timedelta(seconds=1)

    def duration_seconds(self, d: Duration, around_the_clock: bool) -> int:
        """``d`` in seconds: business seconds, or wall seconds (a day = 24 h) around the clock."""
        day = 86400 if around_the_clock else self.day_seconds
        return d.minutes * 60 + d.business_days * day

    def add_duration(self, start: datetime, d: Duration, around_the_clock: bool) -> datetime:
        """``start`` + ``d``, in wall time around the clock, else in business time."""
        seconds = self.duration_seconds(d, around_the_clock)
        if around_the_clock:
            return start + timedelta(seconds=seconds)
        return self.add_business_seconds(start, seconds)

    # --- settings -------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types: times as "HH:MM", dates as ISO strings, sorted."""
        return {
            "country": self.country,
            "open_time": self.open_time.isoformat(timespec="minutes"),
            "close_time": self.close_time.isoformat(timespec="minutes"),
            "workdays": sorted(self.workdays),
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "extra_workdays": [d.isoformat() for d in sorted(self.extra_workdays)],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BusinessCalendar:
        """Calendar from ``to_json`` output; missing keys take the defaults."""
        return cls(
            open_time=time.fromisoformat(data.get("open_time", "09:00")),
            close_time=time.fromisoformat(data.get("close_time", "17:00")),
            workdays=frozenset(int(d) for d in data.get("workdays", (0, 1, 2, 3, 4))),
            holidays=frozenset(date.fromisoformat(d) for d in data.get("holidays", ())),
            extra_workdays=frozenset(date.fromisoformat(d) for d in data.get("extra_workdays", ())),
            country=str(data.get("country", "")),
        )


def _default_years() -> list[int]:
    this_year = date.today().year
    return [this_year - 1, this_year, this_year + 1]
