"""Looking at a database target without opening it for work: the settings' test connection.

A SQLite file is read through a read-only connection (nothing is created or migrated); a
PostgreSQL URL is probed by connecting to the server. Messages never carry a password.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from desk_gui.store.database import is_server_url, redact_url, server_database, translate
from desk_gui.store.error_codes import classify
from desk_gui.store.errors import (
    DatabaseReadOnly,
    DatabaseUnreachable,
    NotDeskDatabase,
    SchemaTooNew,
    StoreError,
)
from desk_gui.store.migrations import SCHEMA_VERSION, schema_version
from desk_gui.store.sqlite_file import connect_file


@dataclass(frozen=True)
class ProbeResult:
    """What a usable target holds: nothing yet (``new``), or a schema with about ``tickets``."""

    new: bool
    tickets: int = 0


def probe_target(target: str) -> ProbeResult:
    """Whether ``target`` can be opened for work; raises the StoreError that says why not."""
    if not target.strip():
        raise DatabaseUnreachable()
    if is_server_url(target):
        return _probe_server(target)
    return _probe_file(Path(target).expanduser())


def _probe_file(path: Path) -> ProbeResult:
    if not path.exists():
        if path.parent.is_dir() and os.access(path.parent, os.W_OK):
            return ProbeResult(new=True)
        raise DatabaseUnreachable(str(path))
    if path.is_dir():  # SQLite would call reading a folder an I/O error
        raise DatabaseUnreachable(f"{path}: a folder, not a database file")
    try:
        conn = connect_file(path, readonly=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            last = conn.execute("SELECT max(id) FROM ticket").fetchone()[0] or 0
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise classify(exc, path) or DatabaseUnreachable(str(exc)) from exc
    except ValueError as exc:  # a schema stamp that is not a number
        raise NotDeskDatabase(f"bad schema version ({exc})") from exc
    if version > SCHEMA_VERSION:
        raise SchemaTooNew()
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseReadOnly(str(path))
    return ProbeResult(new=version == 0, tickets=int(last))


def _probe_server(url: str) -> ProbeResult:
    db = server_database(url)
    try:
        db.connect()
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise SchemaTooNew()
        if version == 0:
            return ProbeResult(new=True)
        cursor = db.execute_sql('SELECT max("id") FROM "ticket"')
        last = cursor.fetchone()[0] or 0
        cursor.close()
        return ProbeResult(new=False, tickets=int(last))
    except (pw.PeeweeException, sqlite3.Error) as exc:
        mapped = translate(exc, db) or DatabaseUnreachable(redact_url(url))
        raise mapped from exc
    except StoreError:
        raise
    except Exception as exc:
        # psycopg2's own errors when peewee did not wrap them (connect happens in the driver).
        driver_error = classify(exc)
        if driver_error is None:
            raise
        raise driver_error from exc
    finally:
        with contextlib.suppress(Exception):
            db.close()
