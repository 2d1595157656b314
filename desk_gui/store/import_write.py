"""Writing a whole import in one short transaction: numbers, tickets, log lines, search index.

Everything that takes time (reading the sheet, checking it, working out every column and log
line, the search index text) happens before; this transaction only allocates numbers and
inserts prepared rows with ``executemany``. So the import stays all-or-nothing (one
transaction: a failure, a cancel raised from ``progress`` or a crash leaves nothing behind — a
crash's rollback journal is undone by the next connection) while other workstations wait for
the write lock only as long as the inserts take.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import peewee as pw

from desk_gui.domain.log_chain import GENESIS, entry_hash, stored
from desk_gui.domain.log_kind_codes import code_of
from desk_gui.domain.numbering import day_key, format_number, parse_number
from desk_gui.store import search
from desk_gui.store.database import (
    current_database,
    fetch_all,
    rows_of,
    write_transaction,
)
from desk_gui.store.log_append import generated_text
from desk_gui.store.log_authors import ids_of
from desk_gui.store.models import DailySequence, LogEntry, Staff, Ticket
from desk_gui.store.times import sqlite_value

BULK_CACHE_KIB = 256 * 1024  # as store.bulk's loads: the ticket's ~30 indexes stay in memory
CHUNK = 1000
"""Rows per ``executemany`` call; ``progress`` is called after each."""

Progress = Callable[[int, int], None]
LogRow = tuple[str, str, str | None, datetime, str | None]  # kind, zh, en, at, args (log_render)
# A ticket's search-index row, worked out before the write for a guessed id and number.
IndexRow = tuple[object, ...]


@dataclass
class NewTicket:
    """A prepared ticket: its columns (no id, no number), the sheet's number, its log."""

    wanted: str
    day: date
    columns: dict[str, Any]
    log: list[LogRow]
    index: IndexRow | None = None  # for ``guess`` below; recomputed when the guess was wrong
    guess: tuple[int, str] | None = None


@dataclass
class Written:
    """The numbers given, in row order, and how long the write lock was held."""

    numbers: list[str] = field(default_factory=list)
    lock_seconds: float = 0.0


def guess_numbers(tickets: Sequence[NewTicket], prefix: str) -> list[tuple[int, str]]:
    """The (id, number) each ticket would get if nobody wrote before the import does."""
    first = _next_id()
    numbers = _allocate(tickets, prefix, set(), _sequences(tickets, prefix))
    return [(first + i, n) for i, n in enumerate(numbers)]


def write_tickets(
    tickets: Sequence[NewTicket],
    prefix: str,
    reserved: Sequence[str],
    staff: Sequence[str],
    operator: str,
    index_row: Callable[[int, str, NewTicket], IndexRow] | None = None,
    progress: Progress | None = None,
) -> Written:
    """Insert ``tickets`` in one transaction; ``reserved``: every number the sheet uses."""
    db = current_database()
    prepared = _Prepared(db, tickets, operator)  # outside the lock: the rows as stored
    out = Written()
    started = time.monotonic()
    with _big_cache(db), write_transaction():
        _reserve(reserved)
        used = _used_numbers([t.wanted for t in tickets if t.wanted])
        out.numbers = _allocate(tickets, prefix, used, _sequences(tickets, prefix), save=True)
        n = len(tickets)
        each: Progress | None = (lambda done, _n: progress(done, 2 * n)) if progress else None
        ids = _insert_tickets(db, prepared.names, prepared.tickets, out.numbers, each)
        index: list[IndexRow] = []
        if index_row is not None:
            for t, i, number in zip(tickets, ids, out.numbers, strict=True):
                guessed = t.index if t.guess == (i, number) else None
                index.append(guessed if guessed is not None else index_row(i, number, t))
        for start in range(0, n, CHUNK):  # log lines and index rows, 1,000 tickets at a time
            prepared.insert_logs(ids, start, start + CHUNK)
            if index:
                search.add_index_rows(index[start : start + CHUNK])
            if progress:
                progress(n + min(n, start + CHUNK), 2 * n)
        if staff:
            names = [{"name": n} for n in dict.fromkeys(staff)]
            Staff.insert_many(names).on_conflict_ignore().execute()
    out.lock_seconds = time.monotonic() - started
    return out


@contextlib.contextmanager
def _big_cache(db: pw.Database) -> Iterator[None]:
    """SQLite: a page cache big enough for the ticket indexes while the rows go in."""
    if not isinstance(db, pw.SqliteDatabase):
        yield
        return
    cursor = db.execute_sql("PRAGMA cache_size")
    usual = cursor.fetchone()[0]
    cursor.close()
    db.execute_sql(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA cache_size = {int(usual)}")


class _Prepared:
    """The tickets' and log lines' rows as the engine stores them, ids and numbers to come."""

    def __init__(self, db: pw.Database, tickets: Sequence[NewTicket], author: str) -> None:
        self.db = db
        self.names = list(tickets[0].columns) if tickets else []
        self.tickets = [[_stored(db, v) for v in t.columns.values()] for t in tickets]
        self.logs = [
            [
                (author, _kind(db, kind), text, text_en, _stored(db, at), args)
                for kind, text, text_en, at, args in t.log
            ]
            for t in tickets
        ]
        # Each log line's chain value for the ticket's guessed id, worked out outside the lock.
        self.guessed = [t.guess[0] if t.guess else None for t in tickets]
        self.chains = [
            _chain(i, lines) if i is not None else []
            for i, lines in zip(self.guessed, self.logs, strict=True)
        ]

    def insert_logs(self, ids: list[int], start: int, end: int) -> None:
        """The log lines of tickets ``start`` to ``end`` (their ids in ``ids``)."""
        table = LogEntry._meta.table_name
        sql = (
            f'INSERT INTO "{table}" ("ticket_id", "author_id", "kind", "text", "text_en", "at", '
            f'"args", "chain") VALUES ({", ".join([self.db.param] * 8)})'
        )
        rows: list[tuple[Any, ...]] = []
        # The authors' ids (schema 21), read in the transaction that writes the lines.
        tickets = range(start, min(end, len(ids)))
        who = ids_of(self.db, {line[0] for k in tickets for line in self.logs[k]})
        for k in tickets:
            i, lines = ids[k], self.logs[k]
            chains = self.chains[k] if self.guessed[k] == i else _chain(i, lines)
            rows.extend(
                (i, who[a], kind, generated_text(self.db, text), None, at, args, value)
                if args is not None
                else (i, who[a], kind, text, text_en, at, None, value)
                for (a, kind, text, text_en, at, args), value in zip(lines, chains, strict=True)
            )
        self.db.cursor().executemany(sql, rows)


def _chain(ticket_id: int, lines: list[tuple[Any, ...]]) -> list[bytes]:
    """The chain values of a new ticket's log lines (author, kind, text, text_en, at, args), as
    the log keeps them (``domain.log_chain.stored``)."""
    out = []
    prev = GENESIS  # a new ticket: its first line starts the chain
    for author, kind, text, text_en, at, _ in lines:
        prev = entry_hash(prev, ticket_id, at, author, kind, text, text_en)
        out.append(stored(prev))
    return out


def _next_id() -> int:
    return int(fetch_all("SELECT COALESCE(MAX(id), 0) FROM ticket")[0][0]) + 1


def _reserve(numbers: Sequence[str]) -> None:
    """Each day's sequence past the sheet's own numbers, skipped rows' numbers included."""
    top: dict[str, int] = {}
    for number in numbers:
        parsed = parse_number(number) if number else None
        if parsed is not None:
            pfx, day, seq = parsed
            key = day_key(pfx, day)
            top[key] = max(top.get(key, 0), seq)
    for key, seq in sorted(top.items()):
        DailySequence.insert(day_key=key, last=seq).on_conflict(
            conflict_target=[DailySequence.day_key],
            update={
                DailySequence.last: pw.Case(
                    None, [(DailySequence.last < seq, seq)], DailySequence.last
                )
            },
        ).execute()


def _used_numbers(numbers: Sequence[str]) -> set[str]:
    used: set[str] = set()
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start : start + CHUNK]
        query = Ticket.select(Ticket.number).where(Ticket.number.in_(chunk))
        used.update(str(r[0]) for r in rows_of(query))
    return used


def _sequences(tickets: Sequence[NewTicket], prefix: str) -> dict[str, int]:
    keys = sorted({day_key(prefix, t.day) for t in tickets})
    last: dict[str, int] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        query = DailySequence.select(DailySequence.day_key, DailySequence.last)
        found = rows_of(query.where(DailySequence.day_key.in_(chunk)))
        last.update((str(k), int(v)) for k, v in found)
    return last


def _allocate(
    tickets: Sequence[NewTicket],
    prefix: str,
    used: set[str],
    last: dict[str, int],
    save: bool = False,
) -> list[str]:
    """Keep each well-formed unused sheet number; the others get the next of their day."""
    top = dict(last)
    for t in tickets:  # the sheet's numbers move their day past them (as _reserve does)
        parsed = parse_number(t.wanted) if t.wanted else None
        if parsed is not None:
            key = day_key(parsed[0], parsed[1])
            top[key] = max(top.get(key, 0), parsed[2])
    taken = set(used)
    numbers: list[str] = []
    for t in tickets:
        if t.wanted and t.wanted not in taken and parse_number(t.wanted) is not None:
            number = t.wanted
        else:
            key = day_key(prefix, t.day)
            top[key] = top.get(key, 0) + 1
            number = format_number(prefix, t.day, top[key])
        taken.add(number)
        numbers.append(number)
    if save:
        for key, value in sorted(top.items()):
            if value != last.get(key):
                DailySequence.insert(day_key=key, last=value).on_conflict(
                    conflict_target=[DailySequence.day_key],
                    update={DailySequence.last: value},
                ).execute()
    return numbers


def _stored(db: pw.Database, value: Any) -> Any:
    """A value as the engine keeps it (SQLite: a datetime as seconds, ``store.times``)."""
    if isinstance(value, datetime) and isinstance(db, pw.SqliteDatabase):
        return sqlite_value(value)
    return value


def _kind(db: pw.Database, kind: str) -> str:
    """A log kind as the engine keeps it (SQLite: its one-letter code, schema 20)."""
    return code_of(kind) if isinstance(db, pw.SqliteDatabase) else kind


def _insert_tickets(
    db: pw.Database,
    names: list[str],
    tickets: list[list[Any]],
    numbers: list[str],
    progress: Progress | None,
) -> list[int]:
    quoted = ", ".join(f'"{n}"' for n in ["number", *names])
    marks = ", ".join([db.param] * (len(names) + 1))
    ids: list[int] = []
    if isinstance(db, pw.SqliteDatabase):
        first = _next_id()
        ids = list(range(first, first + len(tickets)))
        sql = f'INSERT INTO "ticket" ("id", {quoted}) VALUES ({db.param}, {marks})'
        for start in range(0, len(tickets), CHUNK):
            end = start + CHUNK
            chunk = [
                (i, n, *values)
                for i, n, values in zip(
                    ids[start:end], numbers[start:end], tickets[start:end], strict=True
                )
            ]
            db.cursor().executemany(sql, chunk)
            if progress:
                progress(start + len(chunk), len(tickets))
        return ids
    sql = f'INSERT INTO "ticket" ({quoted}) VALUES ({marks}) RETURNING "id"'
    for done, (number, values) in enumerate(zip(numbers, tickets, strict=True), start=1):
        cursor = db.execute_sql(sql, [number, *values])
        ids.append(int(cursor.fetchone()[0]))
        if progress and done % CHUNK == 0:
            progress(done, len(tickets))
    return ids
