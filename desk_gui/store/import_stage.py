"""A big SQLite import without holding the shared file's write lock for long, still all or nothing.

Three steps, only two of which take the write lock, each for a short while:

1. **Reserve** (one short transaction): each day's sequence is moved past the sheet's numbers
   and past the new numbers the import gives, so saves from other workstations during the
   import take the numbers after them (never one of the import's).
2. **Stage** (no lock on the shared file): the tickets, their log lines (chain values worked
   out for the ids they will get) and their search-index rows are written, in chunks with
   progress and Cancel, to a private staging file in the local temporary folder.
3. **Publish** (one short transaction): the staging file is attached and its rows copied with
   ``INSERT … SELECT`` — no Python per row while the lock is held. This is the one moment the
   tickets become visible, all at once; nothing is ever written to the shared file with a
   "hidden" marker, so no query anywhere has to filter unpublished rows.

A failure or Cancel deletes the staging file and gives the reserved numbers back (where nobody
took a later one meanwhile); a killed process leaves only its staging file (swept by the next
import: its process is gone) and, at worst, a gap in the day's numbers. If another workstation
saved tickets meanwhile, the guessed ids are taken: the staging rows move past them (chain
values worked out again, outside the lock) and the publish is tried again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw

from desk_gui.domain.numbering import day_key
from desk_gui.store import schema, search_rows
from desk_gui.store.database import current_database, fetch_all, write_transaction
from desk_gui.store.import_write import (
    CHUNK,
    NewTicket,
    Written,
    _allocate,
    _chain,
    _next_id,
    _reserve,
    _sequences,
    _stored,
    _used_numbers,
)
from desk_gui.store.models import DailySequence, Staff

STAGE_DIR_NAME = "desk-import-stage"
ATTACHED = "desk_stage"
TRIES = 5
"""Publishes tried before giving up (each retry follows another workstation's saves)."""

Progress = Callable[[int, int], None]
IndexRow = Callable[[int, str, NewTicket], tuple[object, ...]]


class StageConflict(Exception):
    """Another writer took an id or number the staged rows use: stage again, then retry."""

    def __init__(self, numbers: bool) -> None:
        super().__init__("numbers" if numbers else "ids")
        self.numbers = numbers


def stage_dir() -> Path:
    """The local folder of staging files (one per running import, named by process id)."""
    return Path(tempfile.gettempdir()) / STAGE_DIR_NAME


def sweep_stale(folder: Path | None = None) -> list[Path]:
    """Delete the staging files of imports whose process is gone; returns them."""
    folder = folder or stage_dir()
    gone: list[Path] = []
    for path in sorted(folder.glob("*.stage")) if folder.is_dir() else []:
        pid = path.name.split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            for leftover in (path, path.with_name(path.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            gone.append(path)
    return gone


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, not ours (Windows raises OSError for a dead pid too)
        return os.name != "nt"
    return True


@dataclass
class _Reservation:
    numbers: list[str]
    before: dict[str, int | None]  # each touched day's sequence before the import
    after: dict[str, int]
    first_id: int


def _reserve_numbers(
    tickets: Sequence[NewTicket], prefix: str, reserved: Sequence[str]
) -> tuple[_Reservation, float]:
    """Step 1: the numbers, each day's sequence moved past them; (reservation, lock seconds)."""
    keys = {day_key(prefix, t.day) for t in tickets} | _sheet_keys(reserved)
    started = time.monotonic()
    with write_transaction():
        before = _sequence_values(keys)
        _reserve(reserved)
        used = _used_numbers([t.wanted for t in tickets if t.wanted])
        numbers = _allocate(tickets, prefix, used, _sequences(tickets, prefix), save=True)
        after = {k: v for k, v in _sequence_values(keys).items() if v is not None}
        first = _next_id()
    return _Reservation(numbers, before, after, first), time.monotonic() - started


def _sheet_keys(numbers: Sequence[str]) -> set[str]:
    from desk_gui.domain.numbering import parse_number

    keys = set()
    for number in numbers:
        parsed = parse_number(number) if number else None
        if parsed is not None:
            keys.add(day_key(parsed[0], parsed[1]))
    return keys


def _sequence_values(keys: set[str]) -> dict[str, int | None]:
    values: dict[str, int | None] = dict.fromkeys(keys)
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = DailySequence.select(DailySequence.day_key, DailySequence.last)
        for key, last in query.where(DailySequence.day_key.in_(chunk)).tuples():
            values[str(key)] = int(last)
    return values


def _give_back(reservation: _Reservation) -> None:
    """Each day's sequence back where it was, unless someone took a number after ours."""
    with write_transaction():
        for key, top in sorted(reservation.after.items()):
            old = reservation.before.get(key)
            mine = DailySequence.day_key == key
            if old is None:
                DailySequence.delete().where(mine & (DailySequence.last == top)).execute()
            elif old != top:
                query = DailySequence.update(last=old)
                query.where(mine & (DailySequence.last == top)).execute()


class _StageFile:
    """The private staging file: the rows as they will be copied into the shared file."""

    def __init__(self, names: list[str]) -> None:
        folder = stage_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{os.getpid()}-{uuid.uuid4().hex}.stage"
        self.names = names
        self.con = sqlite3.connect(self.path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        columns = ", ".join(f'"{n}"' for n in ["id", "number", *names])
        fts = ", ".join(schema.FTS_COLUMNS)
        self.con.executescript(
            f"CREATE TABLE t ({columns});"
            "CREATE TABLE l (ticket_id, author, kind, text, text_en, at, chain);"
            f"CREATE TABLE f (id, {fts});"
            "CREATE TABLE d (id, doc);"
        )

    def add(self, tickets: list[tuple[Any, ...]], logs: list[tuple[Any, ...]],
            index: list[tuple[object, ...]]) -> None:  # fmt: skip
        marks = ", ".join("?" * (len(self.names) + 2))
        fts = ", ".join("?" * (len(schema.FTS_COLUMNS) + 1))
        self.con.execute("BEGIN")
        self.con.executemany(f"INSERT INTO t VALUES ({marks})", tickets)
        self.con.executemany("INSERT INTO l VALUES (?, ?, ?, ?, ?, ?, ?)", logs)
        self.con.executemany(f"INSERT INTO f VALUES ({fts})", index)
        self.con.executemany("INSERT INTO d VALUES (?, ?)", [search_rows.pack(r) for r in index])
        self.con.execute("COMMIT")

    def shift(self, delta: int, chains: Callable[[int, list[tuple[Any, ...]]], list[bytes]]) -> None:
        """Move every staged id by ``delta``; the log lines' chain values worked out again."""
        con = self.con
        con.execute("BEGIN")
        for table, column in (("t", "id"), ("f", "id"), ("d", "id"), ("l", "ticket_id")):
            con.execute(f'UPDATE {table} SET "{column}" = "{column}" + ?', (delta,))
        lines = con.execute(
            "SELECT rowid, ticket_id, author, kind, text, text_en, at FROM l ORDER BY rowid"
        ).fetchall()
        updates: list[tuple[bytes, int]] = []
        start = 0
        while start < len(lines):
            end = start
            while end < len(lines) and lines[end][1] == lines[start][1]:
                end += 1
            values = chains(int(lines[start][1]), [r[2:] for r in lines[start:end]])
            updates.extend((v, r[0]) for v, r in zip(values, lines[start:end], strict=True))
            start = end
        con.executemany("UPDATE l SET chain = ? WHERE rowid = ?", updates)
        con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()
        for leftover in (self.path, self.path.with_name(self.path.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _staged_rows(
    tickets: Sequence[NewTicket], numbers: list[str], first: int, start: int, end: int,
    author: str, index_row: IndexRow, db: pw.Database,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[object, ...]]]:  # fmt: skip
    """Tickets ``start`` to ``end``: their rows, log lines and index rows for ids from ``first``."""
    rows, logs, index = [], [], []
    for k in range(start, min(end, len(tickets))):
        t, number, i = tickets[k], numbers[k], first + k
        rows.append((i, number, *(_stored(db, v) for v in t.columns.values())))
        lines = [(author, kind, text, en, _stored(db, at)) for kind, text, en, at in t.log]
        values = _chain(i, lines)
        logs.extend((i, *line, value) for line, value in zip(lines, values, strict=True))
        index.append(index_row(i, number, t))
    return rows, logs, index


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
    out = Written()
    for _ in range(TRIES):
        reservation, held = _reserve_numbers(tickets, prefix, reserved)
        out.lock_seconds = max(out.lock_seconds, held)
        try:
            held = _stage_and_publish(tickets, reservation, staff, operator, index_row, progress)
        except StageConflict:
            continue  # another import published the same sheet numbers first: reserve again
        except BaseException:
            with contextlib.suppress(Exception):
                _give_back(reservation)
            raise
        out.numbers = reservation.numbers
        out.lock_seconds = max(out.lock_seconds, held)
        return out
    raise RuntimeError("the import kept colliding with other imports; try again")


def _stage_and_publish(
    tickets: Sequence[NewTicket], reservation: _Reservation, staff: Sequence[str],
    operator: str, index_row: IndexRow, progress: Progress | None,
) -> float:  # fmt: skip
    db = current_database()
    names = list(tickets[0].columns) if tickets else []
    stage = _StageFile(names)
    try:
        n = len(tickets)
        for start in range(0, n, CHUNK):
            parts = _staged_rows(tickets, reservation.numbers, reservation.first_id, start,
                                 start + CHUNK, operator, index_row, db)  # fmt: skip
            stage.add(*parts)
            if progress:
                progress(min(n, start + CHUNK), n)
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
    db: pw.Database, stage: _StageFile, names: list[str], first: int, staff: Sequence[str]
) -> float:
    """Step 3: copy the staged rows in one transaction; returns the seconds it held the lock."""
    db.execute_sql(f"ATTACH DATABASE ? AS {ATTACHED}", (str(stage.path),))
    started = time.monotonic()
    try:
        with _big_cache(db), write_transaction():
            _check(first)
            _copy(db, names)
            if staff:
                rows = [{"name": s} for s in dict.fromkeys(staff)]
                Staff.insert_many(rows).on_conflict_ignore().execute()
        return time.monotonic() - started
    finally:
        db.execute_sql(f"DETACH DATABASE {ATTACHED}")


def _check(first: int) -> None:
    if _next_id() > first:
        raise StageConflict(numbers=False)
    taken = fetch_all(
        f'SELECT 1 FROM {ATTACHED}.t s WHERE EXISTS '
        '(SELECT 1 FROM main."ticket" m WHERE m."number" = s."number") LIMIT 1'
    )
    if taken:
        raise StageConflict(numbers=True)


def _copy(db: pw.Database, names: list[str]) -> None:
    columns = ", ".join(f'"{n}"' for n in ["id", "number", *names])
    fts = ", ".join(schema.FTS_COLUMNS)
    log = "ticket_id, author, kind, text, text_en, at, chain"
    for sql in (
        f'INSERT INTO main."ticket" ({columns}) SELECT {columns} FROM {ATTACHED}.t ORDER BY id',
        f'INSERT INTO main."log_entry" ({log}) SELECT {log} FROM {ATTACHED}.l ORDER BY rowid',
        f'INSERT INTO main."{schema.FTS_TABLE}" (rowid, {fts}) '
        f"SELECT id, {fts} FROM {ATTACHED}.f ORDER BY id",
        f'INSERT OR REPLACE INTO main."{schema.FTS_DOC_TABLE}" (id, doc) '
        f"SELECT id, doc FROM {ATTACHED}.d ORDER BY id",
    ):
        db.execute_sql(sql)


@contextlib.contextmanager
def _big_cache(db: pw.Database) -> Iterator[None]:
    from desk_gui.store.import_write import _big_cache as big

    with big(db):
        yield
