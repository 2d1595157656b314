"""Reading a SQLite file as it is on disk, with the standard library: no Desk connection, no
migration, so a test sees exactly what was stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def file_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Every row ``sql`` gives on the file at ``path``, read on a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
