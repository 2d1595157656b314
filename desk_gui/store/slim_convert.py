"""The migration that slims a SQLite file without changing a byte of what it holds (schema 17).

Three representations change, nothing a reader sees:

- **The log's chain values**: each entry keeps the first ``STORED_LENGTH`` bytes of the value it
  had (``domain.log_chain``). Nothing is recomputed, so a log tampered with before the
  migration still fails the check at the same entry, and the worksheet's 12 hex digits stay.
- **Generated log lines' args**: JSON becomes the short form (``domain.log_render.encode``)
  wherever that renders the same Chinese and English; the chain covers the rendered texts, so
  it holds as before.
- **The search index's saved copies**: a copy whose values are exactly what the ticket row and
  its first log entries give today becomes a reference to them (``search_rows``, ``R<n>``);
  any other copy (a ticket edited without being indexed again) stays as it is.

PostgreSQL has no saved copies, and its log may keep its 32-byte values (a check compares a
prefix) and JSON args (read as before): nothing to do there.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import peewee as pw

from desk_gui.domain.log_chain import STORED_LENGTH
from desk_gui.domain.log_render import render, shortened
from desk_gui.store import schema

CHUNK = 5000
"""Tickets whose copies are compared in one go."""
_MEMO_LIMIT = 200_000
"""Distinct texts remembered in index form: names, titles and log lines recur."""

# Frozen SQL of this step (schema as it was when the step was written).
_SHORTEN = (
    f'UPDATE "log_entry" SET "chain" = substr("chain", 1, {STORED_LENGTH}), '
    '"args" = desk_shortened("args") '
    f'WHERE length("chain") > {STORED_LENGTH} OR substr("args", 1, 1) = \'[\''
)
_SQLITE_NO_UPDATE = (
    'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
    f"BEGIN SELECT RAISE(ABORT, '{schema.LOG_GUARD_MESSAGE}'); END"
)
_SEP = "\x1f"
_LOG = schema.FTS_COLUMNS.index("log")


def convert_sqlite(db: pw.SqliteDatabase) -> None:
    """Shorten chain values and args, add the triggers that save edited fields, convert the
    search copies."""
    # The append-only guard refuses the UPDATE: lifted for this step, as schema 13 did.
    db.execute_sql('DROP TRIGGER "log_entry_no_update"')
    conn = db.connection()
    conn.create_function("desk_shortened", 1, _shortened, deterministic=True)
    try:
        db.execute_sql(_SHORTEN)
    finally:
        conn.create_function("desk_shortened", 1, None)
    db.execute_sql(_SQLITE_NO_UPDATE)
    for name in schema.FTS_KEEP_TRIGGERS:  # the step may run again on a file that has them
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    for sql in schema.sqlite_fts_keep_sql():
        db.execute_sql(sql)
    for updates in _references(db):
        db.cursor().executemany(
            f'UPDATE "{schema.FTS_DOC_TABLE}" SET "doc" = ? WHERE "id" = ?', updates
        )


def _shortened(args: str | None) -> str | None:
    return None if args is None else shortened(args)


def _references(db: pw.Database) -> Iterator[list[tuple[bytes, int]]]:
    """(reference, ticket id) of every copy the ticket and its log reproduce, CHUNK at a time."""
    # search imports database, which imports migrations: imported late, as schema 16 does.
    from desk_gui.store.search import IndexTextMemo, index_lines, ticket_index_row
    from desk_gui.store.search_rows import SAVED_FIELDS

    memo = IndexTextMemo()
    select = (
        'SELECT d."id", d."doc", '
        + ", ".join(f't."{c}"' for c in SAVED_FIELDS)
        + f' FROM "{schema.FTS_DOC_TABLE}" d JOIN "ticket" t ON t."id" = d."id" '
        'WHERE d."id" > ? ORDER BY d."id" LIMIT ?'
    )
    last = 0
    while True:
        rows = db.execute_sql(select, (last, CHUNK)).fetchall()
        if not rows:
            return
        last = int(rows[-1][0])
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        full = [int(r[0]) for r in rows if isinstance(r[1], bytes) and not r[1].startswith(b"L")]
        logs = _log_lines(db, full)
        out = []
        for row in rows:
            entry_id, doc = int(row[0]), row[1]
            if isinstance(doc, str) or doc.startswith(b"R"):
                continue  # a reference already
            ticket: dict[str, Any] = dict(zip(SAVED_FIELDS, row[2:], strict=True))
            ticket["id"] = entry_id
            now = [str(v) for v in ticket_index_row(ticket, [], memo.__getitem__)[1:]]
            count, values = _saved(bytes(doc))
            if count is None:
                lines = logs.get(entry_id, [])
                now[_LOG] = index_lines(lines, memo.__getitem__)
                count = len(lines)
            else:
                values[_LOG] = ""
            if values == now:
                out.append((b"R%d" % count, entry_id))
        if out:
            yield out


def _saved(doc: bytes) -> tuple[int | None, list[str]]:
    """(log entries left out, or None for a copy with its log column; the values saved)."""
    count = None
    if doc.startswith(b"L"):
        head, doc = doc[1:].split(b":", 1)
        count = int(head)
    return count, zlib.decompress(doc).decode("utf-8").split(_SEP)


def _log_lines(db: pw.Database, ticket_ids: list[int]) -> dict[int, list[str]]:
    """Each ticket's log lines as the index read them at schema 17 (the Chinese of a generated
    line: ``search.said`` before schema 19), in id order."""

    def said(text: str, args: str | None) -> str:
        return str(text) if args is None else render(args, "zh")

    out: dict[int, list[str]] = {}
    if not ticket_ids:
        return out
    cursor = db.execute_sql(
        'SELECT "ticket_id", "text", "args" FROM "log_entry" '
        'WHERE "ticket_id" BETWEEN ? AND ? ORDER BY "ticket_id", "id"',
        (min(ticket_ids), max(ticket_ids)),
    )
    wanted = set(ticket_ids)
    for tid, text, args in cursor:
        if tid in wanted:
            out.setdefault(int(tid), []).append(said(text, args))
    return out
