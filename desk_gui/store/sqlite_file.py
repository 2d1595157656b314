"""Plain sqlite3 access to a database file, for copies and checks that bypass peewee.

Copies use SQLite's online backup API in a single step: it reads every page under one shared
lock, so the copy is a consistent snapshot even while other workstations write (their commits
wait, within their busy timeout, until the copy is done). The raw file is never copied.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from pathlib import Path

from desk_gui.store.sqlite_library import untrack_memory

BUSY_TIMEOUT_S = 30.0


def connect_file(path: Path, *, readonly: bool, any_thread: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection with a long busy timeout (no Python functions registered).

    ``any_thread``: usable from whichever thread (one at a time: the caller serialises).
    """
    untrack_memory()  # when this is the process's first connection (a settings probe)
    mode = "ro" if readonly else "rw"
    uri = f"{path.absolute().as_uri()}?mode={mode}"
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=not any_thread,
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def copy_database_file(src: Path, dest: Path) -> None:
    """Copy ``src`` into ``dest`` with the online backup API, via a temporary name."""
    # Per process: workstations upgrading one shared file in the same second must not share it.
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}-{secrets.token_hex(3)}.partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    source = connect_file(src, readonly=True)
    try:
        target = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            source.backup(target)  # pages=-1: one step, one consistent snapshot
            target.execute("PRAGMA journal_mode = delete")
        finally:
            target.close()
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        source.close()
    os.replace(tmp, dest)
