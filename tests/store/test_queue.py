"""The queue: every sort key both ways with keyset pages, against a Python reference; filters."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import peewee as pw
import pytest

from desk_gui.store import queue, search
from desk_gui.store.database import write_transaction
from desk_gui.store.models import Ticket
from desk_gui.store.queue import (
    QueueFilter,
    QueueRow,
    SortKey,
    count,
    fetch_page,
    fetch_rows_by_ids,
)
from tests.conftest import TicketFactory

NOW = datetime(2026, 11, 21, 12, 0)
URGENCY_RANK = {"low": 1, "medium": 2, "high": 3}
STATUS_RANK = {"pending": 1, "in_progress": 2, "resolved": 3, "closed": 4}
FAR = datetime(9999, 12, 31, 23, 59, 59)


def reference_key(key: SortKey) -> Callable[[QueueRow], Any]:
    """What each column means when sorted (mirrors the SQL in schema.SORT_TEMPLATES)."""
    if key is SortKey.URGENCY:
        return lambda r: URGENCY_RANK[r.urgency]
    if key is SortKey.STATUS:
        return lambda r: STATUS_RANK[r.status]
    if key is SortKey.ASSIGNEE:
        return lambda r: r.assignee or ""
    if key is SortKey.NEXT_DUE:
        return lambda r: r.next_due or FAR
    return lambda r: getattr(r, key.value)


@pytest.fixture
def tickets(make_ticket: TicketFactory) -> list[QueueRow]:
    """About 120 tickets with many ties, NULL assignees and NULL deadlines."""
    rnd = random.Random(42)
    ids = []
    with write_transaction():  # one commit instead of 120 synced ones
        for n in range(120):
            ids.append(_random_ticket(make_ticket, rnd, n))
    return fetch_rows_by_ids(ids)


def _random_ticket(make_ticket: TicketFactory, rnd: random.Random, n: int) -> int:
    """One ticket with random columns (many ties, NULL assignees and deadlines)."""
    status = rnd.choice(list(STATUS_RANK))
    due = NOW + timedelta(minutes=rnd.choice([-90, -5, 10, 50, 70, 600]))
    ticket = make_ticket(
        number=f"IT2026112{rnd.randint(0, 9)}{n:03d}",
        title=rnd.choice(["打印机", "网络", "Outlook", "VPN", "邮箱", "b", "B", "ä"]),
        department=rnd.choice(["财务部", "人事部", "IT"]),
        requester=rnd.choice(["小明", "小红", "Zed"]),
        category=rnd.choice(["hardware", "software", "network"]),
        priority=rnd.choice(["p1", "p2", "p3", "p4"]),
        urgency=rnd.choice(list(URGENCY_RANK)),
        status=status,
        assignee=rnd.choice([None, "老王", "Alice", "alice"]),
        submitted_at=NOW - timedelta(minutes=rnd.choice([0, 1, 30, 30, 600]), seconds=n % 2),
        next_due=None if status in ("resolved", "closed") or n % 7 == 0 else due,
    )
    return int(ticket.id)


def _all_pages(flt: QueueFilter, key: SortKey, descending: bool, size: int) -> list[QueueRow]:
    rows: list[QueueRow] = []
    after = None
    while True:
        page = fetch_page(flt, key, descending, after=after, limit=size)
        assert len(page) <= size
        rows.extend(page)
        if len(page) < size:
            return rows
        after = page[-1]


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_equal_reference(
    tickets: list[QueueRow], key: SortKey, descending: bool
) -> None:
    ref = reference_key(key)
    for flt in (QueueFilter(statuses=None), QueueFilter()):
        shown = [r for r in tickets if flt.statuses is None or r.status in flt.statuses]
        expected = sorted(shown, key=lambda r: (ref(r), r.id), reverse=descending)
        assert _all_pages(flt, key, descending, size=7) == expected
        assert fetch_page(flt, key, descending, limit=500) == expected


def test_meaningful_orders(tickets: list[QueueRow]) -> None:
    by_urgency = fetch_page(QueueFilter(statuses=None), SortKey.URGENCY, True, limit=1000)
    assert by_urgency[0].urgency == "high"
    assert by_urgency[-1].urgency == "low"
    by_status = fetch_page(QueueFilter(statuses=None), SortKey.STATUS, False, limit=1000)
    seen = list(dict.fromkeys(r.status for r in by_status))
    assert seen == ["pending", "in_progress", "resolved", "closed"]
    by_due = fetch_page(QueueFilter(statuses=None), SortKey.NEXT_DUE, False, limit=1000)
    assert by_due[-1].next_due is None and by_due[0].next_due is not None


def _ids(rows: list[QueueRow]) -> set[int]:
    return {r.id for r in rows}


@pytest.mark.parametrize(
    ("flt", "keep"),
    [
        (QueueFilter(), lambda r: r.status in ("pending", "in_progress")),
        (QueueFilter(statuses=frozenset({"closed"})), lambda r: r.status == "closed"),
        (QueueFilter(statuses=None, assignee="老王"), lambda r: r.assignee == "老王"),
        (QueueFilter(statuses=None, unassigned=True), lambda r: r.assignee is None),
        (
            QueueFilter(statuses=None, priorities=frozenset({"p1", "p2"})),
            lambda r: r.priority in ("p1", "p2"),
        ),
        (
            QueueFilter(statuses=None, categories=frozenset({"network"})),
            lambda r: r.category == "network",
        ),
        (
            QueueFilter(statuses=None, due="overdue", now=NOW),
            lambda r: r.next_due is not None and r.next_due < NOW,
        ),
        (
            QueueFilter(statuses=None, due="soon", now=NOW),
            lambda r: r.next_due is not None and NOW <= r.next_due <= NOW + timedelta(hours=1),
        ),
        (
            QueueFilter(
                statuses=None,
                submitted_from=NOW - timedelta(minutes=30),
                submitted_to=NOW - timedelta(minutes=1),
            ),
            lambda r: NOW - timedelta(minutes=30) <= r.submitted_at < NOW - timedelta(minutes=1),
        ),
        (
            QueueFilter(text="打印"),
            lambda r: r.title == "打印机" and r.status in ("pending", "in_progress"),
        ),
        (QueueFilter(statuses=None, text="outlook"), lambda r: r.title == "Outlook"),
        (
            QueueFilter(
                statuses=frozenset({"pending"}), assignee="Alice", priorities=frozenset({"p1"})
            ),
            lambda r: r.status == "pending" and r.assignee == "Alice" and r.priority == "p1",
        ),
    ],
)
def test_filters(
    tickets: list[QueueRow], flt: QueueFilter, keep: Callable[[QueueRow], bool]
) -> None:
    expected = {r.id for r in tickets if keep(r)}
    assert _ids(_all_pages(flt, SortKey.NEXT_DUE, False, size=9)) == expected
    assert count(flt) == len(expected)


def test_bad_filters_are_refused(db: pw.Database) -> None:
    with pytest.raises(ValueError):
        fetch_page(QueueFilter(statuses=frozenset({"open"})), SortKey.NUMBER, False)
    with pytest.raises(ValueError):
        count(QueueFilter(due="tomorrow"))


def test_rows_by_ids_keep_order_and_skip_missing(tickets: list[QueueRow]) -> None:
    wanted = [tickets[5].id, 99999, tickets[0].id, tickets[5].id]
    assert [r.id for r in fetch_rows_by_ids(wanted)] == [tickets[5].id, tickets[0].id]
    assert fetch_rows_by_ids([]) == []


def test_row_holds_plain_values(tickets: list[QueueRow]) -> None:
    row = fetch_rows_by_ids([tickets[0].id])[0]
    assert isinstance(row.submitted_at, datetime) and isinstance(row.updated_at, datetime)
    assert isinstance(row.version, int) and isinstance(row.status, str)
    assert set(QueueRow.__slots__) == {f.name for f in queue._ROW_FIELDS}


def test_keyset_survives_a_change_between_pages(tickets: list[QueueRow]) -> None:
    flt = QueueFilter(statuses=None)
    first = fetch_page(flt, SortKey.TITLE, False, limit=10)
    with write_transaction():
        Ticket.update(title="zzz").where(Ticket.id == first[-1].id).execute()
    second = fetch_page(flt, SortKey.TITLE, False, after=first[-1], limit=200)
    assert not _ids(first[:-1]) & _ids(second)  # the page boundary comes from the row shown


def page_plan(db: pw.Database, flt: QueueFilter, key: SortKey, descending: bool) -> str:
    """SQLite's plan for the queue's first page (200 rows) under ``flt`` sorted by ``key``."""
    query = queue._ordered(
        queue._filtered(Ticket.select(*queue._ROW_FIELDS), flt),
        pw.SQL(queue.schema.sort_sql(key.value)),
        descending,
    ).limit(200)
    sql, params = query.sql()
    return " ".join(str(r[-1]) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))


def test_default_filter_uses_partial_index(db: pw.Database) -> None:
    for key in SortKey:
        plan = page_plan(db, QueueFilter(), key, True)
        assert f"ticket_qo_{key.value}" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("many", [0, 10**9])
@pytest.mark.parametrize("statuses", [None, frozenset({"pending"}), frozenset({"closed"})])
def test_search_plans_agree(
    tickets: list[QueueRow],
    monkeypatch: pytest.MonkeyPatch,
    many: int,
    statuses: frozenset[str] | None,
) -> None:
    monkeypatch.setattr(search, "MANY_HITS", many)  # force one plan, then the other
    flt = QueueFilter(statuses=statuses, text="打印")
    expected = sorted(
        (r for r in tickets if r.title == "打印机" and (statuses is None or r.status in statuses)),
        key=lambda r: (r.title, r.id),
        reverse=True,
    )
    assert _all_pages(flt, SortKey.TITLE, True, size=4) == expected


@pytest.mark.parametrize("key", [SortKey.NEXT_DUE, SortKey.ASSIGNEE, SortKey.NUMBER])
@pytest.mark.parametrize("descending", [False, True])
def test_position_and_backward_pages_agree_with_the_order(
    tickets: list[QueueRow], key: SortKey, descending: bool
) -> None:
    for flt in (QueueFilter(statuses=None), QueueFilter()):
        ordered = fetch_page(flt, key, descending, limit=1000)
        for i in (0, 1, len(ordered) // 2, len(ordered) - 1):
            found = queue.position_of(flt, key, descending, ordered[i].id)
            assert found == (i, ordered[i])
            assert (
                queue.fetch_page_before(flt, key, descending, ordered[i], 5)
                == ordered[max(0, i - 5) : i]
            )
            assert queue.fetch_page_at(flt, key, descending, i, 3) == ordered[i : i + 3]
    closed = next(r for r in tickets if r.status == "closed")
    assert queue.position_of(QueueFilter(), key, descending, closed.id) is None


def test_find_by_number_ignores_filters(tickets: list[QueueRow]) -> None:
    closed = next(r for r in tickets if r.status == "closed")
    assert queue.find_by_number(" " + closed.number) == closed
    assert queue.find_by_number("IT20991231999") is None


def test_position_counts_walk_an_index(db: pw.Database) -> None:
    """Counting the rows before a ticket is an index range scan, never a scan of the table."""
    row = QueueRow(1, "n", "t", "d", "r", "c", "p3", "low", "pending", None, NOW, NOW, 1, NOW)
    for key in SortKey:
        for flt in (QueueFilter(), QueueFilter(statuses=None)):
            for cond in queue._before(key, False, row):
                query = queue._filtered(Ticket.select(Ticket.id), flt).where(cond)
                sql, params = query.select(pw.fn.COUNT(pw.SQL("*"))).sql()
                plan = [str(r[-1]) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params)]
                assert len(plan) == 1 and plan[0].startswith("SEARCH"), plan
                assert "INDEX ticket_q" in plan[0] or "INDEX ticket_number" in plan[0], plan
