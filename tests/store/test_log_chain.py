"""The handling log's hash chain: written by every path, filled by the migration, checked.

Tampering is done as someone with the sqlite3 tool would: drop the guard trigger, change the
rows, put the trigger back; ``check`` must then name the first entry that no longer chains.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.domain.log_chain import (
    GENESIS,
    STORED_LENGTH,
    ChainWalker,
    entry_hash,
    short,
    stored,
)
from desk_gui.printing.content import WorksheetOptions, worksheet_content
from desk_gui.services import records
from desk_gui.store import log_append, schema
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database, write_transaction
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import TicketFactory
from tests.store._workers import create_ticket
from tests.store.test_migration_reminders import INSERT_TICKET
from tests.store.test_migrations import _migrated_to

ROOT = Path(__file__).resolve().parents[2]
CHAIN_STEP = next(m.version for m in MIGRATIONS if "hash chain" in m.description)


def _tamper(path: Path, *statements: str) -> None:
    """What someone with the sqlite3 tool does: lift the guard, change rows, restore it."""
    conn = sqlite3.connect(path)
    conn.execute('DROP TRIGGER "log_entry_no_update"')
    conn.execute('DROP TRIGGER "log_entry_no_delete"')
    for sql in statements:
        conn.execute(sql)
    for sql in schema.SQLITE_LOG_TRIGGERS:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _named(name: str) -> str:
    """SQL adding ``name`` to the log's authors (schema 21), and SQL of its id."""
    return f"INSERT OR IGNORE INTO log_author (name) VALUES ('{name}')"


def _id_of(name: str) -> str:
    return f"(SELECT id FROM log_author WHERE name = '{name}')"


def _three_tickets(make_ticket: TicketFactory) -> None:
    for n in range(3):
        make_ticket(log=(f"第{n}单 到场", "已电话告知王小明", "换线缆后恢复"))


def _entry_id(ticket: int, nth: int) -> int:
    rows = fetch_all(f"SELECT id FROM log_entry WHERE ticket_id = {ticket} ORDER BY id")
    return int(rows[nth][0])


def test_untouched_file_is_ok(db: pw.Database, db_path: Path, make_ticket: TicketFactory) -> None:
    _three_tickets(make_ticket)
    assert check_database(db_path) == []


def test_rewritten_text_and_author_are_named(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory
) -> None:
    _three_tickets(make_ticket)
    entry = _entry_id(2, 1)
    close_database()
    _tamper(
        db_path,
        _named("x"),
        f"UPDATE log_entry SET text = '未联系上', author_id = {_id_of('x')} WHERE id = {entry}",
    )
    problems = check_database(db_path)
    assert problems == [
        "handling log of IT20261121002: entry of 2026-11-21 09:01:00 by x does not match the "
        "chain: it was changed, or an entry before it was removed or inserted"
    ]


@pytest.mark.parametrize("column", ["text", "author", "kind", "at", "text_en", "ticket_id"])
def test_every_chained_column_counts(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory, column: str
) -> None:
    _three_tickets(make_ticket)
    entry = _entry_id(1, 0)
    value = {"at": "'2026-11-21 08:59:00'", "ticket_id": "3"}.get(column, "'z'")
    if column == "author":  # another name's id (schema 21)
        column, value = "author_id", _id_of("z")
    close_database()
    _tamper(db_path, _named("z"), f"UPDATE log_entry SET {column} = {value} WHERE id = {entry}")
    problems = check_database(db_path)
    assert problems and all("does not match the chain" in p for p in problems)
    assert "IT20261121001" in problems[0] or column == "ticket_id"


def test_a_renamed_author_breaks_every_ticket_of_theirs(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory
) -> None:
    """The log keeps an author's id (schema 21) and the chain covers the name: renaming the
    name behind the id is a change of every line it wrote, and is named as one."""
    _three_tickets(make_ticket)
    close_database()
    conn = sqlite3.connect(db_path)
    for sql in (f'DROP TRIGGER "{name}"' for name in schema.AUTHOR_TRIGGER_NAMES):
        conn.execute(sql)
    conn.execute("UPDATE log_author SET name = '无名氏'")
    conn.commit()
    conn.close()
    problems = check_database(db_path)
    assert problems[:2] == [f"log guard trigger missing: {n}" for n in schema.AUTHOR_TRIGGER_NAMES]
    assert len(problems) == 5
    assert all("by 无名氏 does not match the chain" in p for p in problems[2:])


def test_the_authors_are_append_only(db: pw.Database, make_ticket: TicketFactory) -> None:
    make_ticket(log=("到场",))
    for sql in ("UPDATE log_author SET name = 'x'", "DELETE FROM log_author"):
        with pytest.raises(pw.IntegrityError, match="append-only"), write_transaction():
            db.execute_sql(sql)


def test_deleted_line_names_the_one_after(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory
) -> None:
    _three_tickets(make_ticket)
    entry = _entry_id(3, 1)
    close_database()
    _tamper(db_path, f"DELETE FROM log_entry WHERE id = {entry}")
    assert check_database(db_path) == [
        "handling log of IT20261121003: entry of 2026-11-21 09:02:00 by t does not match the "
        "chain: it was changed, or an entry before it was removed or inserted"
    ]


def test_line_slipped_in_is_named(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory
) -> None:
    _three_tickets(make_ticket)
    close_database()
    _tamper(
        db_path,
        _named("m"),
        "INSERT INTO log_entry (ticket_id, at, author_id, kind, text) "
        f"VALUES (1, '2026-11-21 09:30:00', {_id_of('m')}, 'note', '已回访')",
    )
    assert check_database(db_path) == [
        "handling log of IT20261121001: entry of 2026-11-21 09:30:00 by m was inserted "
        "outside the chain"
    ]


def test_a_forged_value_is_named_once_per_ticket(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory
) -> None:
    _three_tickets(make_ticket)
    first = _entry_id(1, 0)
    close_database()
    _tamper(db_path, f"UPDATE log_entry SET chain = zeroblob(32) WHERE id = {first}")
    problems = check_database(db_path)
    assert len(problems) == 1 and "09:00:00 by t" in problems[0]


def test_writes_chain_to_the_ticket_s_last_entry(
    db: pw.Database, make_ticket: TicketFactory
) -> None:
    ticket = make_ticket(log=("一",))
    at = datetime(2026, 11, 21, 8, 0)  # earlier than the first line: order is the writing order
    log_append.append(ticket.id, at, "王", "note", "二", "two")
    rows = fetch_all(f"SELECT chain FROM log_entry WHERE ticket_id = {ticket.id} ORDER BY id")
    first = entry_hash(GENESIS, ticket.id, datetime(2026, 11, 21, 9, 0), "t", "note", "一", None)
    assert bytes(rows[0][0]) == stored(first)  # the log keeps a prefix; the chain runs on
    second = entry_hash(first, ticket.id, at, "王", "note", "二", "two")  # the full values
    assert bytes(rows[1][0]) == stored(second) and len(stored(second)) == STORED_LENGTH
    assert records.read_record(ticket.id).log_chain == short(second) == short(bytes(rows[1][0]))


def test_rolled_back_entry_leaves_the_chain_whole(
    db: pw.Database, db_path: Path, make_ticket: TicketFactory
) -> None:
    ticket = make_ticket(log=("一",))
    with pytest.raises(RuntimeError), write_transaction():
        log_append.append(ticket.id, datetime(2026, 11, 21, 10), "t", "note", "二", None)
        raise RuntimeError
    log_append.append(ticket.id, datetime(2026, 11, 21, 11), "t", "note", "三", None)
    assert check_database(db_path) == []


def test_migration_fills_the_chain_of_existing_lines(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _migrated_to(path, CHAIN_STEP - 1)
    conn = sqlite3.connect(path)
    conn.execute(INSERT_TICKET)
    conn.execute(INSERT_TICKET.replace("'IT20261121001'", "'IT20261121002'"))
    lines = [
        (1, "2026-11-21 09:00:00", "a", "created", "登记工单：电话", "Ticket logged: phone"),
        (2, "2026-11-21 09:05:00.250000", "b", "note", "远程协助", None),
        (1, "2026-11-21 10:00:00", "a", "note", "换线缆", None),
        (2, "2026-11-21 08:00:00", "b", "note", "补记", None),
    ]
    conn.executemany(
        "INSERT INTO log_entry (ticket_id, at, author, kind, text, text_en) VALUES (?,?,?,?,?,?)",
        lines,
    )
    conn.commit()
    conn.close()
    _migrated_to(path, CHAIN_STEP)
    walker = ChainWalker()
    expected = [walker.hash(*line) for line in lines]
    open_database(path)
    try:
        kept = [bytes(r[0]) for r in fetch_all("SELECT chain FROM log_entry ORDER BY id")]
        triggers = {r[0] for r in fetch_all("SELECT name FROM sqlite_master WHERE type='trigger'")}
    finally:
        close_database()
    assert kept == [stored(value) for value in expected]  # then shortened by schema 17
    assert set(schema.LOG_TRIGGER_NAMES) <= triggers
    assert SCHEMA_VERSION >= CHAIN_STEP
    assert [p for p in check_database(path) if "handling log" in p] == []


def test_concurrent_writers_keep_every_chain(tmp_path: Path) -> None:
    """Two processes logging on the same tickets at once (the shared file): chains verify."""
    path = tmp_path / "shared.db"
    open_database(path)
    for _ in range(3):
        create_ticket()
    close_database()
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.store._workers", "append", str(path), "3", "15"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for w in workers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    conn = sqlite3.connect(path)
    lines = conn.execute("SELECT count(*) FROM log_entry WHERE chain IS NOT NULL").fetchone()[0]
    conn.close()
    assert lines == 2 * 3 * 15
    assert check_database(path) == []


def test_worksheet_footer_carries_the_chain_value(
    db: pw.Database, make_ticket: TicketFactory
) -> None:
    ticket = make_ticket(log=("一", "二"))
    record = records.read_record(ticket.id)
    head = fetch_all(f"SELECT chain FROM log_entry WHERE ticket_id = {ticket.id} ORDER BY id")
    assert len(record.log_chain) == 12 and record.log_chain == bytes(head[-1][0]).hex()[:12]
    for lang, label in (("zh", "日志校验值："), ("en", "Log chain: ")):
        content = worksheet_content(record, WorksheetOptions(lang=lang))
        assert content.footer_left.endswith(label + record.log_chain)
    assert record.log_chain not in worksheet_content(None, WorksheetOptions()).footer_left
