"""Deterministic demo data: months of realistic tickets with logs, escalations and feedback.

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
from desk_gui.services.demo_data import (
    CONTACTS,
    DEPARTMENTS,
    PROGRESS_NOTES,
    REQUESTERS,
    SCENARIOS,
    STAFF,
    Scenario,
)
from desk_gui.services.settings import OfficeSettings

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


@dataclass
class _Ticket:
    """One generated ticket: its column values and its log lines."""

    values: dict[str, Any]
    log: list[tuple[datetime, str, str, str, str | None]] = field(default_factory=list)

    def add(self, at: datetime, author: str, kind: LogKind, text: str) -> None:
        """A line a person typed (one version only)."""
        self.log.append((at, author, kind.value, text, None))

    def add_line(self, at: datetime, author: str, kind: LogKind, line: log_lines.LogLine) -> None:
        """A generated line in Chinese and English."""
        self.log.append((at, author, kind.value, line.zh, line.en))


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
        deadlines = sla.compute_deadlines(
            submitted, priority, self.settings.calendar, self.settings.targets
        )
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
