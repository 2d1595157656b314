"""ChangeWatcher: sees commits from other processes and from this program's own connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee as pw

from desk_gui.store.changes import ChangeWatcher
from desk_gui.store.database import write_transaction
from desk_gui.store.models import Setting
from tests.conftest import TicketFactory


def test_quiet_database_reports_nothing(db: pw.Database) -> None:
    watcher = ChangeWatcher()
    try:
        assert not watcher.poll()
        assert not watcher.poll()
    finally:
        watcher.close()


def test_other_connection_commit_is_seen(db: pw.Database, db_path: Path) -> None:
    watcher = ChangeWatcher()
    other = sqlite3.connect(db_path)
    try:
        other.execute(
            "INSERT INTO setting (key, value, updated_at, updated_by) VALUES ('a', '1', '2026-11-21', 'x')"
        )
        other.commit()
        assert watcher.poll()
        assert not watcher.poll()
    finally:
        other.close()
        watcher.close()


def test_own_write_is_seen(db: pw.Database, make_ticket: TicketFactory) -> None:
    watcher = ChangeWatcher()
    try:
        make_ticket()
        assert watcher.poll()
        with write_transaction():
            Setting.create(key="k", value="v")
        assert watcher.poll()
        assert not watcher.poll()
    finally:
        watcher.close()


def test_rolled_back_write_is_not_a_change(db: pw.Database) -> None:
    watcher = ChangeWatcher()
    try:
        try:
            with write_transaction():
                Setting.create(key="k", value="v")
                raise KeyError
        except KeyError:
            pass
        assert not watcher.poll()
    finally:
        watcher.close()


def test_note_own_write_forces_one_change(db: pw.Database) -> None:
    watcher = ChangeWatcher()
    try:
        watcher.note_own_write()
        assert watcher.poll()
        assert not watcher.poll()
    finally:
        watcher.close()
