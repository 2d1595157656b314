"""Rows of the contentless search index and their saved copies (no database opening here).

A contentless FTS5 table keeps only tokens; to delete or replace a row FTS5 must be told the
values it indexed. ``ticket_fts_doc`` keeps them, zlib-compressed (a third of the text's size),
so a ticket is reindexed after any edit without keeping the text twice in plain form.

The log column, half of a copy, is mostly not kept (schema 14): a copy that starts with
``L<n>:`` indexed the ticket's first ``n`` log entries in id order, which never change (the log
is append-only and its generated lines render the same forever), so the deleting side reads
them back instead. Copies without the prefix hold every column.

Since schema 17 a copy is mostly not kept at all: a copy ``R<n>`` (bytes) says "the ticket's
fields as the ticket row holds them now, and its first ``n`` log entries", so the deleting side
reads the row itself. When an UPDATE (or DELETE) changes one of those fields before the ticket
is indexed again, a trigger (``schema.sqlite_fts_keep_sql``) appends the fields as they were,
as a JSON array (text ``R<n>[…]``), so the delete still names what was indexed. At 1M tickets the
copies took 270 MB; now a few bytes each.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import peewee as pw

from desk_gui.store import schema

_SEP = "\x1f"  # index_text turns control characters into spaces: never inside a value
_COLUMNS = ", ".join(schema.FTS_COLUMNS)
_MARKS = ", ".join("?" * len(schema.FTS_COLUMNS))
INSERT_SQL = f'INSERT INTO "{schema.FTS_TABLE}" (rowid, {_COLUMNS}) VALUES (?, {_MARKS})'
DELETE_SQL = (
    f'INSERT INTO "{schema.FTS_TABLE}" ("{schema.FTS_TABLE}", rowid, {_COLUMNS}) '
    f"VALUES ('delete', ?, {_MARKS})"
)
DOC_SQL = f'INSERT OR REPLACE INTO "{schema.FTS_DOC_TABLE}" (id, doc) VALUES (?, ?)'
DOC_OF_SQL = f'SELECT doc FROM "{schema.FTS_DOC_TABLE}" WHERE id = ?'


_LOG = schema.FTS_COLUMNS.index("log")
LogColumn = Callable[[int, int], str]
"""(ticket id, n) → the index form of the ticket's first n log entries in id order."""
Rebuild = Callable[[int, int, "list[Any] | None"], list[str]]
"""(ticket id, n, the fields a trigger saved or None) → the index row's values (FTS_COLUMNS
order) of those fields, or of the ticket row as it is, and its first n log entries."""
SAVED_FIELDS: tuple[str, ...] = (
    "number",
    "title",
    "description",
    "solution",
    "requester",
    "department",
)
"""The ticket's columns an index row is made of besides its log, in the saved array's order."""

Doc = bytes | str


def pack(row: Sequence[object], log_lines: int | None = None) -> tuple[object, bytes]:
    """(rowid, saved copy) of an index row (rowid first, then FTS_COLUMNS).

    ``log_lines``: the row is the ticket row's fields as stored and its first that many log
    entries in id order: nothing is copied (``R<n>``, see the module docstring). Without it
    the values are kept compressed.
    """
    if log_lines is not None:
        return row[0], b"R%d" % log_lines
    values = [str(v) for v in row[1:]]
    return row[0], zlib.compress(_SEP.join(values).encode("utf-8"), 6)


def unpack(
    doc: Doc,
    ticket_id: int = 0,
    log_column: LogColumn | None = None,
    rebuild: Rebuild | None = None,
) -> list[str]:
    """The indexed values a saved copy holds, in FTS_COLUMNS order (``log_column`` reads back
    a log column left out, ``rebuild`` a row kept as a reference to the ticket)."""
    if isinstance(doc, str) or doc.startswith(b"R"):
        if rebuild is None:
            raise ValueError("this copy must be read from the ticket and its log")
        text = doc if isinstance(doc, str) else doc.decode("ascii")
        count, bracket, saved = text[1:].partition("[")
        return rebuild(ticket_id, int(count), json.loads(bracket + saved) if bracket else None)
    if not doc.startswith(b"L"):
        return zlib.decompress(doc).decode("utf-8").split(_SEP)
    lines, packed = doc[1:].split(b":", 1)
    values = zlib.decompress(packed).decode("utf-8").split(_SEP)
    if log_column is None:
        raise ValueError("this copy's log column must be read from the log")
    values[_LOG] = log_column(ticket_id, int(lines))
    return values


def write_index_rows(
    db: pw.Database,
    rows: Iterable[Sequence[object]],
    docs: Iterable[tuple[object, bytes]] | None = None,
) -> None:
    """Index ``rows`` (of tickets not indexed yet) and save their copies (``docs`` if packed)."""
    rows = list(rows)
    cursor = db.cursor()
    cursor.executemany(INSERT_SQL, rows)
    cursor.executemany(DOC_SQL, list(docs) if docs is not None else [pack(r) for r in rows])


def delete_index_row(
    db: pw.Database, ticket_id: int, log_column: LogColumn, rebuild: Rebuild
) -> None:
    """Remove a ticket's row from the index, told the values it was indexed with."""
    cursor = db.execute_sql(DOC_OF_SQL, (ticket_id,))
    found = cursor.fetchone()
    cursor.close()
    if found is None:
        return
    doc = found[0] if isinstance(found[0], str) else bytes(found[0])
    values = unpack(doc, ticket_id, log_column, rebuild)
    db.execute_sql(DELETE_SQL, (ticket_id, *values))
    db.execute_sql(f'DELETE FROM "{schema.FTS_DOC_TABLE}" WHERE id = ?', (ticket_id,))


def clear_index(db: pw.Database) -> None:
    """Empty the index and the saved copies (a contentless table refuses a plain DELETE)."""
    db.execute_sql(
        f'INSERT INTO "{schema.FTS_TABLE}" ("{schema.FTS_TABLE}") VALUES (\'delete-all\')'
    )
    db.execute_sql(f'DELETE FROM "{schema.FTS_DOC_TABLE}"')
