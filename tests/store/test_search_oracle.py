"""Search against brute force: every plan's hits equal a scan of the same 20k demo tickets.

Chinese terms and numbers are compared with SQL LIKE over each column and each log line;
English words with a scan for the word's start (the index matches word prefixes, "print" in
"printer" but not in "reprint"). Queries reach past the demo's own titles: common and rare
words, 1, 2, 3+ characters, two words, a ticket number, words that match nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.domain.log_render import texts
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import queue, search
from desk_gui.store.database import close_database, current_database, fetch_all, open_database
from desk_gui.store.queue import QueueFilter, SortKey

COLUMNS = ("number", "title", "description", "solution", "requester", "department")
QUERIES = [
    "打",  # 1 character, common
    "屏",
    "无法",  # 2 characters, common
    "工单",  # every ticket (its log)
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
    "无法 printer",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pw.Database]:
    path: Path = tmp_path_factory.mktemp("oracle") / "demo.db"
    db = open_database(path)
    generate_demo(20_000, seed=7, anchor=datetime(2026, 11, 20, 9), parallel=False)
    yield db
    close_database()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@functools.cache
def _log_lines() -> str:
    """A temporary table of every log line as read in Chinese (generated ones rendered)."""
    rows = fetch_all("SELECT ticket_id, text, text_en, args FROM log_entry")
    db = current_database()
    db.execute_sql("CREATE TEMP TABLE log_lines (ticket_id INTEGER, text TEXT)")
    db.cursor().executemany(
        "INSERT INTO log_lines VALUES (?, ?)", [(r[0], texts(*r[1:])[0]) for r in rows]
    )
    return "log_lines"


@functools.cache  # the module's demo file never changes
def _brute_force(query: str) -> frozenset[int]:
    """Tickets in which every word occurs in one column or one log line."""
    hits: set[int] | None = None
    for word in query.split():
        if word.isascii() and word.isalpha():
            pattern = re.compile(r"(?<![0-9a-z])" + re.escape(_fold(word)))
            rows = fetch_all(f"SELECT id, {', '.join(COLUMNS)} FROM ticket")
            found = {int(r[0]) for r in rows if any(pattern.search(_fold(str(v))) for v in r[1:])}
            logs = fetch_all(f"SELECT ticket_id, text FROM {_log_lines()}")
            found |= {int(t) for t, text in logs if pattern.search(_fold(str(text)))}
        else:
            like = "%" + word + "%"
            ors = " OR ".join(f"{c} LIKE ?" for c in COLUMNS)
            found = {int(r[0]) for r in fetch_all(f"SELECT id FROM ticket WHERE {ors}", [like] * 6)}
            sql = f"SELECT DISTINCT ticket_id FROM {_log_lines()} WHERE text LIKE ?"
            found |= {int(r[0]) for r in fetch_all(sql, [like])}
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
    monkeypatch.setattr(search, "page_plan", lambda text: plan)
    for query in _queries(demo):
        expected = _brute_force(query)
        assert expected or query in ("量子纠缠", "xyzzy"), query  # the set really tests
        flt = QueueFilter(statuses=None, text=query)
        ids = _all_pages(flt, plan)
        assert len(ids) == len(set(ids)), query
        assert set(ids) == expected, query
        assert set(search.search_ticket_ids(query)) == expected, query
        assert queue.count(flt) == len(expected), query
        assert queue.count_capped(flt, cap=100) == (min(100, len(expected)), len(expected) <= 100)


def test_plans_chosen_by_share(demo: pw.Database) -> None:
    assert search.page_plan("量子纠缠") is search.Plan.COLLECT
    assert search.page_plan("工单") is search.Plan.EXISTS  # every ticket's log says it
    assert search.page_plan("printer") is not search.Plan.EXISTS  # a prefix: never asked alone
