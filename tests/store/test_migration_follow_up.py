"""Migration 5: ``ticket.follow_up_of`` links a follow-up to the closed ticket it continues."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk_gui.store.backup import check_database
from desk_gui.store.migrations import SCHEMA_VERSION
from tests.store.test_migration_reminders import INSERT_TICKET
from tests.store.test_migrations import _migrated_to


def test_step_five_adds_the_follow_up_link_and_keeps_old_tickets(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    _migrated_to(path, 4)
    conn = sqlite3.connect(path)
    conn.execute(INSERT_TICKET)
    conn.execute("INSERT INTO ticket_fts (rowid, number) VALUES (1, 'IT20261121001')")
    conn.commit()
    conn.close()
    _migrated_to(path, 5)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        columns = {r[1]: r for r in conn.execute('PRAGMA table_info("ticket")')}
        assert columns["follow_up_of"][2] == "INTEGER" and columns["follow_up_of"][3] == 0
        assert conn.execute("SELECT follow_up_of FROM ticket").fetchall() == [(None,)]
        indexes = {r[1] for r in conn.execute('PRAGMA index_list("ticket")')}
        assert "ticket_follow_up_of" in indexes
        follow_up = INSERT_TICKET.replace("IT20261121001", "IT20261121002")
        conn.execute(follow_up)
        conn.execute("INSERT INTO ticket_fts (rowid, number) VALUES (2, 'IT20261121002')")
        conn.execute("UPDATE ticket SET follow_up_of = 1 WHERE number = 'IT20261121002'")
        conn.commit()
        with pytest.raises(sqlite3.IntegrityError):  # only a ticket that exists
            conn.execute("UPDATE ticket SET follow_up_of = 99 WHERE number = 'IT20261121002'")
    finally:
        conn.close()
    _migrated_to(path, SCHEMA_VERSION)
    assert check_database(path) == []
