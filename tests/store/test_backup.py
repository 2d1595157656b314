"""Backups during live writes, and the health check's findings."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.store.backup import backup_database, check_database
from desk_gui.store.database import close_database, open_database
from desk_gui.store.errors import DatabaseCorrupt, DatabaseUnreachable, TargetExists
from tests.conftest import TicketFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_backup_while_another_process_writes(
    db: pw.Database, db_path: Path, tmp_path: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store._workers", "busy", str(db_path), "4"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "started"
        copies = []
        for i in range(5):
            time.sleep(0.4)
            copies.append(backup_database(tmp_path / f"copy-{i}.db"))
    finally:
        _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    counts = []
    for copy in copies:
        assert check_database(copy) == []
        conn = sqlite3.connect(copy)
        counts.append(conn.execute("SELECT count(*) FROM ticket").fetchone()[0])
        conn.close()
    assert counts == sorted(counts) and counts[-1] > 0


def test_backup_refuses_to_overwrite(db: pw.Database, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    backup_database(dest)
    with pytest.raises(TargetExists):  # a plain message, not a traceback
        backup_database(dest)
    assert backup_database(dest, overwrite=True) == dest
    assert not list(tmp_path.glob("*.partial"))


def test_backup_of_explicit_source(db: pw.Database, db_path: Path, tmp_path: Path) -> None:
    close_database()
    dest = backup_database(tmp_path / "copy.db", src=db_path)
    assert check_database(dest) == []
    with pytest.raises(DatabaseUnreachable):
        backup_database(tmp_path / "x.db", src=tmp_path / "missing.db")
    with pytest.raises(DatabaseUnreachable):
        backup_database(tmp_path / "no-dir" / "x.db", src=db_path)


def test_healthy_file(make_ticket: TicketFactory, db_path: Path) -> None:
    make_ticket(log=("a", "b"))
    assert check_database(db_path) == []


def test_check_finds_problems(make_ticket: TicketFactory, db_path: Path) -> None:
    make_ticket()
    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER log_entry_no_delete")
    conn.execute("DROP TRIGGER ticket_report_update")
    conn.execute("INSERT INTO ticket_fts (ticket_fts) VALUES ('delete-all')")  # contentless
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO log_entry (ticket_id, at, author_id, kind, text) VALUES (99, '2026-11-21', 1, 'note', 'x')"
    )
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    problems = check_database(db_path)
    assert any("log_entry_no_delete" in p for p in problems)
    assert "report totals trigger missing: ticket_report_update" in problems
    assert any("search index has 0 rows for 1 tickets" in p for p in problems)
    assert any(p.startswith("foreign key: log_entry") for p in problems)
    assert any("schema version 1" in p for p in problems)


def test_check_of_non_databases(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 1000)
    with pytest.raises(DatabaseCorrupt):
        check_database(text)
    with pytest.raises(DatabaseUnreachable):
        check_database(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x(y)").connection.commit()
    assert check_database(other) == ["not a Desk database (no meta table)"]


def test_check_on_damaged_file(db_path: Path) -> None:
    open_database(db_path)
    close_database()
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # 16 KiB from schema 21
    data[page * 3 : page * 3 + 200] = b"\x00\xff" * 100
    db_path.write_bytes(bytes(data))
    assert check_database(db_path) != []
