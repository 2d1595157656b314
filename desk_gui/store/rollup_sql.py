"""The review report's per-day totals and the triggers that keep them (schema 14).

Every figure the report counts is a sum over days, and every period starts and ends at
midnight, so per-day totals answer a year in a few hundred rows, exactly:

- ``report_day``: per day, what the tickets submitted that day count (received, escalated,
  response deadlines, first responses and their elapsed seconds), what the tickets resolved that
  day count (resolved, reopened, first-contact, resolution deadlines, satisfaction, scores,
  elapsed seconds) and the tickets closed that day;
- ``report_span``: tickets per (submission day, resolution day or '' while unresolved): the
  backlog at any midnight and its aging;
- ``report_value``: tickets submitted per day per category, department, priority, assignee and
  channel (the breakdowns);
- ``report_title``: tickets submitted per day per title (the top problems).

Triggers on ``ticket`` (SQLite and PostgreSQL alike) take a row's old contribution away and add
its new one on every insert, update of a counted column and delete, so no write path (a save,
a status change, an import's ``executemany``, a migration) can leave them behind. A ticket
counts when ``COUNTED`` holds for it: the one place to change if tickets ever become visible
later than they are inserted (then the trigger must also fire on that column).

The SQL is frozen with the migration that created it (store/migrations.py, version 14); on
SQLite it reads a time as text or as seconds (schema 20, ``store.times``) alike.
"""

from __future__ import annotations

COUNTED = "1 = 1"
"""Which ticket rows the totals count, over the row variable ``{r}``."""

DAY_COLUMNS: tuple[str, ...] = (
    "received", "escalated", "response_due_known", "response_met", "responded",
    "response_seconds", "resolved", "reopened", "fcr", "resolution_due_known", "resolution_met",
    "csat_answers", "csat_satisfied", "csat_basic", "csat_dissatisfied", "score_answers",
    "score_sum", "resolution_seconds", "closed",
)  # fmt: skip

VALUE_DIMENSIONS: tuple[str, ...] = ("category", "department", "priority", "assignee", "channel")

TRIGGER_COLUMNS: tuple[str, ...] = (
    "submitted_at", "first_response_at", "respond_due", "escalation_count", "resolved_at",
    "reopen_count", "tier", "resolve_due", "satisfaction", "feedback_score", "closed_at",
    "category", "department", "priority", "assignee", "channel", "title",
)  # fmt: skip
"""The ticket columns a total depends on: an update touching none of them changes nothing."""

TRIGGER_NAMES: tuple[str, ...] = (
    "ticket_report_insert", "ticket_report_update", "ticket_report_delete",
)  # fmt: skip

TABLES: tuple[str, ...] = (
    'CREATE TABLE "report_day" ("day" VARCHAR(10) NOT NULL PRIMARY KEY, '
    + ", ".join(f'"{c}" BIGINT NOT NULL DEFAULT 0' for c in DAY_COLUMNS)
    + ")",
    'CREATE TABLE "report_span" ("submitted_day" VARCHAR(10) NOT NULL, '
    '"resolved_day" VARCHAR(10) NOT NULL, "n" BIGINT NOT NULL DEFAULT 0, '
    'PRIMARY KEY ("submitted_day", "resolved_day"))',
    'CREATE TABLE "report_value" ("day" VARCHAR(10) NOT NULL, "dim" VARCHAR(16) NOT NULL, '
    '"value" VARCHAR(128) NOT NULL, "n" BIGINT NOT NULL DEFAULT 0, '
    'PRIMARY KEY ("day", "dim", "value"))',
    'CREATE TABLE "report_title" ("day" VARCHAR(10) NOT NULL, "title" VARCHAR(64) NOT NULL, '
    '"n" BIGINT NOT NULL DEFAULT 0, PRIMARY KEY ("day", "title"))',
)


def _day(column: str, postgres: bool) -> str:
    if postgres:
        return f"to_char({column}, 'YYYY-MM-DD')"
    return (  # seconds from schema 20 on (store.times), text before
        f"(CASE WHEN typeof({column}) = 'text' THEN substr({column}, 1, 10) "
        f"ELSE date(CAST({column} AS INTEGER), 'unixepoch') END)"
    )


def _sqlite_seconds(column: str) -> str:
    """Whole seconds of a SQLite time: cut from the text (strftime alone rounds .9995 s and up
    to the next second), or the stored seconds without a fraction (schema 20)."""
    return (
        f"(CASE WHEN typeof({column}) = 'text' "
        f"THEN CAST(strftime('%s', substr({column}, 1, 19)) AS INTEGER) "
        f"ELSE CAST({column} AS INTEGER) END)"
    )


def _seconds(start: str, end: str, postgres: bool) -> str:
    """Whole elapsed seconds from ``start`` to ``end``, never negative (as the exact path)."""
    if postgres:
        gap = (
            f"CAST(EXTRACT(EPOCH FROM date_trunc('second', {end})) AS BIGINT) - "
            f"CAST(EXTRACT(EPOCH FROM date_trunc('second', {start})) AS BIGINT)"
        )
        return f"GREATEST(0, {gap})"
    return f"MAX(0, {_sqlite_seconds(end)} - {_sqlite_seconds(start)})"


def _flag(condition: str, sign: int) -> str:
    return f"CASE WHEN {condition} THEN {sign} ELSE 0 END"


def _submitted(r: str, sign: int, pg: bool) -> dict[str, str]:
    responded = f"{r}.first_response_at IS NOT NULL"
    known = f"{responded} AND {r}.respond_due IS NOT NULL"
    seconds = _seconds(f"{r}.submitted_at", f"{r}.first_response_at", pg)
    return {
        "received": str(sign),
        "escalated": _flag(f"{r}.escalation_count > 0", sign),
        "response_due_known": _flag(known, sign),
        "response_met": _flag(f"{known} AND {r}.first_response_at <= {r}.respond_due", sign),
        "responded": _flag(responded, sign),
        "response_seconds": f"CASE WHEN {responded} THEN {sign} * {seconds} ELSE 0 END",
    }


def _resolved(r: str, sign: int, pg: bool) -> dict[str, str]:
    known = f"{r}.resolve_due IS NOT NULL"
    answered = f"{r}.satisfaction IS NOT NULL"
    return {
        "resolved": str(sign),
        "reopened": _flag(f"{r}.reopen_count > 0", sign),
        "fcr": _flag(f"{r}.tier = 'l1' AND {r}.escalation_count = 0", sign),
        "resolution_due_known": _flag(known, sign),
        "resolution_met": _flag(f"{known} AND {r}.resolved_at <= {r}.resolve_due", sign),
        "csat_answers": _flag(answered, sign),
        "csat_satisfied": _flag(f"{r}.satisfaction = 'satisfied'", sign),
        "csat_basic": _flag(f"{r}.satisfaction = 'basic'", sign),
        "csat_dissatisfied": _flag(f"{r}.satisfaction = 'dissatisfied'", sign),
        "score_answers": _flag(f"{r}.feedback_score IS NOT NULL", sign),
        "score_sum": f"{sign} * COALESCE({r}.feedback_score, 0)",
        "resolution_seconds": f"{sign} * {_seconds(f'{r}.submitted_at', f'{r}.resolved_at', pg)}",
    }


def _upsert(table: str, key: dict[str, str], values: dict[str, str], when: str) -> str:
    """INSERT … SELECT … WHERE ``when`` ON CONFLICT add the values (one form for both engines)."""
    columns = ", ".join(f'"{c}"' for c in [*key, *values])
    selected = ", ".join([*key.values(), *values.values()])
    conflict = ", ".join(f'"{c}"' for c in key)
    adds = ", ".join(f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in values)
    return (
        f'INSERT INTO "{table}" ({columns}) SELECT {selected} WHERE {when} '
        f"ON CONFLICT ({conflict}) DO UPDATE SET {adds}"
    )


def contribution(r: str, sign: int, *, postgres: bool) -> list[str]:
    """The statements adding (sign 1) or taking away (-1) the row ``r``'s share of the totals."""
    pg, counted = postgres, COUNTED.format(r=r)
    sub = _day(f"{r}.submitted_at", pg)
    res = _day(f"{r}.resolved_at", pg)
    statements = [
        _upsert("report_day", {"day": sub}, _submitted(r, sign, pg), counted),
        _upsert("report_day", {"day": res}, _resolved(r, sign, pg),
                f"{counted} AND {r}.resolved_at IS NOT NULL"),
        _upsert("report_day", {"day": _day(f"{r}.closed_at", pg)}, {"closed": str(sign)},
                f"{counted} AND {r}.closed_at IS NOT NULL"),
        _upsert("report_span", {"submitted_day": sub, "resolved_day": f"COALESCE({res}, '')"},
                {"n": str(sign)}, counted),
        _upsert("report_title", {"day": sub, "title": f"{r}.title"}, {"n": str(sign)}, counted),
    ]  # fmt: skip
    for dim in VALUE_DIMENSIONS:
        key = {"day": sub, "dim": f"'{dim}'", "value": f"COALESCE({r}.{dim}, '')"}
        statements.append(_upsert("report_value", key, {"n": str(sign)}, counted))
    return statements


def _changed(old: str, new: str, postgres: bool) -> str:
    op = "IS DISTINCT FROM" if postgres else "IS NOT"
    return " OR ".join(f"{old}.{c} {op} {new}.{c}" for c in TRIGGER_COLUMNS)


def sqlite_triggers() -> list[str]:
    """AFTER INSERT / UPDATE (of a counted column) / DELETE triggers on ``ticket``."""

    def body(*parts: tuple[str, int]) -> str:
        statements = [s for r, sign in parts for s in contribution(r, sign, postgres=False)]
        return "BEGIN " + "; ".join(statements) + "; END"

    return [
        f'CREATE TRIGGER "ticket_report_insert" AFTER INSERT ON "ticket" {body(("NEW", 1))}',
        f'CREATE TRIGGER "ticket_report_update" AFTER UPDATE ON "ticket" '
        f"WHEN {_changed('OLD', 'NEW', False)} {body(('OLD', -1), ('NEW', 1))}",
        f'CREATE TRIGGER "ticket_report_delete" AFTER DELETE ON "ticket" {body(("OLD", -1))}',
    ]


def postgres_triggers() -> list[str]:
    """One trigger function (run as its owner, so an agent's login needs no grant on the
    totals) and its insert / update / delete triggers."""
    old = "; ".join(contribution("OLD", -1, postgres=True))
    new = "; ".join(contribution("NEW", 1, postgres=True))
    function = (
        "CREATE FUNCTION ticket_report_rollup() RETURNS trigger LANGUAGE plpgsql "
        "SECURITY DEFINER SET search_path = public AS $$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {old}; END IF; "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {new}; END IF; "
        "RETURN NULL; END $$"
    )
    run = "EXECUTE FUNCTION ticket_report_rollup()"
    return [
        function,
        f'CREATE TRIGGER "ticket_report_insert" AFTER INSERT ON "ticket" FOR EACH ROW {run}',
        f'CREATE TRIGGER "ticket_report_update" AFTER UPDATE ON "ticket" '
        f"FOR EACH ROW WHEN ({_changed('OLD', 'NEW', True)}) {run}",
        f'CREATE TRIGGER "ticket_report_delete" AFTER DELETE ON "ticket" FOR EACH ROW {run}',
    ]


def _added(table: str, key: list[str], values: list[str]) -> str:
    """ON CONFLICT clause adding ``values`` to the row already there."""
    conflict = ", ".join(f'"{c}"' for c in key)
    adds = ", ".join(f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in values)
    return f" ON CONFLICT ({conflict}) DO UPDATE SET {adds}"


def _fill_day(postgres: bool, where: str) -> list[str]:
    """Statements adding up ``report_day`` from the tickets there are (one per kind of day)."""
    pg = postgres
    out = []
    for day_of, parts in (
        ("submitted_at", _submitted("t", 1, pg)),
        ("resolved_at", _resolved("t", 1, pg)),
        ("closed_at", {"closed": "1"}),
    ):
        day = _day(f"t.{day_of}", pg)
        columns = ", ".join(f'"{c}"' for c in parts)
        sums = ", ".join(f"SUM({v})" for v in parts.values())
        out.append(
            f'INSERT INTO "report_day" ("day", {columns}) SELECT {day}, {sums} FROM "ticket" t '
            f"WHERE t.{day_of} IS NOT NULL AND {where} GROUP BY {day}"
            + _added("report_day", ["day"], list(parts))
        )
    return out


def fill_sql(*, postgres: bool, between: bool = False) -> list[str]:
    """Statements that add every ticket's totals to the tables (empty: from scratch).

    ``between``: only the tickets whose id lies between two bound parameters (a bulk publish
    that inserted them with the insert trigger off, store.import_stage)."""
    pg, where = postgres, COUNTED.format(r="t")
    if between:
        mark = "%s" if pg else "?"
        where += f" AND t.id BETWEEN {mark} AND {mark}"
    sub, res = _day("t.submitted_at", pg), _day("t.resolved_at", pg)
    out = _fill_day(pg, where)
    out.append(
        'INSERT INTO "report_span" ("submitted_day", "resolved_day", "n") '
        f"SELECT {sub}, COALESCE({res}, ''), COUNT(*) FROM \"ticket\" t WHERE {where} "
        f"GROUP BY {sub}, COALESCE({res}, '')"
        + _added("report_span", ["submitted_day", "resolved_day"], ["n"])
    )
    out.append(
        'INSERT INTO "report_title" ("day", "title", "n") '
        f'SELECT {sub}, t.title, COUNT(*) FROM "ticket" t WHERE {where} GROUP BY {sub}, t.title'
        + _added("report_title", ["day", "title"], ["n"])
    )
    for dim in VALUE_DIMENSIONS:
        out.append(
            'INSERT INTO "report_value" ("day", "dim", "value", "n") '
            f"SELECT {sub}, '{dim}', COALESCE(t.{dim}, ''), COUNT(*) FROM \"ticket\" t "
            f"WHERE {where} GROUP BY {sub}, COALESCE(t.{dim}, '')"
            + _added("report_value", ["day", "dim", "value"], ["n"])
        )
    return out


def drop_sql(*, postgres: bool) -> list[str]:
    """Statements removing the totals' triggers and tables if they exist."""
    out = [f'DROP TRIGGER IF EXISTS "{name}"' + (' ON "ticket"' if postgres else "")
           for name in TRIGGER_NAMES]  # fmt: skip
    if postgres:
        out.append("DROP FUNCTION IF EXISTS ticket_report_rollup()")
    tables = ("report_day", "report_span", "report_value", "report_title")
    return out + [f'DROP TABLE IF EXISTS "{t}"' for t in tables]


def schema_sql(*, postgres: bool) -> list[str]:
    """Tables, triggers and the totals of the tickets already there."""
    triggers = postgres_triggers() if postgres else sqlite_triggers()
    return [*TABLES, *triggers, *fill_sql(postgres=postgres)]
