"""The handling log's authors (schema 21): each entry keeps its author's ``log_author`` id.

A million-ticket file has ten million log entries and a dozen names: the names once, in an
append-only table, and a one-byte id an entry save 70 MB. The chain still covers the name
(``domain.log_chain``), so every reader takes the name back: ``name_sql`` in SQL, and every
writer turns names into ids inside its write transaction with ``ids_of``.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from desk_gui.store.schema import AUTHOR_TABLE


def name_sql(column: str) -> str:
    """SQL of the author's name of the entry whose ``author_id`` column is ``column``."""
    return f'(SELECT "name" FROM "{AUTHOR_TABLE}" WHERE "id" = {column})'


def ids_of(db: pw.Database, names: Iterable[str]) -> dict[str, int]:
    """Each name's id, a new name added; call it inside the transaction that writes the
    entries (an id read in a transaction that rolls back may name someone else after)."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    found = _select(db, wanted)
    missing = [n for n in wanted if n not in found]
    if missing:
        db.cursor().executemany(
            f'INSERT INTO "{AUTHOR_TABLE}" ("name") VALUES ({db.param}) '
            'ON CONFLICT ("name") DO NOTHING',
            [(n,) for n in missing],
        )
        found.update(_select(db, missing))
    return found


def id_of(db: pw.Database, name: str) -> int:
    """The id of one name, added if new (``ids_of``)."""
    return ids_of(db, [name])[name]


def _select(db: pw.Database, names: list[str]) -> dict[str, int]:
    marks = ", ".join([db.param] * len(names))
    cursor = db.execute_sql(
        f'SELECT "name", "id" FROM "{AUTHOR_TABLE}" WHERE "name" IN ({marks})', names
    )
    found = {str(name): int(i) for name, i in cursor.fetchall()}
    cursor.close()
    return found
