"""SQLite's allocation counting is off once Desk opened a file, never at an open connection's
expense; each case in a fresh process (the setting is the whole process's)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_gui.store import sqlite_library

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    sqlite_library._library() is None, reason="the SQLite library cannot be reached by ctypes"
)

_REPORT = """
import ctypes
from desk_gui.store import sqlite_library
lib = sqlite_library._library()
lib.sqlite3_memory_used.restype = ctypes.c_int64
print(sqlite_library.untracked, lib.sqlite3_memory_used())
"""


def _run(code: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + _REPORT, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.split()


def test_opening_a_file_stops_the_counting_though_sqlite3_was_imported(tmp_path: Path) -> None:
    # peewee imports sqlite3, which starts SQLite: the setting needs a restart of the library
    code = (
        "import sys, peewee\n"
        "from desk_gui.store.database import open_database, fetch_all\n"
        "open_database(sys.argv[1])\n"
        "assert fetch_all('SELECT count(*) FROM ticket') == [(0,)]\n"
    )
    untracked, used = _run(code, str(tmp_path / "desk.db"))
    assert untracked == "True"
    assert used == "0"  # a file open, its statements run: nothing counted


def test_a_connection_already_open_keeps_the_counting_and_works() -> None:
    code = (
        "import sqlite3\n"
        "from desk_gui.store import sqlite_library\n"
        "held = sqlite3.connect(':memory:')\n"
        "held.execute('CREATE TABLE t (x)')\n"
        "assert sqlite_library.untrack_memory() is False\n"
        "held.execute('INSERT INTO t VALUES (1)')\n"
        "assert held.execute('SELECT x FROM t').fetchall() == [(1,)]\n"
    )
    untracked, used = _run(code)
    assert untracked == "False"
    assert int(used) > 0


def test_asked_once_a_process() -> None:
    code = (
        "from desk_gui.store import sqlite_library\n"
        "assert sqlite_library.untrack_memory() is True\n"
        "import sqlite3\n"
        "held = sqlite3.connect(':memory:')\n"
        "assert sqlite_library.untrack_memory() is True  # not shut down again under it\n"
        "held.execute('SELECT 1')\n"
    )
    untracked, used = _run(code)
    assert (untracked, used) == ("True", "0")
