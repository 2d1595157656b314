"""The queue's first page read with the standard library alone, before peewee is imported.

At start-up the window shows the first page of its queue as soon as it can (issue 11): this
module opens the SQLite file with ``sqlite3`` (``query_only``: it writes nothing) and reads
the same rows, in the same order, that ``store.queue.fetch_page`` returns for the filter and
sort (tested against it), while the rest of the data layer is still to be imported. It answers None — the start then
takes the full path — whenever that path would do more than read: a server URL, a missing or
foreign file, a schema to migrate (or newer than this program), a WAL journal to switch back,
an office that requires signing in, an operator not on the active staff list (the window
asks), a search text, a locked file, or any other error.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_gui.domain.epoch import from_seconds, to_seconds
from desk_gui.store import schema
from desk_gui.store.queue_types import KNOWN_STATUSES, SOON, QueueFilter, QueueRow, SortKey

SCHEMA_VERSION = 21
"""The schema this program writes: ``store.migrations.SCHEMA_VERSION``, which imports peewee
(a test keeps the two equal). A file at any other version takes the full path."""

MIN_SQLITE = (3, 35, 0)
"""As ``store.database.MIN_SQLITE``: an older library is refused by the full path."""

BUSY_TIMEOUT_S = 2.0
"""A file locked longer than this (another workstation writing) takes the full path."""

ACCESS_KEY = "access"  # services.access.ACCESS_KEY: the office's sign-in switch
VERSION_KEY = "schema_version"  # store.migrations.VERSION_KEY

_COLUMNS = (
    "id",
    "number",
    "title",
    "department",
    "requester",
    "category",
    "priority",
    "urgency",
    "status",
    "assignee",
    "submitted_at",
    "next_due",
    "version",
    "updated_at",
    "waiting_on",
)
_TIMES = frozenset((10, 11, 13))  # submitted_at, next_due, updated_at: peewee DateTimeFields


class FirstPage:
    """The rows of the queue's first page, read for ``operator`` from ``path`` (a plain class:
    a dataclass, or the first NamedTuple, costs a millisecond to define before the first
    paint)."""

    __slots__ = ("operator", "path", "rows")

    def __init__(self, path: str, operator: str, rows: list[QueueRow]) -> None:
        self.path = path
        self.operator = operator
        self.rows = rows


def sqlite_file(target: str) -> Path | None:
    """``target`` as an existing, non-empty SQLite file's path; None for anything else."""
    if not target or "://" in target or target.startswith("file:"):
        return None
    path = Path(target).expanduser().absolute()
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
    except OSError:
        return None
    return path


def read_first_page(
    target: str, operator: str, flt: QueueFilter, sort: SortKey, descending: bool, limit: int
) -> FirstPage | None:
    """The first ``limit`` rows of the queue for ``flt`` and ``sort``, or None (see above)."""
    if sqlite3.sqlite_version_info < MIN_SQLITE or not operator or flt.text.strip():
        return None
    path = sqlite_file(target)
    if path is None:
        return None
    try:
        # The plain path, as the full path opens it (a URI would need its own spelling of a
        # Windows share's \\server\share path); nothing is written: query_only.
        con = sqlite3.connect(os.fspath(path), timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA query_only = ON")
        if not _ready_for(con, operator):
            return None
        rows = _page(con, flt, sort, descending, limit)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()
    return FirstPage(str(path), operator, rows)


def _ready_for(con: sqlite3.Connection, operator: str) -> bool:
    """Whether opening the file would only read: current schema, rollback journal, no
    sign-in, ``operator`` on the active staff list."""
    if str(con.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "delete":
        return False
    found = con.execute("SELECT value FROM meta WHERE key = ?", (VERSION_KEY,)).fetchone()
    if found is None or str(found[0]) != str(SCHEMA_VERSION):
        return False
    access = con.execute("SELECT value FROM setting WHERE key = ?", (ACCESS_KEY,)).fetchone()
    if access is not None:
        import json  # (an office that never set accounts up has no row: no json at start)

        if json.loads(access[0]).get("sign_in_required", False):
            return False
    staff = con.execute(
        "SELECT 1 FROM staff WHERE name = ? AND active = 1 LIMIT 1", (operator,)
    ).fetchone()
    return staff is not None


def _in(column: str, values: frozenset[str], params: list[Any]) -> str:
    params.extend(sorted(values))
    return f'"{column}" IN ({", ".join("?" * len(values))})'


def _conditions(flt: QueueFilter, params: list[Any]) -> list[str]:
    """The WHERE terms of ``store.queue._conditions``, without search text."""
    conds: list[str] = []
    if flt.statuses is not None:
        if flt.statuses - KNOWN_STATUSES:
            raise ValueError(f"unknown status {sorted(flt.statuses - KNOWN_STATUSES)}")
        if flt.statuses <= frozenset(schema.OPEN_STATUSES):
            conds.append(schema.OPEN_STATUS_SQL)
        if flt.statuses != frozenset(schema.OPEN_STATUSES):
            conds.append(_in("status", flt.statuses, params))
    if flt.unassigned:
        conds.append('"assignee" IS NULL')
    elif flt.assignee is not None:
        conds.append('"assignee" = ?')
        params.append(flt.assignee)
    if flt.priorities is not None:
        conds.append(_in("priority", flt.priorities, params))
    if flt.categories is not None:
        conds.append(_in("category", flt.categories, params))
    now = flt.now or datetime.now()
    if flt.due == "overdue":
        conds.append('"next_due" < ?')
        params.append(to_seconds(now))
    elif flt.due == "soon":
        conds.append('("next_due" >= ? AND "next_due" <= ?)')
        params.extend((to_seconds(now), to_seconds(now + SOON)))
    elif flt.due is not None:
        raise ValueError(f"unknown due filter {flt.due!r}")
    if flt.overdue_or_unassigned:
        conds.append('("next_due" < ? OR "assignee" IS NULL)')
        params.append(to_seconds(now))
    if flt.submitted_from is not None:
        conds.append('"submitted_at" >= ?')
        params.append(to_seconds(flt.submitted_from))
    if flt.submitted_to is not None:
        conds.append('"submitted_at" < ?')
        params.append(to_seconds(flt.submitted_to))
    return conds


def _page(
    con: sqlite3.Connection, flt: QueueFilter, sort: SortKey, descending: bool, limit: int
) -> list[QueueRow]:
    params: list[Any] = []
    conds = _conditions(flt, params)
    where = f" WHERE {' AND '.join(f'({c})' for c in conds)}" if conds else ""
    way = "DESC" if descending else "ASC"
    sql = (
        f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in _COLUMNS)} FROM "ticket"{where}'
        f' ORDER BY {schema.sort_sql(sort.value)} {way}, "id" {way} LIMIT {int(limit)}'
    )
    return [_row(values) for values in con.execute(sql, params).fetchall()]


_PEEWEE_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d",
)


def _time(value: Any) -> Any:
    """A stored time as the models read it: seconds (schema 20, ``domain.epoch``), or text as
    peewee's DateTimeField reads it (``peewee.format_date_time``: ISO first, then its formats;
    the text itself when none fits). A test compares the two."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_seconds(value)
    if not value or not isinstance(value, str):
        return value
    text = value
    if len(text) > 10 and text[10] == " ":
        text = f"{text[:10]}T{text[11:]}"
    if text[-1:] == "Z":
        text = f"{text[:-1]}+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in _PEEWEE_TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            pass
    return value


def _row(values: tuple[Any, ...]) -> QueueRow:
    return QueueRow(*(_time(v) if i in _TIMES else v for i, v in enumerate(values)))
