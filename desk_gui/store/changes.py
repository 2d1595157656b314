"""Noticing that the database changed, so the queue refreshes without re-reading it every tick.

SQLite: the watcher keeps its own small connection and reads ``PRAGMA data_version`` (about
8 µs, no table read). That value changes whenever any *other* connection commits; because the
watcher's connection never writes, "other" includes this program's own peewee connection, so
one poll sees every commit, ours and other workstations'. File modification times are not
used: the Windows SMB client caches them for seconds.

PostgreSQL: the watcher keeps its own connection, LISTENing on ``schema.NOTIFY_CHANNEL``; a
statement trigger on every table the window shows notifies it, and the server delivers the
notification only when the writing transaction commits (a rollback sends nothing). A poll is
one ``SELECT 1`` round trip, which also collects every notification that arrived meanwhile. No
table is read, so a poll costs the same at a million tickets. After a lost connection the
watcher reconnects at a later poll and reports a change, since it may have missed some.

``note_own_write()`` forces the next poll to report a change.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

import peewee as pw

from desk_gui.store import schema
from desk_gui.store.database import current_database, database_path
from desk_gui.store.errors import DatabaseUnreachable, StoreError
from desk_gui.store.sqlite_file import connect_file


class _Listener:
    """A PostgreSQL connection of its own that LISTENs on the change channel."""

    def __init__(self, db: pw.Database) -> None:
        self._db = db
        self._conn: Any = None
        self._missed = False

    def open(self) -> None:
        import psycopg2

        conn = psycopg2.connect(database=self._db.database, **self._db.connect_params)
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(f'LISTEN "{schema.NOTIFY_CHANNEL}"')
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def read(self) -> bool | None:
        """Whether a commit was notified since the last read; None while the server is gone."""
        import psycopg2

        try:
            if self._conn is None:
                self.open()
                self._missed = True  # whatever was committed while we were away
            with self._conn.cursor() as cursor:
                cursor.execute("SELECT 1")  # the round trip collects pending notifications
        except psycopg2.Error:
            self.close()
            return None
        got = bool(self._conn.notifies) or self._missed
        self._conn.notifies.clear()
        self._missed = False
        return got

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None


class ChangeWatcher:
    """``poll()`` is True when the database changed since the previous poll."""

    def __init__(self, db: pw.Database | None = None) -> None:
        self._db = db if db is not None else current_database()
        self._forced = False
        self._conn: sqlite3.Connection | None = None
        self._listener: _Listener | None = None
        path = database_path(self._db)
        if path is not None:
            try:
                # Polled from the window's background workers, one poll at a time.
                self._conn = connect_file(path, readonly=True, any_thread=True)
            except sqlite3.Error as exc:
                raise StoreError(str(exc)) from exc
            self._last = self._data_version()
        else:
            self._listener = _Listener(self._db)
            try:
                self._listener.open()
            except Exception as exc:  # psycopg2.Error; psycopg2 is optional
                raise DatabaseUnreachable(str(exc).strip()) from exc

    def _data_version(self) -> object:
        assert self._conn is not None
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None  # share gone for a moment: report no change, try again next poll

    def _changed(self) -> bool | None:
        """Whether a commit happened since the last call; None when the database is away."""
        if self._listener is not None:
            return self._listener.read()
        if self._conn is None:
            return None
        value = self._data_version()
        if value is None:
            return None
        changed = value != self._last
        self._last = value
        return changed

    def poll(self) -> bool:
        """True when someone (this program included) committed since the last poll."""
        changed = self._changed()
        if changed is None:
            return False
        changed = changed or self._forced
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
        if self._listener is not None:
            self._listener.close()
