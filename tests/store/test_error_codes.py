"""Engine errors are classified by SQLite's and PostgreSQL's codes, never by message text.

SQLite errors are real ones (a locked file, a read-only connection, a full page budget, a file
that is not a database, a missing folder). PostgreSQL errors come from a real server
(``DESK_TEST_PG_URL``): a wrong password, a missing database, a closed port, a read-only
transaction, and every other SQLSTATE raised by the server itself with a Chinese message.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import peewee as pw
import pytest

from desk_gui.services.workspace import Workspace
from desk_gui.store.database import (
    close_database,
    open_database,
    redact_url,
    server_database,
    translate,
    translate_errors,
)
from desk_gui.store.error_codes import classify
from desk_gui.store.errors import (
    DatabaseCorrupt,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnreachable,
    DatabaseUnreadable,
    DiskFull,
    StoreError,
)

PG_URL = os.environ.get("DESK_TEST_PG_URL", "").strip()


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "desk.db"
    open_database(path)
    close_database()
    yield path


def _raised(conn: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        conn.execute(sql)
    return info.value


# -- SQLite -----------------------------------------------------------------------------------


def test_a_file_locked_by_another_connection_is_locked(db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        exc = _raised(waiter, "INSERT INTO meta (key, value) VALUES ('x', 'y')")
        assert isinstance(classify(exc), DatabaseLocked)
    finally:
        waiter.close()
        holder.rollback() if holder.in_transaction else None
        holder.close()


def test_a_write_through_peewee_to_a_locked_file_is_locked(db_path: Path) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    db = pw.SqliteDatabase(str(db_path), timeout=0)
    try:
        with pytest.raises(DatabaseLocked), translate_errors(db):
            db.execute_sql("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    finally:
        db.close()
        holder.execute("ROLLBACK")
        holder.close()


def test_a_read_only_connection_is_read_only(db_path: Path) -> None:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        exc = _raised(conn, "INSERT INTO meta (key, value) VALUES ('x', 'y')")
        assert isinstance(classify(exc), DatabaseReadOnly)
    finally:
        conn.close()


def test_a_full_database_is_disk_full(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "small.db", isolation_level=None)
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.execute("PRAGMA max_page_count = 3")  # the file may not grow: SQLITE_FULL
    try:
        exc = _raised(conn, "INSERT INTO t VALUES (zeroblob(100000))")
        assert isinstance(classify(exc), DiskFull)
    finally:
        conn.close()


def test_a_file_that_is_not_a_database_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the pages you are looking for" * 100)
    conn = sqlite3.connect(path)
    try:
        exc = _raised(conn, "SELECT * FROM sqlite_master")
        assert isinstance(classify(exc), DatabaseCorrupt)
    finally:
        conn.close()


def test_a_missing_folder_is_unreachable(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.Error) as info:
        sqlite3.connect(tmp_path / "gone" / "desk.db")
    assert isinstance(classify(info.value), DatabaseUnreachable)


def _coded(code: int) -> sqlite3.Error:
    exc = sqlite3.OperationalError("some words")
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize("code", [10, 266, 522, 778, 1034, 1290, 1546, 2570, 3850])
def test_io_errors_are_io_errors_not_unreachable_or_damage(db_path: Path, code: int) -> None:
    # SQLITE_IOERR and its extended codes (READ, SHORT_READ, WRITE, FSYNC, …, LOCK).
    found = classify(_coded(code), db_path)
    assert type(found) is DatabaseIOError
    for lang in ("en", "zh"):
        assert "backup" not in found.message(lang) and "备份" not in found.message(lang)


def test_a_plain_corrupt_code_on_a_readable_file_is_not_called_damage(db_path: Path) -> None:
    # SQLite reports a read failing with EIO as plain SQLITE_CORRUPT; the file reads now.
    found = classify(_coded(11), db_path)
    assert type(found) is DatabaseUnreadable
    assert "desk-gui check" in found.message("en")


def test_a_plain_corrupt_code_with_a_foreign_header_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"\0" * 4096)
    assert type(classify(_coded(11), path)) is DatabaseCorrupt
    assert type(classify(_coded(26), path)) is DatabaseCorrupt  # SQLITE_NOTADB
    assert type(classify(_coded(779), path)) is DatabaseCorrupt  # SQLITE_CORRUPT_INDEX


def test_a_write_error_on_a_read_only_mount_is_read_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: not mode & os.W_OK)
    assert type(classify(_coded(778), db_path)) is DatabaseReadOnly  # IOERR_WRITE
    assert type(classify(_coded(14), db_path)) is DatabaseReadOnly  # CANTOPEN (journal)
    assert type(classify(_coded(266), db_path)) is DatabaseIOError  # a read stays a read


def test_os_errors_of_the_share_by_errno(tmp_path: Path) -> None:
    import errno

    from desk_gui.store.error_codes import classify_os_error

    assert type(classify_os_error(OSError(errno.EIO, "I/O"))) is DatabaseIOError
    assert type(classify_os_error(OSError(errno.ENOSPC, "full"))) is DiskFull
    assert type(classify_os_error(OSError(errno.EROFS, "ro"))) is DatabaseReadOnly
    assert type(classify_os_error(OSError(errno.EACCES, "no"))) is DatabaseUnreachable


def test_the_code_decides_not_the_words() -> None:
    # The same code under other words (another language, another SQLite release) classifies
    # the same; English words without a code are not taken for a lock.
    exc = sqlite3.OperationalError("数据库被锁定")
    exc.sqlite_errorcode = 5  # type: ignore[attr-defined]  # SQLITE_BUSY
    assert isinstance(classify(exc), DatabaseLocked)
    assert classify(sqlite3.OperationalError("database is locked")) is None
    assert translate(ValueError("database is locked")) is None  # a bug, not a store error


# -- the probe and passwords ------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_redact_url_masks_only_the_password() -> None:
    url = "postgresql://desk:s3cret%40x@db.example:5432/desk?sslmode=require"
    assert redact_url(url) == "postgresql://desk:***@db.example:5432/desk?sslmode=require"
    assert redact_url("/share/desk.db") == "/share/desk.db"
    assert redact_url("postgresql://desk@db/desk") == "postgresql://desk@db/desk"


def test_probe_of_an_unreachable_server_never_shows_the_password() -> None:
    pytest.importorskip("psycopg2")
    url = f"postgresql://desk:TopSecret42@127.0.0.1:{_closed_port()}/desk?connect_timeout=3"
    with pytest.raises(DatabaseUnreachable) as info:
        Workspace.probe(url)
    for lang in ("en", "zh"):
        assert "TopSecret42" not in info.value.message(lang)
    with pytest.raises(DatabaseUnreachable) as opened:
        Workspace.open(url)
    assert "TopSecret42" not in opened.value.message("en")


def test_probe_of_a_file(tmp_path: Path, db_path: Path) -> None:
    assert Workspace.probe(str(tmp_path / "new.db")).new
    found = Workspace.probe(str(db_path))
    assert not found.new and found.tickets == 0
    with pytest.raises(DatabaseUnreachable):
        Workspace.probe(str(tmp_path / "gone" / "desk.db"))


# -- PostgreSQL -------------------------------------------------------------------------------

needs_pg = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set")


def _with(url: str, **changes: str) -> str:
    parsed = urlparse(url)
    user = parsed.username or ""
    password = changes.get("password", parsed.password or "")
    netloc = f"{user}:{password}@{parsed.hostname}:{parsed.port or 5432}"
    path = "/" + changes.get("database", parsed.path.lstrip("/"))
    return parsed._replace(netloc=netloc, path=path).geturl()


@needs_pg
def test_pg_wrong_password_is_unreachable_and_not_shown() -> None:
    url = _with(PG_URL, password="WrongPassword77")
    with pytest.raises(DatabaseUnreachable) as info:
        Workspace.probe(url)
    assert "WrongPassword77" not in info.value.message("en")
    with pytest.raises(DatabaseUnreachable):
        Workspace.open(url)


@needs_pg
def test_pg_missing_database_is_unreachable() -> None:
    with pytest.raises(DatabaseUnreachable):
        Workspace.probe(_with(PG_URL, database="desk_no_such_database"))


@needs_pg
def test_pg_probe_connects_instead_of_reading_a_file() -> None:
    found = Workspace.probe(PG_URL)
    assert found.tickets >= 0  # an empty database is "new"; a Desk one reports its tickets


@pytest.fixture
def pg() -> Iterator[pw.Database]:
    db = server_database(PG_URL)
    db.connect()
    yield db
    db.close()


def _server_raises(db: pw.Database, sqlstate: str) -> StoreError | None:
    """The classification of an error the server raises with ``sqlstate`` and Chinese text."""
    sql = (
        f"DO $$ BEGIN RAISE EXCEPTION '服务器错误 {sqlstate}' USING ERRCODE = '{sqlstate}'; END $$"
    )
    with pytest.raises(pw.PeeweeException) as info:
        db.execute_sql(sql)
    return translate(info.value, db)


@needs_pg
@pytest.mark.parametrize(
    ("sqlstate", "kind"),
    [
        ("08006", DatabaseUnreachable),  # connection_failure
        ("28P01", DatabaseUnreachable),  # invalid_password
        ("3D000", DatabaseUnreachable),  # invalid_catalog_name
        ("57P01", DatabaseUnreachable),  # admin_shutdown
        ("53100", DiskFull),
        ("53300", DatabaseLocked),  # too_many_connections: try again
        ("40001", DatabaseLocked),  # serialization_failure
        ("40P01", DatabaseLocked),  # deadlock_detected
        ("55P03", DatabaseLocked),  # lock_not_available
        ("42501", DatabaseReadOnly),  # insufficient_privilege
        ("25006", DatabaseReadOnly),  # read_only_sql_transaction
        ("XX001", DatabaseCorrupt),  # data_corrupted
        ("XX002", DatabaseCorrupt),  # index_corrupted
    ],
)
def test_pg_sqlstates_classify_whatever_the_language(
    pg: pw.Database, sqlstate: str, kind: type[StoreError]
) -> None:
    mapped = _server_raises(pg, sqlstate)
    assert isinstance(mapped, kind)
    assert sqlstate in mapped.detail


@needs_pg
def test_pg_a_bug_stays_a_bug(pg: pw.Database) -> None:
    assert _server_raises(pg, "42601") is None  # syntax_error: the crash path, not a dialog


@needs_pg
def test_pg_real_read_only_transaction_and_statement_timeout(pg: pw.Database) -> None:
    with pytest.raises(DatabaseReadOnly), translate_errors(pg), pg.atomic():
        pg.execute_sql("SET TRANSACTION READ ONLY")
        pg.execute_sql("CREATE TEMP TABLE desk_probe_ro (x int)")
    with pytest.raises(DatabaseLocked), translate_errors(pg), pg.atomic():
        pg.execute_sql("SET LOCAL statement_timeout = 50")
        pg.execute_sql("SELECT pg_sleep(2)")


@needs_pg
def test_pg_dropped_connection_and_read_only_session_through_the_services() -> None:
    import psycopg2

    from desk_gui.domain.enums import Category, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft

    draft = TicketDraft(
        title="打印机卡纸",
        department="IT部",
        description="三楼打印机卡纸，打印任务全部排队，已重启打印机无效",
        category=Category.HARDWARE,
        urgency=Urgency.MEDIUM,
        impact=Impact.INDIVIDUAL,
        requester="小明",
        contact="内线8888",
    )
    with Workspace.open(PG_URL, "李四") as ws:
        number = ws.tickets.create(draft).number
        pid = ws._db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        admin = psycopg2.connect(PG_URL)
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
        finally:
            admin.close()
        with pytest.raises(DatabaseUnreachable) as lost:  # the server dropped us: no damage
            ws.tickets.get_by_number(number)
        assert "damaged" not in lost.value.message("en")
    with Workspace.open(PG_URL, "李四") as ws:
        ws._db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        with pytest.raises(DatabaseReadOnly):
            ws.tickets.create(draft)
