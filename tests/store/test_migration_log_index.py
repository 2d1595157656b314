"""Migration 6: the log's ticket_id index, a prefix of (ticket_id, at), goes; the log reads alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.migrations import SCHEMA_VERSION
from desk_gui.store.search import search_ticket_ids
from desk_gui.store.times import kind_word_sql, text_sql
from tests.store._log_authors import AUTHOR
from tests.store.test_migration_reminders import INSERT_TICKET
from tests.store.test_migrations import _migrated_to

LOG = (
    "INSERT INTO log_entry (ticket_id, at, author, kind, text, text_en) VALUES "
    "(1, '2026-11-21 09:00:00', 'a', 'created', '登记工单：电话', 'Ticket logged: phone'), "
    "(1, '2026-11-21 10:00:00', 'a', 'note', '换线缆', NULL)"
)
V5_LOG = f"id, ticket_id, {text_sql('at')}, {{author}}, {kind_word_sql('kind')}, text, text_en"


def test_step_six_drops_the_prefix_index_and_keeps_the_log(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    _migrated_to(path, 5)
    conn = sqlite3.connect(path)
    conn.execute(INSERT_TICKET)
    conn.execute(LOG)
    conn.execute(
        "INSERT INTO ticket_fts (rowid, number, log) VALUES (1, 'IT20261121001', '换 线 缆')"
    )
    conn.commit()
    before = conn.execute(f"SELECT {V5_LOG.format(author='author')} FROM log_entry ORDER BY id")
    before = before.fetchall()
    assert "log_entry_ticket_id" in {r[1] for r in conn.execute("PRAGMA index_list(log_entry)")}
    conn.close()
    _migrated_to(path, 6)
    conn = sqlite3.connect(path)
    indexes = {r[1] for r in conn.execute("PRAGMA index_list(log_entry)")}
    assert indexes == {"log_entry_ticket_id_at"}
    plan = " ".join(
        str(r[-1])
        for r in conn.execute("EXPLAIN QUERY PLAN SELECT text FROM log_entry WHERE ticket_id = 1")
    )
    assert "log_entry_ticket_id_at" in plan
    conn.close()
    open_database(path)  # the later steps too (the log-args step indexes ticket_id alone)
    try:
        log = V5_LOG.format(author=AUTHOR)  # the name, by its id (schema 21)
        assert fetch_all(f"SELECT {log} FROM log_entry ORDER BY id") == before
        assert search_ticket_ids("线缆") == [1]
    finally:
        close_database()
    assert SCHEMA_VERSION >= 6 and check_database(path) == []
