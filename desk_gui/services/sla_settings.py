"""Editing the SLA part of the office settings: matrix, targets, business hours, holidays.

The stored calendar merges a country's public holidays and 调休 days (from the maintained
``holidays`` library) with the office's own closures and extra working days. To edit, the
office's own part is recovered as the difference from the country's data, and saving rebuilds
the calendar from the country (reloaded, so new years' holidays arrive with library updates)
plus the office's own dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.priority import DEFAULT_MATRIX, DEFAULT_TARGETS
from desk_gui.services.access import Privilege
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings, save_settings
from desk_gui.store.database import translate_errors

# Countries offered for public holidays: (ISO code, zh, en); "" = none.
COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("CN", "中国大陆", "China (mainland)"),
    ("HK", "中国香港", "Hong Kong"),
    ("MO", "中国澳门", "Macau"),
    ("TW", "中国台湾", "Taiwan"),
    ("SG", "新加坡", "Singapore"),
    ("MY", "马来西亚", "Malaysia"),
    ("JP", "日本", "Japan"),
    ("KR", "韩国", "South Korea"),
    ("US", "美国", "United States"),
    ("GB", "英国", "United Kingdom"),
    ("DE", "德国", "Germany"),
    ("FR", "法国", "France"),
    ("AU", "澳大利亚", "Australia"),
    ("", "不使用公共假日", "No public holidays"),
)


def calendar_years(extra: set[date] | frozenset[date] = frozenset()) -> list[int]:
    """The years loaded from the library: as the default settings do, plus any own date's."""
    year = date.today().year
    return sorted(set(range(year - 3, year + 3)) | {d.year for d in extra})


@dataclass(frozen=True)
class CalendarEdit:
    """The calendar as the office edits it: its country and its own exceptions."""

    country: str = "CN"
    open_time: time = time(9, 0)
    close_time: time = time(17, 0)
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    own_closures: frozenset[date] = frozenset()
    own_workdays: frozenset[date] = frozenset()

    def build(self) -> BusinessCalendar:
        """The calendar to store: the country's days plus the office's own."""
        own = set(self.own_closures) | set(self.own_workdays)
        return BusinessCalendar.for_country(
            self.country,
            years=calendar_years(own),
            extra_holidays=self.own_closures,
            extra_workdays=self.own_workdays,
            open_time=self.open_time,
            close_time=self.close_time,
            workdays=self.workdays,
        )


def public_days(country: str, years: list[int]) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, 调休 working days) of ``country`` in ``years``."""
    if not country:
        return frozenset(), frozenset()
    base = BusinessCalendar.for_country(country, years=years)
    return base.holidays, base.extra_workdays


def calendar_edit(cal: BusinessCalendar) -> CalendarEdit:
    """Split a stored calendar into its country and the office's own dates."""
    years = calendar_years(set(cal.holidays) | set(cal.extra_workdays))
    try:
        public, adjusted = public_days(cal.country, years)
    except ValueError:  # a country the library no longer knows: everything counts as own
        public, adjusted = frozenset(), frozenset()
    # An office that works on a public holiday has it among its extra working days.
    own_workdays = cal.extra_workdays - adjusted
    return CalendarEdit(
        country=cal.country,
        open_time=cal.open_time,
        close_time=cal.close_time,
        workdays=cal.workdays,
        own_closures=frozenset(cal.holidays - public),
        own_workdays=frozenset(own_workdays),
    )


def default_sla(settings: OfficeSettings) -> OfficeSettings:
    """``settings`` with the spec's matrix, targets and China business calendar."""
    return settings.with_changes(
        matrix=DEFAULT_MATRIX,
        targets=dict(DEFAULT_TARGETS),
        calendar=CalendarEdit().build(),
    )


def save_sla(settings: OfficeSettings, operator: str | Context) -> None:
    """Store the office settings (every workstation reads them on its next load); a
    supervisor's action."""
    with translate_errors():
        save_settings(settings, operator, action=Privilege.SLA_SETTINGS)
