"""Schema 21: the log's authors as ids into ``log_author``, a partial follow-up index and 16 KiB
pages; an upgraded file reads, prints, exports and checks exactly as before."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desk_gui.domain.log_chain import ChainWalker
from desk_gui.domain.log_render import texts
from desk_gui.exchange.export import export_tickets
from desk_gui.services import records
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import log_append, schema
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desk_gui.store.models import Ticket
from desk_gui.store.queue import ticket_ids
from tests.store._log_authors import author_sql, names_back
from tests.store.test_migrations import _migrated_to, _schema

STEP = MIGRATIONS[-1]
assert STEP.description.startswith("the log's authors once")  # this file tests that step
FOLLOW_UP = "SELECT id FROM ticket WHERE follow_up_of = ?"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("authors") / "demo.db"
    open_database(path)
    generate_demo(150, seed=11, anchor=datetime(2026, 11, 20, 9), parallel=False)
    close_database()
    return path


@pytest.fixture
def old_file(demo_file: Path, tmp_path: Path) -> Path:
    """The demo as schema 20 kept it: names in the log, 4 KiB pages (what a workstation
    upgrades)."""
    path = tmp_path / "old.db"
    path.write_bytes(demo_file.read_bytes())
    conn = sqlite3.connect(path)
    names_back(conn)
    conn.execute(f"UPDATE meta SET value = '{STEP.version - 1}' WHERE key = 'schema_version'")
    conn.commit()
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.close()
    return path


def _raw(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _log(path: Path) -> list[tuple[Any, ...]]:
    """Every log line as people read it (author's name, Chinese and English), in id order."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            f"SELECT id, ticket_id, at, {author_sql(conn)}, kind, text, text_en, args, chain "
            "FROM log_entry ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [(*r[:5], *texts(r[5], r[6], r[7]), bytes(r[8])) for r in rows]


def _read(path: Path, tmp_path: Path, tag: str) -> dict[str, Any]:
    """What the program shows of a file: tickets with their log (the log view and worksheet
    read them), and every export in both languages, masked and not."""
    out: dict[str, Any] = {}
    open_database(path)
    try:
        tickets = list(Ticket.select().order_by(Ticket.id))
        out["records"] = [records.to_record(t) for t in tickets]
        ids = ticket_ids(None)
        for lang in ("zh", "en"):
            for mask in (False, True):
                for fmt in ("csv", "xlsx"):
                    file = tmp_path / f"{tag}-{lang}-{mask}.{fmt}"
                    export_tickets(file, ids=ids, lang=lang, mask=mask)  # type: ignore[arg-type]
                    out[file.name[len(tag) :]] = _cells(file)
    finally:
        close_database()
    return out


def _cells(file: Path) -> Any:
    if file.suffix == ".csv":
        return file.read_bytes()
    book = load_workbook(file, read_only=True)
    try:
        return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_old_file_is_schema_20s(old_file: Path, tmp_path: Path) -> None:
    """The fixture's file has exactly the schema migrating a new file to 20 gives."""
    chained = tmp_path / "chained.db"
    _migrated_to(chained, STEP.version - 1)
    assert _schema(old_file) == _schema(chained)


def test_an_upgraded_file_reads_prints_exports_and_checks_the_same(
    demo_file: Path, old_file: Path, tmp_path: Path
) -> None:
    # The old file holds the demo's lines (the program reads a file at its own schema only).
    log = _log(old_file)
    assert log == _log(demo_file)
    before = _read(demo_file, tmp_path, "today")
    names = _raw(old_file, "SELECT author FROM log_entry GROUP BY author ORDER BY min(id)")
    assert _raw(old_file, "PRAGMA page_size") == [(4096,)]
    open_database(old_file)  # migrates, with a backup
    close_database()
    assert list(tmp_path.glob("old.v20-*.bak.db"))
    assert _raw(old_file, "PRAGMA page_size") == [(schema.SQLITE_PAGE_SIZE,)]
    columns = [r[1] for r in _raw(old_file, "PRAGMA table_info(log_entry)")]
    assert "author" not in columns and "author_id" in columns
    assert _raw(old_file, "SELECT DISTINCT typeof(author_id) FROM log_entry") == [("integer",)]
    assert _raw(old_file, "SELECT name FROM log_author ORDER BY id") == names  # first-written
    assert _log(old_file) == log  # every line, its author's name and its chain value
    assert _read(old_file, tmp_path, "new") == before
    assert check_database(old_file) == []
    triggers = {r[0] for r in _raw(old_file, "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {*schema.LOG_TRIGGER_NAMES, *schema.AUTHOR_TRIGGER_NAMES} <= triggers


def test_the_follow_up_index_holds_only_follow_ups_and_serves_their_lookup(
    old_file: Path,
) -> None:
    conn = sqlite3.connect(old_file)
    conn.execute("UPDATE ticket SET follow_up_of = 1 WHERE id IN (5, 9)")
    conn.execute("UPDATE ticket SET follow_up_of = 2 WHERE id = 12")
    conn.commit()
    conn.close()
    open_database(old_file)
    close_database()
    sql = _raw(old_file, "SELECT sql FROM sqlite_master WHERE name = 'ticket_follow_up_of'")
    assert sql == [(schema.FOLLOW_UP_INDEX_SQL,)]
    plan = " ".join(str(r[-1]) for r in _raw(old_file, f"EXPLAIN QUERY PLAN {FOLLOW_UP}", (1,)))
    assert "USING COVERING INDEX ticket_follow_up_of" in plan or (
        "USING INDEX ticket_follow_up_of" in plan
    ), plan
    followed = _raw(old_file, "SELECT follow_up_of, id FROM ticket WHERE follow_up_of IS NOT NULL")
    assert len(followed) == 3
    for closed, follow_up in followed:
        assert (follow_up,) in _raw(old_file, FOLLOW_UP, (closed,))


def test_a_new_file_has_16_kib_pages_and_a_migrated_ones_schema(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    assert _raw(fresh, "PRAGMA page_size") == [(schema.SQLITE_PAGE_SIZE,)]
    chained = tmp_path / "chained.db"
    for step in MIGRATIONS:
        _migrated_to(chained, step.version)
    assert _schema(fresh) == _schema(chained)


def test_names_written_after_the_upgrade_chain_and_read_back(old_file: Path) -> None:
    open_database(old_file)
    try:
        tid = int(fetch_all("SELECT min(id) FROM ticket")[0][0])
        count = int(fetch_all("SELECT count(*) FROM log_author")[0][0])
        at = datetime(2026, 11, 21, 9)
        for who in ("新同事", "新同事", "张三"):
            log_append.append(tid, at, who, "note", f"{who}补记", None)
        names = [r[0] for r in fetch_all("SELECT name FROM log_author ORDER BY id")]
        assert names[count:] == (["新同事"] if "张三" in names else ["新同事", "张三"])
        record = records.to_record(Ticket.get_by_id(tid))
        assert [e.author for e in record.log[-3:]] == ["新同事", "新同事", "张三"]
    finally:
        close_database()
    assert check_database(old_file) == []
    walker = ChainWalker()  # the chain covers the names, exactly as before the step
    for _, ticket, at_, author, kind, zh, en, _chain in _log(old_file):
        if ticket == tid:
            walker.hash(ticket, at_, author, kind, zh, en)
    assert walker.heads[tid][:8] == _log(old_file)[-1][-1]
    assert STEP.version == SCHEMA_VERSION
