"""Noticing that the database changed, so the queue refreshes without re-reading it every tick.

SQLite: the watcher keeps its own small connection and reads ``PRAGMA data_version`` (about
8 µs, no table read). That value changes whenever any *other* connection commits; because the
watcher's connection never writes, "other" includes this program's own peewee connection, so
one poll sees every commit, ours and other workstations'. File modification times are not
used: the Windows SMB client caches them for seconds.

PostgreSQL: a cheap fingerprint of indexed maxima (latest ticket update, latest log line,
latest setting change), compared between polls.

``note_own_write()`` forces the next poll to report a change; services may call it after a
write for an immediate refresh on engines where the fingerprint could miss it.
"""

from __future__ import annotations

import contextlib
import sqlite3

import peewee as pw

from desk_gui.store.database import current_database, database_path, translate_errors
from desk_gui.store.errors import StoreError
from desk_gui.store.sqlite_file import connect_file

_PG_FINGERPRINT = (
    'SELECT (SELECT max("updated_at") FROM "ticket"), (SELECT max("id") FROM "ticket"), '
    '(SELECT max("id") FROM "log_entry"), (SELECT max("updated_at") FROM "setting"), '
    '(SELECT count(*) FROM "edit_lock")'
)


class ChangeWatcher:
    """``poll()`` is True when the database changed since the previous poll."""

    def __init__(self, db: pw.Database | None = None) -> None:
        self._db = db if db is not None else current_database()
        self._forced = False
        self._conn: sqlite3.Connection | None = None
        path = database_path(self._db)
        if path is not None:
            try:
                self._conn = connect_file(path, readonly=True)
            except sqlite3.Error as exc:
                raise StoreError(str(exc)) from exc
        self._last = self._read()

    def _read(self) -> object:
        if self._conn is not None:
            try:
                return self._conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                return None  # share gone for a moment: report no change, try again next poll
        with translate_errors(self._db):
            cursor = self._db.execute_sql(_PG_FINGERPRINT)
            try:
                return tuple(cursor.fetchone())
            finally:
                cursor.close()

    def poll(self) -> bool:
        """True when someone (this program included) committed since the last poll."""
        value = self._read()
        if value is None:
            return False
        changed = self._forced or value != self._last
        self._last = value
        self._forced = False
        return changed

    def note_own_write(self) -> None:
        """Make the next poll report a change."""
        self._forced = True

    def close(self) -> None:
        """Close the watcher's own connection."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
