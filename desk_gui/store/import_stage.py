"""A big SQLite import without holding the shared file's write lock for long, all or nothing.

1. **Reserve** (one short transaction): the numbers, worked out before the lock; each day's
   sequence is moved past the sheet's numbers and the new ones, so saves from other
   workstations during the import take the numbers after them (never one of the import's).
2. **Stage** (no lock on the shared file): the tickets, their log lines (chain values for the
   ids they will get) and their search-index rows go, in chunks with progress and Cancel, to a
   private staging file in the local temporary folder.
3. **Publish** (one transaction, ``_publish``): the staging file is attached and every ticket
   and log line copied with ``INSERT … SELECT`` (no Python per row under the lock). This is
   the one moment the tickets become visible, all at once; nothing is ever written to the
   shared file under a "hidden" marker, so no query has to filter unpublished rows. The same
   transaction leaves a ``meta`` mark (PENDING + the id range); the search-index rows follow in
   transactions of INDEX_CHUNK tickets, the last dropping the mark. A process killed between
   them leaves the mark: the next import or workspace opening indexes the rest
   (``finish_interrupted``), so a ticket is at worst not yet found by search, never half there.

A failure or Cancel before the publish deletes the staging file and gives the reserved numbers
back (where nobody took a later one meanwhile); a killed process leaves its staging file (swept
by the next import: its process is gone) and, at worst, a gap in the day's numbers. If another
workstation saved tickets meanwhile, the guessed ids are taken: the staged rows move past them
(chain values worked out again, outside the lock) and the publish is tried again.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import peewee as pw

from desk_gui.store import rollup_sql, schema, search, search_rows
from desk_gui.store.database import current_database, fetch_all, rows_of, write_transaction
from desk_gui.store.import_numbers import Reservation, give_back, reserve_numbers
from desk_gui.store.import_write import (
    CHUNK,
    NewTicket,
    Written,
    _chain,
    _kind,
    _next_id,
    _stored,
)
from desk_gui.store.log_authors import ids_of
from desk_gui.store.models import Meta, Staff
from desk_gui.store.stage_file import StageFile, sweep_stale

ATTACHED = "desk_stage"
INDEX_CHUNK = 5000
"""Tickets whose search-index rows go in one transaction after the publish."""
PENDING = "import.index_pending."
"""``meta`` key prefix of a publish whose search-index rows are not all written yet."""
TRIES = 5
"""Publishes tried before giving up (each retry follows another workstation's saves)."""

Progress = Callable[[int, int], None]
IndexRow = Callable[[int, str, NewTicket], tuple[object, ...]]


class StageConflict(Exception):
    """Another writer took an id or number the staged rows use: stage again, then retry."""

    def __init__(self, numbers: bool) -> None:
        super().__init__("numbers" if numbers else "ids")
        self.numbers = numbers


def _staged_rows(
    tickets: Sequence[NewTicket], numbers: list[str], first: int, start: int, end: int,
    author: str, index_row: IndexRow, db: pw.Database,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[object, ...]],
           list[tuple[object, bytes]]]:  # fmt: skip
    """Tickets ``start`` to ``end``: their rows, log lines, index rows and the index rows'
    saved copies (without the log column: ``search_rows``) for ids from ``first``."""
    rows: list[tuple[Any, ...]] = []
    logs: list[tuple[Any, ...]] = []
    index: list[tuple[object, ...]] = []
    docs: list[tuple[object, bytes]] = []
    for k in range(start, min(end, len(tickets))):
        t, number, i = tickets[k], numbers[k], first + k
        rows.append((i, number, *(_stored(db, v) for v in t.columns.values())))
        lines = [
            (author, _kind(db, kind), text, en, _stored(db, at), args)
            for kind, text, en, at, args in t.log
        ]
        values = _chain(i, lines)
        logs.extend((i, *line, value) for line, value in zip(lines, values, strict=True))
        index.append(index_row(i, number, t))
        docs.append(search_rows.pack(index[-1], len(t.log)))
    return rows, logs, index, docs


def stage_and_publish(
    tickets: Sequence[NewTicket],
    prefix: str,
    reserved: Sequence[str],
    staff: Sequence[str],
    operator: str,
    index_row: IndexRow,
    progress: Progress | None = None,
) -> Written:
    """Reserve, stage, publish (see the module text); ``Written.lock_seconds``: the longest
    single hold of the write lock."""
    sweep_stale()
    finish_interrupted()
    out = Written()
    for _ in range(TRIES):
        reservation, held = reserve_numbers(tickets, prefix, reserved)
        out.lock_seconds = max(out.lock_seconds, held)
        try:
            held = _stage_and_publish(tickets, reservation, staff, operator, index_row, progress)
        except StageConflict:
            with contextlib.suppress(Exception):
                give_back(reservation)
            continue  # another import published the same sheet numbers first: reserve again
        except BaseException:
            with contextlib.suppress(Exception):
                give_back(reservation)
            raise
        out.numbers = reservation.numbers
        out.lock_seconds = max(out.lock_seconds, held)
        return out
    raise RuntimeError("the import kept colliding with other imports; try again")


def _stage_and_publish(
    tickets: Sequence[NewTicket], reservation: Reservation, staff: Sequence[str],
    operator: str, index_row: IndexRow, progress: Progress | None,
) -> float:  # fmt: skip
    db = current_database()
    names = list(tickets[0].columns) if tickets else []
    stage = StageFile(names)
    try:
        n = len(tickets)
        for start in range(0, n, CHUNK):
            parts = _staged_rows(tickets, reservation.numbers, reservation.first_id, start,
                                 start + CHUNK, operator, index_row, db)  # fmt: skip
            stage.add(*parts)
            if progress:
                progress(min(n, start + CHUNK), n)
        stage.add_totals()
        first = reservation.first_id
        longest = 0.0
        for _ in range(TRIES):
            try:
                longest = max(longest, _publish(db, stage, names, first, staff))
                return longest
            except StageConflict as exc:
                if exc.numbers:
                    raise
                moved = _next_id() + 16 + n // 100  # room for a few more saves meanwhile
                stage.shift(moved - first, _chain)
                first = moved
        raise StageConflict(numbers=False)
    finally:
        stage.close()


def _publish(
    db: pw.Database, stage: StageFile, names: list[str], first: int, staff: Sequence[str]
) -> float:
    """Step 3: copy the staged tickets and log lines in one transaction, then their search
    index rows in a few short ones; returns the longest time the write lock was held."""
    db.execute_sql(f"ATTACH DATABASE ? AS {ATTACHED}", (str(stage.path),))
    try:
        key = f"{PENDING}{uuid.uuid4().hex}"
        started = time.monotonic()
        with _big_cache(db), _no_reference_checks(db), write_transaction():
            _check(first)
            last = first + int(fetch_all(f"SELECT COUNT(*) FROM {ATTACHED}.t")[0][0]) - 1
            with _totals_added_at_once(db):
                _copy(db, names)
            if staff:
                rows = [{"name": s} for s in dict.fromkeys(staff)]
                Staff.insert_many(rows).on_conflict_ignore().execute()
            Meta.insert(key=key, value=f"{first} {last}").execute()
        longest = time.monotonic() - started
        return max(longest, _index_staged(db, key, first, last))
    finally:
        db.execute_sql(f"DETACH DATABASE {ATTACHED}")


@contextlib.contextmanager
def _totals_added_at_once(db: pw.Database) -> Iterator[None]:
    """The review report's totals of the published tickets added from the staging file's
    (``StageFile.add_totals``: a few hundred rows, one upsert per table) instead of the
    insert trigger's per-row upserts (~76 µs a ticket under the lock) or adding them up
    from the tickets under the lock (~0.6 s at 50k).

    Inside the publish transaction: the trigger is dropped, the tickets copied, their totals
    added, the trigger created again — DDL is transactional in SQLite, so no other
    workstation ever sees the file without it, and a rollback restores it."""
    name = rollup_sql.TRIGGER_NAMES[0]
    exists = fetch_all("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,))
    if not exists:
        yield
        return
    db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    for table, key, values in _TOTALS:
        columns = ", ".join(f'"{c}"' for c in (*key, *values))
        adds = ", ".join(f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in values)
        db.execute_sql(
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM {ATTACHED}."{table}" '
            f"WHERE 1 ON CONFLICT ({', '.join(key)}) DO UPDATE SET {adds}"
        )
    db.execute_sql(rollup_sql.sqlite_triggers()[0])


# The totals tables: (name, key columns, summed columns).
_TOTALS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("report_day", ("day",), rollup_sql.DAY_COLUMNS),
    ("report_span", ("submitted_day", "resolved_day"), ("n",)),
    ("report_value", ("day", "dim", "value"), ("n",)),
    ("report_title", ("day", "title"), ("n",)),
)


def _index_staged(db: pw.Database, key: str, first: int, last: int) -> float:
    """The published tickets' search index rows, INDEX_CHUNK tickets a transaction; the last
    one drops the pending mark. A ticket edited meanwhile was indexed by its save: kept."""
    fts = ", ".join(schema.FTS_COLUMNS)
    unindexed = f'NOT EXISTS (SELECT 1 FROM main."{schema.FTS_DOC_TABLE}" x WHERE x.id = s.id)'
    longest = 0.0
    for lo in range(first, last + 1, INDEX_CHUNK):
        hi = min(last, lo + INDEX_CHUNK - 1)
        started = time.monotonic()
        with _big_cache(db), write_transaction():
            db.execute_sql(
                f'INSERT INTO main."{schema.FTS_TABLE}" (rowid, {fts}) SELECT id, {fts} '
                f"FROM {ATTACHED}.f s WHERE s.id BETWEEN ? AND ? AND {unindexed} ORDER BY id",
                (lo, hi),
            )
            db.execute_sql(
                f'INSERT INTO main."{schema.FTS_DOC_TABLE}" (id, doc) SELECT id, doc '
                f"FROM {ATTACHED}.d s WHERE s.id BETWEEN ? AND ? AND {unindexed} ORDER BY id",
                (lo, hi),
            )
            if hi == last:
                Meta.delete().where(Meta.key == key).execute()
        longest = max(longest, time.monotonic() - started)
    return longest


def finish_interrupted() -> int:
    """Index the tickets of a publish whose search rows were cut short (a killed process);
    returns how many. Cheap when there is nothing to do: one look at ``meta``."""
    done = 0
    marks = rows_of(Meta.select(Meta.key, Meta.value).where(Meta.key.startswith(PENDING)))
    for key, value in marks:
        first, last = (int(v) for v in str(value).split())
        for lo in range(first, last + 1, INDEX_CHUNK):
            hi = min(last, lo + INDEX_CHUNK - 1)
            with write_transaction() as db:
                ids = [int(r[0]) for r in fetch_all(
                    f'SELECT id FROM "ticket" t WHERE id BETWEEN ? AND ? AND NOT EXISTS '
                    f'(SELECT 1 FROM "{schema.FTS_DOC_TABLE}" x WHERE x.id = t.id)', (lo, hi))]  # fmt: skip
                if ids:
                    search_rows.write_index_rows(db, *search.index_rows_of(ids))
                done += len(ids)
                if hi == last:
                    Meta.delete().where(Meta.key == key).execute()
    return done


def _check(first: int) -> None:
    if _next_id() > first:
        raise StageConflict(numbers=False)
    taken = fetch_all(
        f"SELECT 1 FROM {ATTACHED}.t s WHERE EXISTS "
        '(SELECT 1 FROM main."ticket" m WHERE m."number" = s."number") LIMIT 1'
    )
    if taken:
        raise StageConflict(numbers=True)


def _copy(db: pw.Database, names: list[str]) -> None:
    columns = ", ".join(f'"{n}"' for n in ["id", "number", *names])
    log = "ticket_id, author_id, kind, text, text_en, at, args, chain"
    # The staged lines keep their authors' names (for the chain values); the log their ids
    # (schema 21), added here, in the transaction that copies the lines.
    ids_of(db, [str(r[0]) for r in fetch_all(f"SELECT DISTINCT author FROM {ATTACHED}.l")])
    author_id = '(SELECT a."id" FROM main."log_author" a WHERE a."name" = l.author)'
    # A generated line keeps only its args (log_render): its text is rendered when read, as
    # store.log_append writes it on SQLite; the staged text is kept for the chain values.
    said = (
        f"ticket_id, {author_id}, kind, CASE WHEN args IS NULL THEN text ELSE '' END, "
        "CASE WHEN args IS NULL THEN text_en END, at, args, chain"
    )
    for sql in (
        f'INSERT INTO main."ticket" ({columns}) SELECT {columns} FROM {ATTACHED}.t ORDER BY id',
        f'INSERT INTO main."log_entry" ({log}) SELECT {said} FROM {ATTACHED}.l l ORDER BY rowid',
    ):
        db.execute_sql(sql)


@contextlib.contextmanager
def _no_reference_checks(db: pw.Database) -> Iterator[None]:
    """Foreign keys not looked up row by row while copying: each staged log line's ticket is
    one of the staged tickets, copied in the same transaction (set outside it: SQLite ignores
    the pragma inside one)."""
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


@contextlib.contextmanager
def _big_cache(db: pw.Database) -> Iterator[None]:
    from desk_gui.store.import_write import _big_cache as big

    with big(db):
        yield
