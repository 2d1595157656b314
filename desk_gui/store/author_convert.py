"""Schema 21: the handling log's authors as ids into ``log_author`` (``store.log_authors``),
and the follow-up index over the tickets that follow one up only.

The names go into ``log_author`` in the order they first wrote. On SQLite the log is copied
once into a table of the new shape, in id order (one pass instead of a column added, filled
and dropped: two), its ticket index built once after and its append-only guard made again;
the file is rewritten with 16 KiB pages at the migration's VACUUM. PostgreSQL gets the same
schema in place: a column added and filled with the guard disabled, the old one dropped.

Nothing the chain covers changes: it hashes the name (``domain.log_chain``), which every reader
takes back from ``log_author``; no chain value is recomputed.
"""

from __future__ import annotations

import peewee as pw

# Frozen SQL of this step (schema as it was when the step was written).
_AUTHOR_TABLE = {
    "sqlite": 'CREATE TABLE "log_author" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"name" VARCHAR(64) NOT NULL)',
    "postgres": 'CREATE TABLE "log_author" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"name" VARCHAR(64) NOT NULL)',
}
_AUTHOR_INDEX = 'CREATE UNIQUE INDEX "log_author_name" ON "log_author" ("name")'
_FILL_AUTHORS = (
    'INSERT INTO "log_author" ("name") '
    'SELECT "author" FROM "log_entry" GROUP BY "author" ORDER BY min("id")'
)
_SQLITE_LOG = (
    'CREATE TABLE "log_entry" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"ticket_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, '
    '"author_id" INTEGER NOT NULL REFERENCES "log_author" ("id"), "kind" VARCHAR(16) NOT NULL, '
    '"text" TEXT NOT NULL, "text_en" TEXT, "chain" BLOB, "args" TEXT, '
    'FOREIGN KEY ("ticket_id") REFERENCES "ticket" ("id") ON DELETE RESTRICT)'
)
_SQLITE_STEPS: tuple[str, ...] = (
    'DROP TRIGGER IF EXISTS "log_entry_no_update"',
    'DROP TRIGGER IF EXISTS "log_entry_no_delete"',
    'DROP INDEX IF EXISTS "log_entry_ticket_id"',
    'ALTER TABLE "log_entry" RENAME TO "log_entry_v20"',
    _SQLITE_LOG,
    'INSERT INTO "log_entry" ("id", "ticket_id", "at", "author_id", "kind", "text", "text_en", '
    '"chain", "args") SELECT l."id", l."ticket_id", l."at", a."id", l."kind", l."text", '
    'l."text_en", l."chain", l."args" FROM "log_entry_v20" l '
    'JOIN "log_author" a ON a."name" = l."author" ORDER BY l."id"',
    'DROP TABLE "log_entry_v20"',
    'CREATE INDEX "log_entry_ticket_id" ON "log_entry" ("ticket_id")',
    'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
    "BEGIN SELECT RAISE(ABORT, 'log_entry is append-only'); END",
    'CREATE TRIGGER "log_entry_no_delete" BEFORE DELETE ON "log_entry" '
    "BEGIN SELECT RAISE(ABORT, 'log_entry is append-only'); END",
    'CREATE TRIGGER "log_author_no_update" BEFORE UPDATE ON "log_author" '
    "BEGIN SELECT RAISE(ABORT, 'log_entry is append-only'); END",
    'CREATE TRIGGER "log_author_no_delete" BEFORE DELETE ON "log_author" '
    "BEGIN SELECT RAISE(ABORT, 'log_entry is append-only'); END",
)
_POSTGRES_STEPS: tuple[str, ...] = (
    'ALTER TABLE "log_entry" ADD COLUMN "author_id" INTEGER REFERENCES "log_author" ("id")',
    'ALTER TABLE "log_entry" DISABLE TRIGGER "log_entry_no_update"',
    'UPDATE "log_entry" l SET "author_id" = a."id" FROM "log_author" a WHERE a."name" = l."author"',
    'ALTER TABLE "log_entry" ENABLE TRIGGER "log_entry_no_update"',
    'ALTER TABLE "log_entry" ALTER COLUMN "author_id" SET NOT NULL',
    'ALTER TABLE "log_entry" DROP COLUMN "author"',
    'CREATE TRIGGER "log_author_no_update" BEFORE UPDATE ON "log_author" '
    "FOR EACH ROW EXECUTE FUNCTION log_entry_guard()",
    'CREATE TRIGGER "log_author_no_delete" BEFORE DELETE ON "log_author" '
    "FOR EACH ROW EXECUTE FUNCTION log_entry_guard()",
)
_FOLLOW_UP_INDEX: tuple[str, ...] = (
    'DROP INDEX IF EXISTS "ticket_follow_up_of"',
    'CREATE INDEX "ticket_follow_up_of" ON "ticket" ("follow_up_of") '
    'WHERE "follow_up_of" IS NOT NULL',
)


def convert(db: pw.Database) -> None:
    """The step on either engine; on a log that has its authors' ids already (a file stamped
    back to an older version), only the index is made again."""
    sqlite = isinstance(db, pw.SqliteDatabase)
    done = "author_id" in {c.name for c in db.get_columns("log_entry")}
    statements = (
        ()
        if done
        else (
            _AUTHOR_TABLE["sqlite" if sqlite else "postgres"],
            _AUTHOR_INDEX,
            _FILL_AUTHORS,
            *(_SQLITE_STEPS if sqlite else _POSTGRES_STEPS),
        )
    ) + _FOLLOW_UP_INDEX
    for sql in statements:
        db.execute_sql(sql)
