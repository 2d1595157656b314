"""Writing demo data: SQLite in one bulk transaction (indexes rebuilt at the end, full-text
rows written as it goes, generation in a child process for large loads); PostgreSQL per batch.
"""

from __future__ import annotations

import contextlib
import operator
import os
import pickle
import subprocess
import sys
import traceback
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import peewee as pw

from desk_gui.domain.log_chain import GENESIS, entry_hash, stored
from desk_gui.domain.numbering import day_key
from desk_gui.services.demo import BATCH, LOG_COLUMNS, DemoGenerator, _Ticket
from desk_gui.services.demo_data import (
    STAFF,
)
from desk_gui.services.settings import OfficeSettings, load_settings
from desk_gui.store import log_authors, search, search_rows
from desk_gui.store.bulk import bulk_load
from desk_gui.store.database import current_database, is_sqlite, rows_of, write_transaction
from desk_gui.store.models import DailySequence, LogEntry, Staff, Ticket
from desk_gui.store.times import EpochDateTimeField, LogKindField


@dataclass
class _Batch:
    """Generated tickets as rows, with the daily sequences as they stand after them."""

    columns: list[str]
    tickets: list[Any]
    log: list[tuple[Any, ...]]
    index: list[tuple[object, ...]] | None  # SQLite's full-text rows
    docs: list[tuple[object, bytes]] | None  # and their saved copies, compressed here
    sequences: dict[str, int]


_TICKET_DATETIMES = frozenset(
    name for name, f in Ticket._meta.columns.items() if isinstance(f, pw.DateTimeField)
)


def _sql_time(value: datetime) -> str:
    """A datetime as peewee stores it on SQLite (text to the second), for the raw path."""
    return value.isoformat(" ", "seconds")


class _Preparer:
    """Turns generated tickets into rows: SQLite gets text times and full-text rows too."""

    def __init__(self, gen: DemoGenerator, *, sqlite: bool) -> None:
        self.gen = gen
        self.sqlite = sqlite
        self.index_text = search.IndexTextMemo().__getitem__

    def __call__(self, batch: list[_Ticket]) -> _Batch:
        columns = list(batch[0].values)
        pick = operator.itemgetter(*columns)
        tickets: list[Any] = [pick(t.values) for t in batch]
        index: list[tuple[object, ...]] | None = None
        docs: list[tuple[object, bytes]] | None = None
        if self.sqlite:
            times = [i for i, c in enumerate(columns) if c in _TICKET_DATETIMES]
            tickets = [list(r) for r in tickets]
            for row in tickets:
                for i in times:
                    value = row[i]
                    if value is not None:
                        row[i] = _sql_time(value)
            log = [(t.values["id"], _sql_time(at), *rest) for t in batch for (at, *rest) in t.log]
            text = self.index_text
            index = [search.ticket_index_row(t.values, _said(t.log), text) for t in batch]
            # each ticket's log written in id order: its copy leaves the log column out
            docs = [search_rows.pack(row, len(t.log)) for row, t in zip(index, batch, strict=True)]
        else:
            log = [(t.values["id"], *line) for t in batch for line in t.log]
            text = self.index_text
            index = [search.ticket_index_row(t.values, _said(t.log), text) for t in batch]
        log = _chained(log, sqlite=self.sqlite)
        prefix, sequences = self.gen.settings.prefix, self.gen.sequences
        days = {t.values["submitted_at"].date() for t in batch}
        keys = [day_key(prefix, day) for day in sorted(days)]
        return _Batch(columns, tickets, log, index, docs, {k: sequences[k] for k in keys})


def _said(log: list[tuple[Any, ...]]) -> list[str]:
    """A ticket's log lines (at, author, kind, text, text_en, args) as the index reads them."""
    return [search.said(line[3], line[5]) for line in log]


def _chained(log: list[tuple[Any, ...]], *, sqlite: bool) -> list[tuple[Any, ...]]:
    """New tickets' log rows as stored (LOG_COLUMNS, then the chain value).

    ``log`` holds (ticket id, at, author, kind, Chinese, English, args): the chain covers the
    line's texts; a line with args stores them instead of the texts. A ticket's rows come
    together, so its chain starts over at each new ticket id; the log keeps a prefix of each
    value (``domain.log_chain.stored``).
    """
    out: list[tuple[Any, ...]] = []
    ticket, prev = None, GENESIS
    for tid, at, author, kind, zh, en, args in log:
        if tid != ticket:
            ticket, prev = tid, GENESIS
        prev = entry_hash(prev, tid, at, author, kind, zh, en)
        if args is None:
            out.append((tid, at, author, kind, zh, en, None, stored(prev)))
        else:
            # the Chinese stays beside the args on PostgreSQL (log_append.generated_text)
            out.append((tid, at, author, kind, "" if sqlite else zh, None, args, stored(prev)))
    return out


def _batches(
    gen: DemoGenerator, count: int, first_id: int, taken: Callable[[str], int], *, sqlite: bool
) -> Generator[_Batch, None, None]:
    """The tickets in batches of BATCH, as rows ready to insert."""
    prepare = _Preparer(gen, sqlite=sqlite)
    batch: list[_Ticket] = []
    for t in gen.generate(count, first_id, taken):
        batch.append(t)
        if len(batch) >= BATCH:
            yield prepare(batch)
            batch = []
    if batch:
        yield prepare(batch)


PARALLEL_FROM = 20_000
"""From this many tickets on SQLite a second process generates while this one writes.

Generating is pure Python and writing mostly SQLite's C code, so on two cores the two halve
the time. Not in a frozen bundle, whose executable cannot start a bare Python child."""


def generate_demo(
    count: int,
    seed: int = 1,
    anchor: datetime | None = None,
    days: int | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    parallel: bool | None = None,
) -> int:
    """Add ``count`` demo tickets to the open database; returns how many were written.

    SQLite: one transaction (``bulk_load``: the queue indexes are built once, at the end) that
    also writes each ticket's full-text row; ``parallel`` (default: from PARALLEL_FROM tickets)
    generates in a child process. PostgreSQL: in this process, one transaction per batch.
    ``days``: how far back the tickets go (default ``demo_days(count)``).
    """
    days = days or demo_days(count)
    settings = load_settings()
    anchor = anchor or datetime.now()
    with write_transaction():
        for name, tier, skills in STAFF:
            Staff.insert(name=name, tier=tier, skills=skills).on_conflict_ignore().execute()
        first_id = (Ticket.select(Ticket.id).order_by(Ticket.id.desc()).scalar() or 0) + 1

    def taken(key: str) -> int:
        row = DailySequence.get_or_none(DailySequence.day_key == key)
        return row.last if row else 0

    sqlite = is_sqlite()
    if parallel is None:
        parallel = count >= PARALLEL_FROM and not getattr(sys, "frozen", False)
    written = 0
    with bulk_load():
        batches: Generator[_Batch, None, None]
        if sqlite and parallel:
            # Read inside bulk_load's transaction: no other writer can move them meanwhile.
            used = dict(rows_of(DailySequence.select(DailySequence.day_key, DailySequence.last)))
            job = (seed, anchor, days, settings.to_json(), count, first_id, used)
            batches = _child_batches(job)
        else:
            gen = DemoGenerator(seed, anchor, days, settings)
            batches = _batches(gen, count, first_id, taken, sqlite=sqlite)
        with contextlib.closing(batches):  # a failed write stops the child at once
            for batch in batches:
                written += _write_batch(batch)
                if progress:
                    progress(written)
    if progress:
        progress(written)
    return written


DAILY_TICKETS = 15
"""A small office's daily intake: a small demo spans fewer days rather than a thinner trickle."""


def demo_days(count: int) -> int:
    """Days a demo of ``count`` tickets spans: DAILY_TICKETS a day, from two weeks to half a year."""
    return max(14, min(180, count // DAILY_TICKETS))


def _set_sequence(key: str, last: int) -> None:
    DailySequence.insert(day_key=key, last=last).on_conflict(
        conflict_target=[DailySequence.day_key], preserve=[DailySequence.last]
    ).execute()


def _write_batch(batch: _Batch) -> int:
    """One transaction per batch (a savepoint inside bulk_load's transaction on SQLite)."""
    with write_transaction():
        for key, last in batch.sequences.items():
            _set_sequence(key, last)
        _insert(Ticket, batch.columns, batch.tickets)
        _insert(LogEntry, _STORED_LOG_COLUMNS, _with_author_ids(batch.log))
        if batch.index is not None:
            search.add_index_rows(batch.index, batch.docs)
    return len(batch.tickets)


_AUTHOR = LOG_COLUMNS.index("author")
_STORED_LOG_COLUMNS = [*LOG_COLUMNS[:_AUTHOR], "author_id", *LOG_COLUMNS[_AUTHOR + 1 :], "chain"]
"""The log's columns as stored: the author's id (schema 21), then the chain value."""


def _with_author_ids(log: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Log rows (LOG_COLUMNS, then the chain value) with their authors' ids, inside the
    transaction that writes them."""
    who = log_authors.ids_of(current_database(), {row[_AUTHOR] for row in log})
    return [(*row[:_AUTHOR], who[row[_AUTHOR]], *row[_AUTHOR + 1 :]) for row in log]


def _insert(model: type[Any], columns: list[str], rows: list[Any]) -> None:
    """Bulk insert: executemany on SQLite (peewee's SQL building dominates otherwise)."""
    db = current_database()
    if is_sqlite(db):
        table = model._meta.table_name
        sql = (
            f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        )
        db.cursor().executemany(sql, _as_stored(model, columns, rows))
        return
    fields = [model._meta.columns[c] for c in columns]
    for i in range(0, len(rows), 1000):
        model.insert_many(rows[i : i + 1000], fields=fields).execute()
    if "id" in columns:  # explicit ids leave the server's id sequence behind
        table = model._meta.table_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f'(SELECT max("id") FROM "{table}"))'
        )


def _as_stored(model: type[Any], columns: list[str], rows: list[Any]) -> list[Any]:
    """``rows`` with their times and log kinds as SQLite keeps them (seconds and one-letter
    codes, schema 20)."""
    fields = [model._meta.columns[c] for c in columns]
    coded = [(i, f.db_value) for i, f in enumerate(fields)
             if isinstance(f, (EpochDateTimeField, LogKindField))]  # fmt: skip
    if not coded:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for i, as_stored in coded:
            values[i] = as_stored(values[i])
        out.append(values)
    return out


_DONE = "done"
_CHILD_CODE = "from desk_gui.services.demo_load import _child_main; _child_main()"


def _child_batches(job: tuple[Any, ...]) -> Generator[_Batch, None, None]:
    """SQLite batches generated by a child process, one in the pipe while the next is made.

    A plain ``python -c`` child rather than multiprocessing: spawning would re-run the caller's
    main script in the child, and forking a process with Qt threads is unsafe.
    """
    root = str(Path(__file__).resolve().parents[2])  # the folder holding desk_gui
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD_CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        with contextlib.suppress(BrokenPipeError):  # a child dead at once: EOF says so below
            pickle.dump(job, child.stdin)
            child.stdin.flush()
        while True:
            try:
                message = pickle.load(child.stdout)
            except EOFError:
                raise RuntimeError("the demo generator process ended unexpectedly") from None
            if isinstance(message, _Batch):
                yield message
            elif message == _DONE:
                return
            else:
                raise RuntimeError(f"the demo generator process failed:\n{message}")
    finally:
        for pipe in (child.stdin, child.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        if child.poll() is None:
            child.terminate()
        child.wait()


def _child_main() -> None:
    """The child process: the job from stdin, the batches to stdout."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the stream
    _generate_in_child(out, pickle.load(sys.stdin.buffer))


def _generate_in_child(out: BinaryIO, job: tuple[Any, ...]) -> None:
    """Generate the SQLite batches of ``job`` and write them, pickled, to ``out``."""
    seed, anchor, days, settings, count, first_id, used = job
    try:
        gen = DemoGenerator(seed, anchor, days, OfficeSettings.from_json(settings))
        for batch in _batches(gen, count, first_id, lambda key: used.get(key, 0), sqlite=True):
            pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
            out.flush()
        pickle.dump(_DONE, out)
    except (KeyboardInterrupt, BrokenPipeError):
        pass  # Ctrl+C reached the process group, or the parent stopped: it reports
    except BaseException:
        with contextlib.suppress(OSError):
            pickle.dump(traceback.format_exc(), out)
    finally:
        with contextlib.suppress(OSError):
            out.flush()
