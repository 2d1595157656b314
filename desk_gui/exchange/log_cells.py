"""Each ticket's handling log for an export made cell by cell (.xlsx, a masked .csv), put
together by SQLite: one row a ticket instead of six values a line.

What a generated line says comes from the export's ``said_memo`` (Python renders each distinct
line once per connection, not once a line). Unmasked, a ticket's cell comes whole; masked, its
lines' heads (minute, author, colon) and what they say come apart, so that the masker sees
only what the lines say, as the Python path does. Lines in log order (time, then
id). SQLite only: PostgreSQL's rows go through ``export._log_texts``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

from desk_gui.domain.lang import Lang, is_zh
from desk_gui.exchange.csv_sql import literal, log_head, log_said, ticket_log_sql
from desk_gui.exchange.said_memo import SaidMemo


class LogCells:
    """One export's reader of log cells, in one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.memo = SaidMemo(lang, "cells")
        self._head = log_head("log.", literal("：" if is_zh(lang) else ": "))
        self._said = log_said(lang, self.memo.said("log.args"), "log.")

    def _lines(self, ticket: str, value: str) -> str:
        """SQL of ``value`` (an aggregate over ``head`` and ``says``) over the lines of the
        ticket ``ticket`` (``csv_sql.ticket_log_sql``)."""
        lines = f"{self._head} AS head, {self._said} AS says"
        return ticket_log_sql(self.memo, ticket, lines, value)

    def cell_sql(self, ticket: str) -> str:
        """SQL of the ticket ``ticket``'s log cell, or NULL."""
        return self._lines(ticket, "group_concat(head || says, char(10))")

    def parts_sql(self, ticket: str) -> str:
        """SQL of the ticket ``ticket``'s lines for ``split``: their number, then each head
        and what it says, NUL between (NULL without lines)."""
        return self._lines(
            ticket, "count(*) || char(0) || group_concat(head || char(0) || says, char(0))"
        )

    def masked_sql(self, ticket: str, cell: Callable[[str], str]) -> str:
        """SQL of the ticket ``ticket``'s lines for a masked export, char(3) between: what
        they say (NUL between), its log cell as ``cell`` (SQL of a finished cell from SQL of
        its text) makes it, their number, their heads (NUL between); NULL without lines."""
        text = "group_concat(head || says, char(10))"
        return self._lines(
            ticket,
            f"group_concat(says, char(0)) || char(3) || {cell(text)} || char(3) || count(*) "
            "|| char(3) || group_concat(head, char(0))",
        )

    def masked(self, db: pw.Database, chunk: Sequence[int]) -> list[tuple[int, str]]:
        """(id, ``masked_sql`` with the log cell's text as it is) of each ticket of ``chunk``
        with lines, in one statement."""
        return self._select(db, self.masked_sql("k.column1", lambda text: text), chunk)

    @staticmethod
    def split(text: str) -> tuple[list[str], list[str]] | None:
        """``parts_sql``'s text as (heads, what each says); None when a text held a NUL."""
        items = text.split("\0")
        if len(items) != 1 + 2 * int(items[0]):
            return None
        return items[1::2], items[2::2]

    def prepare(self, db: pw.Database) -> None:
        """Before a statement with these subqueries on the calling thread's connection."""
        self.memo.prepare(db.connection())

    def keep(self, db: pw.Database) -> None:
        """After it: what Python rendered goes into the memo."""
        self.memo.keep(db.connection())

    def _select(self, db: pw.Database, column: str, chunk: Sequence[int]) -> list[Any]:
        """(id, ``column``) of each ticket of ``chunk`` with lines, in one statement."""
        self.prepare(db)
        values = ", ".join(["(?)"] * len(chunk))
        cursor = db.execute_sql(
            f"SELECT k.column1, {column} FROM (VALUES {values}) AS k", list(chunk)
        )
        try:
            rows = [row for row in cursor.fetchall() if row[1] is not None]
        finally:
            cursor.close()
        self.keep(db)
        return rows

    def cells(self, db: pw.Database, chunk: Sequence[int]) -> dict[int, str]:
        """Each ticket's log cell (tickets without a line left out)."""
        return dict(self._select(db, self.cell_sql("k.column1"), chunk))

    def parts(
        self, db: pw.Database, chunk: Sequence[int]
    ) -> dict[int, tuple[list[str], list[str]]]:
        """Each ticket's lines as (heads, what each says); as JSON only for a ticket whose
        texts hold a NUL themselves."""
        out: dict[int, tuple[list[str], list[str]]] = {}
        held: list[int] = []
        for tid, text in self._select(db, self.parts_sql("k.column1"), chunk):
            found = self.split(text)
            if found is None:
                held.append(tid)
            else:
                out[tid] = found
        out.update(self.json_parts(db, held))
        return out

    def json_parts(
        self, db: pw.Database, ids: Sequence[int]
    ) -> dict[int, tuple[list[str], list[str]]]:
        """``parts`` of tickets whose texts hold a NUL, as JSON arrays."""
        if not ids:
            return {}
        column = self._lines(
            "k.column1", "json_array(json_group_array(head), json_group_array(says))"
        )
        out: dict[int, tuple[list[str], list[str]]] = {}
        for tid, text in self._select(db, column, ids):
            heads, says = json.loads(text)
            out[tid] = (heads, says)
        return out

    def close(self, db: pw.Database) -> None:
        """Drop the memo from the calling thread's connection (never raises)."""
        with contextlib.suppress(pw.PeeweeException, sqlite3.Error):
            if not db.is_closed():
                self.memo.drop(db.connection())
