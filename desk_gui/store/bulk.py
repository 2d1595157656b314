"""Bulk loading into SQLite: secondary indexes dropped for the load and rebuilt once after it.

Inserting a million tickets while SQLite keeps two dozen queue indexes up to date costs a
random B-tree insert per index and row; building each index afterwards is one sort (about a
second per index at a million tickets). ``bulk_load`` runs the whole load as one transaction
that drops the plain secondary indexes of the given tables first and recreates them, from the
very SQL ``sqlite_master`` held, at the end. An exception (or a crash: the rollback journal)
rolls everything back, the drops included, so the file never lacks an index. UNIQUE indexes
and primary keys stay: they are constraints, not just access paths.

PostgreSQL keeps its indexes and gets no enclosing transaction: the caller's own transactions
(one per batch) run as they would without ``bulk_load``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import peewee as pw

from desk_gui.store.database import current_database, is_sqlite, write_transaction

BULK_CACHE_KIB = 256 * 1024
"""Page cache during a load (256 MB): the UNIQUE index and the FTS segments stay in memory."""
BULK_SORT_THREADS = 2
"""Helper threads of SQLite's sorter while the indexes are rebuilt."""


def secondary_indexes(db: pw.Database, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX sql) of the non-unique, explicitly created indexes on ``tables``."""
    marks = ", ".join("?" * len(tables))
    cursor = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY rowid",
        tuple(tables),
    )
    rows = [(str(name), str(sql)) for name, sql in cursor.fetchall()]
    cursor.close()
    return [(name, sql) for name, sql in rows if not _is_unique(sql)]


def _is_unique(sql: str) -> bool:
    return sql.split(None, 2)[1].upper() == "UNIQUE"


def _pragma(db: pw.Database, name: str, value: object | None = None) -> object:
    sql = f"PRAGMA {name}" if value is None else f"PRAGMA {name} = {value}"
    cursor = db.execute_sql(sql)
    row = cursor.fetchone()
    cursor.close()
    return row[0] if row else None


@contextlib.contextmanager
def bulk_load(tables: Sequence[str] = ("ticket", "log_entry")) -> Iterator[None]:
    """One transaction in which ``tables`` carry no secondary index until the body is done."""
    db = current_database()
    if not is_sqlite(db):
        yield
        return
    cache, threads = _pragma(db, "cache_size"), _pragma(db, "threads")
    _pragma(db, "cache_size", -BULK_CACHE_KIB)
    try:
        with write_transaction():
            dropped = secondary_indexes(db, tables)
            for name, _sql in dropped:
                db.execute_sql(f'DROP INDEX "{name}"')
            yield
            # The sorter sizes its in-memory runs by the cache: the usual one keeps memory flat.
            _pragma(db, "cache_size", cache)
            _pragma(db, "threads", BULK_SORT_THREADS)
            for _name, sql in dropped:
                db.execute_sql(sql)
    finally:
        _pragma(db, "threads", threads)
        _pragma(db, "cache_size", cache)
