"""Deterministic demo data: months of realistic tickets with logs, escalations and feedback.

Bulk-written rather than through the per-ticket services, so a million tickets take minutes;
the rows obey the same rules (numbering, priority, deadlines). On SQLite the whole load is one
transaction (``bulk_load``: the queue indexes are built once at the end, a failure leaves the
file as it was) that also writes each ticket's full-text row, and a large load is generated
in a child process while this one writes. PostgreSQL: one transaction per batch, as before.
"""

from __future__ import annotations

import contextlib
import operator
import os
import pickle
import random
import subprocess
import sys
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import peewee as pw

from desk_gui.domain import log_lines, sla
from desk_gui.domain.enums import Impact, LogKind, Priority, Satisfaction, Status, Tier, Urgency
from desk_gui.domain.numbering import day_key, format_number
from desk_gui.domain.priority import priority_for
from desk_gui.services.demo_data import (
    CONTACTS,
    DEPARTMENTS,
    PROGRESS_NOTES,
    REQUESTERS,
    SCENARIOS,
    STAFF,
    Scenario,
)
from desk_gui.services.settings import OfficeSettings, load_settings
from desk_gui.store import search
from desk_gui.store.bulk import bulk_load
from desk_gui.store.database import current_database, is_sqlite, rows_of, write_transaction
from desk_gui.store.models import DailySequence, LogEntry, Staff, Ticket

BATCH = 10_000
LOG_COLUMNS = ("ticket_id", "at", "author", "kind", "text", "text_en")
CHANNELS = ("phone", "phone", "phone", "email", "im", "walk_in", "web", "monitoring")
# The fixed generated lines, built once (a million tickets log about ten million lines).
TAKEN = log_lines.status_change(Status.PENDING, Status.IN_PROGRESS)
RESOLVED = log_lines.status_change(Status.IN_PROGRESS, Status.RESOLVED)
CLOSED = log_lines.status_change(Status.RESOLVED, Status.CLOSED)
L1_TIMEOUT = log_lines.LogLine("一线30分钟内无法解决", "L1 could not solve it within 30 minutes")
NO_REPLY = "提交人3天未回复"
CLOSED_NO_REPLY = log_lines.LogLine(
    f"关闭原因：{NO_REPLY}", "Closed. Reason: no reply from the requester for 3 days"
)
CLOSED_CONFIRMED = log_lines.LogLine(
    "关闭（提交人已确认解决）", "Closed (the requester confirmed the fix)"
)
_DAYS_2, _DAYS_14, _DAYS_30 = timedelta(days=2), timedelta(days=14), timedelta(days=30)
_DEADLINE_MEMORY = 20_000


@dataclass
class _Ticket:
    """One generated ticket: its column values and its log lines."""

    values: dict[str, Any]
    log: list[tuple[datetime, str, str, str, str | None]] = field(default_factory=list)

    def add(self, at: datetime, author: str, kind: LogKind, text: str) -> None:
        """A line a person typed (one version only)."""
        self.log.append((at, author, kind._value_, text, None))

    def add_line(self, at: datetime, author: str, kind: LogKind, line: log_lines.LogLine) -> None:
        """A generated line in Chinese and English."""
        self.log.append((at, author, kind._value_, line.zh, line.en))


class DemoGenerator:
    """Generates ``count`` tickets ending at ``anchor``, deterministic for a seed."""

    def __init__(self, seed: int, anchor: datetime, days: int, settings: OfficeSettings) -> None:
        self.rng = random.Random(seed)
        self.anchor = anchor.replace(second=0, microsecond=0)
        self.days = days
        self.settings = settings
        self.l1 = [s[0] for s in STAFF if s[1] == "l1"]
        self.l2 = [s[0] for s in STAFF if s[1] == "l2"]
        self.experts = [s[0] for s in STAFF if s[1] == "expert"]
        self.sequences: dict[str, int] = {}
        # Deadlines by (submission time, priority): tickets come in time order, so a small
        # memory of recent ones answers most; the business clock is the costliest step.
        self._deadlines: dict[tuple[datetime, str], sla.Deadlines] = {}
        self._created: dict[Priority, log_lines.LogLine] = {}

    def submission_times(self, count: int) -> list[datetime]:
        """Sorted submission times, mostly in business hours, a few at night."""
        start = self.anchor - timedelta(days=self.days)
        span = int((self.anchor - start).total_seconds() // 60)
        times = []
        for _ in range(count):
            t = start + timedelta(minutes=self.rng.randrange(span))
            if self.rng.random() < 0.85 and not 8 <= t.hour < 18:
                t = t.replace(hour=self.rng.randrange(9, 17))
            times.append(min(t, self.anchor))
        times.sort()
        return times

    def _status(self, age: timedelta) -> Status:
        r = self.rng.random()
        table: tuple[tuple[float, Status], ...]
        # A healthy desk: old tickets are closed bar a few stragglers; the open queue is recent.
        if age > _DAYS_30:
            table = ((0.97, Status.CLOSED), (1.0, Status.RESOLVED))
        elif age > _DAYS_14:
            table = ((0.85, Status.CLOSED), (0.97, Status.RESOLVED), (1.0, Status.IN_PROGRESS))
        elif age > _DAYS_2:
            table = (
                (0.45, Status.CLOSED),
                (0.7, Status.RESOLVED),
                (0.92, Status.IN_PROGRESS),
                (1.0, Status.PENDING),
            )
        else:
            table = ((0.35, Status.PENDING), (0.8, Status.IN_PROGRESS), (1.0, Status.RESOLVED))
        return next(s for limit, s in table if r < limit)

    def ticket(self, ticket_id: int, number: str, submitted: datetime) -> _Ticket:
        """One ticket with a consistent history up to the anchor."""
        rng = self.rng
        sc: Scenario = rng.choice(SCENARIOS)
        urgency = rng.choice(
            (Urgency.HIGH, Urgency.MEDIUM, Urgency.MEDIUM, Urgency.LOW, Urgency.LOW)
        )
        impact = rng.choice(
            (Impact.INDIVIDUAL, Impact.INDIVIDUAL, Impact.DEPARTMENT, Impact.COMPANY)
        )
        if "全公司" in sc.description:
            impact, urgency = Impact.COMPANY, Urgency.HIGH
        priority = priority_for(impact, urgency, self.settings.matrix)
        status = self._status(self.anchor - submitted)
        deadlines = self._deadlines_of(submitted, priority)
        v: dict[str, Any] = {
            "id": ticket_id,
            "number": number,
            "title": sc.title,
            "department": rng.choice(DEPARTMENTS),
            "description": sc.description,
            "urgency": urgency.value,
            "requester": rng.choice(REQUESTERS),
            "contact": rng.choice(CONTACTS),
            "submitted_at": submitted,
            "status": status.value,
            "assignee": None,
            "solution": "",
            "resolved_at": None,
            "feedback_resolved": None,
            "satisfaction": None,
            "feedback_score": None,
            "remarks": "",
            "category": sc.category,
            "impact": impact.value,
            "channel": rng.choice(CHANNELS),
            "priority": priority.value,
            "tier": Tier.L1.value,
            "respond_due": deadlines.respond_due,
            "resolve_due": deadlines.resolve_due,
            "next_update_due": None,
            "next_due": None,
            "first_response_at": None,
            "closed_at": None,
            "close_reason": "",
            "escalation_count": 0,
            "reopen_count": 0,
            "version": 1,
            "created_at": submitted,
            "updated_at": submitted,
            "updated_by": "",
            "device_model": "",
            "os": "",
            "software_version": "",
            "error_code": "",
            "waiting_on": None,
            "waiting_contact": "",
            "waiting_until": None,
            "waiting_since": None,
            "paused_seconds": 0,
        }
        t = _Ticket(v)
        desk = rng.choice(self.l1)
        t.add_line(submitted, desk, LogKind.CREATED, self._created_line(priority))
        if status != Status.PENDING:
            self._handle(t, sc, priority, status, desk)
        else:
            v["next_due"] = deadlines.respond_due
        v["updated_at"] = t.log[-1][0]
        v["updated_by"] = t.log[-1][1]
        v["version"] = len(t.log)
        return t

    def _deadlines_of(self, submitted: datetime, priority: Priority) -> sla.Deadlines:
        key = (submitted, priority._value_)
        found = self._deadlines.get(key)
        if found is None:
            if len(self._deadlines) >= _DEADLINE_MEMORY:
                self._deadlines.clear()
            found = self._deadlines[key] = sla.compute_deadlines(
                submitted, priority, self.settings.calendar, self.settings.targets
            )
        return found

    def _created_line(self, priority: Priority) -> log_lines.LogLine:
        line = self._created.get(priority)
        if line is None:
            p = priority.value.upper()
            line = self._created[priority] = log_lines.LogLine(
                f"登记工单，优先级 {p}", f"Ticket logged, priority {p}"
            )
        return line

    def _clock(self, t: _Ticket, at: datetime, minutes: tuple[int, int]) -> datetime:
        nxt = at + timedelta(minutes=self.rng.randint(*minutes))
        return min(nxt, self.anchor)

    def _handle(
        self, t: _Ticket, sc: Scenario, priority: Priority, status: Status, desk: str
    ) -> None:
        rng, v = self.rng, t.values
        at = self._clock(t, v["submitted_at"], (3, 90 if priority.rank > 2 else 14))
        owner = desk
        v["first_response_at"] = at
        t.add_line(at, desk, LogKind.STATUS, TAKEN)
        t.add_line(at, desk, LogKind.ASSIGN, log_lines.assignee_change(None, desk))
        for step in sc.steps[:1]:
            at = self._clock(t, at, (5, 30))
            t.add(at, desk, LogKind.NOTE, step)
        if priority == Priority.P1 or rng.random() < 0.2:
            owner = rng.choice(self.l2)
            tier = Tier.L2
            if priority == Priority.P1 and rng.random() < 0.4:
                owner, tier = rng.choice(self.experts), Tier.EXPERT
            at = self._clock(t, at, (5, 30))
            escalated = log_lines.escalation(Tier.L1, tier, L1_TIMEOUT, sc.steps[0])
            t.add_line(at, desk, LogKind.ESCALATE, escalated)
            t.add_line(at, desk, LogKind.TIER, log_lines.tier_change(Tier.L1, tier))
            t.add_line(at, desk, LogKind.ASSIGN, log_lines.assignee_change(desk, owner))
            v.update(tier=tier.value, escalation_count=1)
        v["assignee"] = owner
        for step in sc.steps[1:]:
            at = self._clock(t, at, (10, 240))
            t.add(at, owner, LogKind.NOTE, step)
        if rng.random() < 0.3:
            at = self._clock(t, at, (30, 120))
            t.add(at, owner, LogKind.PROGRESS, rng.choice(PROGRESS_NOTES))
        if status == Status.IN_PROGRESS:
            v["next_update_due"] = sla.next_progress_due(
                v["submitted_at"], None, priority, self.settings.calendar, self.settings.targets
            )
            v["next_due"] = min(v["resolve_due"], v["next_update_due"])
            return
        self._resolve(t, sc, status, owner, at)

    def _resolve(self, t: _Ticket, sc: Scenario, status: Status, owner: str, at: datetime) -> None:
        rng, v = self.rng, t.values
        at = self._clock(t, at, (10, 600))
        v.update(solution=sc.solution, resolved_at=at)
        t.add_line(at, owner, LogKind.RESOLVE, log_lines.resolution(sc.solution))
        t.add_line(at, owner, LogKind.STATUS, RESOLVED)
        if status == Status.RESOLVED and rng.random() < 0.6:
            return
        at = self._clock(t, at, (30, 2880))
        score = rng.choice((5, 5, 5, 4, 4, 4, 3, 3, 2, 1))
        rating = Satisfaction.from_score(score)
        no_reply = status == Status.CLOSED and rng.random() < 0.1
        if no_reply:
            v["close_reason"] = NO_REPLY
        else:
            v.update(feedback_resolved=True, satisfaction=rating.value, feedback_score=score)
            feedback = log_lines.feedback(True, rating, score, "")
            t.add_line(at, owner, LogKind.FEEDBACK, feedback)
        if status == Status.CLOSED:
            at = self._clock(t, at, (10, 1440))
            v["closed_at"] = at
            closed = CLOSED_NO_REPLY if no_reply else CLOSED_CONFIRMED
            t.add_line(at, owner, LogKind.CLOSE, closed)
            t.add_line(at, owner, LogKind.STATUS, CLOSED)

    def generate(self, count: int, first_id: int, taken: Callable[[str], int]) -> Iterator[_Ticket]:
        """Tickets in submission order with gap-free daily numbers after those already used."""
        sequences, prefix = self.sequences, self.settings.prefix
        day: date | None = None
        key = ""
        for i, submitted in enumerate(self.submission_times(count)):
            today = submitted.date()
            if today != day:
                day, key = today, day_key(prefix, today)
            if key not in sequences:
                sequences[key] = taken(key)
            sequences[key] += 1
            number = format_number(prefix, today, sequences[key])
            yield self.ticket(first_id + i, number, submitted)

    def batches(
        self, count: int, first_id: int, taken: Callable[[str], int], *, sqlite: bool
    ) -> Generator[_Batch, None, None]:
        """The tickets in batches of BATCH, as rows ready to insert."""
        prepare = _Preparer(self, sqlite=sqlite)
        batch: list[_Ticket] = []
        for t in self.generate(count, first_id, taken):
            batch.append(t)
            if len(batch) >= BATCH:
                yield prepare(batch)
                batch = []
        if batch:
            yield prepare(batch)


@dataclass
class _Batch:
    """Generated tickets as rows, with the daily sequences as they stand after them."""

    columns: list[str]
    tickets: list[Any]
    log: list[tuple[Any, ...]]
    index: list[tuple[object, ...]] | None  # SQLite's full-text rows
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
            index = [
                search.ticket_index_row(t.values, [line[3] for line in t.log], text) for t in batch
            ]
        else:
            log = [(t.values["id"], *line) for t in batch for line in t.log]
        prefix, sequences = self.gen.settings.prefix, self.gen.sequences
        days = {t.values["submitted_at"].date() for t in batch}
        keys = [day_key(prefix, day) for day in sorted(days)]
        return _Batch(columns, tickets, log, index, {k: sequences[k] for k in keys})


PARALLEL_FROM = 20_000
"""From this many tickets on SQLite a second process generates while this one writes.

Generating is pure Python and writing mostly SQLite's C code, so on two cores the two halve
the time. Not in a frozen bundle, whose executable cannot start a bare Python child."""


def generate_demo(
    count: int,
    seed: int = 1,
    anchor: datetime | None = None,
    days: int = 180,
    progress: Callable[[int], None] | None = None,
    *,
    parallel: bool | None = None,
) -> int:
    """Add ``count`` demo tickets to the open database; returns how many were written.

    SQLite: one transaction (``bulk_load``: the queue indexes are built once, at the end) that
    also writes each ticket's full-text row; ``parallel`` (default: from PARALLEL_FROM tickets)
    generates in a child process. PostgreSQL: in this process, one transaction per batch.
    """
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
            batches = gen.batches(count, first_id, taken, sqlite=sqlite)
        with contextlib.closing(batches):  # a failed write stops the child at once
            for batch in batches:
                written += _write_batch(batch)
                if progress:
                    progress(written)
    if progress:
        progress(written)
    return written


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
        _insert(LogEntry, list(LOG_COLUMNS), batch.log)
        if batch.index is not None:
            search.add_index_rows(batch.index)
    return len(batch.tickets)


def _insert(model: type[Any], columns: list[str], rows: list[Any]) -> None:
    """Bulk insert: executemany on SQLite (peewee's SQL building dominates otherwise)."""
    db = current_database()
    if is_sqlite(db):
        table = model._meta.table_name
        sql = (
            f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        )
        db.cursor().executemany(sql, rows)
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


_DONE = "done"
_CHILD_CODE = "from desk_gui.services.demo import _child_main; _child_main()"


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
        for batch in gen.batches(count, first_id, lambda key: used.get(key, 0), sqlite=True):
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
