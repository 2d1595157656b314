"""The migration chain: each step, fresh equals migrated, refusal of newer files, backups."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from desk_gui import __version__
from desk_gui.store import migrations
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, make_sqlite_database, open_database
from desk_gui.store.errors import SchemaTooNew
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version


def _schema(path: Path) -> dict[str, object]:
    """sqlite_master (whitespace-normalised) and every table's columns, for comparison."""
    conn = sqlite3.connect(path)
    try:
        objects = {
            (kind, name): re.sub(r"\s+", " ", sql or "").strip()
            for kind, name, sql in conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        }
        columns = {
            name: conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            for kind, name in objects
            if kind == "table"
        }
        index_columns = {
            name: conn.execute(f'PRAGMA index_xinfo("{name}")').fetchall()
            for kind, name in objects
            if kind == "index"
        }
    finally:
        conn.close()
    return {"objects": objects, "columns": columns, "indexes": index_columns}


def _migrated_to(path: Path, target: int) -> None:
    db = make_sqlite_database(path)
    db.connect()
    try:
        migrate(db, target=target)
    finally:
        db.close()


def test_versions_are_consecutive() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_fresh_schema_equals_migrated(tmp_path: Path) -> None:
    fresh, chained = tmp_path / "fresh.db", tmp_path / "chained.db"
    open_database(fresh)
    close_database()
    for step in MIGRATIONS:
        _migrated_to(chained, step.version)
    assert _schema(fresh) == _schema(chained)
    assert check_database(fresh) == [] and check_database(chained) == []


def test_each_step_stamps_its_version(tmp_path: Path) -> None:
    path = tmp_path / "steps.db"
    for step in MIGRATIONS:
        _migrated_to(path, step.version)
        conn = sqlite3.connect(path)
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        conn.close()
        assert meta["schema_version"] == str(step.version)
        assert meta["created_by"] == __version__


def test_step_one_creates_log_guard_and_search(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _migrated_to(path, 1)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {
        "ticket",
        "log_entry",
        "ticket_fts",
        "log_entry_no_update",
        "log_entry_no_delete",
    } <= names
    assert not any(n.startswith("ticket_q_") for n in names)


def test_step_two_adds_queue_indexes_over_existing_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _migrated_to(path, 1)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO ticket (number, title, department, description, urgency, requester, contact,"
        " submitted_at, status, solution, remarks, category, impact, channel, priority, tier,"
        " close_reason, device_model, os, software_version, error_code, waiting_contact,"
        " paused_seconds, escalation_count, reopen_count, version, created_at, updated_at,"
        " updated_by) VALUES ('IT20261121001', 't', 'd', '', 'high', 'r', 'c',"
        " '2026-11-21 09:00:00', 'pending', '', '', 'other', 'individual', 'phone', 'p1', 'l1',"
        " '', '', '', '', '', '', 0, 0, 0, 1, '2026-11-21', '2026-11-21', '')"
    )
    conn.execute("INSERT INTO ticket_fts (rowid, number) VALUES (1, 'IT20261121001')")
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        assert schema_version(db) == SCHEMA_VERSION
        names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
        assert "ticket_qo_next_due" in names
    finally:
        close_database()
    assert check_database(path) == []


def test_backup_is_made_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    _migrated_to(path, 1)
    backups = tmp_path / "backups"
    open_database(path, backup_dir=backups)
    close_database()
    made = list(backups.iterdir())
    assert len(made) == 1 and made[0].name.startswith("desk.v1-")
    conn = sqlite3.connect(made[0])
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_backup_next_to_file_by_default(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    _migrated_to(path, 1)
    open_database(path)
    close_database()
    assert len(list(tmp_path.glob("desk.v1-*.bak.db"))) == 1


def test_fresh_file_needs_no_backup(tmp_path: Path) -> None:
    open_database(tmp_path / "desk.db")
    close_database()
    assert [p.name for p in tmp_path.iterdir()] == ["desk.db"]


def test_newer_schema_is_refused(db: pw.Database, db_path: Path) -> None:
    db.execute_sql(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
    )
    close_database()
    with pytest.raises(SchemaTooNew):
        open_database(db_path)
    with pytest.raises(SchemaTooNew):
        open_database(db_path, migrate=False)


def test_reopening_is_a_no_op(db: pw.Database, db_path: Path) -> None:
    before = _schema(db_path)
    close_database()
    open_database(db_path)
    close_database()
    assert _schema(db_path) == before
    assert [p.name for p in db_path.parent.iterdir()] == ["desk.db"]


def test_failed_step_rolls_back_with_its_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.db"
    _migrated_to(path, 1)

    def broken(db: pw.Database) -> None:
        db.execute_sql('CREATE INDEX "half_done" ON "ticket" ("title")')
        raise RuntimeError("step failed")

    monkeypatch.setattr(
        migrations, "MIGRATIONS", [MIGRATIONS[0], migrations.Migration(2, "broken", broken)]
    )
    with pytest.raises(RuntimeError):
        open_database(path, backup_dir=tmp_path / "b")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("1",)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchall() == []
    conn.close()


def test_created_by_is_recorded(db: pw.Database) -> None:
    rows = dict(db.execute_sql("SELECT key, value FROM meta").fetchall())
    assert rows == {"schema_version": str(SCHEMA_VERSION), "created_by": __version__}
