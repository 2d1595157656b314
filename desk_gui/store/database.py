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
from playhouse import db_url

from desk_gui.store import migrations
from desk_gui.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnreachable,
    DiskFull,
    SqliteTooOld,
    StoreError,
)
from desk_gui.store.models import database_proxy

MIN_SQLITE: tuple[int, int, int] = (3, 35, 0)
"""FTS5, row values, partial and expression indexes, RETURNING and DROP COLUMN for migrations."""

BUSY_TIMEOUT_S = 30.0
"""How long a statement waits for another workstation's lock before DatabaseLocked."""

SQLITE_PRAGMAS: tuple[tuple[str, object], ...] = (
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
    path = db_url.parse(text)["database"]
    if path == ":memory:":
        raise DatabaseUnreachable("in-memory databases are not supported")
    return Path(path)


def is_server_url(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` names a server database (a URL of an engine other than SQLite)."""
    text = os.fspath(target)
    return "://" in text and not urlparse(text).scheme.startswith("sqlite")


PG_CONNECT_TIMEOUT_S = 10
"""How long opening waits for an unreachable server (psycopg2 would wait for the OS)."""


def _connect_url(url: str) -> pw.Database:
    """An unconnected peewee database for a server URL (user and password may be %-quoted)."""
    params: dict[str, Any] = {}
    if urlparse(url).scheme.startswith("postgres"):
        try:
            import psycopg2  # noqa: F401
        except ImportError as exc:
            raise DatabaseUnreachable(
                "PostgreSQL needs psycopg2: pip install 'desk-gui[postgres]'"
            ) from exc
        if "connect_timeout" not in url:
            params["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    try:
        return db_url.connect(url, unquote_password=True, unquote_user=True, **params)
    except (RuntimeError, ValueError) as exc:
        raise DatabaseUnreachable(str(exc)) from exc


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
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnreachable(f"{path}: {exc.strerror or exc}") from exc
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
                    if "locked" not in str(exc).lower() or time.monotonic() > deadline:
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


def open_database(
    target: str | os.PathLike[str],
    *,
    create: bool = True,
    migrate: bool = True,
    backup_dir: Path | None = None,
) -> pw.Database:
    """Open (creating and migrating as asked) the database and bind the models to it."""
    close_database()
    path = _sqlite_path(target)
    db: pw.Database
    if path is not None:
        check_sqlite_library()
        path = path.expanduser().absolute()
        _check_file(path, create=create)
        db = make_sqlite_database(path)
    else:
        db = _connect_url(os.fspath(target))
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
    global _current
    _current = db
    database_proxy.initialize(db)
    return db


def close_database() -> None:
    """Close the open database (if any) and unbind the models."""
    global _current
    if _current is not None:
        with contextlib.suppress(pw.PeeweeException, sqlite3.Error):
            _current.close()
    _current = None
    database_proxy.initialize(None)


def database_is_open() -> bool:
    """Whether a database is open in this process (deferred UI work checks before it reads)."""
    return _current is not None


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


def _error_names(exc: BaseException) -> tuple[str, str]:
    """(SQLite error name such as SQLITE_BUSY or "", lower-cased messages) of an exception chain."""
    name = ""
    texts: list[str] = []
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        texts.append(str(e).lower())
        name = name or str(getattr(e, "sqlite_errorname", "") or "")
        todo.extend(a for a in e.args if isinstance(a, BaseException))
        linked = (getattr(e, "orig", None), e.__cause__, e.__context__)
        todo.extend(x for x in linked if isinstance(x, BaseException))
    return name, " | ".join(texts)


def translate(exc: BaseException, db: pw.Database | None = None) -> StoreError | None:
    """The actionable error an engine exception stands for, or None when it is a bug."""
    if isinstance(exc, StoreError):
        return exc
    if not isinstance(exc, pw.PeeweeException | sqlite3.Error):
        return None
    name, text = _error_names(exc)
    detail = next((t for t in text.split(" | ") if t), "")
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in text:
        return DatabaseLocked(detail)
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(detail)
    if name.startswith("SQLITE_FULL") or "disk is full" in text or "no space left" in text:
        return DiskFull(detail)
    if (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "not a database" in text
    ):
        return DatabaseCorrupt(detail)
    if name.startswith("SQLITE_CANTOPEN"):
        path = database_path(db)
        if path is not None and path.exists() and not os.access(path.parent, os.W_OK):
            # The rollback journal lives beside the file: a read-only folder cannot take it.
            return DatabaseReadOnly(detail)
        return DatabaseUnreachable(detail)
    if name.startswith("SQLITE_IOERR") or "unable to open" in text or "disk i/o error" in text:
        return DatabaseUnreachable(detail)
    if "deadlock detected" in text or "could not serialize access" in text:
        return DatabaseLocked(detail)  # PostgreSQL rolled back one of two writers: retry
    if "lock timeout" in text or "canceling statement due to statement timeout" in text:
        return DatabaseLocked(detail)
    if (
        "could not connect" in text
        or "connection refused" in text
        or "server closed the connection" in text
        or "connection already closed" in text
        or "could not translate host name" in text
        or "connection to server" in text
        or "password authentication failed" in text
        or "no pg_hba.conf entry" in text
        or "terminating connection" in text
        or ('database "' in text and "does not exist" in text)
    ):
        return DatabaseUnreachable(detail)
    return None


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
