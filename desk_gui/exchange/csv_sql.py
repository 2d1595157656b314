"""An unmasked SQLite export's CSV lines put together by SQLite: one string per batch.

The Python export builds ~27 cells a ticket (labels, minutes, neutralising, quoting) and hands
them to ``csv.writer``; at 100k tickets that per-cell work cost as much as reading the rows.
Here one statement per batch gives the batch's finished lines as one UTF-8 string: every cell
computed in SQL (labels from a ``CASE`` built once, SQLite's times (seconds, schema 20) as text
sliced to the minute,
each ticket's handling log put together by ``group_concat`` in a correlated subquery, what a
generated line says looked up in ``said_memo``), neutralised and quoted the way
``csv.writer`` (``QUOTE_MINIMAL``) quotes, a line joined by one ``printf``, the lines in the
order asked. Values SQL cannot judge the way Python does (a time not in SQLite's text form, an
overdue test on such a time) go through small Python functions SQLite calls; a batch holding a
character ``domain.text.printable`` takes out (or NUL, which ``printf`` would cut) comes back
as None, and the caller builds it in Python. The statement runs on two connections at once
(``store.read_ahead``): it takes Python's lock only to hand over its one row.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import peewee as pw

from desk_gui.domain.enums import YES_NO, Satisfaction, Status
from desk_gui.domain.epoch import to_seconds
from desk_gui.domain.fields import Kind, column_fields
from desk_gui.domain.lang import Lang, is_zh
from desk_gui.exchange.said_memo import SaidMemo
from desk_gui.store.log_authors import name_sql

# What domain.text.printable takes out: a batch holding one is made in Python.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# The same characters in UTF-8, found in a batch's bytes by fast passes (one regular
# expression of alternatives reads 115 MB in ~1 s; these ~0.1 s): the ASCII ones by deleting
# every other byte, the rest after a byte test or behind a literal prefix.
_NOT_ASCII_CONTROL = bytes(
    b for b in range(256) if not ((b < 32 and b not in b"\t\n\r") or b == 127)
)
_C1 = re.compile(b"\xc2[\x80-\x9f]")  # U+0080-U+009F
_NONCHARACTER = re.compile(b"\xef\xbf[\xbe\xbf]")  # U+FFFE, U+FFFF
_SURROGATE = re.compile(b"\xed[\xa0-\xbf]")  # U+D800-U+DFFF (never valid UTF-8)


def has_control(data: bytes) -> bool:
    """Whether the UTF-8 text ``data`` holds a character CONTROL finds."""
    return bool(
        data.translate(None, _NOT_ASCII_CONTROL)
        or (b"\xc2" in data and _C1.search(data))
        or (b"\xed" in data and _SURROGATE.search(data))
        or _NONCHARACTER.search(data)
    )


# SQLite's text form of a time (peewee writes microseconds only when there are some): two
# such texts compare as the times do.
_CANONICAL = (
    "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]",
    "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
    ".[0-9][0-9][0-9][0-9][0-9][0-9]",
)


def literal(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def log_line(lang: Lang, said: str, log: str, colon: str) -> str:
    """SQL of a log entry's line in the export: its head (``log_head``) and what it says
    (``log_said``)."""
    # || and not printf, which would cut a text at a NUL (csv_cell sends such a cell to Python)
    return f"{log_head(log, colon)} || {log_said(lang, said, log)}"


def log_head(log: str, colon: str) -> str:
    """SQL of a log line's head: its minute, author and ``colon`` (SQL); ``log``: the log
    table's alias and a dot."""
    author = name_sql(f"{log}author_id")  # the log keeps the author's id (schema 21)
    return f"{minute(log + 'at')} || ' ' || {author} || {colon}"


def log_said(lang: Lang, said: str, log: str) -> str:
    """SQL of what a log line says in ``lang``: what was typed, or ``said``, SQL of what a
    generated line says (its args not NULL)."""
    text, text_en = f"{log}text", f"{log}text_en"
    typed = (
        text
        if is_zh(lang)
        else f"CASE WHEN {text_en} IS NULL OR {text_en} = '' THEN {text} ELSE {text_en} END"
    )
    return f"CASE WHEN {log}args IS NULL THEN {typed} ELSE {said} END"


def ticket_log_sql(memo: SaidMemo, ticket: str, lines: str, value: str) -> str:
    """SQL of ``value``, an aggregate over ``lines`` (the columns each log line gives, the log
    table aliased ``log``), over the lines of the ticket ``ticket`` in log order (time, then
    id); NULL for a ticket without lines. A correlated subquery: a small sort a ticket costs
    less than one grouping sort of a whole batch's lines."""
    return (
        f"(SELECT {value} FROM (SELECT {lines} "
        f'FROM "log_entry" AS log {memo.join("log.args")} '
        f"WHERE log.ticket_id = {ticket} ORDER BY log.at, log.id))"
    )


# SQLite's text form of a time, to the minute at least: its first 16 characters need no quotes.
_MINUTE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]*"


def minute(column: str) -> str:
    """SQL of a stored time (not NULL) as the export writes it, to the minute: seconds since
    1970 on SQLite (schema 20; a REAL keeps microseconds) made text, or an older file's text,
    sliced. The one place the export's SQL formats a time."""
    return (
        f"substr(CASE WHEN typeof({column}) = 'text' THEN {column} "
        f"ELSE datetime(CAST({column} AS INTEGER), 'unixepoch') END, 1, 16)"
    )


def is_minute_text(column: str) -> str:
    """SQL: whether the stored time ``column`` (not NULL) is in a form ``minute`` reads:
    seconds, or text that starts with a minute."""
    return f"(typeof({column}) IN ('integer', 'real') OR {column} GLOB '{_MINUTE}')"


# csv.writer (QUOTE_MINIMAL, "\r\n" line ends) quotes a field holding one of these.
_SPECIAL = '",\n\r'


def csv_cell(x: str, dangerous: Sequence[str]) -> str:
    """SQL of the text ``x`` (never NULL) neutralised and quoted as csv.writer quotes it.

    A text holding NUL gives char(1): ``printf`` would cut it at the NUL, and CONTROL finds
    char(1) in the line, so the batch is made in Python (which takes the NUL out)."""
    # instr finds a byte fast; a log cell (the longest) mostly holds a line end first
    special = " OR ".join(f"instr({x}, {c})" for c in ("char(10)", "','", "'\"'", "char(13)"))
    # the first character's code point, not substr: a number, no string made (and counted);
    # doubling the quotes never changes whether the text starts with a dangerous character
    apostrophe = f"unicode({x}) IN ({', '.join(str(ord(ch)) for ch in dangerous)})"
    quoted = f"""CASE WHEN {apostrophe} THEN '"''' ELSE '"' END || replace({x}, '"', '""') || '"'"""
    return (
        f"CASE WHEN instr({x}, char(0)) THEN char(1) WHEN {special} THEN {quoted} "
        f"WHEN {apostrophe} THEN '''' || {x} ELSE {x} END"
    )


def csv_text(text: str, dangerous: Sequence[str]) -> str:
    """A constant cell (a label) neutralised and quoted here, as an SQL literal."""
    if text.startswith(tuple(dangerous)):
        text = "'" + text
    if any(ch in text for ch in _SPECIAL):
        text = '"' + text.replace('"', '""') + '"'
    return literal(text)


def _canonical(column: str) -> str:
    return "(" + " OR ".join(f"{column} GLOB '{p}'" for p in _CANONICAL) + ")"


def is_utf8(db: pw.Database) -> bool:
    """Whether the file keeps its text as UTF-8 (what ``CsvLines.batch`` hands on as bytes)."""
    cursor = db.execute_sql("PRAGMA encoding")
    try:
        return str(cursor.fetchone()[0]).upper() == "UTF-8"
    finally:
        cursor.close()


class CsvLines:
    """The statement of one export (language, clock), run once per batch of ids."""

    def __init__(
        self,
        lang: Lang,
        now: datetime,
        dangerous: Sequence[str],
        minute: Callable[[Any], str],
        overdue: Callable[[str, Any, Any], str],
    ) -> None:
        self.lang, self.dangerous = lang, dangerous
        self.now = now.isoformat(" ")
        self.now_seconds = to_seconds(now) if now.tzinfo is None else 0  # schema 20's times
        self.memo = SaidMemo(lang)
        self._ready: set[int] = set()  # ids of the connections with the functions
        self.functions: tuple[tuple[str, int, Callable[..., str]], ...] = (
            ("desk_minute", 1, minute),
            ("desk_overdue", 3, overdue),
        )
        fields = column_fields()
        cells = ", ".join(self.cell_sql(f.key, f.kind, f.enum) for f in fields)
        # printf builds the line once (a chain of || copies it again at every cell)
        self.line = f"printf('{','.join(['%s'] * len(fields))}', {cells})"

    def _text(self, text: str) -> str:
        return csv_text(text, self.dangerous)

    def cell_sql(self, key: str, kind: Kind, enum: type | None) -> str:
        """SQL of the column's finished CSV field."""
        column = f't."{key}"'
        if kind is Kind.LOG:
            cell = csv_cell("COALESCE(g, '')", self.dangerous)  # g named once: csv_cell repeats it
            colon = literal("：" if is_zh(self.lang) else ": ")
            line = log_line(self.lang, self.memo.said("log.args"), "log.", colon)
            lines = ticket_log_sql(
                self.memo, "t.id", f"{line} AS line", "group_concat(line, char(10))"
            )
            return f"(SELECT {cell} FROM (SELECT {lines} AS g))"
        if kind is Kind.FEEDBACK:
            return self._feedback()
        if key == "overdue":
            return self._overdue()
        if kind is Kind.ENUM and enum is not None:
            return self._labels(column, {m.value: m.label(self.lang) for m in enum})  # type: ignore[attr-defined]
        if kind is Kind.DATETIME:
            return (
                f"CASE WHEN {column} IS NULL THEN '' WHEN {is_minute_text(column)} "
                f"THEN {minute(column)} "
                f"ELSE {csv_cell(f'desk_minute({column})', self.dangerous)} END"
            )
        return csv_cell(f"COALESCE({column}, '')", self.dangerous)

    def _labels(self, column: str, labels: dict[str, str]) -> str:
        whens = " ".join(f"WHEN {literal(k)} THEN {self._text(v)}" for k, v in labels.items())
        other = csv_cell(f"COALESCE({column}, '')", self.dangerous)
        return f"CASE {column} {whens} ELSE {other} END"

    def _feedback(self) -> str:
        """Resolved 是/否 and the rating: 是；满意 (each pair a constant)."""
        i = 0 if is_zh(self.lang) else 1
        sep = "；" if i == 0 else "; "
        said = {b: YES_NO[b][i] for b in (True, False)}
        rated = {
            b: " ".join(
                f"WHEN {literal(m.value)} THEN {self._text(said[b] + sep + m.label(self.lang))}"
                for m in Satisfaction
            )
            for b in (True, False)
        }
        other = csv_cell(
            f"CASE WHEN t.feedback_resolved THEN {literal(said[True])} "
            f"ELSE {literal(said[False])} END || {literal(sep)} || t.satisfaction",
            self.dangerous,
        )
        return (
            "CASE WHEN t.feedback_resolved IS NULL THEN '' "
            "WHEN t.satisfaction IS NULL OR t.satisfaction = '' THEN "
            f"CASE WHEN t.feedback_resolved THEN {self._text(said[True])} "
            f"ELSE {self._text(said[False])} END "
            f"WHEN t.feedback_resolved THEN CASE t.satisfaction {rated[True]} ELSE {other} END "
            f"ELSE CASE t.satisfaction {rated[False]} ELSE {other} END END"
        )

    def _overdue(self) -> str:
        """是 when resolved after the resolve deadline, or still open past it: compared as
        numbers when both times are seconds (schema 20), as text when both are in SQLite's text
        form, else by Python."""
        yes, no = (self._text(YES_NO[b][0 if is_zh(self.lang) else 1]) for b in (True, False))
        due, done = "t.resolve_due", "t.resolved_at"
        by_python = csv_cell(f"desk_overdue(t.status, {due}, {done})", self.dangerous)
        open_ = ", ".join(literal(s.value) for s in Status if s.is_open)
        if len(self.now) not in (19, 26):  # a clock with a time zone: compared by Python
            return f"CASE WHEN {due} IS NULL THEN {no} ELSE {by_python} END"
        seconds = f"typeof({due}) = 'integer' AND ({done} IS NULL OR typeof({done}) = 'integer')"
        return (
            f"CASE WHEN {due} IS NULL THEN {no} "
            f"WHEN {seconds} THEN CASE WHEN {done} IS NOT NULL "
            f"THEN CASE WHEN {done} > {due} THEN {yes} ELSE {no} END "
            f"WHEN t.status IN ({open_}) AND {self.now_seconds} > {due} THEN {yes} ELSE {no} END "
            f"WHEN NOT {_canonical(due)} OR ({done} IS NOT NULL AND NOT {_canonical(done)}) "
            f"THEN {by_python} "
            f"WHEN {done} IS NOT NULL THEN CASE WHEN {done} > {due} THEN {yes} ELSE {no} END "
            f"WHEN t.status IN ({open_}) AND {literal(self.now)} > {due} THEN {yes} ELSE {no} END"
        )

    def prepare(self, db: pw.Database) -> sqlite3.Connection:
        """The calling thread's connection with the statement's functions and memo, made once
        (a function registered again expires the prepared statements)."""
        con = db.connection()
        if id(con) not in self._ready:
            for name, n, fn in self.functions:
                con.create_function(name, n, fn, deterministic=True)
            self.memo.prepare(con)
            self._ready.add(id(con))
        return con

    def batch(self, db: pw.Database, chunk: Sequence[int]) -> tuple[int, bytes] | None:
        """(tickets found, their lines in ``chunk`` order, each ended by CRLF, as UTF-8);
        None if one holds a character ``printable`` would take out.

        One row comes back for the batch: the thread reading it takes Python's lock a few
        times, not once a ticket while the other thread writes. Bytes, not text: decoding
        them and encoding them again for the file cost ~0.5 s at 100k tickets (lock held)."""
        con = self.prepare(db)
        # CROSS JOIN keeps the VALUES as the outer loop: the lines come in the chunk's order
        values = ", ".join(["(?)"] * len(chunk))
        sql = (
            "SELECT count(*), CAST(group_concat(line, char(13, 10)) AS BLOB) FROM (SELECT "
            f'{self.line} AS line FROM (VALUES {values}) AS k CROSS JOIN "ticket" AS t '
            "WHERE t.id = k.column1)"
        )
        cursor = db.execute_sql(sql, list(chunk))
        try:
            found, data = cursor.fetchone()
        finally:
            cursor.close()
        self.memo.keep(con)
        if not found:
            return 0, b""
        if has_control(data):
            return None
        return found, data + b"\r\n"

    def close(self, db: pw.Database) -> None:
        """Drop what this export kept on the calling thread's connection (never raises: it
        runs after a failure too)."""
        with contextlib.suppress(pw.PeeweeException, sqlite3.Error):
            if not db.is_closed():
                self.memo.drop(db.connection())
