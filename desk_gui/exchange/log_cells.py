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
from collections.abc import Sequence
from typing import Any

import peewee as pw

from desk_gui.domain.lang import Lang, is_zh
from desk_gui.exchange.csv_sql import literal, log_head, log_said
from desk_gui.exchange.said_memo import SaidMemo


class LogCells:
    """One export's reader of log cells, in one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.memo = SaidMemo(lang, "cells")
        self._head = log_head("log.", literal("：" if is_zh(lang) else ": "))
        self._said = log_said(lang, self.memo.said("log.args"), "log.")

    def _select(self, db: pw.Database, columns: str, chunk: Sequence[int]) -> list[Any]:
        """``columns`` (SQL over each line's ``head`` and ``says``) of each ticket of ``chunk``
        with a line, in one statement; what Python rendered kept in the memo after it."""
        self.memo.prepare(db.connection())
        marks = ", ".join(["?"] * len(chunk))
        cursor = db.execute_sql(
            f"SELECT ticket_id, {columns} FROM (SELECT log.ticket_id, "
            f'{self._head} AS head, {self._said} AS says FROM "log_entry" AS log '
            f"{self.memo.join('log.args')} WHERE log.ticket_id IN ({marks}) "
            "ORDER BY log.ticket_id, log.at, log.id) GROUP BY ticket_id",
            list(chunk),
        )
        try:
            rows = cursor.fetchall()
        finally:
            cursor.close()
        self.memo.keep(db.connection())
        return rows

    def cells(self, db: pw.Database, chunk: Sequence[int]) -> dict[int, str]:
        """Each ticket's log cell (tickets without a line left out)."""
        return dict(self._select(db, "group_concat(head || says, char(10))", chunk))

    def parts(
        self, db: pw.Database, chunk: Sequence[int]
    ) -> dict[int, tuple[list[str], list[str]]]:
        """Each ticket's lines as (heads, what each says): each list joined by NUL in SQL and
        split here, as JSON only for a ticket whose texts hold a NUL themselves."""
        rows = self._select(
            db, "count(*), group_concat(head, char(0)), group_concat(says, char(0))", chunk
        )
        out: dict[int, tuple[list[str], list[str]]] = {}
        held: list[int] = []  # a NUL in a head or a line
        for tid, n, heads, says in rows:
            out[tid] = (heads.split("\0"), says.split("\0"))
            if not len(out[tid][0]) == len(out[tid][1]) == n:
                held.append(tid)
        if held:
            json_rows = self._select(db, "json_group_array(head), json_group_array(says)", held)
            out.update((tid, (json.loads(h), json.loads(s))) for tid, h, s in json_rows)
        return out

    def close(self, db: pw.Database) -> None:
        """Drop the memo from the calling thread's connection (never raises)."""
        with contextlib.suppress(pw.PeeweeException, sqlite3.Error):
            if not db.is_closed():
                self.memo.drop(db.connection())
