"""Migration 4: a nullable ``text_en`` on the handling log; old lines keep only their Chinese."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk_gui.store.backup import check_database
from desk_gui.store.migrations import SCHEMA_VERSION
from tests.store.test_migration_reminders import INSERT_TICKET
from tests.store.test_migrations import _migrated_to

INSERT_LOG = (
    "INSERT INTO log_entry (ticket_id, at, author, kind, text)"
    " VALUES (1, '2026-11-21 09:00:00', '张三', 'status', '状态：待处理 → 处理中')"
)


def test_step_four_adds_english_text_and_keeps_old_lines(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    _migrated_to(path, 3)
    conn = sqlite3.connect(path)
    conn.execute(INSERT_TICKET)
    conn.execute(INSERT_LOG)
    conn.execute("INSERT INTO ticket_fts (rowid, number) VALUES (1, 'IT20261121001')")
    conn.commit()
    conn.close()
    _migrated_to(path, 4)
    conn = sqlite3.connect(path)
    try:
        columns = {r[1]: r for r in conn.execute('PRAGMA table_info("log_entry")')}
        assert columns["text_en"][2] == "TEXT" and columns["text_en"][3] == 0  # nullable
        assert conn.execute("SELECT text, text_en FROM log_entry").fetchall() == [
            ("状态：待处理 → 处理中", None)
        ]
        conn.execute(
            "INSERT INTO log_entry (ticket_id, at, author, kind, text, text_en) VALUES"
            " (1, '2026-11-21 09:05:00', '张三', 'status', '状态：处理中 → 已解决',"
            " 'Status: In progress → Resolved')"
        )
        conn.commit()
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE log_entry SET text_en = 'Status: Pending → In progress'")
    finally:
        conn.close()
    _migrated_to(path, SCHEMA_VERSION)
    assert check_database(path) == []
