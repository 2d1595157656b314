"""Opening the one database (a local or shared SQLite file, or PostgreSQL) and its transactions.

Every SQLite file gets the same configuration, because a network share cannot be detected
reliably: rollback journal (never WAL), full sync, foreign keys, a long busy timeout and
``BEGIN IMMEDIATE`` for every transaction, so writers queue instead of deadlocking.

PostgreSQL (``postgresql://user:password@host:5432/dbname``, needs psycopg2): autocommit outside
transactions, READ COMMITTED writes (the version column and row locks of the conditional
updates and upserts keep them safe), REPEATABLE READ for ``read_transaction`` snapshots.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import peewee as pw

from desk_gui.store import migrations, pg_driver
from desk_gui.store.error_codes import classify, classify_os_error
from desk_gui.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseUnreachable,
    SqliteTooOld,
    StoreError,
)
from desk_gui.store.models import database_proxy
from desk_gui.store.schema import SQLITE_PAGE_SIZE
from desk_gui.store.sqlite_library import untrack_memory

MIN_SQLITE: tuple[int, int, int] = (3, 35, 0)
"""FTS5, row values, partial and expression indexes, RETURNING and DROP COLUMN for migrations."""

BUSY_TIMEOUT_S = 30.0
"""How long a statement waits for another workstation's lock before DatabaseLocked."""

SQLITE_PRAGMAS: tuple[tuple[str, object], ...] = (
    ("page_size", SQLITE_PAGE_SIZE),  # a new file's, before its first table; others: at VACUUM
    ("busy_timeout", int(BUSY_TIMEOUT_S * 1000)),
    ("journal_mode", "delete"),  # WAL does not work over a network share
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("cache_size", -32000),  # 32 MB: keeps the queue indexes warm at 1M tickets
    ("temp_store", "memory"),
)

_SQLITE_HEADER = b"SQLite format 3\x00"
_BEGIN_POLL_MS = 5

_current: pw.Database | None = None


def check_sqlite_library() -> None:
    """Refuse an SQLite library without the features the schema relies on."""
    untrack_memory()  # before the process's first connection (this probe, mostly)
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise SqliteTooOld(f"SQLite {sqlite3.sqlite_version} < {'.'.join(map(str, MIN_SQLITE))}")
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61')")
    except sqlite3.Error as exc:
        raise SqliteTooOld(f"SQLite {sqlite3.sqlite_version} without FTS5") from exc
    finally:
        probe.close()


def _sqlite_path(target: str | os.PathLike[str]) -> Path | None:
    """The file path of a SQLite target, or None when the target is another engine's URL."""
    text = os.fspath(target)
    if "://" not in text:
        return Path(text)
    parsed = urlparse(text)
    if not parsed.scheme.startswith("sqlite"):
        return None
    from playhouse import db_url  # URLs only: a plain file path is opened without it

    path = db_url.parse(text)["database"]
    if path == ":memory:":
        raise DatabaseUnreachable("in-memory databases are not supported")
    return Path(path)


def is_server_url(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` names a server database (a URL of an engine other than SQLite)."""
    text = os.fspath(target)
    return "://" in text and not urlparse(text).scheme.startswith("sqlite")


def redact_url(target: str | os.PathLike[str]) -> str:
    """``target`` fit to show: a URL's password replaced by ***."""
    text = os.fspath(target)
    if "://" not in text:
        return text
    parsed = urlparse(text)
    if parsed.password is None:
        return text
    user = parsed.username or ""
    host = parsed.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # IPv6
    try:
        port = parsed.port
    except ValueError:  # not a number: shown as "?" (the URL is refused anyway)
        port = "?"  # type: ignore[assignment]
    netloc = f"{user}:***@{host}" + (f":{port}" if port else "")
    return parsed._replace(netloc=netloc).geturl()


PG_CONNECT_TIMEOUT_S = 10
"""How long opening waits for an unreachable server (psycopg2 would wait for the OS)."""


def server_database(url: str) -> pw.Database:
    """An unconnected peewee database for a server URL (user and password may be %-quoted)."""
    params: dict[str, Any] = {}
    if not urlparse(url).scheme.startswith("postgres"):
        raise DatabaseUnreachable(f"{redact_url(url)}: only PostgreSQL URLs are supported")
    if urlparse(url).scheme.startswith("postgres"):
        try:
            pg_driver.load_psycopg2()
        except ImportError as exc:
            raise DatabaseUnreachable(
                "PostgreSQL needs psycopg2: pip install 'desk-gui[postgres]'"
            ) from exc
        if "connect_timeout" not in url:
            params["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    from playhouse import db_url  # (and its PostgreSQL, MySQL, pool modules) for servers only

    try:
        return db_url.connect(url, unquote_password=True, unquote_user=True, **params)
    except (RuntimeError, ValueError) as exc:
        raise DatabaseUnreachable(redact_url(url)) from exc


def _check_file(path: Path, *, create: bool) -> None:
    """Raise an actionable error for a missing folder, a missing file or a non-SQLite file."""
    try:
        if not path.parent.is_dir():
            raise DatabaseUnreachable(str(path.parent))
        if not path.exists():
            if not create:
                raise DatabaseUnreachable(str(path))
            return
        if path.is_dir():
            raise DatabaseUnreachable(str(path))
        if not create and path.stat().st_size == 0:
            # An empty file where the share's database should be is no database: opening it
            # would create a new, empty one there.
            raise DatabaseUnreachable(f"{path}: empty file")
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise classify_os_error(exc, str(path)) from exc
    if head and head != _SQLITE_HEADER:
        raise DatabaseCorrupt(str(path))


class DeskSqliteDatabase(pw.SqliteDatabase):
    """SqliteDatabase whose BEGIN waits for the write lock by short, jittered polls.

    SQLite's own busy handler backs off to 100 ms sleeps, so under sustained contention a
    writer that has waited a while keeps missing the short gaps between other commits and can
    starve past the timeout. Polling every few milliseconds gives every waiter a fair chance.
    """

    def begin(self, lock_type: str | None = None) -> None:
        """BEGIN (IMMEDIATE by default), retried until the connection's busy timeout passed."""
        conn = self.connection()
        timeout_ms = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        deadline = time.monotonic() + timeout_ms / 1000
        conn.execute(f"PRAGMA busy_timeout = {min(_BEGIN_POLL_MS, timeout_ms)}")
        try:
            while True:
                try:
                    super().begin(lock_type)
                    return
                except pw.OperationalError as exc:
                    busy = isinstance(classify(exc), DatabaseLocked)  # SQLITE_BUSY / LOCKED
                    if not busy or time.monotonic() > deadline:
                        raise
                time.sleep(random.uniform(0.001, 0.008))
        finally:
            conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")


def make_sqlite_database(path: Path) -> pw.SqliteDatabase:
    """An unconnected peewee database for ``path`` with Desk's one safe configuration."""
    return DeskSqliteDatabase(
        str(path),
        pragmas=list(SQLITE_PRAGMAS),
        timeout=BUSY_TIMEOUT_S,
        lock_type="IMMEDIATE",
    )


def connect_database(
    target: str | os.PathLike[str],
    *,
    create: bool = True,
    migrate: bool = True,
    backup_dir: Path | None = None,
) -> pw.Database:
    """Open (creating and migrating as asked) a database without binding the models to it.

    A workspace opens the next database this way while the window of the previous one is still
    bound to it, and binds the new one only once that window is gone.
    """
    path = _sqlite_path(target)
    db: pw.Database
    if path is not None:
        check_sqlite_library()
        path = path.expanduser().absolute()
        _check_file(path, create=create)
        db = make_sqlite_database(path)
    else:
        db = server_database(os.fspath(target))
    try:
        with translate_errors(db):
            db.connect()
            if path is not None:
                # Reading the schema proves the file is a database; a WAL file is switched back
                # to the rollback journal by the journal_mode pragma on connect.
                mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "delete":
                    raise DatabaseLocked(f"journal_mode is {mode}")
            if migrate:
                migrations.migrate(db, backup_dir=backup_dir)
            else:
                migrations.check_version(db)
    except BaseException:
        if not db.is_closed():
            db.close()
        raise
    return db


def bind_database(db: pw.Database) -> None:
    """Make ``db`` the one the models and transactions of this process use."""
    global _current
    _current = db
    database_proxy.initialize(db)


def open_database(
    target: str | os.PathLike[str],
    *,
    create: bool = True,
    migrate: bool = True,
    backup_dir: Path | None = None,
) -> pw.Database:
    """Open (creating and migrating as asked) the database and bind the models to it."""
    close_database()
    db = connect_database(target, create=create, migrate=migrate, backup_dir=backup_dir)
    bind_database(db)
    return db


def close_database(db: pw.Database | None = None) -> None:
    """Close ``db`` (default: the bound one); the models are unbound only if it was bound."""
    global _current
    db = db if db is not None else _current
    if db is not None:
        with contextlib.suppress(pw.PeeweeException, sqlite3.Error):
            db.close()
    if db is _current:
        _current = None
        database_proxy.initialize(None)


def close_thread_connection(db: pw.Database) -> None:
    """Close the calling thread's connection to ``db`` (peewee keeps one per thread)."""
    with contextlib.suppress(pw.PeeweeException, sqlite3.Error):
        if not db.is_closed():
            db.close()


def release_thread_connection() -> None:
    """Close the calling thread's connection to the bound database, if any (a worker's)."""
    if _current is not None:
        close_thread_connection(_current)


def is_bound(db: pw.Database) -> bool:
    """Whether the models of this process currently use ``db``."""
    return db is _current


def current_database() -> pw.Database:
    """The database opened by ``open_database``; a bug to ask before opening one."""
    if _current is None:
        raise RuntimeError("no database is open")
    return _current


def is_sqlite(db: pw.Database | None = None) -> bool:
    """Whether ``db`` (default: the open database) is SQLite."""
    return isinstance(db if db is not None else current_database(), pw.SqliteDatabase)


def database_path(db: pw.Database | None = None) -> Path | None:
    """The file of a SQLite database; None for a server database."""
    db = db if db is not None else _current
    if isinstance(db, pw.SqliteDatabase):
        return Path(db.database)
    return None


def translate(exc: BaseException, db: pw.Database | None = None) -> StoreError | None:
    """The actionable error an engine exception stands for, or None when it is a bug."""
    if isinstance(exc, StoreError):
        return exc
    if not isinstance(exc, pw.PeeweeException | sqlite3.Error):
        return None
    return classify(exc, database_path(db))


@contextlib.contextmanager
def translate_errors(db: pw.Database | None = None) -> Iterator[None]:
    """Turn engine errors a user can act on into StoreError subclasses; others pass through."""
    try:
        yield
    except (pw.PeeweeException, sqlite3.Error) as exc:
        mapped = translate(exc, db)
        if mapped is None or mapped is exc:
            raise
        raise mapped from exc


@contextlib.contextmanager
def write_transaction() -> Iterator[pw.Database]:
    """One atomic write (``BEGIN IMMEDIATE`` on SQLite; a savepoint when nested)."""
    db = current_database()
    with translate_errors(db), db.atomic():
        yield db


@contextlib.contextmanager
def read_transaction() -> Iterator[pw.Database]:
    """Several reads that must see one snapshot; keep it short, it holds a shared lock."""
    db = current_database()
    if isinstance(db, pw.SqliteDatabase):
        with translate_errors(db), db.atomic("DEFERRED"):
            yield db
    elif db.in_transaction():
        with translate_errors(db), db.atomic():  # a savepoint in the caller's snapshot
            yield db
    else:
        # READ COMMITTED would give every statement its own snapshot.
        with translate_errors(db), db.atomic("REPEATABLE READ"):
            yield db


def rows_of(query: pw.BaseQuery) -> list[tuple[Any, ...]]:
    """A peewee query's rows as plain tuples, all read before returning (no open cursor)."""
    with translate_errors():
        return [tuple(row) for row in query.tuples()]


def dicts_of(query: pw.BaseQuery) -> list[dict[str, Any]]:
    """A peewee query's rows as dicts, all read before returning (no open cursor)."""
    with translate_errors():
        return [dict(row) for row in query.dicts()]


def fetch_all(sql: str, params: tuple[object, ...] | list[object] = ()) -> list[tuple[Any, ...]]:
    """Run a raw SELECT and materialise every row, so no cursor stays open."""
    db = current_database()
    with translate_errors(db):
        cursor = db.execute_sql(sql, params)
        try:
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()
