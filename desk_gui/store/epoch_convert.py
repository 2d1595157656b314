"""Schema 20 on SQLite: the times of the tickets and their handling log as seconds, the log's
kinds as one-letter codes (``domain.log_kind_codes``).

A time stored as the text ``YYYY-MM-DD HH:MM:SS`` takes 19 bytes in the row and again in every
index over it; as seconds (``domain.epoch``) it is a 4-byte integer. The models read both forms
(``store.times``); this step rewrites every value once, so a file holds one form. PostgreSQL
keeps its timestamp columns (its size is not a file on a share).

The hash chain of the log covers the time as ``canonical_at`` writes it, which reads seconds as
the same datetime, and the kind's word, which a code is read back as: no chain value changes.
"""

from __future__ import annotations

import peewee as pw

from desk_gui.store import rollup_sql

# Frozen SQL of this step (schema as it was when the step was written).
TICKET_TIMES: tuple[str, ...] = (
    "submitted_at", "resolved_at", "respond_due", "resolve_due", "next_update_due", "next_due",
    "first_response_at", "closed_at", "waiting_until", "waiting_since", "created_at",
    "updated_at",
)  # fmt: skip
_OPEN = "WHERE \"status\" IN ('pending', 'in_progress')"
_NEVER = "253402300799"  # 9999-12-31 23:59:59: no deadline sorts after every deadline
TIME_INDEXES: tuple[str, ...] = (
    'CREATE INDEX "ticket_q_submitted_at" ON "ticket" ("submitted_at", "id", "status")',
    f'CREATE INDEX "ticket_qo_submitted_at" ON "ticket" ("submitted_at", "id", "status") {_OPEN}',
    f'CREATE INDEX "ticket_q_next_due" ON "ticket" (COALESCE("next_due", {_NEVER}), "id", '
    '"status")',
    f'CREATE INDEX "ticket_qo_next_due" ON "ticket" (COALESCE("next_due", {_NEVER}), "id", '
    f'"status") {_OPEN}',
    'CREATE INDEX "ticket_updated_at" ON "ticket" ("updated_at")',
    'CREATE INDEX "ticket_qo_assignee_due" ON "ticket" ("assignee", "next_due", "priority", '
    f'"status") {_OPEN}',
    'CREATE INDEX "ticket_l1_taken" ON "ticket" ("first_response_at", "assignee", "status", '
    '"tier") WHERE "status" = \'in_progress\' AND "tier" = \'l1\'',
    'CREATE INDEX "ticket_resolved_at" ON "ticket" ("resolved_at")',
    'CREATE INDEX "ticket_closed_at" ON "ticket" ("closed_at")',
)
"""The ticket's indexes over a time: dropped before the values change, built again after (one
sorted build each instead of a million entries moved), the next-due sentinel as seconds."""


def seconds_sql(column: str) -> str:
    """SQL of a stored time as seconds: whole seconds an INTEGER, with a fraction a REAL; a
    value that is not a time's text (a number already, or unreadable) as it is."""
    c = f'"{column}"'
    whole = f"CAST(strftime('%s', substr({c}, 1, 19)) AS INTEGER)"
    return (
        f"CASE WHEN typeof({c}) != 'text' OR strftime('%s', substr({c}, 1, 19)) IS NULL "
        f"THEN {c} WHEN length({c}) <= 19 THEN {whole} "
        f"ELSE {whole} + CAST('0' || substr({c}, 20) AS REAL) END"
    )


def _update_sql(table: str, columns: tuple[str, ...]) -> str:
    sets = ", ".join(f'"{c}" = {seconds_sql(c)}' for c in columns)
    where = " OR ".join(f"typeof(\"{c}\") = 'text'" for c in columns)
    return f'UPDATE "{table}" SET {sets} WHERE {where}'


_LOG_GUARD = (
    'CREATE TRIGGER "log_entry_no_update" BEFORE UPDATE ON "log_entry" '
    "BEGIN SELECT RAISE(ABORT, 'log_entry is append-only'); END"
)


KIND_CODES: tuple[tuple[str, str], ...] = (
    ("created", "c"), ("note", "n"), ("status", "s"), ("assign", "a"), ("priority", "p"),
    ("tier", "t"), ("escalate", "e"), ("progress", "g"), ("edit", "d"), ("resolve", "r"),
    ("feedback", "f"), ("close", "x"), ("reopen", "o"), ("attachment", "m"), ("wait", "w"),
    ("import", "i"), ("follow_up", "u"), ("kb", "k"),
)  # fmt: skip
"""The log kinds' one-letter codes (``domain.log_kind_codes`` as this step wrote them)."""


def _kind_sql() -> str:
    whens = " ".join(f"WHEN '{word}' THEN '{code}'" for word, code in KIND_CODES)
    return f'"kind" = CASE "kind" {whens} ELSE "kind" END'


def _index_name(sql: str) -> str:
    return sql.split('"')[1]


def convert_sqlite(db: pw.SqliteDatabase) -> None:
    """Every time of the tickets and the log as seconds, every log kind as its code. The review report's triggers would
    count each rewritten ticket out and in again: they are dropped and made again reading
    seconds (the totals themselves do not change); the log's append-only guard is lifted for
    this step only."""
    for name in rollup_sql.TRIGGER_NAMES:
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    for sql in TIME_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{_index_name(sql)}"')
    db.execute_sql(_update_sql("ticket", TICKET_TIMES))
    for sql in TIME_INDEXES:
        db.execute_sql(sql)
    for sql in rollup_sql.sqlite_triggers():
        db.execute_sql(sql)
    db.execute_sql('DROP TRIGGER "log_entry_no_update"')
    db.execute_sql(f'UPDATE "log_entry" SET "at" = {seconds_sql("at")}, {_kind_sql()}')
    db.execute_sql(_LOG_GUARD)
