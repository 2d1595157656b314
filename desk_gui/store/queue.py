"""The ticket queue: filtering and sorting in SQL, keyset paging, rows copied into memory.

Every sort key orders by ``(expression, id)`` where the expression is the one an index was built
on (``schema.SORT_TEMPLATES``), so the first page of any column, and every following page, is an
index range scan. With the default open filter the partial indexes over open tickets apply.
PostgreSQL uses its own variant of each expression (``schema.PG_SORT_TEMPLATES``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

import peewee as pw

from desk_gui.store import schema
from desk_gui.store.database import fetch_all, is_sqlite, rows_of, translate_errors
from desk_gui.store.models import Ticket
from desk_gui.store.queue_types import (
    COUNT_CAP,
    KNOWN_STATUSES,
    SOON,
    QueueFilter,
    QueueRow,
    SortKey,
)

if TYPE_CHECKING:
    from desk_gui.store.search import Plan

__all__ = ["COUNT_CAP", "KNOWN_STATUSES", "SOON", "QueueFilter", "QueueRow", "SortKey"]

TicketSelect: TypeAlias = "pw.ModelSelect[Ticket]"  # peewee is generic only in its stubs


_ROW_FIELDS = (
    Ticket.id,
    Ticket.number,
    Ticket.title,
    Ticket.department,
    Ticket.requester,
    Ticket.category,
    Ticket.priority,
    Ticket.urgency,
    Ticket.status,
    Ticket.assignee,
    Ticket.submitted_at,
    Ticket.next_due,
    Ticket.version,
    Ticket.updated_at,
    Ticket.waiting_on,
)


def _conditions(
    flt: QueueFilter, *, probe_search: bool = False, plan: Plan | None = None
) -> list[pw.Node]:
    """The WHERE terms of a filter."""
    conds: list[pw.Node] = []
    if flt.statuses is not None:
        unknown = flt.statuses - KNOWN_STATUSES
        if unknown:
            raise ValueError(f"unknown status {sorted(unknown)}")
        if flt.statuses <= frozenset(schema.OPEN_STATUSES):
            # Literal, so SQLite proves the small partial "open" indexes apply.
            conds.append(pw.SQL(schema.OPEN_STATUS_SQL))
        if flt.statuses != frozenset(schema.OPEN_STATUSES):
            conds.append(Ticket.status.in_(sorted(flt.statuses)))
    if flt.unassigned:
        conds.append(Ticket.assignee.is_null())
    elif flt.assignee is not None:
        conds.append(Ticket.assignee == flt.assignee)
    if flt.priorities is not None:
        conds.append(Ticket.priority.in_(sorted(flt.priorities)))
    if flt.categories is not None:
        conds.append(Ticket.category.in_(sorted(flt.categories)))
    if flt.due is not None:
        now = flt.now or datetime.now()
        if flt.due == "overdue":
            conds.append(Ticket.next_due < now)
        elif flt.due == "soon":
            conds.append((Ticket.next_due >= now) & (Ticket.next_due <= now + SOON))
        else:
            raise ValueError(f"unknown due filter {flt.due!r}")
    if flt.overdue_or_unassigned:
        now = flt.now or datetime.now()
        conds.append((Ticket.next_due < now) | Ticket.assignee.is_null())
    if flt.submitted_from is not None:
        conds.append(Ticket.submitted_at >= flt.submitted_from)
    if flt.submitted_to is not None:
        conds.append(Ticket.submitted_at < flt.submitted_to)
    if flt.text.strip():
        # Full-text search (and PostgreSQL's behind it) is imported at the first search: the
        # queue's first page never needs it (issue 11).
        from desk_gui.store.search import search_condition

        text = search_condition(flt.text, probe=probe_search, plan=plan)
        if text is not None:
            conds.append(text)
    return conds


def _filtered(
    select: TicketSelect, flt: QueueFilter, *, probe_search: bool = False, plan: Plan | None = None
) -> TicketSelect:
    conds = _conditions(flt, probe_search=probe_search, plan=plan)
    return select.where(*conds) if conds else select


def ticket_ids(
    flt: QueueFilter | None = None, sort: SortKey | None = None, descending: bool = False
) -> list[int]:
    """The ids a filter selects (every ticket, closed ones too, without one), in queue order."""
    flt = flt or QueueFilter(statuses=None)
    key = getattr(Ticket, sort.value) if sort else Ticket.submitted_at
    order = (key.desc(), Ticket.id.desc()) if descending else (key, Ticket.id)
    query = _filtered(Ticket.select(Ticket.id), flt).order_by(*order)
    sql, params = query.sql()
    return [int(r[0]) for r in fetch_all(sql, params)]


def _uses_open_index(flt: QueueFilter) -> bool:
    return flt.statuses is not None and flt.statuses <= frozenset(schema.OPEN_STATUSES)


def _page_plan(flt: QueueFilter, page: int) -> Plan | None:
    """How a page finds its search hits (search.page_plan); None without search text."""
    if not flt.text.strip():
        return None
    from desk_gui.store.search import Plan, page_plan

    plan = page_plan(flt.text, page)
    # Within the open tickets the sort index walk is short anyway: never collect every match.
    if plan is Plan.COLLECT and _uses_open_index(flt):
        return Plan.PROBE
    return plan


def _sort_value_sql(key: SortKey, value: Any, *, postgres: bool) -> pw.Node:
    """The sort expression applied to a bound value (the keyset's side of the comparison)."""
    column, template = schema.sort_template(key.value, postgres=postgres)
    field: pw.Field = getattr(Ticket, column)
    before, after = template.split("{c}")
    return pw.NodeList(
        (pw.SQL(before), pw.Value(field.db_value(value), unpack=False), pw.SQL(after)), glue=""
    )


def _row_from(values: tuple[Any, ...]) -> QueueRow:
    return QueueRow(*values)


def _ordered(query: TicketSelect, expr: pw.SQL, descending: bool) -> TicketSelect:
    if descending:
        return query.order_by(expr.desc(), Ticket.id.desc())
    return query.order_by(expr.asc(), Ticket.id.asc())


def _materialise(
    query: TicketSelect, limit: int, recheck: tuple[str, list[object]] | None = None
) -> list[QueueRow]:
    """The first ``limit`` rows of ``query``; with ``recheck`` (Plan.PROBE), the first that
    pass it, tested in the query's order (a subquery with an OFFSET keeps PostgreSQL from
    testing every row before it sorts them)."""
    with translate_errors():
        if recheck is None:
            return [_row_from(values) for values in rows_of(query.limit(limit))]
        sql, params = query.sql()
        test, args = recheck
        rows = fetch_all(
            f'SELECT * FROM ({sql} OFFSET 0) AS "page" WHERE {test} LIMIT {int(limit)}',
            [*params, *args],
        )
    fields: tuple[pw.Field, ...] = _ROW_FIELDS
    return [_row_from(tuple(f.python_value(v) for f, v in zip(fields, r, strict=True)))
            for r in rows]  # fmt: skip


def fetch_page(
    flt: QueueFilter,
    sort: SortKey,
    descending: bool,
    after: QueueRow | None = None,
    limit: int = 200,
) -> list[QueueRow]:
    """Up to ``limit`` rows that follow ``after`` in the (sort, id) order, read into a list."""
    postgres = not is_sqlite()
    expr = pw.SQL(schema.sort_sql(sort.value, postgres=postgres))
    plan = _page_plan(flt, limit)
    recheck = None
    if plan is not None:  # search text: the search module is loaded already (_page_plan)
        from desk_gui.store.search import Plan, page_recheck

        recheck = page_recheck(flt.text, '"page"."id"') if plan is Plan.PROBE else None
    base = _filtered(Ticket.select(*_ROW_FIELDS), flt, plan=plan)
    if after is None:
        return _materialise(_ordered(base, expr, descending), limit, recheck)
    # Two index range scans instead of one row-value compare: SQLite seeks (expr = v, id > i)
    # and (expr > v) on an expression index, but scans for (expr, id) > (v, i).
    value = _sort_value_sql(sort, getattr(after, sort.value), postgres=postgres)
    op = "<" if descending else ">"
    same = base.where(pw.Expression(expr, "=", value), pw.Expression(Ticket.id, op, after.id))
    same = same.order_by(Ticket.id.desc() if descending else Ticket.id.asc())
    rows = _materialise(same, limit, recheck)
    if len(rows) < limit:
        beyond = _ordered(base.where(pw.Expression(expr, op, value)), expr, descending)
        rows.extend(_materialise(beyond, limit - len(rows), recheck))
    return rows


def _text_only(flt: QueueFilter) -> bool:
    """Whether search text is the filter's only condition."""
    return bool(flt.text.strip()) and not _conditions(flt.replace(text=""))


def count(flt: QueueFilter, cap: int | None = None) -> int:
    """How many tickets the filter shows (costly on a share: not on every refresh).

    ``cap``: count at most ``cap + 1`` (see ``count_capped``), so a search matching most of a
    huge queue answers at once; a result above ``cap`` means "more than cap".
    """
    if cap is not None:
        found, exact = count_capped(flt, cap)
        return found if exact else cap + 1
    with translate_errors():
        if _text_only(flt):
            from desk_gui.store.search import count_matches

            return count_matches(flt.text)  # the index alone, no ticket read
        return int(_filtered(Ticket.select(), flt).count())


def count_capped(flt: QueueFilter, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, exact): the filter's tickets counted up to ``cap``; (cap, False) beyond it.

    Stops at the cap, so it costs at most that many matches read whatever the filter, while
    ``count`` may read every match of a common word.
    """
    with translate_errors():
        if _text_only(flt):
            from desk_gui.store.search import count_matches

            found = count_matches(flt.text, limit=cap + 1)
        else:
            query = _filtered(Ticket.select(Ticket.id), flt).limit(cap + 1)
            sql, params = query.sql()
            found = int(fetch_all(f"SELECT count(*) FROM ({sql}) AS page", params)[0][0])
    return (found, True) if found <= cap else (cap, False)


def fetch_rows_by_ids(ids: Iterable[int]) -> list[QueueRow]:
    """Queue rows for the given ticket ids, in the order given (missing ids skipped)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found: dict[int, QueueRow] = {}
    with translate_errors():
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for values in rows_of(Ticket.select(*_ROW_FIELDS).where(Ticket.id.in_(chunk))):
                row = _row_from(values)
                found[row.id] = row
    return [found[i] for i in wanted if i in found]


def find_by_number(number: str) -> QueueRow | None:
    """The queue row of the ticket numbered ``number`` (the unique index), whatever its status."""
    with translate_errors():
        found = rows_of(Ticket.select(*_ROW_FIELDS).where(Ticket.number == number.strip()).limit(1))
    return _row_from(found[0]) if found else None


def _before(sort: SortKey, descending: bool, row: QueueRow) -> list[pw.Node]:
    """Two WHERE variants selecting what precedes ``row`` in the (sort, id) order.

    Kept as two queries, like keyset paging: each is an index range scan on SQLite.
    """
    postgres = not is_sqlite()
    expr = pw.SQL(schema.sort_sql(sort.value, postgres=postgres))
    value = _sort_value_sql(sort, getattr(row, sort.value), postgres=postgres)
    op = ">" if descending else "<"
    return [
        pw.Expression(expr, "=", value) & pw.Expression(Ticket.id, op, row.id),
        pw.Expression(expr, op, value),
    ]


def position_of(
    flt: QueueFilter, sort: SortKey, descending: bool, ticket_id: int
) -> tuple[int, QueueRow] | None:
    """Where ticket ``ticket_id`` stands in the filtered, sorted queue; None when filtered out.

    A count of the rows before it, read as index range scans of the sort's (expression, id)
    index: it touches as many index entries as there are rows before the ticket, never the
    table (under the open filter, only the small partial index).
    """
    with translate_errors():
        found = rows_of(
            _filtered(Ticket.select(*_ROW_FIELDS), flt).where(Ticket.id == ticket_id).limit(1)
        )
        if not found:
            return None
        row = _row_from(found[0])
        base = _filtered(Ticket.select(Ticket.id), flt)
        before = sum(int(base.where(cond).count()) for cond in _before(sort, descending, row))
    return before, row


def fetch_page_before(
    flt: QueueFilter, sort: SortKey, descending: bool, before: QueueRow, limit: int = 200
) -> list[QueueRow]:
    """Up to ``limit`` rows just before ``before`` in the (sort, id) order, in queue order.

    Keyset paging backwards: used to fill the pages above a ticket the queue jumped to.
    """
    postgres = not is_sqlite()
    expr = pw.SQL(schema.sort_sql(sort.value, postgres=postgres))
    base = _filtered(Ticket.select(*_ROW_FIELDS), flt)
    same_cond, beyond_cond = _before(sort, descending, before)
    same = base.where(same_cond).order_by(Ticket.id.asc() if descending else Ticket.id.desc())
    rows = _materialise(same, limit)
    if len(rows) < limit:
        beyond = _ordered(base.where(beyond_cond), expr, not descending)
        rows.extend(_materialise(beyond, limit - len(rows)))
    rows.reverse()
    return rows


def fetch_page_at(
    flt: QueueFilter, sort: SortKey, descending: bool, offset: int, limit: int = 200
) -> list[QueueRow]:
    """Up to ``limit`` rows from position ``offset``: only for a page with no keyset anchor
    on either side (the scroll bar dragged into the middle of a jump); OFFSET walks the index.
    """
    postgres = not is_sqlite()
    expr = pw.SQL(schema.sort_sql(sort.value, postgres=postgres))
    base = _filtered(Ticket.select(*_ROW_FIELDS), flt)
    return _materialise(_ordered(base, expr, descending).offset(offset), limit)
