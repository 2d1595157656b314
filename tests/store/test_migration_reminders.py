"""Migration 3: the reminder table (unique per ticket, kind, due time, operator) and indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, open_database
from desk_gui.store.migrations import SCHEMA_VERSION
from tests.store.test_migrations import _migrated_to

INSERT_TICKET = (
    "INSERT INTO ticket (number, title, department, description, urgency, requester, contact,"
    " submitted_at, status, solution, remarks, category, impact, channel, priority, tier,"
    " close_reason, device_model, os, software_version, error_code, waiting_contact,"
    " paused_seconds, escalation_count, reopen_count, version, created_at, updated_at,"
    " updated_by, next_due) VALUES ('IT20261121001', 't', 'd', '', 'high', 'r', 'c',"
    " '2026-11-21 09:00:00', 'pending', '', '', 'other', 'individual', 'phone', 'p2', 'l1',"
    " '', '', '', '', '', '', 0, 0, 0, 1, '2026-11-21', '2026-11-21', '',"
    " '2026-11-21 11:00:00')"
)
CLAIM = (
    "INSERT OR IGNORE INTO reminder (ticket_id, kind, due_at, operator, workstation, claimed_at)"
    " VALUES (1, 'respond', '2026-11-21 11:00:00', ?, ?, '2026-11-21 10:45:00')"
)


def test_step_three_adds_reminders_over_existing_data(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    _migrated_to(path, 2)
    conn = sqlite3.connect(path)
    conn.execute(INSERT_TICKET)
    conn.execute("INSERT INTO ticket_fts (rowid, number) VALUES (1, 'IT20261121001')")
    conn.commit()
    assert "reminder" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    _migrated_to(path, 3)
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"reminder", "ticket_qo_assignee_due", "ticket_l1_taken"} <= names
        assert conn.execute(CLAIM, ("张三", "PC-1")).rowcount == 1
        assert conn.execute(CLAIM, ("张三", "PC-2")).rowcount == 0  # claimed already
        assert conn.execute(CLAIM, ("王五", "PC-2")).rowcount == 1  # once per operator
        conn.commit()
        plan = " ".join(
            str(r[-1])
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE \"status\" IN ('pending',"
                " 'in_progress') AND assignee IS NULL AND next_due BETWEEN ? AND ?",
                ("2026-11-21", "2026-11-22"),
            )
        )
        assert "ticket_qo_assignee_due" in plan
    finally:
        conn.close()
    _migrated_to(path, SCHEMA_VERSION)  # the later steps run over this data too
    assert check_database(path) == []


def test_reminder_rows_go_with_their_ticket_constraint(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    open_database(path)
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(CLAIM, ("张三", "PC-1"))  # no ticket 1
    conn.close()
