"""The private staging file of a big import, in the local temporary folder (``import_stage``).

One file per running import, named by its process id, holds the rows as they will be copied
into the shared file: tickets ``t``, log lines ``l``, search rows ``f`` and their saved copies
``d``, and the review-report totals of the staged tickets. Files of imports whose process is
gone are swept by the next import.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk_gui.store import rollup_sql, schema

STAGE_DIR_NAME = "desk-import-stage"


def stage_dir() -> Path:
    """The local folder of staging files (one per running import, named by process id)."""
    return Path(tempfile.gettempdir()) / STAGE_DIR_NAME


def sweep_stale(folder: Path | None = None) -> list[Path]:
    """Delete the staging files of imports whose process is gone; returns them.

    POSIX: the process id in the name is looked up. Windows (where ``os.kill`` would end the
    process): a running import keeps its file open, and Windows refuses to delete an open file.
    """
    folder = folder or stage_dir()
    gone: list[Path] = []
    for path in sorted(folder.glob("*.stage")) if folder.is_dir() else []:
        pid = path.name.split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        if os.name != "nt" and _alive(int(pid)):
            continue
        try:
            path.unlink()
        except OSError:
            continue  # still open: its import is running
        with contextlib.suppress(OSError):
            path.with_name(path.name + "-journal").unlink()
        gone.append(path)
    return gone


def _alive(pid: int) -> bool:
    """POSIX only: whether a process ``pid`` exists (signal 0 checks without sending)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True


class StageFile:
    """The private staging file: the rows as they will be copied into the shared file."""

    def __init__(self, names: list[str]) -> None:
        folder = stage_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{os.getpid()}-{uuid.uuid4().hex}.stage"
        self.names = names
        self.con = sqlite3.connect(self.path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        columns = ", ".join(f'"{n}"' for n in ["id", "number", *names])
        fts = ", ".join(schema.FTS_COLUMNS)
        self.con.executescript(
            f"CREATE TABLE t ({columns});"
            "CREATE TABLE l (ticket_id, author, kind, text, text_en, at, args, chain);"
            f"CREATE TABLE f (id, {fts});"
            "CREATE TABLE d (id, doc);"
        )

    def add(self, tickets: list[tuple[Any, ...]], logs: list[tuple[Any, ...]],
            index: list[tuple[object, ...]], docs: list[tuple[object, bytes]]) -> None:  # fmt: skip
        marks = ", ".join("?" * (len(self.names) + 2))
        fts = ", ".join("?" * (len(schema.FTS_COLUMNS) + 1))
        self.con.execute("BEGIN")
        self.con.executemany(f"INSERT INTO t VALUES ({marks})", tickets)
        self.con.executemany("INSERT INTO l VALUES (?, ?, ?, ?, ?, ?, ?, ?)", logs)
        self.con.executemany(f"INSERT INTO f VALUES ({fts})", index)
        self.con.executemany("INSERT INTO d VALUES (?, ?)", docs)
        self.con.execute("COMMIT")

    def add_totals(self) -> None:
        """The staged tickets' review-report totals, added up here, outside the lock, by the
        statements that add up a whole file's (rollup_sql.fill_sql) reading the staged rows."""
        self.con.execute("BEGIN")
        for sql in rollup_sql.TABLES:
            self.con.execute(sql)
        for sql in rollup_sql.fill_sql(postgres=False) if self.names else ():  # no tickets
            assert sql.count('FROM "ticket" t') == 1
            self.con.execute(sql.replace('FROM "ticket" t', "FROM t t"))
        self.con.execute("COMMIT")

    def shift(
        self, delta: int, chains: Callable[[int, list[tuple[Any, ...]]], list[bytes]]
    ) -> None:
        """Move every staged id by ``delta``; the log lines' chain values worked out again."""
        con = self.con
        con.execute("BEGIN")
        for table, column in (("t", "id"), ("f", "id"), ("d", "id"), ("l", "ticket_id")):
            con.execute(f'UPDATE {table} SET "{column}" = "{column}" + ?', (delta,))
        lines = con.execute(
            "SELECT rowid, ticket_id, author, kind, text, text_en, at, args FROM l ORDER BY rowid"
        ).fetchall()
        updates: list[tuple[bytes, int]] = []
        start = 0
        while start < len(lines):
            end = start
            while end < len(lines) and lines[end][1] == lines[start][1]:
                end += 1
            values = chains(int(lines[start][1]), [r[2:] for r in lines[start:end]])
            updates.extend((v, r[0]) for v, r in zip(values, lines[start:end], strict=True))
            start = end
        con.executemany("UPDATE l SET chain = ? WHERE rowid = ?", updates)
        con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()
        for leftover in (self.path, self.path.with_name(self.path.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
