"""Engine errors the user can act on, recognised by SQLite's and PostgreSQL's error codes.

Message text is never matched: a PostgreSQL server answering in Chinese (lc_messages) or a
future SQLite wording must classify the same. SQLite exceptions carry ``sqlite_errorcode``
(Python 3.11+; the low byte is the primary code); psycopg2 exceptions carry ``pgcode`` (a
SQLSTATE), and an OperationalError or InterfaceError without one is a connection that failed
or was lost (libpq reports those without a SQLSTATE).

| engine code                                  | error             |
|----------------------------------------------|-------------------|
| SQLITE_BUSY, SQLITE_LOCKED                   | DatabaseLocked    |
| SQLITE_READONLY, SQLITE_PERM                 | DatabaseReadOnly  |
| SQLITE_READONLY_DBMOVED (file gone under us) | DatabaseUnreachable |
| SQLITE_FULL                                  | DiskFull          |
| SQLITE_NOTADB, SQLITE_CORRUPT_{VTAB,SEQUENCE,INDEX}, | DatabaseCorrupt |
|   plain SQLITE_CORRUPT when the header is bad |                   |
| plain SQLITE_CORRUPT, the file unreadable now | DatabaseIOError   |
| plain SQLITE_CORRUPT otherwise               | DatabaseUnreadable |
| SQLITE_CANTOPEN, SQLITE_IOERR_* on a write,  | DatabaseReadOnly  |
|   when the file or its folder is not writable |                   |
| SQLITE_CANTOPEN                              | DatabaseUnreachable |
| SQLITE_IOERR and its extended codes          | DatabaseIOError   |
| 08*, 28*, 3D000, 57P*, no pgcode (connection) | DatabaseUnreachable |
| 53100 disk full                              | DiskFull          |
| 53* other (memory, too many connections)     | DatabaseLocked    |
| 40001, 40P01, 55P03, 57014                   | DatabaseLocked    |
| 42501, 25006                                 | DatabaseReadOnly  |
| XX001, XX002                                 | DatabaseCorrupt   |
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from desk_gui.store.errors import (
    DatabaseCorrupt,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnreachable,
    DatabaseUnreadable,
    DiskFull,
    PermissionRefused,
    StoreError,
)
from desk_gui.store.sqlite_file import connect_file

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)
_SQLITE_HEADER = b"SQLite format 3\x00"
_IOERR_READS = (SQLITE_IOERR | (1 << 8), SQLITE_IOERR | (2 << 8))  # IOERR_READ, _SHORT_READ

_SQLITE: dict[int, type[StoreError]] = {
    SQLITE_BUSY: DatabaseLocked,
    SQLITE_LOCKED: DatabaseLocked,
    SQLITE_READONLY: DatabaseReadOnly,
    SQLITE_PERM: DatabaseReadOnly,
    SQLITE_FULL: DiskFull,
    SQLITE_CORRUPT: DatabaseCorrupt,
    SQLITE_NOTADB: DatabaseCorrupt,
    SQLITE_IOERR: DatabaseIOError,  # a blip of the share: nothing was lost, retry
    SQLITE_CANTOPEN: DatabaseUnreachable,
}

# SQLSTATEs first, then their two-character classes.
_PG_CODES: dict[str, type[StoreError]] = {
    "53100": DiskFull,  # disk_full
    "40001": DatabaseLocked,  # serialization_failure: one of two writers was rolled back
    "40P01": DatabaseLocked,  # deadlock_detected
    "55P03": DatabaseLocked,  # lock_not_available (lock_timeout)
    "57014": DatabaseLocked,  # query_canceled (statement_timeout)
    "42501": PermissionRefused,  # insufficient_privilege (a DatabaseReadOnly)
    "25006": DatabaseReadOnly,  # read_only_sql_transaction (a standby, or a read-only role)
    "XX001": DatabaseCorrupt,  # data_corrupted
    "XX002": DatabaseCorrupt,  # index_corrupted
    "3D000": DatabaseUnreachable,  # invalid_catalog_name: no such database
}
_PG_CLASSES: dict[str, type[StoreError]] = {
    "08": DatabaseUnreachable,  # connection exception
    "28": DatabaseUnreachable,  # invalid authorization (wrong password, no pg_hba entry)
    "53": DatabaseLocked,  # insufficient resources other than disk: try again later
    "57": DatabaseUnreachable,  # operator intervention: admin/crash shutdown, cannot connect now
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and every one it wraps (peewee puts the driver's error in ``args``)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop(0)
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend(a for a in e.args if isinstance(a, BaseException))
        linked = (getattr(e, "orig", None), e.__cause__, e.__context__)
        todo.extend(x for x in linked if isinstance(x, BaseException))


def _is_psycopg(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("psycopg2", "psycopg")


def _pg_kind(exc: BaseException) -> type[StoreError] | None:
    code = getattr(exc, "pgcode", None) or getattr(exc, "sqlstate", None)
    if code:
        code = str(code).upper()
        return _PG_CODES.get(code) or _PG_CLASSES.get(code[:2])
    if type(exc).__name__ in ("OperationalError", "InterfaceError"):
        return DatabaseUnreachable  # refused, timed out, wrong password, connection lost
    return None


def _writable(path: Path) -> bool:
    """Whether the file (if there) and its folder take writes (false on a read-only mount)."""
    try:
        folder_ok = os.access(path.parent, os.W_OK)
        return folder_ok and (not path.exists() or os.access(path, os.W_OK))
    except OSError:
        return False


def _plain_corrupt(path: Path | None) -> type[StoreError]:
    """What a plain SQLITE_CORRUPT means: SQLite reports a read failing with EIO this way.

    The file's header is read again: an I/O error now is the share's blip; a header that is
    not SQLite's is damage; a readable header leaves it open (``DatabaseUnreadable`` sends
    the user to ``desk-gui check``, whose integrity check decides).
    """
    if path is None:
        return DatabaseUnreadable
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        return DatabaseIOError if exc.errno == errno.EIO else DatabaseUnreachable
    if head != _SQLITE_HEADER:
        return DatabaseCorrupt
    return DatabaseCorrupt if _schema_unreadable(path) else DatabaseUnreadable


def _schema_unreadable(path: Path) -> bool:
    """Whether a fresh connection, the share answering, still finds the schema page damaged."""
    try:
        conn = connect_file(path, readonly=True)
    except sqlite3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        return getattr(exc, "sqlite_errorcode", 0) in (SQLITE_CORRUPT, SQLITE_NOTADB)
    finally:
        conn.close()
    return False


def _sqlite_kind(exc: BaseException, path: Path | None) -> type[StoreError] | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if code == SQLITE_CORRUPT:
        return _plain_corrupt(path)
    if code == SQLITE_READONLY_DBMOVED:
        return DatabaseUnreachable  # the file was replaced or its share remounted meanwhile
    # The rollback journal lives beside the file: a read-only folder or mount cannot take it,
    # and a write to a share made read-only fails as an I/O error.
    if primary == SQLITE_CANTOPEN and path is not None:
        probed = _probe_open(path)  # an open refused by the share says why by its errno
        if probed is not None:
            return probed
    writing = primary in (SQLITE_CANTOPEN, SQLITE_IOERR) and code not in _IOERR_READS
    if writing and path is not None and path.parent.is_dir() and not _writable(path):
        return DatabaseReadOnly
    return _SQLITE.get(primary)


def _probe_open(path: Path) -> type[StoreError] | None:
    """Why the file cannot be opened, if its errno says more than "cannot open" (an I/O
    error, a full or read-only share); None when it opens now or for any other reason."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        return _OS_ERRNOS.get(exc.errno or 0)
    os.close(fd)
    return None


def engine_code(exc: BaseException) -> str:
    """The engine's code in an exception chain (SQLITE_BUSY, 40P01, …), or "" when none."""
    for e in _chain(exc):
        name = getattr(e, "sqlite_errorname", None) or getattr(e, "pgcode", None)
        if name:
            return str(name)
    return ""


def classify(exc: BaseException, path: Path | None = None) -> StoreError | None:
    """The actionable error an engine exception stands for (by its code), or None for a bug.

    ``path``: the SQLite file, to tell a read-only folder from a missing one.
    """
    if isinstance(exc, StoreError):
        return exc
    for e in _chain(exc):
        if isinstance(e, StoreError):
            return e
        if _is_psycopg(e):
            kind = _pg_kind(e)
        elif isinstance(e, sqlite3.Error):
            kind = _sqlite_kind(e, path)
        else:
            continue
        if kind is DatabaseIOError and getattr(e, "sqlite_errorcode", None) == SQLITE_CORRUPT:
            return kind("a read failed with EIO; SQLite reported it as SQLITE_CORRUPT")
        if kind is not None:
            return kind(_detail(e))
    return None


def _detail(exc: BaseException) -> str:
    """The driver's own words and code, for the dialog's detail (never a connection URL)."""
    text = " ".join(str(exc).split())
    code = getattr(exc, "sqlite_errorname", None) or getattr(exc, "pgcode", None)
    return f"{text} [{code}]" if code and text else text or str(code or "")


_OS_ERRNOS: dict[int, type[StoreError]] = {
    errno.EIO: DatabaseIOError,
    errno.ENOSPC: DiskFull,
    errno.EDQUOT: DiskFull,
    errno.EROFS: DatabaseReadOnly,
}


def classify_os_error(exc: OSError, what: str = "") -> StoreError:
    """The actionable error a failed file operation on the share stands for (by its errno)."""
    kind = _OS_ERRNOS.get(exc.errno or 0, DatabaseUnreachable)
    text = exc.strerror or str(exc)
    return kind(f"{what}: {text}" if what else text)
