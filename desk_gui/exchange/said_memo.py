"""What generated log lines say in one language, kept in a TEMP table for the export's statement.

A generated line is stored as its args (``domain.log_render``); rendering them is Python's
work. Called from SQLite once per line, Python cost more than the rest of the log cell, and
each call takes the interpreter lock, so the two connections of an export (``read_ahead``)
waited on each other. Lines recur (a status change, "priority P3", an assignee's name): the
statement looks each line up in a small TEMP table of the connection (in memory, no lock on
the database file) and calls Python only for args it does not hold; those are added after the
batch. The table is emptied when it reaches ``CAP`` rows, so an export of typed, unique lines
keeps it small, and dropped at the end (a helper thread's connection is closed instead).
"""

from __future__ import annotations

import functools
import itertools
import sqlite3

from desk_gui.domain.lang import Lang, is_zh
from desk_gui.domain.log_render import render

FUNCTION = "desk_log_said"
"""The Python renderer's name in SQL, with the memo's use and language after it."""
CAP = 20_000
"""Rows the table may hold: what recurs is far fewer; typed lines would grow it without end."""


class SaidMemo:
    """One export's memo, in one language, on each connection that runs its statement.

    ``use`` names its table and function: two memos on one connection (the CSV lines' and the
    log cells' of a batch made cell by cell) must not take over each other's."""

    def __init__(self, lang: Lang, use: str = "csv") -> None:
        self.lang: Lang = "zh" if is_zh(lang) else "en"
        self.table = f"temp.desk_said_{use}_{self.lang}"
        self.function = f"{FUNCTION}_{use}_{self.lang}"
        # by id of the connection: what Python rendered in its last statement, rows it holds
        self._missed: dict[int, dict[str, str]] = {}
        self._rows: dict[int, int] = {}

    def join(self, args: str) -> str:
        """The LEFT JOIN that finds the line with args ``args`` in the table (as ``said``)."""
        return f"LEFT JOIN {self.table} AS said ON said.args = {args}"

    def said(self, args: str) -> str:
        """SQL of what the line with args ``args`` (never NULL) says, the table joined."""
        return f"COALESCE(said.said, {self.function}({args}))"

    def prepare(self, con: sqlite3.Connection) -> None:
        """Make the table and the Python renderer on ``con``, once: registering a function
        again would make SQLite prepare the export's long statement again."""
        if id(con) in self._missed:
            return
        con.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {self.table.split('.')[1]} "
            "(args TEXT PRIMARY KEY, said TEXT NOT NULL) WITHOUT ROWID"
        )
        con.execute(f"DELETE FROM {self.table}")  # left by an export that crashed
        missed: dict[str, str] = {}
        con.create_function(
            self.function, 1, functools.partial(self.rendered, missed), deterministic=True
        )
        self._missed[id(con)], self._rows[id(con)] = missed, 0

    def rendered(self, missed: dict[str, str], args: str) -> str:
        """What the line with args ``args`` says, kept in ``missed`` for ``keep``: SQLite calls
        this for args its table does not hold (again within the batch that met them first)."""
        said = missed.get(args)
        if said is None:
            said = missed[args] = render(args, self.lang)
        return said

    def keep(self, con: sqlite3.Connection) -> None:
        """Add what Python rendered in the last statement on ``con`` to its table (emptied
        first if it would pass CAP)."""
        missed = self._missed[id(con)]
        if not missed:
            return
        rows = self._rows[id(con)]
        if rows + len(missed) > CAP:
            con.execute(f"DELETE FROM {self.table}")
            rows = 0
        kept = list(itertools.islice(missed.items(), CAP))
        con.executemany(f"INSERT OR IGNORE INTO {self.table} VALUES (?, ?)", kept)
        self._rows[id(con)] = rows + len(kept)
        missed.clear()

    def drop(self, con: sqlite3.Connection) -> None:
        """Drop the table from ``con`` (the calling thread's connection, at the export's end)."""
        self._rows.pop(id(con), None)
        if self._missed.pop(id(con), None) is not None:
            con.execute(f"DROP TABLE IF EXISTS {self.table}")
