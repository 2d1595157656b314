"""Schema 20 on SQLite: times stored as seconds and log kinds as letters, read back the same.

The old-form file is a demo file turned back into what schema 19 stored: every ticket and log
time as text, every kind as its word, the queue's next-due indexes over a text sentinel.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desk_gui.domain.epoch import from_seconds, to_seconds
from desk_gui.domain.log_kind_codes import CODES
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import queue, rollup_sql
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, open_database, write_transaction
from desk_gui.store.epoch_convert import TICKET_TIMES, TIME_INDEXES
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desk_gui.store.models import LogEntry, Ticket
from desk_gui.store.queue import QueueFilter, SortKey
from tests.raw_sql import file_rows as _raw
from tests.store.test_queue import page_plan

STEP = next(m for m in MIGRATIONS if m.description.startswith("SQLite: times as seconds"))
MICRO = datetime(2026, 11, 3, 8, 15, 30, 123456)


def _text(column: str) -> str:
    return f"datetime({column}, 'unixepoch')"


def _old_form(path: Path) -> None:
    """The file as schema 19 stored it (what a workstation upgrades)."""
    conn = sqlite3.connect(path)
    for name in rollup_sql.TRIGGER_NAMES:
        conn.execute(f'DROP TRIGGER "{name}"')
    for sql in TIME_INDEXES:
        conn.execute(f'DROP INDEX "{sql.split(chr(34))[1]}"')
    sets = ", ".join(f"{c} = {_text(c)}" for c in TICKET_TIMES)
    conn.execute(f"UPDATE ticket SET {sets}")
    conn.execute("UPDATE ticket SET waiting_since = ? WHERE id = 1", (MICRO.isoformat(" "),))
    for sql in TIME_INDEXES:
        conn.execute(sql.replace("253402300799", "'9999-12-31 23:59:59'"))
    conn.execute('DROP TRIGGER "log_entry_no_update"')
    words = " ".join(f"WHEN '{c}' THEN '{w}'" for w, c in CODES.items())
    conn.execute(f"UPDATE log_entry SET at = {_text('at')}, kind = CASE kind {words} END")
    conn.execute(
        'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
        "BEGIN SELECT RAISE(ABORT, 'log_entry is append-only'); END"
    )
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(STEP.version - 1),))
    conn.commit()
    conn.close()


def _read() -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    tickets = [dict(r) for r in Ticket.select().order_by(Ticket.id).dicts()]
    log = list(LogEntry.select().order_by(LogEntry.id).tuples())
    return tickets, log


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    open_database(path)
    generate_demo(60, seed=5, anchor=datetime(2026, 11, 20, 9), parallel=False)
    with write_transaction():
        Ticket.update(waiting_since=MICRO).where(Ticket.id == 1).execute()
    close_database()
    return path


def test_an_upgraded_file_holds_seconds_and_letters_and_reads_the_same(old_file: Path) -> None:
    open_database(old_file)
    before, totals = _read(), _raw(old_file, "SELECT * FROM report_day ORDER BY day")
    close_database()
    _old_form(old_file)
    assert _raw(old_file, "SELECT typeof(submitted_at), typeof(at) FROM ticket, log_entry "
                          "LIMIT 1") == [("text", "text")]  # fmt: skip
    open_database(old_file)  # migrates, with a backup
    try:
        assert _read() == before
        assert before[0][0]["waiting_since"] == MICRO  # microseconds kept
    finally:
        close_database()
    types = _raw(old_file, "SELECT DISTINCT " + ", ".join(f"typeof({c})" for c in TICKET_TIMES)
                 + " FROM ticket WHERE id > 1")  # fmt: skip
    assert {t for row in types for t in row} <= {"integer", "null"}
    assert _raw(old_file, "SELECT typeof(waiting_since) FROM ticket WHERE id = 1") == [("real",)]
    assert _raw(old_file, "SELECT DISTINCT typeof(at), length(kind) FROM log_entry") == [
        ("integer", 1)
    ]
    assert _raw(old_file, "SELECT * FROM report_day ORDER BY day") == totals
    assert check_database(old_file) == []  # the chain holds: it covers the same text


def test_seconds_read_as_the_text_they_were(old_file: Path) -> None:
    """``datetime(x, 'unixepoch')`` of a stored time is the text schema 19 stored."""
    open_database(old_file)
    try:
        rows = list(Ticket.select(Ticket.id, Ticket.submitted_at).where(Ticket.id > 1).tuples())
    finally:
        close_database()
    text = dict(_raw(old_file, f"SELECT id, {_text('submitted_at')} FROM ticket WHERE id > 1"))
    assert all(text[i] == when.isoformat(" ") for i, when in rows)
    assert from_seconds(to_seconds(MICRO)) == MICRO


def test_an_upgraded_file_sorts_the_whole_queue_by_an_index(old_file: Path) -> None:
    """The next-due index is made again over the seconds' sentinel: sorting every ticket by
    their next deadline walks it (a leftover text sentinel would sort them all in memory)."""
    _old_form(old_file)
    db = open_database(old_file)
    try:
        for key in (SortKey.NEXT_DUE, SortKey.SUBMITTED_AT):
            plan = page_plan(db, QueueFilter(statuses=None), key, False)
            assert f"ticket_q_{key.value}" in plan and "TEMP B-TREE" not in plan, plan
        rows = queue.fetch_page(QueueFilter(statuses=None), SortKey.NEXT_DUE, False, limit=1000)
        dues = [r.next_due for r in rows]
        known = [d for d in dues if d is not None]
        assert known == sorted(known) and dues == known + [None] * (len(dues) - len(known))
    finally:
        close_database()
    assert STEP.version <= SCHEMA_VERSION
