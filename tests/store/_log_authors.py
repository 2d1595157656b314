"""Test helpers for schema 21's log authors: their names read from a file of either shape, and
a current file's log turned back into schema 20's (names in the log, no ``log_author``)."""

from __future__ import annotations

import sqlite3

from desk_gui.store import schema
from desk_gui.store.log_authors import name_sql

AUTHOR = name_sql("author_id")
"""SQL of a log entry's author's name (schema 21 on)."""

_V20_LOG = (
    'CREATE TABLE "log_entry" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"ticket_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "author" VARCHAR(64) NOT NULL, '
    '"kind" VARCHAR(16) NOT NULL, "text" TEXT NOT NULL, "text_en" TEXT, "chain" BLOB, '
    '"args" TEXT, FOREIGN KEY ("ticket_id") REFERENCES "ticket" ("id") ON DELETE RESTRICT)'
)
_COLUMNS = "id, ticket_id, at, {author}, kind, text, text_en, chain, args"


def author_sql(conn: sqlite3.Connection) -> str:
    """SQL of the author's name in the log of the file open on ``conn``, of either shape."""
    have = {str(r[1]) for r in conn.execute("PRAGMA table_info(log_entry)")}
    return AUTHOR if "author_id" in have else "author"


def names_back(conn: sqlite3.Connection) -> None:
    """The log as schema 20 kept it (each entry its author's name), the follow-up index whole;
    the caller stamps the version."""
    for name in (*schema.LOG_TRIGGER_NAMES, *schema.AUTHOR_TRIGGER_NAMES):
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    conn.execute('DROP INDEX "log_entry_ticket_id"')
    conn.execute('ALTER TABLE "log_entry" RENAME TO "log_entry_v21"')
    conn.execute(_V20_LOG)
    conn.execute(
        f"INSERT INTO log_entry ({_COLUMNS.format(author='author')}) "
        f"SELECT {_COLUMNS.format(author=AUTHOR)} FROM log_entry_v21 ORDER BY id"
    )
    conn.execute("DROP TABLE log_entry_v21")
    conn.execute("DROP TABLE log_author")
    conn.execute('CREATE INDEX "log_entry_ticket_id" ON "log_entry" ("ticket_id")')
    for sql in schema.SQLITE_LOG_TRIGGERS:
        conn.execute(sql)
    conn.execute('DROP INDEX "ticket_follow_up_of"')
    conn.execute('CREATE INDEX "ticket_follow_up_of" ON "ticket" ("follow_up_of")')
