"""SQL shared by the schema and its queries: queue sort expressions, their indexes, the log guard.

The queue sorts on these exact expressions so that SQLite matches them to the expression
indexes; change one only together with a migration that recreates its index.

PostgreSQL sorts on the same expressions with two differences (``postgres=True``): text compares
in the "C" collation, so the order is code-point order as in SQLite and Python whatever locale
the server was created with; the no-deadline sentinel is a typed TIMESTAMP literal, so a bound
NULL on the keyset's side still compares with a timestamp.
"""

from __future__ import annotations

FTS_TABLE = "ticket_fts"
FTS_COLUMNS: tuple[str, ...] = (
    "number",
    "title",
    "description",
    "log",
    "solution",
    "requester",
    "department",
)

OPEN_STATUSES: tuple[str, ...] = ("pending", "in_progress")
OPEN_STATUS_SQL = "\"status\" IN ('pending', 'in_progress')"
"""The default queue filter, literal so SQLite can prove the partial indexes apply."""

# Sort key → SQL template over one column ({c}); NULLs become a sentinel so every key is a
# plain comparable value (next_due: no deadline sorts after every deadline; assignee:
# unassigned sorts before every name), which keeps keyset paging a single row-value compare.
SORT_TEMPLATES: dict[str, tuple[str, str]] = {
    "number": ("number", "{c}"),
    "title": ("title", "{c}"),
    "department": ("department", "{c}"),
    "requester": ("requester", "{c}"),
    "category": ("category", "{c}"),
    "priority": ("priority", "{c}"),  # 'p1' < 'p4' is already the meaning
    "urgency": (
        "urgency",
        "(CASE {c} WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 0 END)",
    ),
    "status": (
        "status",
        "(CASE {c} WHEN 'pending' THEN 1 WHEN 'in_progress' THEN 2"
        " WHEN 'resolved' THEN 3 WHEN 'closed' THEN 4 ELSE 0 END)",
    ),
    "assignee": ("assignee", "COALESCE({c}, '')"),
    "submitted_at": ("submitted_at", "{c}"),
    "next_due": ("next_due", "COALESCE({c}, 253402300799)"),  # 9999-12-31 23:59:59 as seconds
}


_PG_TEXT_KEYS = frozenset(
    ("number", "title", "department", "requester", "category", "priority", "assignee")
)
PG_SORT_TEMPLATES: dict[str, tuple[str, str]] = {
    key: (
        column,
        f'({template} COLLATE "C")'
        if key in _PG_TEXT_KEYS
        else template.replace("253402300799", "TIMESTAMP '9999-12-31 23:59:59'"),
    )
    for key, (column, template) in SORT_TEMPLATES.items()
}


def sort_template(key: str, *, postgres: bool = False) -> tuple[str, str]:
    """(column, template over {c}) of a queue sort key on SQLite or PostgreSQL."""
    return (PG_SORT_TEMPLATES if postgres else SORT_TEMPLATES)[key]


def sort_sql(key: str, *, postgres: bool = False) -> str:
    """The SQL expression a queue sort key orders by."""
    column, template = sort_template(key, postgres=postgres)
    return template.format(c=f'"{column}"')


def queue_index_sql(*, postgres: bool = False) -> list[str]:
    """Per sort key: an index on (expression, id) and a partial one over open tickets only.

    Both carry status last, so a status filter is tested inside the index while walking it
    (no read of each skipped ticket row) and a count of open tickets reads only the small one.
    PostgreSQL wants an expression other than a column or a call in parentheses.
    """
    out: list[str] = []
    for key in SORT_TEMPLATES:
        expr = sort_sql(key, postgres=postgres)
        if postgres:
            expr = f"({expr})"
        out.append(f'CREATE INDEX "ticket_q_{key}" ON "ticket" ({expr}, "id", "status")')
        out.append(
            f'CREATE INDEX "ticket_qo_{key}" ON "ticket" ({expr}, "id", "status") '
            f"WHERE {OPEN_STATUS_SQL}"
        )
    out.append('CREATE INDEX "ticket_updated_at" ON "ticket" ("updated_at")')
    return out


IN_PROGRESS_L1_SQL = "\"status\" = 'in_progress' AND \"tier\" = 'l1'"
"""Tickets the L1 30-minute escalation rule watches; literal for the partial index."""


def triage_index_sql() -> list[str]:
    """Indexes of schema 3: reminders per handler and due time, open load, the 30-minute rule.

    ``ticket_qo_assignee_due`` serves "my (or nobody's) open tickets due in a window" and, as
    a covering index, the weighted open load per assignee and the count of the supervisor's
    overdue-or-unassigned view. Like the queue indexes they carry the columns of their partial
    WHERE, so SQLite tests it inside the index and can treat the index as covering.
    """
    return [
        'CREATE INDEX "ticket_qo_assignee_due" ON "ticket" '
        f'("assignee", "next_due", "priority", "status") WHERE {OPEN_STATUS_SQL}',
        'CREATE INDEX "ticket_l1_taken" ON "ticket" '
        f'("first_response_at", "assignee", "status", "tier") WHERE {IN_PROGRESS_L1_SQL}',
    ]


LOG_GUARD_MESSAGE = "log_entry is append-only"

SQLITE_LOG_TRIGGERS: tuple[str, ...] = (
    'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
    f"BEGIN SELECT RAISE(ABORT, '{LOG_GUARD_MESSAGE}'); END",
    'CREATE TRIGGER "log_entry_no_delete" BEFORE DELETE ON "log_entry" '
    f"BEGIN SELECT RAISE(ABORT, '{LOG_GUARD_MESSAGE}'); END",
)
LOG_TRIGGER_NAMES: tuple[str, ...] = ("log_entry_no_update", "log_entry_no_delete")

POSTGRES_LOG_TRIGGERS: tuple[str, ...] = (
    "CREATE FUNCTION log_entry_guard() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{LOG_GUARD_MESSAGE}'; END $$",
    'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
    "FOR EACH ROW EXECUTE FUNCTION log_entry_guard()",
    'CREATE TRIGGER "log_entry_no_delete" BEFORE DELETE ON "log_entry" '
    "FOR EACH ROW EXECUTE FUNCTION log_entry_guard()",
)

NOTIFY_CHANNEL = "desk_changes"
"""PostgreSQL: the channel every committed write notifies (see store/changes.py)."""
NOTIFY_TABLES: tuple[str, ...] = (
    "setting",
    "staff",
    "ticket",
    "log_entry",
    "attachment",
    "edit_lock",
    "reminder",
)
"""Tables whose writes wake the ChangeWatcher; a new table the window shows belongs here."""


def postgres_notify_sql(tables: tuple[str, ...] = NOTIFY_TABLES) -> list[str]:
    """A statement trigger per table that notifies NOTIFY_CHANNEL; delivered at commit only.

    The payload is constant, so PostgreSQL folds a transaction's notifications into one.
    """
    out = [
        "CREATE OR REPLACE FUNCTION desk_notify_change() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_notify('{NOTIFY_CHANNEL}', ''); RETURN NULL; END $$"
    ]
    out.extend(
        f'CREATE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
        f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION desk_notify_change()'
        for table in tables
    )
    return out


FTS_DOC_TABLE = "ticket_fts_doc"
"""Per ticket, the index row as indexed (zlib): what a contentless index needs to delete it."""

SQLITE_FTS_SQL = (
    f'CREATE VIRTUAL TABLE "{FTS_TABLE}" USING fts5({", ".join(FTS_COLUMNS)}, '
    "content='', tokenize='unicode61 remove_diacritics 2')"
)
"""Contentless (schema 7): the tickets and their log already hold the text; storing it again
in the index cost 1 GB at 1M tickets."""
SQLITE_FTS_DOC_SQL = (
    f'CREATE TABLE "{FTS_DOC_TABLE}" ("id" INTEGER NOT NULL PRIMARY KEY, "doc" BLOB NOT NULL)'
)


PG_SEARCH_COLUMNS: tuple[str, ...] = (
    "number",
    "title",
    "description",
    "solution",
    "requester",
    "department",
)
PG_SEARCH_EXPR = "(" + " || ' ' || ".join(f'"{c}"' for c in PG_SEARCH_COLUMNS) + ")"
"""PostgreSQL: the searchable columns as one text; a query word holds no space, so a word found
in it is found in one column, as before. ``||`` on text is immutable, so it can be indexed."""


def postgres_search_sql() -> list[str]:
    """pg_trgm GIN indexes for ILIKE '%word%' over the tickets and the log (schema 8).

    pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    """
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f'CREATE INDEX "ticket_search_trgm" ON "ticket" USING gin ({PG_SEARCH_EXPR} gin_trgm_ops)',
        'CREATE INDEX "log_entry_text_trgm" ON "log_entry" USING gin ("text" gin_trgm_ops)',
    ]


KB_FTS_TABLE = "kb_fts"
KB_PG_TABLE = "kb_index"
KB_COLUMNS: tuple[str, ...] = ("title", "keywords", "body")
"""The article index (schema 10): each column holds its field's tokens (domain.kb_match)."""


def kb_index_sql(*, postgres: bool = False) -> list[str]:
    """SQLite: an FTS5 table ranked with bm25; PostgreSQL: the same tokens in a plain table."""
    if not postgres:
        return [
            f'CREATE VIRTUAL TABLE "{KB_FTS_TABLE}" USING fts5({", ".join(KB_COLUMNS)}, '
            "tokenize='unicode61 remove_diacritics 0')"
        ]
    return [
        f'CREATE TABLE "{KB_PG_TABLE}" ("article_id" INTEGER NOT NULL PRIMARY KEY '
        'REFERENCES "kb_article" ("id") ON DELETE CASCADE, "title" TEXT NOT NULL, '
        '"keywords" TEXT NOT NULL, "body" TEXT NOT NULL, "length" INTEGER NOT NULL)'
    ]


# The review report's periods (schema 11): tickets resolved or closed within a period.
REPORT_INDEX_SQL: tuple[str, ...] = (
    'CREATE INDEX "ticket_resolved_at" ON "ticket" ("resolved_at")',
    'CREATE INDEX "ticket_closed_at" ON "ticket" ("closed_at")',
)


FTS_KEEP_TRIGGERS: tuple[str, ...] = ("ticket_fts_keep", "ticket_fts_keep_deleted")
_FTS_KEPT = ("number", "title", "description", "solution", "requester", "department")


def sqlite_fts_keep_sql() -> list[str]:
    """Schema 17: when a ticket's indexed fields change (or the ticket goes) while its index row
    is saved as a reference to the row (``search_rows``), save the fields as they were indexed.

    Only the first change after an indexing saves anything: the reference is a blob ``R<n>``
    (X'52' is "R"; older copies start with "L" or zlib's "x"), the saved form text. The next
    ``reindex_ticket`` deletes with those values and saves a bare reference again.
    """
    saved = ", ".join(f'old."{c}"' for c in _FTS_KEPT)
    body = (
        f'UPDATE "{FTS_DOC_TABLE}" SET "doc" = CAST("doc" AS TEXT) || json_array({saved}) '
        'WHERE "id" = old."id" AND typeof("doc") = \'blob\' AND substr("doc", 1, 1) = X\'52\''
    )
    changed = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in _FTS_KEPT)
    return [
        f'CREATE TRIGGER "{FTS_KEEP_TRIGGERS[0]}" AFTER UPDATE ON "ticket" '
        f"WHEN {changed} BEGIN {body}; END",
        f'CREATE TRIGGER "{FTS_KEEP_TRIGGERS[1]}" AFTER DELETE ON "ticket" BEGIN {body}; END',
    ]


FOLLOW_UP_INDEX_SQL = (
    'CREATE INDEX "ticket_follow_up_of" ON "ticket" ("follow_up_of") '
    'WHERE "follow_up_of" IS NOT NULL'
)
"""Schema 21: a closed ticket's follow-ups (``follow_up_of = ?``, which implies NOT NULL, so
both engines use it); the few tickets that follow one up, not a NULL entry per ticket."""

SQLITE_PAGE_SIZE = 16384
"""Bytes a page of a SQLite file (schema 21; 4096 before): less space left over in each page
of the wide ticket rows, fewer pages of index interior. New files get it at creation, a
migrated one at its VACUUM."""

AUTHOR_TABLE = "log_author"
AUTHOR_TRIGGER_NAMES: tuple[str, ...] = ("log_author_no_update", "log_author_no_delete")
SQLITE_AUTHOR_TRIGGERS: tuple[str, ...] = tuple(
    f'CREATE TRIGGER "{name}" BEFORE {event} ON "{AUTHOR_TABLE}" '
    f"BEGIN SELECT RAISE(ABORT, '{LOG_GUARD_MESSAGE}'); END"
    for name, event in zip(AUTHOR_TRIGGER_NAMES, ("UPDATE", "DELETE"), strict=True)
)
"""The log's names are append-only too: the chain covers the name, not its id."""
POSTGRES_AUTHOR_TRIGGERS: tuple[str, ...] = tuple(
    f'CREATE TRIGGER "{name}" BEFORE {event} ON "{AUTHOR_TABLE}" '
    "FOR EACH ROW EXECUTE FUNCTION log_entry_guard()"
    for name, event in zip(AUTHOR_TRIGGER_NAMES, ("UPDATE", "DELETE"), strict=True)
)
