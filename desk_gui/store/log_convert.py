"""The migration that stores generated handling-log lines as template and values (``args``).

Every line with both a Chinese and an English text is matched against ``domain.log_render``'s
templates; where rendering the values found gives back both texts exactly, the line keeps only
its args (and, on PostgreSQL, its Chinese for the search there). Any other line stays as it is.

The chain values are not touched: the chain covers the rendered texts (``store.log_chain``),
which equal the old ones by construction. A log tampered with before the migration therefore
still fails the check at the same entry after it; nothing is recomputed, nothing laundered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import peewee as pw

from desk_gui.domain.log_render import parse
from desk_gui.store import schema

PAGE = 20_000
_MEMO_LIMIT = 200_000
"""Distinct (text, text_en) pairs remembered: generated lines recur by the million."""

# Frozen SQL of this step (schema as it was when the step was written).
_SQLITE_STATEMENTS: tuple[str, ...] = (
    'ALTER TABLE "log_entry" ADD COLUMN "args" TEXT',
    'DROP INDEX IF EXISTS "log_entry_ticket_id_at"',
    'CREATE INDEX "log_entry_ticket_id" ON "log_entry" ("ticket_id")',
)
_SQLITE_NO_UPDATE = (
    'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
    f"BEGIN SELECT RAISE(ABORT, '{schema.LOG_GUARD_MESSAGE}'); END"
)


def _converted(db: pw.Database) -> Iterator[list[tuple[str, int]]]:
    """(args, id) of the lines a template renders exactly, a page at a time, in id order."""
    memo: dict[tuple[str, str], str | None] = {}
    last = 0
    select = (
        'SELECT "id", "text", "text_en" FROM "log_entry" '
        f'WHERE "id" > {db.param} AND "text_en" IS NOT NULL ORDER BY "id" LIMIT {PAGE}'
    )
    while True:
        cursor = db.execute_sql(select, (last,))
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        cursor.close()
        if not rows:
            return
        page = []
        for entry_id, text, text_en in rows:
            key = (str(text), str(text_en))
            if key in memo:
                args = memo[key]
            else:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                args = memo[key] = parse(*key)
            if args is not None:
                page.append((args, int(entry_id)))
        yield page
        last = int(rows[-1][0])


def convert_sqlite(db: pw.SqliteDatabase) -> int:
    """Schema step on SQLite; returns how many lines were converted."""
    for sql in _SQLITE_STATEMENTS:
        db.execute_sql(sql)
    # The append-only guard refuses the UPDATE: lifted for this step only.
    db.execute_sql('DROP TRIGGER "log_entry_no_update"')
    done = 0
    for page in _converted(db):
        db.cursor().executemany(
            """UPDATE "log_entry" SET "text" = '', "text_en" = NULL, "args" = ? WHERE "id" = ?""",
            page,
        )
        done += len(page)
    db.execute_sql(_SQLITE_NO_UPDATE)
    return done


def convert_postgres(db: pw.Database) -> int:
    """Schema step on PostgreSQL (the Chinese stays in ``text``); returns the lines converted."""
    db.execute_sql('ALTER TABLE "log_entry" ADD COLUMN "args" TEXT')
    db.execute_sql('DROP INDEX IF EXISTS "log_entry_ticket_id_at"')
    db.execute_sql('CREATE INDEX "log_entry_ticket_id" ON "log_entry" ("ticket_id")')
    db.execute_sql(
        'CREATE TEMPORARY TABLE "log_args" ("id" BIGINT PRIMARY KEY, "args" TEXT) ON COMMIT DROP'
    )
    done = 0
    for page in _converted(db):
        for start in range(0, len(page), 1000):
            part = page[start : start + 1000]
            marks = ", ".join(["(%s, %s)"] * len(part))
            values = [v for args, entry_id in part for v in (entry_id, args)]
            db.execute_sql(f'INSERT INTO "log_args" VALUES {marks}', values).close()
        done += len(page)
    db.execute_sql('ALTER TABLE "log_entry" DISABLE TRIGGER "log_entry_no_update"')
    db.execute_sql(
        'UPDATE "log_entry" l SET "text_en" = NULL, "args" = a."args" '
        'FROM "log_args" a WHERE l."id" = a."id"'
    )
    db.execute_sql('ALTER TABLE "log_entry" ENABLE TRIGGER "log_entry_no_update"')
    return done
