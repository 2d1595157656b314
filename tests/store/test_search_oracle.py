"""Search against brute force: every plan's hits equal a scan of the same 20k demo tickets.

Both engines: SQLite's FTS5 index, and PostgreSQL's token arrays (``pg_search``) on the server
named by ``DESK_TEST_PG_URL`` (its public schema is reset; skipped without one).

Chinese terms and numbers are compared with SQL LIKE over each column and each log line (a
generated line: the values a person typed, ``search.said``);
English words with a scan for the word's start (the index matches word prefixes, "print" in
"printer" but not in "reprint"). Queries reach past the demo's own titles: common and rare
words, 1, 2, 3+ characters, two words, a ticket number, words that match nothing.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.domain.log_render import decode, texts
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import queue, search
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.models import Ticket
from desk_gui.store.queue import QueueFilter, SortKey

COLUMNS = ("number", "title", "description", "solution", "requester", "department")
QUERIES = [
    "打",  # 1 character, common
    "屏",
    "无法",  # 2 characters, common
    "检查",  # half the tickets: what people typed (no label of a generated line counts)
    "打印",
    "卡纸",
    "数据库",  # 3+
    "无法打印",
    "重置密码",
    "量子纠缠",  # nothing
    "printer",  # English prefix
    "vpn",
    "outlook",
    "xyzzy",
    "VPN 断开",  # two words, mixed
    "打印 卡纸",
    "无法 outlook",  # (无法 printer: only where a program phrase said 无法解决)
    "全公司网络中断",  # 7 characters, a title: rechecked, also where it is not adjacent
    "切换冗余电源恢复网络",  # 10
    "处理中断",  # every bigram in thousands of tickets, never side by side
    "待处理中",  # every bigram and trigram in every ticket, never side by side
    "哈哈哈",  # repeated characters
    "哈哈哈哈",
    "哈哈哈哈哈哈",
    "网络中断 vpn",
]
EMPTY = {"量子纠缠", "xyzzy", "处理中断", "待处理中", "哈哈哈哈哈哈"}
# Titles given to a few tickets: repeated characters, and a long title's bigrams apart.
TITLES = {101: "哈哈哈 笑", 202: "哈哈 打 哈哈", 303: "哈哈哈哈哈", 404: "全公司网络 网络中断"}


PG_URL = os.environ.get("DESK_TEST_PG_URL", "").strip()


def _reset_pg_schema() -> None:
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        conn = psycopg2.connect(PG_URL, connect_timeout=5)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"PostgreSQL at DESK_TEST_PG_URL unreachable: {exc}")
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    finally:
        conn.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[pw.Database]:
    close_database()
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("DESK_TEST_PG_URL is not set")
        _reset_pg_schema()
        db = open_database(PG_URL)
    else:
        path: Path = tmp_path_factory.mktemp("oracle") / "demo.db"
        db = open_database(path)
    generate_demo(20_000, seed=7, anchor=datetime(2026, 11, 20, 9), parallel=False)
    for ticket_id, title in TITLES.items():
        Ticket.update(title=title).where(Ticket.id == ticket_id).execute()
        search.reindex_ticket(ticket_id)
    yield db
    close_database()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@functools.cache  # one demo per engine, never changed
def _texts(db: pw.Database) -> list[tuple[int, str]]:
    """(ticket id, folded text) of every searchable column and every log line."""
    rows = fetch_all(f"SELECT id, {', '.join(COLUMNS)} FROM ticket")
    found = [(int(r[0]), _fold(str(v))) for r in rows for v in r[1:] if v is not None]
    logs = fetch_all("SELECT ticket_id, text, args FROM log_entry")
    # a generated line: the values a person typed or named (log_render.SEARCHED), no labels
    lines = [(int(r[0]), _fold(search.said(r[1], r[2]))) for r in logs]
    return found + lines


@functools.cache
def _brute_force(db: pw.Database, query: str) -> frozenset[int]:
    """Tickets in which every word occurs in one column or one log line.

    An English word at a word's start (the index matches prefixes); anything else anywhere,
    case folded (SQLite's LIKE ignores ASCII case).
    """
    hits: set[int] | None = None
    for word in query.split():
        if word.isascii() and word.isalpha():
            pattern = re.compile(r"(?<![0-9a-z])" + re.escape(_fold(word)))
            found = {t for t, text in _texts(db) if pattern.search(text)}
        else:
            folded = _fold(word)
            found = {t for t, text in _texts(db) if folded in text}
        hits = found if hits is None else hits & found
    return frozenset(hits or ())


def _queries(db: pw.Database) -> list[str]:
    number = fetch_all("SELECT number FROM ticket WHERE id = 12345")[0][0]
    return [*QUERIES, str(number), str(number)[2:]]


def _all_pages(flt: QueueFilter, plan: search.Plan | None) -> list[int]:
    rows: list[queue.QueueRow] = []
    while True:
        page = queue.fetch_page(
            flt, SortKey.SUBMITTED_AT, True, after=rows[-1] if rows else None, limit=5000
        )
        rows.extend(page)
        if len(page) < 5000:
            return [r.id for r in rows]


@pytest.mark.parametrize("plan", list(search.Plan))
def test_every_plan_equals_brute_force(
    demo: pw.Database, monkeypatch: pytest.MonkeyPatch, plan: search.Plan
) -> None:
    monkeypatch.setattr(search, "page_plan", lambda text, page=100: plan)
    for query in _queries(demo):
        expected = _brute_force(demo, query)
        assert bool(expected) is (query not in EMPTY), query  # the set really tests
        flt = QueueFilter(statuses=None, text=query)
        ids = _all_pages(flt, plan)
        assert len(ids) == len(set(ids)), query
        assert ids == queue.ticket_ids(flt, SortKey.SUBMITTED_AT, descending=True), query
        assert set(ids) == expected, query
        assert set(search.search_ticket_ids(query)) == expected, query
        assert queue.count(flt) == len(expected), query
        assert queue.count_capped(flt, cap=100) == (min(100, len(expected)), len(expected) <= 100)


def test_plans_chosen_by_share(demo: pw.Database) -> None:
    if not isinstance(demo, pw.SqliteDatabase):
        pytest.skip("PostgreSQL's planner chooses by its own statistics")
    assert search.page_plan("量子纠缠") is search.Plan.COLLECT
    # Half the tickets say it: cheaper to collect in 20,000 tickets for a 100-row page; for a
    # page of 5 rows (as at a million tickets for 100) testing each ticket walked pays.
    assert search.page_plan("检查", page=100) is search.Plan.PROBE
    assert search.page_plan("检查", page=5) is search.Plan.EXISTS
    assert search.page_plan("printer", page=5) is not search.Plan.EXISTS  # a prefix: never asked


@pytest.mark.parametrize(
    ("share", "tickets", "page", "testing"),
    [
        (0.47, 1_000_000, 100, True),  # 无法 at a million: ~210 tests beat 470k matches
        (0.47, 100_000, 100, False),  # the same share of 100k: the set is cheaper
        (0.30, 1_000_000, 100, True),
        (0.25, 1_000_000, 100, False),
        (0.39, 1_000_000, 200, True),
        (0.35, 1_000_000, 200, False),
    ],
)
def test_testing_pays_from_a_share_that_falls_with_the_tickets(
    share: float, tickets: int, page: int, testing: bool
) -> None:
    assert search.testing_pays(share, tickets, page) is testing


LABELS = ("优先级", "负责人", "处理中", "登记工单", "层级")
"""Words only the program's generated lines say (every ticket's log holds some of them)."""


def test_the_labels_of_generated_lines_are_not_searched(demo: pw.Database) -> None:
    """A generated line is searched by what a person typed in it (schema 19): a field's or a
    status's name would make every ticket match."""
    logs = fetch_all("SELECT ticket_id, text, args FROM log_entry")
    shown = [(int(r[0]), texts(r[1], None, r[2])[0]) for r in logs]
    for label in LABELS:
        assert len({t for t, line in shown if label in line}) > 1000, label  # the log says it
        assert search.search_ticket_ids(label) == [], label
        assert queue.count(QueueFilter(statuses=None, text=label)) == 0, label


def _handovers() -> list[tuple[int, str]]:
    """(ticket id, handover) of every escalation, in the order written."""
    rows = fetch_all("SELECT ticket_id, args FROM log_entry WHERE args IS NOT NULL ORDER BY id")
    found = [(int(tid), decode(args)) for tid, args in rows]
    return [(tid, str(values[3])) for tid, (code, values) in found if code == "es"]


def test_what_a_person_typed_in_a_generated_line_is_searched(demo: pw.Database) -> None:
    """An escalation's handover (typed in the escalate dialog) finds its ticket."""
    handovers = _handovers()
    assert handovers
    for ticket_id, handover in handovers[:20]:
        assert ticket_id in search.search_ticket_ids(handover), handover
