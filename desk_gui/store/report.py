"""The review report's SQL: counts, breakdowns, daily series and durations for one period.

Every figure is an aggregate over ``ticket`` in the same SQL on SQLite and PostgreSQL (days
are cut as text, ``YYYY-MM-DD``, with each engine's own function). A period is ``[start, end)``
in the office's wall-clock time. The definitions (domain/review_text.py) are these:
received = submitted in the period; resolved = resolution time in the period; closed = closure
in the period; backlog at the end = submitted before the end and not resolved by then.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import peewee as pw

from desk_gui.domain.review import AGING_DAYS, BREAKDOWNS, ReportFilter
from desk_gui.store.database import fetch_all, is_sqlite, rows_of
from desk_gui.store.models import Ticket


def _condition(flt: ReportFilter) -> Any:
    """The filter. On SQLite each column is written ``+column`` so the planner keeps to the
    date index (without statistics it prefers an equality's index, here the queue's index on
    the category, and reads a fifth of every ticket for each month)."""
    cond: Any = pw.SQL("1 = 1")
    sqlite = is_sqlite()
    for name, value in flt.given().items():
        field = getattr(Ticket, name)
        cond &= (pw.NodeList((pw.SQL("+"), field), glue="") if sqlite else field) == value
    return cond


def _count_if(condition: Any) -> Any:
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def _received(start: datetime, end: datetime) -> Any:
    return (Ticket.submitted_at >= start) & (Ticket.submitted_at < end)


def _resolved(start: datetime, end: datetime) -> Any:
    return (Ticket.resolved_at >= start) & (Ticket.resolved_at < end)


def _open_at(end: datetime) -> Any:
    """Submitted before ``end`` and not resolved by then (the backlog at ``end``)."""
    return (Ticket.submitted_at < end) & (
        Ticket.resolved_at.is_null() | (Ticket.resolved_at >= end)
    )


def first_contact_condition() -> Any:
    """First-contact resolution: resolved by the first tier (L1) without any escalation.

    The seam for a later "answered by a knowledge-base article" marker: OR it in here.
    """
    return (Ticket.tier == "l1") & (Ticket.escalation_count == 0)


def _received_columns(start: datetime, end: datetime) -> dict[str, Any]:
    """Counts over the tickets received in the period (read by the submission index)."""
    responded = Ticket.first_response_at.is_null(False) & Ticket.respond_due.is_null(False)
    return {
        "received": pw.SQL("1 = 1"),
        "escalated": Ticket.escalation_count > 0,
        "response_due_known": responded,
        "response_met": responded & (Ticket.first_response_at <= Ticket.respond_due),
    }


def _resolved_columns() -> dict[str, Any]:
    """Counts over the tickets resolved in the period (read by the resolution index)."""
    due_known = Ticket.resolve_due.is_null(False)
    answered = Ticket.satisfaction.is_null(False)
    return {
        "resolved": pw.SQL("1 = 1"),
        "reopened": Ticket.reopen_count > 0,
        "fcr": first_contact_condition(),
        "resolution_due_known": due_known,
        "resolution_met": due_known & (Ticket.resolved_at <= Ticket.resolve_due),
        "csat_answers": answered,
        "csat_satisfied": answered & (Ticket.satisfaction == "satisfied"),
        "csat_basic": answered & (Ticket.satisfaction == "basic"),
        "csat_dissatisfied": answered & (Ticket.satisfaction == "dissatisfied"),
        "score_answers": Ticket.feedback_score.is_null(False),
    }


def _backlog_columns(end: datetime) -> dict[str, Any]:
    """Counts over the backlog at the end, by age (read by the resolution index: open or
    resolved after the end)."""
    limits = [end - timedelta(days=d) for d in AGING_DAYS]
    return {
        "backlog_end": pw.SQL("1 = 1"),
        "aging_0_1": Ticket.submitted_at >= limits[0],
        "aging_1_3": (Ticket.submitted_at < limits[0]) & (Ticket.submitted_at >= limits[1]),
        "aging_3_7": (Ticket.submitted_at < limits[1]) & (Ticket.submitted_at >= limits[2]),
        "aging_7_plus": Ticket.submitted_at < limits[2],
    }


def _sums(columns: dict[str, Any], where: Any, extra: tuple[Any, ...] = ()) -> list[Any]:
    query = Ticket.select(*[_count_if(c) for c in columns.values()], *extra).where(where)
    return list(rows_of(query)[0])


def counts(
    start: datetime, end: datetime, flt: ReportFilter, *, backlog: bool = True
) -> dict[str, int]:
    """Every count of the period, plus ``score_sum`` (feedback scores of tickets resolved).

    Four small reads instead of one scan: each reads only the tickets received, resolved or
    closed in the period, or open at its end, through an index, so a week costs a week.
    """
    cond = _condition(flt)
    result: dict[str, int] = {}
    received = _received_columns(start, end)
    values = _sums(received, _received(start, end) & cond)
    result.update(zip(received, (int(v or 0) for v in values), strict=True))
    resolved = _resolved_columns()
    values = _sums(resolved, _resolved(start, end) & cond, (pw.fn.SUM(Ticket.feedback_score),))
    result.update(zip(resolved, (int(v or 0) for v in values[:-1]), strict=True))
    result["score_sum"] = int(values[-1] or 0)
    if backlog:  # (a piece of a longer period skips it: only the last piece's end counts)
        columns = _backlog_columns(end)
        values = _sums(columns, _open_at(end) & cond)
        result.update(zip(columns, (int(v or 0) for v in values), strict=True))
    closed = (Ticket.closed_at >= start) & (Ticket.closed_at < end) & cond
    result["closed"] = int(rows_of(Ticket.select(pw.fn.COUNT(Ticket.id)).where(closed))[0][0])
    return result


def breakdowns(start: datetime, end: datetime, flt: ReportFilter) -> dict[str, dict[str, int]]:
    """Tickets received in the period per value of each ``BREAKDOWNS`` column ("": none).

    One GROUP BY over every column at once (one scan), summed per column here.
    """
    fields = [getattr(Ticket, c) for c in BREAKDOWNS]
    query = (
        Ticket.select(*fields, pw.fn.COUNT(Ticket.id))
        .where(_received(start, end) & _condition(flt))
        .group_by(*fields)
    )
    out: dict[str, dict[str, int]] = {c: {} for c in BREAKDOWNS}
    for *values, n in rows_of(query):
        for column, value in zip(BREAKDOWNS, values, strict=True):
            key = value or ""
            out[column][key] = out[column].get(key, 0) + int(n)
    return out


def _day(field: pw.Field) -> Any:
    if is_sqlite():  # seconds (schema 20)
        return pw.fn.DATE(pw.Cast(field, "INTEGER"), pw.SQL("'unixepoch'")).coerce(False)
    return pw.fn.TO_CHAR(field, "YYYY-MM-DD").coerce(False)


def received_per_day(start: datetime, end: datetime, flt: ReportFilter) -> dict[str, int]:
    day = _day(Ticket.submitted_at)
    query = (
        Ticket.select(day, pw.fn.COUNT(Ticket.id))
        .where(_received(start, end) & _condition(flt))
        .group_by(day)
    )
    return {str(d): int(n) for d, n in rows_of(query)}


def resolved_per_day(
    start: datetime, end: datetime, flt: ReportFilter
) -> dict[str, tuple[int, int, int, int]]:
    """Per day of resolution: (resolved, deadline known, deadline met, first-contact)."""
    day = _day(Ticket.resolved_at)
    known = Ticket.resolve_due.is_null(False)
    query = (
        Ticket.select(
            day,
            pw.fn.COUNT(Ticket.id),
            _count_if(known),
            _count_if(known & (Ticket.resolved_at <= Ticket.resolve_due)),
            _count_if(first_contact_condition()),
        )
        .where(_resolved(start, end) & _condition(flt))
        .group_by(day)
    )
    return {
        str(d): (int(a), int(b or 0), int(c or 0), int(e or 0)) for d, a, b, c, e in rows_of(query)
    }


def _text(value: Any) -> str | None:
    """A stored time as SQLite's text "YYYY-MM-DD HH:MM:SS" (PostgreSQL gives datetimes)."""
    if value is None or isinstance(value, str):
        return value
    return f"{value:%Y-%m-%d %H:%M:%S}"


def durations(
    start: datetime, end: datetime, flt: ReportFilter, stride: int = 1
) -> list[tuple[str, str | None, str | None]]:
    """(submitted, first response if received in the period, resolved if in the period), as
    text "YYYY-MM-DD HH:MM:SS": a million rows are measured without making datetimes.

    Two index reads: tickets received and answered, tickets resolved (a ticket in both
    appears twice, once for each figure). ``stride`` > 1: only tickets whose id is a multiple of
    it (a sample the index answers: the id is in every index entry)."""
    cond = _condition(flt)
    if stride > 1:
        # id − (id / k) · k: integer arithmetic alike on both engines (peewee's % is LIKE)
        cond &= (Ticket.id - (Ticket.id / stride) * stride) == 0
    sub, first, res = (_as_text(f) for f in (Ticket.submitted_at, Ticket.first_response_at,
                                              Ticket.resolved_at))  # fmt: skip
    answered = Ticket.select(sub, first, pw.SQL("NULL")).where(
        _received(start, end) & Ticket.first_response_at.is_null(False) & cond
    )
    solved = Ticket.select(sub, pw.SQL("NULL"), res).where(_resolved(start, end) & cond)
    rows: list[tuple[Any, ...]] = []
    for query in (answered, solved):
        sql, params = query.sql()
        rows.extend(fetch_all(sql, params))
    if is_sqlite():
        return rows
    return [(str(_text(s)), _text(r), _text(d)) for s, r, d in rows]


def _as_text(field: pw.Field) -> Any:
    """SQLite: a time column (seconds, schema 20) as its text "YYYY-MM-DD HH:MM:SS"."""
    if not is_sqlite():
        return field
    return pw.NodeList(  # a fraction cut off, as the text was cut (datetime() rounds it)
        (pw.SQL("datetime(CAST("), field, pw.SQL(" AS INTEGER), 'unixepoch')")), glue=""
    )


def sampled_durations(
    start: datetime, end: datetime, stride: int
) -> list[tuple[str, str | None, str | None]]:
    """``durations`` of every ``stride``-th ticket (by id), unfiltered."""
    return durations(start, end, ReportFilter(), stride)


def titles_received(start: datetime, end: datetime, flt: ReportFilter) -> list[tuple[str, int]]:
    """Distinct titles of the tickets received in the period, with their counts."""
    query = (
        Ticket.select(Ticket.title, pw.fn.COUNT(Ticket.id))
        .where(_received(start, end) & _condition(flt))
        .group_by(Ticket.title)
    )
    return [(str(t), int(n)) for t, n in rows_of(query)]


TICKET_COLUMNS = (
    "number", "title", "department", "category", "priority", "channel", "assignee", "status",
    "tier", "submitted_at", "first_response_at", "resolved_at", "closed_at", "respond_due",
    "resolve_due", "escalation_count", "reopen_count", "satisfaction", "feedback_score",
)  # fmt: skip


def tickets_behind(start: datetime, end: datetime, flt: ReportFilter) -> list[tuple[Any, ...]]:
    """The tickets the period's figures count (``TICKET_COLUMNS``), in submission order."""
    fields = [getattr(Ticket, c) for c in TICKET_COLUMNS]
    query = (
        Ticket.select(*fields)
        .where((_received(start, end) | _resolved(start, end) | _open_at(end)) & _condition(flt))
        .order_by(Ticket.submitted_at, Ticket.id)
    )
    return rows_of(query)


def distinct_values(column: str) -> list[str]:
    """Values present in ``column`` (for the report window's filters)."""
    field = getattr(Ticket, column)
    query = Ticket.select(field).where(field.is_null(False)).distinct().order_by(field)
    return [str(v) for (v,) in rows_of(query) if v]
