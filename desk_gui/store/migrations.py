"""The schema version in ``meta`` and the ordered migrations that reach it.

A new file gets the latest schema straight from the models (``create_latest``); an existing file
at version N runs ``MIGRATIONS[N:]``, each step in one transaction together with its version
stamp, after a backup copy of the file. Migration steps hold frozen SQL: they describe the schema
as it was, so later model changes never alter what an old step does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import peewee as pw

from desk_gui import __version__
from desk_gui.store import (
    author_convert,
    epoch_convert,
    log_chain,
    log_convert,
    pg_roles,
    rollup_sql,
    schema,
    slim_convert,
)
from desk_gui.store.errors import NotDeskDatabase, SchemaTooNew
from desk_gui.store.models import (
    ALL_MODELS,
    Account,
    AuditEvent,
    KbArticle,
    KbEditLock,
    KbLink,
    KbRevision,
    Meta,
    Problem,
    ProblemAction,
    ProblemTicket,
    Reminder,
    TicketLink,
)
from desk_gui.store.search_rows import write_index_rows
from desk_gui.store.sqlite_file import copy_database_file

VERSION_KEY = "schema_version"
CREATED_BY_KEY = "created_by"
MIGRATED_BY_KEY = "migrated_by"


@dataclass(frozen=True)
class Migration:
    """One step from ``version - 1`` to ``version``."""

    version: int
    description: str
    apply: Callable[[pw.Database], None]
    vacuum: bool = False  # SQLite: frees enough to rewrite the file once the steps are done


def _run(db: pw.Database, statements: list[str] | tuple[str, ...]) -> None:
    for sql in statements:
        db.execute_sql(sql)


# Version 1 as peewee generated it for SQLite; frozen on purpose (see module docstring).
_V1_TABLES: tuple[str, ...] = (
    'CREATE TABLE "meta" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "setting" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "updated_by" VARCHAR(64) NOT NULL)',
    'CREATE TABLE "staff" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(64) NOT NULL, '
    '"tier" VARCHAR(16) NOT NULL, "skills" VARCHAR(128) NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "staff_name" ON "staff" ("name")',
    'CREATE TABLE "daily_sequence" ("day_key" VARCHAR(32) NOT NULL PRIMARY KEY, '
    '"last" INTEGER NOT NULL)',
    'CREATE TABLE "ticket" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(32) NOT NULL, '
    '"title" VARCHAR(64) NOT NULL, "department" VARCHAR(128) NOT NULL, '
    '"description" TEXT NOT NULL, "urgency" VARCHAR(16) NOT NULL, '
    '"requester" VARCHAR(64) NOT NULL, "contact" VARCHAR(128) NOT NULL, '
    '"submitted_at" DATETIME NOT NULL, "status" VARCHAR(16) NOT NULL, '
    '"assignee" VARCHAR(64), "solution" TEXT NOT NULL, "resolved_at" DATETIME, '
    '"feedback_resolved" INTEGER, "satisfaction" VARCHAR(16), "feedback_score" INTEGER, '
    '"remarks" TEXT NOT NULL, "category" VARCHAR(16) NOT NULL, "impact" VARCHAR(16) NOT NULL, '
    '"channel" VARCHAR(16) NOT NULL, "priority" VARCHAR(4) NOT NULL, '
    '"tier" VARCHAR(16) NOT NULL, "respond_due" DATETIME, "resolve_due" DATETIME, '
    '"next_update_due" DATETIME, "next_due" DATETIME, "first_response_at" DATETIME, '
    '"closed_at" DATETIME, "close_reason" TEXT NOT NULL, '
    '"device_model" VARCHAR(128) NOT NULL, "os" VARCHAR(128) NOT NULL, '
    '"software_version" VARCHAR(128) NOT NULL, "error_code" VARCHAR(128) NOT NULL, '
    '"waiting_on" VARCHAR(16), "waiting_contact" VARCHAR(128) NOT NULL, '
    '"waiting_until" DATETIME, "waiting_since" DATETIME, "paused_seconds" INTEGER NOT NULL, '
    '"escalation_count" INTEGER NOT NULL, "reopen_count" INTEGER NOT NULL, '
    '"version" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, "updated_by" VARCHAR(64) NOT NULL)',
    'CREATE UNIQUE INDEX "ticket_number" ON "ticket" ("number")',
    'CREATE TABLE "log_entry" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"ticket_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "author" VARCHAR(64) NOT NULL, '
    '"kind" VARCHAR(16) NOT NULL, "text" TEXT NOT NULL, FOREIGN KEY ("ticket_id") '
    'REFERENCES "ticket" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "log_entry_ticket_id" ON "log_entry" ("ticket_id")',
    'CREATE INDEX "log_entry_ticket_id_at" ON "log_entry" ("ticket_id", "at")',
    'CREATE TABLE "attachment" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"ticket_id" INTEGER NOT NULL, "filename" VARCHAR(255) NOT NULL, '
    '"mime" VARCHAR(128) NOT NULL, "size" INTEGER NOT NULL, "data" BLOB NOT NULL, '
    '"added_at" DATETIME NOT NULL, "added_by" VARCHAR(64) NOT NULL, FOREIGN KEY ("ticket_id") '
    'REFERENCES "ticket" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "attachment_ticket_id" ON "attachment" ("ticket_id")',
    'CREATE TABLE "edit_lock" ("ticket_id" INTEGER NOT NULL PRIMARY KEY, '
    '"holder" VARCHAR(64) NOT NULL, "workstation" VARCHAR(128) NOT NULL, '
    '"acquired_at" DATETIME NOT NULL, "expires_at" DATETIME NOT NULL, FOREIGN KEY ("ticket_id") '
    'REFERENCES "ticket" ("id") ON DELETE CASCADE)',
)


# The full-text table of versions 1 to 6 (it kept a copy of the indexed text); frozen.
_V1_FTS_SQL = (
    'CREATE VIRTUAL TABLE "ticket_fts" USING fts5(number, title, description, log, solution, '
    "requester, department, tokenize='unicode61 remove_diacritics 2')"
)


def _v1_initial(db: pw.Database) -> None:
    """Tables, the append-only log guard and the full-text index."""
    if not isinstance(db, pw.SqliteDatabase):
        # Server databases are only ever created at the latest version (create_latest).
        raise NotImplementedError("migration 1 exists for SQLite files only")
    _run(db, _V1_TABLES)
    _run(db, schema.SQLITE_LOG_TRIGGERS)
    db.execute_sql(_V1_FTS_SQL)


def _v2_queue_indexes(db: pw.Database) -> None:
    """Indexes that let the 1M-ticket queue open on any sort column in milliseconds."""
    _run(db, schema.queue_index_sql())


# Version 3's new table as peewee generated it for SQLite; frozen on purpose.
_V3_TABLES: tuple[str, ...] = (
    'CREATE TABLE "reminder" ("id" INTEGER NOT NULL PRIMARY KEY, "ticket_id" INTEGER NOT NULL, '
    '"kind" VARCHAR(16) NOT NULL, "due_at" DATETIME NOT NULL, "operator" VARCHAR(64) NOT NULL, '
    '"workstation" VARCHAR(128) NOT NULL, "claimed_at" DATETIME NOT NULL, '
    '"snoozed_until" DATETIME, "acknowledged_at" DATETIME, FOREIGN KEY ("ticket_id") '
    'REFERENCES "ticket" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "reminder_ticket_id_kind_due_at_operator" ON "reminder" '
    '("ticket_id", "kind", "due_at", "operator")',
)


def _v3_reminders(db: pw.Database) -> None:
    """Reminder claims (one per ticket, kind, due time and operator) and the triage indexes."""
    if isinstance(db, pw.SqliteDatabase):
        _run(db, _V3_TABLES)
    else:
        # A server database made at version 2: the table as the model describes it today.
        with db.bind_ctx([Reminder]):
            db.create_tables([Reminder], safe=False)
    _run(db, schema.triage_index_sql())


def _v4_log_english(db: pw.Database) -> None:
    """The handling log's English text of generated lines (older lines keep only Chinese)."""
    # Adding a nullable column leaves every existing row and the append-only guard as they are.
    db.execute_sql('ALTER TABLE "log_entry" ADD COLUMN "text_en" TEXT')


# Version 5 as peewee generates it from the model; frozen on purpose.
_V5_STATEMENTS: tuple[str, ...] = (
    'ALTER TABLE "ticket" ADD COLUMN "follow_up_of" INTEGER REFERENCES "ticket" ("id")',
    'CREATE INDEX "ticket_follow_up_of" ON "ticket" ("follow_up_of")',
)


def _v5_follow_ups(db: pw.Database) -> None:
    """A ticket may follow up a closed one; the index finds a closed ticket's follow-ups."""
    # A nullable column: existing tickets follow up nothing, the log guard is untouched.
    _run(db, _V5_STATEMENTS)


def _v6_drop_prefix_index(db: pw.Database) -> None:
    """Drop log_entry(ticket_id): a prefix of the (ticket_id, at) index (132 MB at 1M tickets)."""
    db.execute_sql('DROP INDEX IF EXISTS "log_entry_ticket_id"')


_V7_FTS_COLUMNS = "number, title, description, log, solution, requester, department"
_V7_STATEMENTS: tuple[str, ...] = (
    'ALTER TABLE "ticket_fts" RENAME TO "ticket_fts_v6"',
    f'CREATE VIRTUAL TABLE "ticket_fts" USING fts5({_V7_FTS_COLUMNS}, '
    "content='', tokenize='unicode61 remove_diacritics 2')",
    'CREATE TABLE "ticket_fts_doc" ("id" INTEGER NOT NULL PRIMARY KEY, "doc" BLOB NOT NULL)',
)


def _v7_contentless_search(db: pw.Database) -> None:
    """The search index without its copy of the text (the file shrinks at the VACUUM after).

    The rows move over as they were indexed (no re-tokenising: the same tokens), each also
    saved compressed in ticket_fts_doc, which a contentless index needs to delete a row.
    """
    if not isinstance(db, pw.SqliteDatabase):
        return  # PostgreSQL has no full-text table
    _run(db, _V7_STATEMENTS)
    select = f'SELECT rowid, {_V7_FTS_COLUMNS} FROM "ticket_fts_v6" WHERE rowid > ? ORDER BY rowid'
    last = 0
    while True:
        cursor = db.execute_sql(select + " LIMIT 5000", (last,))
        rows = [tuple("" if v is None else v for v in r) for r in cursor.fetchall()]
        cursor.close()
        if not rows:
            break
        write_index_rows(db, rows)
        last = int(rows[-1][0])
    db.execute_sql('DROP TABLE "ticket_fts_v6"')


def _v8_postgres_search(db: pw.Database) -> None:
    """PostgreSQL: trigram indexes for search (SQLite has its full-text table)."""
    if not isinstance(db, pw.SqliteDatabase):
        _run(db, schema.postgres_search_sql())


def _v16_postgres_tokens(db: pw.Database) -> None:
    """PostgreSQL: search by the SQLite index's tokens (pg_search) instead of trigrams."""
    if isinstance(db, pw.SqliteDatabase):
        return
    from desk_gui.store import pg_search  # PostgreSQL only: not imported to open a file

    _run(db, pg_search.create_sql())
    # search imports database, which imports this module: the one step that needs it imports late.
    from desk_gui.store.search import index_rows_after

    pg_search.fill(db, index_rows_after)
    pg_roles.refresh_grants(db)  # agents write the new tables on every save


def _v17_slim(db: pw.Database) -> None:
    """SQLite: the log keeps a prefix of each chain value, the search index's saved copies
    become references to the ticket where they equal it (store.slim_convert)."""
    if isinstance(db, pw.SqliteDatabase):
        slim_convert.convert_sqlite(db)


def _v18_postgres_trigrams(db: pw.Database) -> None:
    """PostgreSQL: every search row written again, with its CJK trigrams (pg_search.row_of)."""
    if isinstance(db, pw.SqliteDatabase):
        return
    from desk_gui.store import pg_search  # PostgreSQL only: not imported to open a file
    from desk_gui.store.search import index_rows_after  # late, as in _v16_postgres_tokens

    pg_search.fill(db, index_rows_after)


# Version 19: the search rows written again into an empty table with narrow rows (both arrays
# in TOAST, pg_search.NARROW_SQL), its GIN index built once after (updating it row by row is
# slower); frozen on purpose.
_V19_BEFORE = (
    'ALTER TABLE "ticket_search" SET (toast_tuple_target = 128)',
    'DROP INDEX IF EXISTS "ticket_search_tokens"',
    'TRUNCATE "ticket_search"',
)
_V19_AFTER = (
    "SET LOCAL maintenance_work_mem = '256MB'",
    'CREATE INDEX IF NOT EXISTS "ticket_search_tokens" ON "ticket_search" USING gin ("tokens")',
)


def _v19(db: pw.Database) -> None:
    """Both engines: every search row written again, once.

    A generated log line gives only the values a person typed or named (``search.said``,
    ``log_render.SEARCHED``), not its labels. PostgreSQL's rows are also narrow, with their
    CJK 4-grams and the joins of a word and a CJK character (``pg_search.row_of``): one step,
    so a million rows are written once, not twice."""
    from desk_gui.store import search  # late, as in _v16_postgres_tokens

    if isinstance(db, pw.SqliteDatabase):
        search.rewrite_sqlite_index(db)
        return
    from desk_gui.store import pg_search  # PostgreSQL only: not imported to open a file

    _run(db, _V19_BEFORE)
    pg_search.fill(db, search.index_rows_after)
    _run(db, _V19_AFTER)


def _v20_epoch(db: pw.Database) -> None:
    """SQLite: the tickets' and the log's times as seconds (``store.epoch_convert``)."""
    if isinstance(db, pw.SqliteDatabase):
        epoch_convert.convert_sqlite(db)


def _v21_log_authors(db: pw.Database) -> None:
    """Both engines: the log's authors as ids into ``log_author``, the follow-up index partial
    (``store.author_convert``); PostgreSQL: agents may add a name. SQLite: 16 KiB pages at the
    VACUUM after (``migrate``)."""
    author_convert.convert(db)
    if not isinstance(db, pw.SqliteDatabase):
        pg_roles.refresh_grants(db)  # an agent's first log line adds its name


# Version 9 as peewee generates it from the model (both engines alike); frozen on purpose.
_V9_TABLES: tuple[str, ...] = (
    'CREATE TABLE "intake_token" ("token" VARCHAR(64) NOT NULL PRIMARY KEY, '
    '"ticket_id" INTEGER NOT NULL, FOREIGN KEY ("ticket_id") REFERENCES "ticket" ("id") '
    "ON DELETE CASCADE)",
)


def _v9_intake_tokens(db: pw.Database) -> None:
    """The new-ticket form's id of each save, so a retry after a hung share saves once."""
    _run(db, _V9_TABLES)


# Version 10 as peewee generated it for SQLite, and the article index; frozen on purpose.
_V10_TABLES: tuple[str, ...] = (
    'CREATE TABLE "kb_article" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(128) NOT NULL, '
    '"symptom" TEXT NOT NULL, "cause" TEXT NOT NULL, "solution" TEXT NOT NULL, '
    '"category" VARCHAR(16) NOT NULL, "keywords" TEXT NOT NULL, "applies_to" TEXT NOT NULL, '
    '"status" VARCHAR(16) NOT NULL, "author" VARCHAR(64) NOT NULL, "version" INTEGER NOT NULL, '
    '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
    '"updated_by" VARCHAR(64) NOT NULL)',
    'CREATE INDEX "kb_article_status" ON "kb_article" ("status")',
    'CREATE TABLE "kb_revision" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, '
    '"version" INTEGER NOT NULL, "title" VARCHAR(128) NOT NULL, "symptom" TEXT NOT NULL, '
    '"cause" TEXT NOT NULL, "solution" TEXT NOT NULL, "category" VARCHAR(16) NOT NULL, '
    '"keywords" TEXT NOT NULL, "applies_to" TEXT NOT NULL, "edited_at" DATETIME NOT NULL, '
    '"edited_by" VARCHAR(64) NOT NULL, FOREIGN KEY ("article_id") REFERENCES "kb_article" ("id") '
    "ON DELETE CASCADE)",
    'CREATE INDEX "kb_revision_article_id" ON "kb_revision" ("article_id")',
    'CREATE TABLE "kb_link" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL, '
    '"ticket_id" INTEGER NOT NULL, "kind" VARCHAR(16) NOT NULL, "at" DATETIME NOT NULL, '
    '"by" VARCHAR(64) NOT NULL, FOREIGN KEY ("article_id") REFERENCES "kb_article" ("id") '
    'ON DELETE CASCADE, FOREIGN KEY ("ticket_id") REFERENCES "ticket" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "kb_link_ticket_id" ON "kb_link" ("ticket_id")',
    'CREATE UNIQUE INDEX "kb_link_article_id_ticket_id_kind" ON "kb_link" '
    '("article_id", "ticket_id", "kind")',
    'CREATE TABLE "ticket_link" ("id" INTEGER NOT NULL PRIMARY KEY, "ticket_id" INTEGER NOT NULL, '
    '"other_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "by" VARCHAR(64) NOT NULL, '
    'FOREIGN KEY ("ticket_id") REFERENCES "ticket" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("other_id") REFERENCES "ticket" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "ticket_link_other_id" ON "ticket_link" ("other_id")',
    'CREATE UNIQUE INDEX "ticket_link_ticket_id_other_id" ON "ticket_link" ("ticket_id", "other_id")',
    'CREATE TABLE "kb_edit_lock" ("article_id" INTEGER NOT NULL PRIMARY KEY, '
    '"holder" VARCHAR(64) NOT NULL, "workstation" VARCHAR(128) NOT NULL, '
    '"acquired_at" DATETIME NOT NULL, "expires_at" DATETIME NOT NULL, FOREIGN KEY ("article_id") '
    'REFERENCES "kb_article" ("id") ON DELETE CASCADE)',
    'CREATE VIRTUAL TABLE "kb_fts" USING fts5(title, keywords, body, '
    "tokenize='unicode61 remove_diacritics 0')",
)


def _v10_knowledge_base(db: pw.Database) -> None:
    """Knowledge-base articles, their revisions, ticket links, linked tickets, article index."""
    if isinstance(db, pw.SqliteDatabase):
        _run(db, _V10_TABLES)
        return
    models = [KbArticle, KbRevision, KbLink, TicketLink, KbEditLock]
    with db.bind_ctx(models):
        db.create_tables(models, safe=False)
    _run(db, schema.kb_index_sql(postgres=True))


# Version 11 as peewee generates it for SQLite; frozen on purpose.
_V11_TABLES: tuple[str, ...] = (
    'CREATE TABLE "problem" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(32) NOT NULL, '
    '"title" VARCHAR(128) NOT NULL, "match_key" VARCHAR(128) NOT NULL, '
    '"status" VARCHAR(16) NOT NULL, "whys" TEXT NOT NULL, "workaround" TEXT NOT NULL, '
    '"permanent_fix" TEXT NOT NULL, "created_at" DATETIME NOT NULL, '
    '"created_by" VARCHAR(64) NOT NULL, "updated_at" DATETIME NOT NULL, '
    '"updated_by" VARCHAR(64) NOT NULL, "closed_at" DATETIME, "version" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "problem_number" ON "problem" ("number")',
    'CREATE TABLE "problem_ticket" ("problem_id" INTEGER NOT NULL, '
    '"ticket_id" INTEGER NOT NULL, "linked_at" DATETIME NOT NULL, '
    '"linked_by" VARCHAR(64) NOT NULL, PRIMARY KEY ("problem_id", "ticket_id"), '
    'FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("ticket_id") REFERENCES "ticket" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "problem_ticket_ticket_id" ON "problem_ticket" ("ticket_id")',
    'CREATE TABLE "problem_action" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"problem_id" INTEGER NOT NULL, "what" TEXT NOT NULL, "owner" VARCHAR(64) NOT NULL, '
    '"due" DATE, "status" VARCHAR(16) NOT NULL, "check_result" TEXT NOT NULL, '
    '"updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("problem_id") REFERENCES "problem" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "problem_action_problem_id" ON "problem_action" ("problem_id")',
)


def _v11_problems(db: pw.Database) -> None:
    """Problem records (tickets grouped under a problem, its 5-Why chain and actions), and
    the review report's indexes: tickets resolved or closed within a period."""
    if isinstance(db, pw.SqliteDatabase):
        _run(db, _V11_TABLES)
    else:
        # A server database: the tables as the models describe them (as version 3 does).
        with db.bind_ctx([Problem, ProblemTicket, ProblemAction]):
            db.create_tables([Problem, ProblemTicket, ProblemAction], safe=False)
    _run(db, schema.REPORT_INDEX_SQL)


# Version 12's tables as peewee generated them for SQLite; frozen on purpose.
_V12_TABLES: tuple[str, ...] = (
    'CREATE TABLE "account" ("staff_id" INTEGER NOT NULL PRIMARY KEY, '
    '"role" VARCHAR(16) NOT NULL, "password_hash" VARCHAR(255) NOT NULL, '
    '"failed_attempts" INTEGER NOT NULL, "locked_until" DATETIME, "disabled" INTEGER NOT NULL, '
    '"must_change" INTEGER NOT NULL, "changed_at" DATETIME NOT NULL, FOREIGN KEY ("staff_id") '
    'REFERENCES "staff" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "audit_event" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, '
    '"action" VARCHAR(32) NOT NULL, "desk_user" VARCHAR(64) NOT NULL, '
    '"os_user" VARCHAR(128) NOT NULL, "workstation" VARCHAR(128) NOT NULL, '
    '"target" TEXT NOT NULL, "detail" TEXT NOT NULL, "ok" INTEGER NOT NULL)',
    'CREATE INDEX "audit_event_at" ON "audit_event" ("at")',
)


def _v12_accounts(db: pw.Database) -> None:
    """Staff accounts (role, password hash, lock-out) and the audit trail."""
    if isinstance(db, pw.SqliteDatabase):
        _run(db, _V12_TABLES)
    else:
        # A server database made at version 8: the tables as the models describe them today.
        with db.bind_ctx([Account, AuditEvent]):
            db.create_tables([Account, AuditEvent], safe=False)


def _v13_log_chain(db: pw.Database) -> None:
    """The handling log's hash chain: a column, every existing entry's value computed."""
    if isinstance(db, pw.SqliteDatabase):
        db.execute_sql('ALTER TABLE "log_entry" ADD COLUMN "chain" BLOB')
        # The append-only guard refuses the UPDATE that fills the column: lifted for this step.
        db.execute_sql('DROP TRIGGER "log_entry_no_update"')
        log_chain.fill_sqlite(db)
        db.execute_sql(schema.SQLITE_LOG_TRIGGERS[0])
    else:
        db.execute_sql('ALTER TABLE "log_entry" ADD COLUMN "chain" BYTEA')
        log_chain.fill_postgres(db)


def _v14_report_totals(db: pw.Database) -> None:
    """The review report's per-day totals, their triggers, and the totals of every ticket
    (anything of theirs already there is replaced: the step may run again safely)."""
    postgres = not isinstance(db, pw.SqliteDatabase)
    _run(db, rollup_sql.drop_sql(postgres=postgres))
    _run(db, rollup_sql.schema_sql(postgres=postgres))


def _v15_log_args(db: pw.Database) -> None:
    """Generated log lines stored once as template and values (store.log_convert)."""
    if isinstance(db, pw.SqliteDatabase):
        log_convert.convert_sqlite(db)
    else:
        log_convert.convert_postgres(db)


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _v1_initial),
    Migration(2, "queue sort indexes", _v2_queue_indexes),
    Migration(3, "reminders and triage indexes", _v3_reminders),
    Migration(4, "English text of handling-log lines", _v4_log_english),
    Migration(5, "follow-up tickets of closed ones", _v5_follow_ups),
    Migration(6, "drop the log index that repeats a prefix of another", _v6_drop_prefix_index),
    Migration(7, "search index without a copy of the text", _v7_contentless_search, vacuum=True),
    Migration(8, "PostgreSQL: trigram search indexes", _v8_postgres_search),
    Migration(9, "intake tokens: a retried new-ticket save finds its ticket", _v9_intake_tokens),
    Migration(10, "knowledge base", _v10_knowledge_base),
    Migration(11, "problem records and improvement actions", _v11_problems),
    Migration(12, "staff accounts and the audit trail", _v12_accounts),
    Migration(13, "hash chain of the handling log", _v13_log_chain),
    Migration(14, "the review report's per-day totals", _v14_report_totals),
    Migration(15, "generated log lines as kind and values", _v15_log_args, vacuum=True),
    Migration(
        16, "PostgreSQL: search by tokens, Chinese of any length indexed", _v16_postgres_tokens
    ),
    Migration(
        17, "a smaller file: short chain values, search copies by reference", _v17_slim, vacuum=True
    ),
    Migration(18, "PostgreSQL: CJK trigrams among the search tokens", _v18_postgres_trigrams),
    Migration(
        19,
        "search what people typed, not a generated line's labels; PostgreSQL: narrow rows with "
        "CJK 4-grams and word-to-CJK joins",
        _v19,
        vacuum=True,
    ),
    Migration(
        20,
        "SQLite: times as seconds and log kinds as letters, a smaller file",
        _v20_epoch,
        vacuum=True,
    ),
    Migration(
        21,
        "the log's authors once, a partial follow-up index, 16 KiB pages: a smaller file",
        _v21_log_authors,
        vacuum=True,
    ),
]
SCHEMA_VERSION: int = MIGRATIONS[-1].version


def create_latest(db: pw.Database) -> None:
    """The current schema on an empty database, from the models (no migration chain)."""
    with db.bind_ctx(ALL_MODELS):
        db.create_tables(ALL_MODELS, safe=False)
    postgres = not isinstance(db, pw.SqliteDatabase)
    if postgres:
        _run(db, schema.POSTGRES_LOG_TRIGGERS)
        _run(db, schema.POSTGRES_AUTHOR_TRIGGERS)
        _run(db, schema.postgres_notify_sql())
    else:
        _run(db, schema.SQLITE_LOG_TRIGGERS)
        _run(db, schema.SQLITE_AUTHOR_TRIGGERS)
        db.execute_sql(schema.SQLITE_FTS_SQL)
        db.execute_sql(schema.SQLITE_FTS_DOC_SQL)
        _run(db, schema.sqlite_fts_keep_sql())
    _run(db, schema.kb_index_sql(postgres=postgres))
    _run(db, schema.queue_index_sql(postgres=postgres))
    _run(db, schema.triage_index_sql())
    if postgres:
        from desk_gui.store import pg_search  # PostgreSQL only: not imported to open a file

        _run(db, pg_search.create_sql())
    _run(db, schema.REPORT_INDEX_SQL)
    _run(db, rollup_sql.schema_sql(postgres=postgres))
    db.execute_sql(schema.FOLLOW_UP_INDEX_SQL)


def _user_tables(db: pw.Database) -> list[str]:
    return [t for t in db.get_tables() if not t.startswith("sqlite_")]


def schema_version(db: pw.Database) -> int:
    """The file's schema version; 0 for an empty database; NotDeskDatabase for a foreign one."""
    tables = _user_tables(db)
    if not tables:
        return 0
    if Meta._meta.table_name not in tables:
        raise NotDeskDatabase("not a Desk database (no meta table)")
    cursor = db.execute_sql(f'SELECT "value" FROM "meta" WHERE "key" = {db.param}', (VERSION_KEY,))
    row = cursor.fetchone()
    cursor.close()
    if row is None:
        raise NotDeskDatabase("not a Desk database (no schema version)")
    try:
        return int(row[0])
    except ValueError as exc:
        raise NotDeskDatabase(f"bad schema version {row[0]!r}") from exc


def check_version(db: pw.Database) -> int:
    """The schema version, refusing a file written by a newer program."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"schema {version} > {SCHEMA_VERSION}")
    return version


def _stamp(db: pw.Database, version: int, *, fresh: bool) -> None:
    rows = [{"key": VERSION_KEY, "value": str(version)}]
    rows.append({"key": CREATED_BY_KEY if fresh else MIGRATED_BY_KEY, "value": __version__})
    with db.bind_ctx([Meta]):
        for row in rows:
            Meta.insert(row).on_conflict(
                conflict_target=[Meta.key], update={Meta.value: row["value"]}
            ).execute()


def backup_path(src: Path, version: int, backup_dir: Path | None = None) -> Path:
    """Where the copy made before migrating ``src`` from ``version`` goes."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backup_dir if backup_dir is not None else src.parent
    candidate = folder / f"{src.stem}.v{version}-{stamp}.bak{src.suffix}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{src.stem}.v{version}-{stamp}-{n}.bak{src.suffix}"
    return candidate


def _backup_before(db: pw.SqliteDatabase, version: int, backup_dir: Path | None) -> Path:
    src = Path(db.database)
    backup = backup_path(src, version, backup_dir)
    backup.parent.mkdir(parents=True, exist_ok=True)
    copy_database_file(src, backup)
    return backup


_PG_MIGRATION_LOCK = 0x4445534B  # "DESK"


def _serialise(db: pw.Database) -> None:
    """Make concurrent migrations wait for each other (SQLite: BEGIN IMMEDIATE already did).

    PostgreSQL's DDL takes no lock on a table that does not exist yet, so two workstations
    creating the schema at once would collide; a transaction-scoped advisory lock queues them.
    """
    if not isinstance(db, pw.SqliteDatabase):
        db.execute_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})").close()


def migrate(
    db: pw.Database, *, backup_dir: Path | None = None, target: int | None = None
) -> Path | None:
    """Bring ``db`` to ``target`` (default SCHEMA_VERSION); return the backup made, if any."""
    goal = SCHEMA_VERSION if target is None else target
    version = check_version(db)
    if version >= goal:
        return None
    if version == 0 and goal == SCHEMA_VERSION:
        with db.atomic():
            _serialise(db)
            # Another workstation may have created the schema while we waited for the lock.
            if schema_version(db) == 0:
                create_latest(db)
                _stamp(db, SCHEMA_VERSION, fresh=True)
        return None
    if not isinstance(db, pw.SqliteDatabase):
        _run_steps(db, goal)  # queued per step by the advisory lock; no file to copy
        return None
    # One write lock over the copy and every step: a workstation that waited for it finds the
    # file migrated and neither copies nor migrates again (each step stays atomic with its
    # stamp as a savepoint; readers may read meanwhile, so the copy's connection can).
    with db.atomic():
        current = schema_version(db)
        if current >= goal:
            return None
        backup = _backup_before(db, current, backup_dir) if current > 0 else None
        vacuum = _run_steps(db, goal)
    if vacuum:
        # Outside any transaction; the backup was made before. An older file's pages become
        # the size new files get (schema 21).
        db.execute_sql(f"PRAGMA page_size = {schema.SQLITE_PAGE_SIZE}")
        db.execute_sql("VACUUM")
    return backup


def _run_steps(db: pw.Database, goal: int) -> bool:
    """The steps up to ``goal`` not done yet, each atomic with its stamp; whether to VACUUM."""
    vacuum = False
    for step in MIGRATIONS:
        if step.version > goal:
            break
        with db.atomic():
            _serialise(db)
            if schema_version(db) >= step.version:
                continue  # done meanwhile by another workstation (PostgreSQL)
            step.apply(db)
            _stamp(db, step.version, fresh=step.version == 1)
            vacuum = vacuum or step.vacuum
    return vacuum
