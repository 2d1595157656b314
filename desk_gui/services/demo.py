"""Deterministic demo data: months of realistic tickets with logs, escalations and feedback.

The desk it shows is a healthy one at any size: old tickets are closed, the open queue is the
last hours' (or, for a small demo, days') work that is still within its deadlines, a handful
of stragglers are overdue, every handler carries a load a person can (at most LOAD_CAP open
tickets), in-progress L1 work older than 30 minutes has been escalated, and each requester
belongs to the department their ticket's description speaks of.

Bulk-written rather than through the per-ticket services, so a million tickets take minutes;
the rows obey the same rules (numbering, priority, deadlines). On SQLite the whole load is one
transaction (``bulk_load``: the queue indexes are built once at the end, a failure leaves the
file as it was) that also writes each ticket's full-text row, and a large load is generated
in a child process while this one writes. PostgreSQL: one transaction per batch, as before.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desk_gui.domain import log_lines, sla
from desk_gui.domain.enums import Impact, LogKind, Priority, Satisfaction, Status, Tier, Urgency
from desk_gui.domain.numbering import day_key, format_number
from desk_gui.domain.priority import priority_for
from desk_gui.domain.reminders import escalate_due
from desk_gui.services.demo_data import (
    PROGRESS_NOTES,
    SCENARIOS,
    STAFF,
    Person,
    Scenario,
    people_for,
)
from desk_gui.services.settings import OfficeSettings

BATCH = 10_000
LOG_COLUMNS = ("ticket_id", "at", "author", "kind", "text", "text_en", "args")
CHANNELS = ("phone", "phone", "phone", "email", "im", "walk_in", "web", "monitoring")
# The fixed generated lines, built once (a million tickets log about ten million lines).
TAKEN = log_lines.status_change(Status.PENDING, Status.IN_PROGRESS)
RESOLVED = log_lines.status_change(Status.IN_PROGRESS, Status.RESOLVED)
CLOSED = log_lines.status_change(Status.RESOLVED, Status.CLOSED)
L1_TIMEOUT = log_lines.phrase("l1_timeout")
NO_REPLY = "提交人3天未回复"
CLOSED_NO_REPLY = log_lines.phrase("demo_no_reply")
CLOSED_CONFIRMED = log_lines.phrase("demo_confirmed")
URGENCIES = (Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW)
URGENCY_WEIGHTS = (12, 48, 40)
IMPACTS = (Impact.INDIVIDUAL, Impact.DEPARTMENT, Impact.COMPANY)
IMPACT_WEIGHTS = (70, 22, 8)
COMPANY_OUTAGE_SKIP = 0.8
"""Most draws of the company-wide outage scenario become another one: outages are rare."""
OPEN_WINDOW = 160
"""The open queue lives among this many latest tickets (those still within their deadline)."""
LOAD_CAP = 20
"""At most this many open tickets per handler while someone else has room."""
STRAGGLERS = 4
"""At most this many tickets are left open past their deadline (the overdue view's handful)."""
_STRAGGLER_AGE = timedelta(days=10)
_HOUR, _DAYS_3 = timedelta(hours=1), timedelta(days=3)


@dataclass
class _Ticket:
    """One generated ticket: its column values and its log lines."""

    values: dict[str, Any]
    # at, author, kind, Chinese (or typed text), English, args (log_render; None if typed)
    log: list[tuple[datetime, str, str, str, str | None, str | None]] = field(default_factory=list)

    def add(self, at: datetime, author: str, kind: LogKind, text: str) -> None:
        """A line a person typed (one version only)."""
        self.log.append((at, author, kind.value, text, None, None))

    def add_line(self, at: datetime, author: str, kind: LogKind, line: log_lines.LogLine) -> None:
        """A generated line in Chinese and English."""
        self.log.append((at, author, kind.value, line.zh, line.en, line.args))


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
        self.skills = {name: set(skills.split(",")) for name, _, skills in STAFF}
        self.people: dict[Scenario, tuple[Person, ...]] = {sc: people_for(sc) for sc in SCENARIOS}
        self.sequences: dict[str, int] = {}
        self.load: dict[str, int] = dict.fromkeys(self.skills, 0)  # open tickets per handler
        self.stragglers = STRAGGLERS
        self.straggler_chance = 0.0  # set per run by generate()
        # The first log line per priority, built once.
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
                if t > self.anchor:  # moved into today's future: the same hour a day earlier
                    t -= timedelta(days=1)
            times.append(min(t, self.anchor))
        times.sort()
        if times:  # the latest call has just come in
            times[-1] = max(times[-1], self.anchor - timedelta(minutes=self.rng.randrange(1, 10)))
        return times

    def _status(
        self, submitted: datetime, priority: Priority, deadlines: sla.Deadlines, rank: int
    ) -> Status:
        """Where a ticket stands at the anchor; ``rank`` counts the tickets logged after it."""
        rng, anchor = self.rng, self.anchor
        age = anchor - submitted
        if rank == 0:
            return Status.PENDING
        if rank < OPEN_WINDOW and deadlines.resolve_due > anchor:
            r = rng.random()
            if r < 0.55:
                # Untaken only while neither the response nor a progress update is due yet.
                fresh = deadlines.respond_due > anchor and (
                    self._progress_due(submitted, None, priority) > anchor
                )
                if fresh and rng.random() < (0.3 if age < _HOUR else 0.08):
                    return Status.PENDING
                return Status.IN_PROGRESS
            return Status.RESOLVED if r < 0.8 else Status.CLOSED
        if self.stragglers and age < _STRAGGLER_AGE and rng.random() < self.straggler_chance:
            self.stragglers -= 1
            return Status.IN_PROGRESS  # stuck past its deadline: the overdue view shows it
        if age < _DAYS_3 and rng.random() < 0.15:
            return Status.RESOLVED  # waiting for the requester's confirmation
        return Status.CLOSED

    def _pick(self, names: list[str], category: str, *, open_: bool) -> str:
        """A handler who knows the category; for open work, one with room (LOAD_CAP)."""
        skilled = [n for n in names if category in self.skills[n]] or names
        if not open_:
            return self.rng.choice(skilled)
        room = [n for n in skilled if self.load[n] < LOAD_CAP] or [
            n for n in names if self.load[n] < LOAD_CAP
        ]
        return self.rng.choice(room) if room else min(names, key=self.load.__getitem__)

    def ticket(self, ticket_id: int, number: str, submitted: datetime, rank: int = 0) -> _Ticket:
        """One ticket with a consistent history up to the anchor (``rank`` tickets after it)."""
        rng = self.rng
        sc: Scenario = rng.choice(SCENARIOS)
        if "全公司" in sc.description and rng.random() < COMPANY_OUTAGE_SKIP:
            sc = rng.choice([s for s in SCENARIOS if "全公司" not in s.description])
        person = rng.choice(self.people[sc])
        # A desk's mix: most calls are one person's problem and not urgent; P1 stays rare.
        urgency = rng.choices(URGENCIES, URGENCY_WEIGHTS)[0]
        impact = rng.choices(IMPACTS, IMPACT_WEIGHTS)[0]
        if "全公司" in sc.description:
            impact, urgency = Impact.COMPANY, Urgency.HIGH
        priority = priority_for(impact, urgency, self.settings.matrix)
        deadlines = sla.compute_deadlines(
            submitted, priority, self.settings.calendar, self.settings.targets
        )
        status = self._status(submitted, priority, deadlines, rank)
        v: dict[str, Any] = {
            "id": ticket_id,
            "number": number,
            "title": sc.title,
            "department": person.department,
            "description": sc.description,
            "urgency": urgency.value,
            "requester": person.name,
            "contact": person.contact,
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
        desk = self._pick(self.l1, sc.category, open_=False)
        t.add_line(submitted, desk, LogKind.CREATED, self._created_line(priority))
        if status != Status.PENDING:
            self._handle(t, sc, priority, status, desk)
        else:
            upd = self._progress_due(submitted, None, priority)
            v["next_update_due"] = upd
            v["next_due"] = sla.next_due(
                deadlines.respond_due, deadlines.resolve_due, upd, None, resolved=False
            )
        v["updated_at"] = t.log[-1][0]
        v["updated_by"] = t.log[-1][1]
        v["version"] = len(t.log)
        return t

    def _created_line(self, priority: Priority) -> log_lines.LogLine:
        line = self._created.get(priority)
        if line is None:
            line = self._created[priority] = log_lines.made("cp", priority.value)
        return line

    def _clock(self, t: _Ticket, at: datetime, minutes: tuple[int, int]) -> datetime:
        nxt = at + timedelta(minutes=self.rng.randint(*minutes))
        return min(nxt, self.anchor)

    def _handle(
        self, t: _Ticket, sc: Scenario, priority: Priority, status: Status, desk: str
    ) -> None:
        rng, v = self.rng, t.values
        open_ = status == Status.IN_PROGRESS
        at = self._clock(t, v["submitted_at"], (3, 90 if priority.rank > 2 else 14))
        if open_:
            desk = self._pick(self.l1, sc.category, open_=True)
        owner = desk
        v["first_response_at"] = taken = at
        t.add_line(at, desk, LogKind.STATUS, TAKEN)
        t.add_line(at, desk, LogKind.ASSIGN, log_lines.assignee_change(None, desk))
        for step in sc.steps[:1]:
            at = self._clock(t, at, (5, 30))
            t.add(at, desk, LogKind.NOTE, step)
        # L1 solves within 30 minutes or escalates: open L1 work is never older than that.
        overdue_l1 = open_ and self._escalate_due(taken, priority) <= self.anchor
        if priority == Priority.P1 or overdue_l1 or rng.random() < 0.2:
            owner = self._pick(self.l2, sc.category, open_=open_)
            tier = Tier.L2
            if priority == Priority.P1 and rng.random() < 0.4:
                owner, tier = self._pick(self.experts, sc.category, open_=open_), Tier.EXPERT
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
        updated = None
        if rng.random() < 0.3:
            at = updated = self._clock(t, at, (30, 120))
            t.add(at, owner, LogKind.PROGRESS, rng.choice(PROGRESS_NOTES))
        if open_:
            self._keep_open(t, priority, owner, at, updated)
        else:
            self._resolve(t, sc, status, owner, at)

    def _keep_open(
        self, t: _Ticket, priority: Priority, owner: str, at: datetime, updated: datetime | None
    ) -> None:
        """An in-progress ticket: its handler's load, and the requester informed on rhythm."""
        rng, v = self.rng, t.values
        self.load[owner] += 1
        upd = self._progress_due(v["submitted_at"], updated, priority)
        if upd <= self.anchor and v["resolve_due"] > self.anchor:
            # Within its deadline, so its handler is keeping up: the last update is recent.
            interval = self.settings.targets[priority].update_interval // timedelta(minutes=1)
            before = timedelta(minutes=rng.randrange(max(1, interval * 3 // 4)))
            updated = max(at, self.anchor - before)
            t.add(updated, owner, LogKind.PROGRESS, rng.choice(PROGRESS_NOTES))
            upd = self._progress_due(v["submitted_at"], updated, priority)
        v["next_update_due"] = upd
        v["next_due"] = min(v["resolve_due"], upd)

    def _progress_due(
        self, submitted: datetime, updated: datetime | None, priority: Priority
    ) -> datetime:
        s = self.settings
        return sla.next_progress_due(submitted, updated, priority, s.calendar, s.targets)

    def _escalate_due(self, taken: datetime, priority: Priority) -> datetime:
        return escalate_due(taken, priority, self.settings.calendar, self.settings.targets)

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
        # A small desk has a small queue: one straggler per thousand tickets, up to STRAGGLERS,
        # drawn from about 1.5 times as many chances among the tickets of _STRAGGLER_AGE.
        self.stragglers = min(STRAGGLERS, max(1, count // 1000))
        recent = count * min(1.0, _STRAGGLER_AGE / timedelta(days=max(1, self.days)))
        self.straggler_chance = min(0.3, self.stragglers * 1.5 / max(1.0, recent))
        for i, submitted in enumerate(self.submission_times(count)):
            today = submitted.date()
            if today != day:
                day, key = today, day_key(prefix, today)
            if key not in sequences:
                sequences[key] = taken(key)
            sequences[key] += 1
            number = format_number(prefix, today, sequences[key])
            yield self.ticket(first_id + i, number, submitted, count - 1 - i)
