"""Every workstation starts the new Desk on upgrade morning: they migrate one file at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desk_gui.store.migrations import SCHEMA_VERSION
from tests.store.test_migration_reminders import INSERT_TICKET
from tests.store.test_migrations import _migrated_to

OPEN = (
    "import sys; from desk_gui.store.database import open_database, close_database;"
    "open_database(sys.argv[1]); close_database(); print('opened')"
)


@pytest.mark.slow
@pytest.mark.parametrize("workstations", [4])
@pytest.mark.parametrize("attempt", range(3))
def test_several_workstations_upgrade_one_file_at_once(
    tmp_path: Path, workstations: int, attempt: int
) -> None:
    path = tmp_path / "shared.db"
    _migrated_to(path, 3)
    with sqlite3.connect(path) as conn:
        conn.execute(INSERT_TICKET)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workstations)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "opened"
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert int(version[0]) == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM ticket").fetchone() == (1,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    backups = [p for p in tmp_path.glob("shared.v*.bak.db") if not p.name.startswith("shared.v1-")]
    assert len(backups) == 1, backups  # made by the one that migrated, under the write lock
    assert backups[0].name.startswith("shared.v3-")  # (v1: the setup's own step to version 3)
    assert not list(tmp_path.glob("*.partial"))
