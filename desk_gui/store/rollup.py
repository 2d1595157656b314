"""The review report's figures read from the per-day totals (store/rollup_sql.py).

The same answers as store/report.py's queries over ``ticket`` (a randomized test holds them
equal on both engines), read from a few hundred rows a year instead of every ticket. Days are
``YYYY-MM-DD`` text; a period is the days ``first`` to ``last`` inclusive.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desk_gui.domain.review import AGING_DAYS, BREAKDOWNS
from desk_gui.store.database import current_database, fetch_all, is_sqlite
from desk_gui.store.rollup_sql import DAY_COLUMNS, fill_sql

SUMMED: tuple[str, ...] = DAY_COLUMNS


def _p() -> str:
    return str(current_database().param)


def _days(first: date, last: date) -> tuple[str, str]:
    return first.isoformat(), last.isoformat()


def day_totals(first: date, last: date) -> dict[str, int]:
    """Every ``report_day`` column summed over the days."""
    p = _p()
    sums = ", ".join(f'SUM("{c}")' for c in SUMMED)
    rows = fetch_all(f'SELECT {sums} FROM "report_day" WHERE "day" >= {p} AND "day" <= {p}',
                     _days(first, last))  # fmt: skip
    return {c: int(v or 0) for c, v in zip(SUMMED, rows[0], strict=True)}


def backlog(end: date) -> dict[str, int]:
    """The backlog at midnight before ``end`` (submitted before, unresolved then), by age."""
    p = _p()
    limits = [(end - timedelta(days=d)).isoformat() for d in AGING_DAYS]
    ages = (
        f'SUM(CASE WHEN "submitted_day" >= {p} THEN "n" ELSE 0 END), '
        f'SUM(CASE WHEN "submitted_day" < {p} AND "submitted_day" >= {p} THEN "n" ELSE 0 END), '
        f'SUM(CASE WHEN "submitted_day" < {p} AND "submitted_day" >= {p} THEN "n" ELSE 0 END), '
        f'SUM(CASE WHEN "submitted_day" < {p} THEN "n" ELSE 0 END)'
    )
    e = end.isoformat()
    rows = fetch_all(
        f'SELECT SUM("n"), {ages} FROM "report_span" WHERE "submitted_day" < {p} '
        f'AND ("resolved_day" = \'\' OR "resolved_day" >= {p})',
        (limits[0], limits[0], limits[1], limits[1], limits[2], limits[2], e, e),
    )
    keys = ("backlog_end", "aging_0_1", "aging_1_3", "aging_3_7", "aging_7_plus")
    return {k: int(v or 0) for k, v in zip(keys, rows[0], strict=True)}


def breakdowns(first: date, last: date) -> dict[str, dict[str, int]]:
    """Tickets submitted in the days per value of each ``BREAKDOWNS`` column."""
    p = _p()
    rows = fetch_all(
        f'SELECT "dim", "value", SUM("n") FROM "report_value" WHERE "day" >= {p} '
        f'AND "day" <= {p} GROUP BY "dim", "value"',
        _days(first, last),
    )
    out: dict[str, dict[str, int]] = {c: {} for c in BREAKDOWNS}
    for dim, value, n in rows:
        if int(n or 0) > 0 and dim in out:
            out[dim][str(value)] = int(n)
    return out


def per_day(first: date, last: date) -> list[tuple[str, ...]]:
    """(day, received, resolved, resolution deadline known, met, first-contact) per day."""
    p = _p()
    columns = '"received", "resolved", "resolution_due_known", "resolution_met", "fcr"'
    return fetch_all(
        f'SELECT "day", {columns} FROM "report_day" WHERE "day" >= {p} AND "day" <= {p}',
        _days(first, last),
    )


def titles(first: date, last: date) -> list[tuple[str, int]]:
    """Distinct titles of the tickets submitted in the days, with their counts."""
    p = _p()
    rows = fetch_all(
        f'SELECT "title", SUM("n") FROM "report_title" WHERE "day" >= {p} AND "day" <= {p} '
        'GROUP BY "title"',
        _days(first, last),
    )
    return [(str(t), int(n)) for t, n in rows if int(n or 0) > 0]


def counts(first: date, last: date) -> dict[str, Any]:
    """What store.report.counts gives, plus the elapsed seconds' sums and counts."""
    out: dict[str, Any] = day_totals(first, last)
    out.update(backlog(last + timedelta(days=1)))
    return out


def rebuild() -> None:
    """Compute every total afresh (after a repair; the triggers keep them otherwise)."""
    db = current_database()
    for table in ("report_day", "report_span", "report_value", "report_title"):
        db.execute_sql(f'DELETE FROM "{table}"')
    for sql in fill_sql(postgres=not is_sqlite(db)):
        db.execute_sql(sql)
