"""Appending to the handling log: each entry chained to its ticket's last one.

SQLite writes one transaction at a time anyway; on PostgreSQL an advisory lock per ticket (held
to commit) makes two writers of one ticket take turns, so each reads the head the other wrote,
while writers of different tickets never wait for each other.
"""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from desk_gui.domain.log_chain import GENESIS, ChainWalker, entry_hash
from desk_gui.domain.log_chain import stored as kept
from desk_gui.domain.log_render import texts
from desk_gui.store.database import current_database, is_sqlite, write_transaction
from desk_gui.store.log_authors import id_of, name_sql
from desk_gui.store.models import LogEntry

_AUTHOR = name_sql('"author_id"')
CHAIN_LOCK_CLASS = 0x4C4F47  # "LOG": pg_advisory_xact_lock(class, ticket id)


def generated_text(db: pw.Database, zh: str) -> str:
    """What ``text`` holds beside a generated line's args: nothing on SQLite (its search index
    keeps its own copy); the Chinese on PostgreSQL, whose search reads the column itself."""
    return "" if is_sqlite(db) else zh


def head(ticket_id: int) -> bytes | None:
    """The full chain value of the ticket's last chained entry (None for a ticket without one).

    The log keeps a prefix of each value (``domain.log_chain.STORED_LENGTH``), so the chain is
    walked again over the ticket's entries: a few dozen hashes, inside the writing transaction.
    An entry without a value (slipped in by hand) is not part of the chain.
    """
    db = current_database()
    cursor = db.execute_sql(
        f'SELECT "at", {_AUTHOR}, "kind", "text", "text_en", "args" FROM "log_entry" '
        f'WHERE "ticket_id" = {db.param} AND "chain" IS NOT NULL ORDER BY "id"',
        (ticket_id,),
    )
    walker = ChainWalker()
    for at, author, kind, text, text_en, args in cursor.fetchall():
        zh, en = texts(text, text_en, args)
        walker.hash(ticket_id, at, author, kind, zh, en)
    cursor.close()
    return walker.heads.get(ticket_id)


def append(
    ticket_id: int,
    at: datetime,
    author: str,
    kind: str,
    text: str,
    text_en: str | None,
    args: str | None = None,
) -> None:
    """Insert one entry chained to the ticket's last one.

    With ``args`` (a generated line, ``domain.log_render``) only they are stored, and the
    chain covers the texts they render to (what every reader sees).
    """
    if args is not None:
        text, text_en = texts(text, text_en, args)
    with write_transaction() as db:
        if not is_sqlite(db):
            db.execute_sql(
                "SELECT pg_advisory_xact_lock(%s, %s)", (CHAIN_LOCK_CLASS, ticket_id)
            ).close()
        prev = head(ticket_id)
        value = entry_hash(prev or GENESIS, ticket_id, at, author, kind, text, text_en)
        stored = (generated_text(db, text), None) if args is not None else (text, text_en)
        LogEntry.insert(
            ticket=ticket_id,
            at=at,
            author_id=id_of(db, author),
            kind=kind,
            text=stored[0],
            text_en=stored[1],
            args=args,
            chain=kept(value),
        ).execute()
