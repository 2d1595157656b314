"""bulk_load: secondary indexes gone during the load, the schema as fresh after it or a failure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.store.bulk import bulk_load, secondary_indexes
from desk_gui.store.database import make_sqlite_database, write_transaction
from desk_gui.store.migrations import migrate


def _master(path: Path) -> set[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return set(
            conn.execute(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                "WHERE name NOT LIKE 'sqlite_%'"
            )
        )
    finally:
        conn.close()


def _index_names(db: pw.Database) -> set[str]:
    return {
        str(r[0]) for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
    }


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    path = tmp_path / "fresh.db"
    other = make_sqlite_database(path)  # not open_database: that would close the test's own
    other.connect()
    try:
        migrate(other)
    finally:
        other.close()
    return path


def test_load_runs_without_secondary_indexes_and_ends_with_all(
    db: pw.Database, db_path: Path, fresh: Path
) -> None:
    before = _index_names(db)
    secondary = {name for name, _sql in secondary_indexes(db, ("ticket", "log_entry"))}
    assert {
        "ticket_q_number",
        "ticket_qo_next_due",
        "ticket_l1_taken",
        "log_entry_ticket_id",
    } <= (secondary)
    assert "ticket_number" not in secondary  # UNIQUE: a constraint, kept
    assert not [name for name in secondary if name.startswith("sqlite_")]
    with bulk_load():
        during = _index_names(db)
        assert "ticket_number" in during
        assert not during & secondary
        assert db.in_transaction()
    assert _index_names(db) == before
    assert _master(db_path) == _master(fresh)


def test_a_failed_load_leaves_the_schema_and_rows_as_they_were(
    db: pw.Database, db_path: Path, fresh: Path
) -> None:
    with pytest.raises(RuntimeError), bulk_load():
        with write_transaction():
            db.execute_sql(
                "INSERT INTO staff (name, tier, skills, active) VALUES ('x', 'l1', '', 1)"
            )
        raise RuntimeError("boom")
    assert db.execute_sql("SELECT count(*) FROM staff").fetchone()[0] == 0
    assert _master(db_path) == _master(fresh)
    cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    assert cache == -32000  # the load's larger cache is given back
