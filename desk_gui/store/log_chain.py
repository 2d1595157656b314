"""The handling log's hash chain over a whole database: filled by schema 13, verified by
``check`` (the rule is ``domain.log_chain``; ``log_append`` writes it with each new entry).

Both walk the log once in id order, keeping only each ticket's last value: one Python object
per ticket, none per entry, and a sequential read of the table.

What the chain covers is the line as people read it, not its storage: a generated line stored
as template and values (``args``, ``domain.log_render``) is hashed as the Chinese and English
it renders to, exactly the ``text`` / ``text_en`` it was stored as before. So the storage of
old lines could change without recomputing a single value (which would also have laundered
any earlier tampering), and editing a stored kind or value changes the rendered text and
breaks the chain at that entry, like editing a text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import peewee as pw

from desk_gui.domain.log_chain import ChainWalker, canonical_at
from desk_gui.domain.log_render import texts
from desk_gui.store.log_authors import name_sql

_AUTHOR = f"COALESCE({name_sql('author_id')}, '') AS author"
COLUMNS = f"id, ticket_id, at, {_AUTHOR}, kind, text, text_en, chain, args"
"""What verification reads of each entry, in the order ``verify_rows`` expects: the author's
name (schema 21 keeps its id; an id naming no one reads as no name, and breaks the chain)."""
PAGE = 20_000
MAX_REPORTED = 20
"""Broken tickets named one by one; any more are counted."""


# ---------------------------------------------------------------- schema 13: filling the chain


def fill_sqlite(db: pw.SqliteDatabase) -> None:
    """Compute every entry's value in one UPDATE, its rows visited in id order (the rowid)."""
    walker = ChainWalker()
    conn = db.connection()
    conn.create_function("desk_chain", 6, walker.hash)
    try:
        db.execute_sql(
            'UPDATE "log_entry" SET "chain" = desk_chain(ticket_id, at, author, kind, text, text_en)'
        )
    finally:
        conn.create_function("desk_chain", 6, None)


def fill_postgres(db: pw.Database) -> None:
    """Read the log in id-ordered pages, stage the values in a temporary table, update once."""
    walker = ChainWalker()
    db.execute_sql(
        'CREATE TEMPORARY TABLE "chain_fill" ("id" BIGINT PRIMARY KEY, "chain" BYTEA) '
        "ON COMMIT DROP"
    )
    select = 'SELECT id, ticket_id, at, author, kind, text, text_en FROM "log_entry"'
    for page in _pages(db, select):
        values = [(row[0], walker.hash(*row[1:])) for row in page]
        marks = ", ".join(["(%s, %s)"] * len(values))
        db.execute_sql(
            f'INSERT INTO "chain_fill" VALUES {marks}', [v for pair in values for v in pair]
        ).close()
    db.execute_sql('ALTER TABLE "log_entry" DISABLE TRIGGER "log_entry_no_update"')
    db.execute_sql(
        'UPDATE "log_entry" l SET "chain" = f."chain" FROM "chain_fill" f WHERE l."id" = f."id"'
    )
    db.execute_sql('ALTER TABLE "log_entry" ENABLE TRIGGER "log_entry_no_update"')


def _pages(db: pw.Database, select: str) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``select`` (its first column the log's id) in id order, PAGE at a time."""
    last = 0
    while True:
        cursor = db.execute_sql(f'{select} WHERE "id" > %s ORDER BY "id" LIMIT {PAGE}', (last,))
        rows = [tuple(r) for r in cursor.fetchall()]
        cursor.close()
        if not rows:
            return
        yield rows
        last = int(rows[-1][0])


# ------------------------------------------------------------------------------ verification


@dataclass(frozen=True)
class Break:
    """The first entry of a ticket where its chain does not hold."""

    entry_id: int
    ticket_id: int
    unchained: bool  # no value at all: slipped in by hand rather than by Desk


def verify_rows(rows: Iterable[Sequence[Any]]) -> list[Break]:
    """The first break of each ticket, walking rows of ``COLUMNS`` in id order."""
    walker = ChainWalker()
    found: dict[int, Break] = {}
    for entry_id, ticket_id, at, author, kind, text, text_en, stored, args in rows:
        if args is not None:
            text, text_en = texts(text, text_en, args)
        ok = walker.verify(ticket_id, at, author, kind, text, text_en, stored)
        if not ok and ticket_id not in found:
            found[ticket_id] = Break(entry_id, ticket_id, stored is None)
    return sorted(found.values(), key=lambda b: b.entry_id)


Describe = Callable[[list[int]], dict[int, tuple[Any, ...]]]
"""Entry ids → (ticket number, at, author) of each, for the report."""


def describe_sql(param: str, ids: list[int], *, author_ids: bool = True) -> str:
    """The query ``Describe`` runs for ``ids``; ``author_ids``: the log keeps its authors' ids
    (schema 21), not their names."""
    marks = ", ".join([param] * len(ids))
    author = name_sql('l."author_id"') if author_ids else 'l."author"'
    return (
        f'SELECT l."id", t."number", l."at", {author} FROM "log_entry" l '
        f'LEFT JOIN "ticket" t ON t."id" = l."ticket_id" WHERE l."id" IN ({marks})'
    )


def report(breaks: list[Break], describe: Describe) -> list[str]:
    """One line a broken ticket, naming its first bad entry; the count of any beyond."""
    shown = breaks[:MAX_REPORTED]
    names = describe([b.entry_id for b in shown]) if shown else {}
    out = []
    for b in shown:
        number, at, author = names.get(b.entry_id, (None, "", ""))
        where = (
            f"handling log of {number or f'missing ticket {b.ticket_id}'}: "
            f"entry of {canonical_at(at)[:19] if at else '?'} by {author}"
        )
        if b.unchained:
            out.append(f"{where} was inserted outside the chain")
        else:
            out.append(
                f"{where} does not match the chain: it was changed, "
                "or an entry before it was removed or inserted"
            )
    if len(breaks) > len(shown):
        out.append(f"handling log: {len(breaks) - len(shown)} more tickets with a broken chain")
    return out


def columns_of(have: set[str]) -> str:
    """COLUMNS for a log table with the columns ``have``: an older file's (a backup's) with
    its authors' names, and NULL args before generated lines were stored so."""
    out = COLUMNS if "author_id" in have else COLUMNS.replace(_AUTHOR, "author")
    return out if "args" in have else out.replace("args", "NULL AS args")


def check_sqlite(conn: sqlite3.Connection) -> list[str]:
    """Chain problems of the file open on ``conn`` (schema 13 on)."""
    have = {str(r[1]) for r in conn.execute("PRAGMA table_info(log_entry)")}
    cursor = conn.execute(f"SELECT {columns_of(have)} FROM log_entry ORDER BY id")
    try:
        breaks = verify_rows(cursor)
    finally:
        cursor.close()

    def describe(ids: list[int]) -> dict[int, tuple[Any, ...]]:
        sql = describe_sql("?", ids, author_ids="author_id" in have)
        rows = conn.execute(sql, ids).fetchall()
        return {int(r[0]): tuple(r[1:]) for r in rows}

    return report(breaks, describe)


def check_server(db: pw.Database) -> list[str]:
    """Chain problems of a PostgreSQL database, read in one snapshot (REPEATABLE READ)."""
    with db.atomic("REPEATABLE READ"):
        columns = columns_of({c.name for c in db.get_columns("log_entry")})
        select = f'SELECT {columns} FROM "log_entry"'
        breaks = verify_rows(row for page in _pages(db, select) for row in page)

        def describe(ids: list[int]) -> dict[int, tuple[Any, ...]]:
            cursor = db.execute_sql(describe_sql(db.param, ids), ids)
            rows = cursor.fetchall()
            cursor.close()
            return {int(r[0]): tuple(r[1:]) for r in rows}

        return report(breaks, describe)
