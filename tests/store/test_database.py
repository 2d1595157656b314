"""Opening files: the one safe configuration and plain errors for what a user can fix."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.store import database
from desk_gui.store.database import (
    close_database,
    current_database,
    database_path,
    fetch_all,
    is_sqlite,
    open_database,
    translate,
    translate_errors,
    write_transaction,
)
from desk_gui.store.errors import (
    DatabaseCorrupt,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnreachable,
    DatabaseUnreadable,
    DiskFull,
    NotDeskDatabase,
    SqliteTooOld,
)
from desk_gui.store.log_authors import id_of
from desk_gui.store.models import LogEntry, Ticket
from tests.conftest import TicketFactory


def _pragma(db: pw.Database, name: str) -> object:
    return fetch_all(f"PRAGMA {name}")[0][0]


def test_safe_configuration(db: pw.Database, db_path: Path) -> None:
    assert _pragma(db, "journal_mode") == "delete"
    assert _pragma(db, "synchronous") == 2  # FULL
    assert _pragma(db, "foreign_keys") == 1
    assert _pragma(db, "busy_timeout") == 30000
    assert is_sqlite() and database_path() == db_path
    assert current_database() is db


def test_wal_file_is_switched_back(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    with pytest.raises(NotDeskDatabase):  # foreign tables, but the journal mode comes first
        open_database(db_path)
    assert sqlite3.connect(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_wal_desk_file_opens_in_delete_mode(db_path: Path) -> None:
    open_database(db_path)
    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.close()
    db = open_database(db_path)
    try:
        assert _pragma(db, "journal_mode") == "delete"
        assert not db_path.with_name(db_path.name + "-wal").exists()
    finally:
        close_database()


def test_sqlite_url(tmp_path: Path) -> None:
    path = tmp_path / "via-url.db"
    db = open_database(f"sqlite:///{path}")
    try:
        assert database_path(db) == path
        assert _pragma(db, "journal_mode") == "delete"
    finally:
        close_database()


def test_missing_folder_is_unreachable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreachable):
        open_database(tmp_path / "no-such-share" / "desk.db")


def test_missing_file_without_create_is_unreachable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreachable):
        open_database(tmp_path / "desk.db", create=False)
    assert not (tmp_path / "desk.db").exists()


def test_text_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n" * 100, encoding="utf-8")
    with pytest.raises(DatabaseCorrupt):
        open_database(path)


def test_damaged_sqlite_file_is_corrupt(db: pw.Database, db_path: Path) -> None:
    close_database()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt):
        open_database(db_path)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotDeskDatabase):
        open_database(path)


def test_folder_path_is_unreachable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreachable):
        open_database(tmp_path)


def test_old_sqlite_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(database.sqlite3, "sqlite_version_info", (3, 31, 1))
    with pytest.raises(SqliteTooOld):
        open_database(tmp_path / "desk.db")


def test_read_only_database_on_write(db: pw.Database, make_ticket: TicketFactory) -> None:
    make_ticket()
    db.execute_sql("PRAGMA query_only = 1")  # what a read-only file or share does to writes
    with pytest.raises(DatabaseReadOnly), write_transaction():
        Ticket.update(title="x").execute()
    db.execute_sql("PRAGMA query_only = 0")


def test_locked_database_after_busy_timeout(db: pw.Database, db_path: Path) -> None:
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    db.execute_sql("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(DatabaseLocked), write_transaction():
            pass
    finally:
        other.execute("ROLLBACK")
        other.close()
        db.execute_sql("PRAGMA busy_timeout = 30000")


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    """An error as SQLite raises it: its message and its result code (Python 3.11+)."""
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("message", "code", "expected"),
    [
        ("database is locked", 5, DatabaseLocked),  # SQLITE_BUSY
        ("database table is locked", 6, DatabaseLocked),  # SQLITE_LOCKED
        ("attempt to write a readonly database", 8, DatabaseReadOnly),
        ("database or disk is full", 13, DiskFull),
        ("database disk image is malformed", 11, DatabaseUnreadable),  # no file to look at
        ("file is not a database", 26, DatabaseCorrupt),
        ("unable to open database file", 14, DatabaseUnreachable),
        ("disk I/O error", 10, DatabaseIOError),
        ("disk I/O error", 10 | (4 << 8), DatabaseIOError),  # SQLITE_IOERR_FSYNC
    ],
)
def test_translation_of_engine_errors(message: str, code: int, expected: type[Exception]) -> None:
    # Classified by the code (tests/store/test_error_codes.py produces each for real).
    error = _sqlite_error(message, code)
    assert isinstance(translate(pw.OperationalError(error)), expected)
    with pytest.raises(expected), translate_errors():
        raise _sqlite_error(message, code)


def test_bugs_are_not_translated() -> None:
    assert translate(pw.IntegrityError("UNIQUE constraint failed: ticket.number")) is None
    assert translate(ValueError("x")) is None
    with pytest.raises(pw.OperationalError), translate_errors():
        raise pw.OperationalError("no such column: nope")


def test_log_is_append_only(db: pw.Database, make_ticket: TicketFactory) -> None:
    ticket = make_ticket(log=("first",))
    with pytest.raises(pw.IntegrityError, match="append-only"), write_transaction():
        LogEntry.update(text="rewritten").execute()
    with pytest.raises(pw.IntegrityError, match="append-only"), write_transaction():
        LogEntry.delete().execute()
    with write_transaction():
        who = id_of(db, "a")
        LogEntry.create(
            ticket=ticket, at=datetime(2026, 11, 21), author_id=who, kind="note", text="2"
        )
    assert LogEntry.select().count() == 2


def test_foreign_keys_enforced(db: pw.Database) -> None:
    with pytest.raises(pw.IntegrityError), write_transaction():
        who = id_of(db, "a")
        LogEntry.create(ticket=999, at=datetime(2026, 11, 21), author_id=who, kind="note", text="x")


def test_nested_write_transaction_rolls_back_inner_only(
    db: pw.Database, make_ticket: TicketFactory
) -> None:
    ticket = make_ticket(title="before")
    with write_transaction():
        Ticket.update(title="outer").where(Ticket.id == ticket.id).execute()
        with pytest.raises(RuntimeError), write_transaction():
            Ticket.update(title="inner").where(Ticket.id == ticket.id).execute()
            raise RuntimeError
    assert Ticket.get_by_id(ticket.id).title == "outer"


def test_close_unbinds(db_path: Path) -> None:
    open_database(db_path)
    close_database()
    with pytest.raises(RuntimeError):
        current_database()
    assert database_path() is None
