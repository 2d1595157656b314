"""The accounts step: an existing file gains empty account and audit tables; sign-in stays off."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_gui.store.database import close_database, make_sqlite_database, open_database
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

STEP = next(
    m for m in MIGRATIONS if "accounts" in m.description
)  # found by name: renumbered at merge


def test_existing_file_gains_empty_accounts_and_sign_in_stays_off(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = make_sqlite_database(path)
    db.connect()
    migrate(db, target=STEP.version - 1)
    db.execute_sql("INSERT INTO staff (name, tier, skills, active) VALUES ('张三', 'l1', '', 1)")
    db.close()
    open_database(path)
    try:
        from desk_gui.services.access import sign_in_required
        from desk_gui.services.accounts import has_accounts

        assert not has_accounts() and not sign_in_required()
    finally:
        close_database()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM account").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM audit_event").fetchone() == (0,)
        assert con.execute("SELECT name FROM staff").fetchall() == [("张三",)]
    finally:
        con.close()
    db = make_sqlite_database(path)
    db.connect()
    assert schema_version(db) == SCHEMA_VERSION
    db.close()
