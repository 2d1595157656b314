"""Reminders for one operator: due now or soon on their tickets and on unassigned ones.

What is due comes from the stored deadlines (``domain.reminders``) through two index range
scans over open tickets (``ticket_qo_assignee_due``: assignee, next_due), one for the
operator's tickets and one for the unassigned, bounded by the look-back and look-ahead
window, plus one over the in-progress L1 tickets for the 30-minute rule (``ticket_l1_taken``).

Each person gets each reminder once, however many workstations are open: a reminder is the
key (ticket, kind, due time, operator), UNIQUE in the ``reminder`` table. The workstation whose
INSERT OR IGNORE lands (in a BEGIN IMMEDIATE transaction, so two processes cannot both win)
pops the notification; the others list it quietly. When a snooze runs out, a conditional
UPDATE decides in the same way who notifies again.

Unassigned tickets remind everyone, once each (not only the first to claim): nobody owns them
yet, and a notice claimed by a workstation whose operator is away would help no one. As soon
as someone takes or is given the ticket, it drops out of everybody else's list.

A reminder lasts until acknowledged (or its deadline moves: a progress update, a priority
change or a wait gives a new due time, hence a new reminder, and the old one is forgotten).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time

import peewee as pw

from desk_gui.domain import reminders as rules
from desk_gui.domain.enums import Priority, Status, Tier
from desk_gui.domain.reminders import DeadlineSnapshot, DueItem, ReminderKind
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings, OfficeSettingsCache
from desk_gui.store import schema
from desk_gui.store.database import rows_of, translate_errors, write_transaction
from desk_gui.store.models import Reminder, Ticket

LIMIT = 200
"""At most this many tickets per scan: more than a person can act on in one look."""

_FIELDS = (
    Ticket.id,
    Ticket.number,
    Ticket.title,
    Ticket.priority,
    Ticket.tier,
    Ticket.status,
    Ticket.assignee,
    Ticket.respond_due,
    Ticket.resolve_due,
    Ticket.next_update_due,
    Ticket.first_response_at,
    Ticket.waiting_on,
)


@dataclass(frozen=True)
class ReminderKey:
    """Identifies one reminder of the operator: ticket, kind and due time."""

    ticket_id: int
    kind: ReminderKind
    due_at: datetime


@dataclass(frozen=True)
class DueReminder:
    """One line of the reminder list."""

    ticket_id: int
    number: str
    title: str
    priority: Priority
    assignee: str | None
    kind: ReminderKind
    due_at: datetime

    @property
    def key(self) -> ReminderKey:
        return ReminderKey(self.ticket_id, self.kind, self.due_at)

    def overdue(self, now: datetime) -> bool:
        return now > self.due_at


@dataclass(frozen=True)
class ReminderPoll:
    """What one poll found: the list to show and the reminders this workstation announces."""

    pending: list[DueReminder]
    fresh: list[DueReminder]


@dataclass(frozen=True)
class _Row:
    id: int
    snoozed_until: datetime | None
    acknowledged_at: datetime | None


class ReminderService:
    """Computes, claims, snoozes and acknowledges the reminders of ``ctx.operator``."""

    def __init__(
        self,
        ctx: Context,
        settings: OfficeSettings | None = None,
        lead: timedelta = rules.LEAD,
        lookback: timedelta = rules.LOOKBACK,
        limit: int = LIMIT,
    ) -> None:
        self.ctx = ctx
        self._settings = OfficeSettingsCache(settings)
        self.lead = lead
        self.lookback = lookback
        self.limit = limit

    @property
    def settings(self) -> OfficeSettings:
        return self._settings.get()

    def reload_settings(self) -> None:
        """Read the office settings again at the next use (after the SLA dialog saved)."""
        self._settings.reload()

    # -- what is due ----------------------------------------------------------------------

    def _scan(self, now: datetime) -> list[tuple]:
        low, high = rules.window(now, self.lead, self.lookback)
        open_ = pw.SQL(schema.OPEN_STATUS_SQL)
        rows: dict[int, tuple] = {}
        for whose in (Ticket.assignee == self.ctx.operator, Ticket.assignee.is_null()):
            query = (
                Ticket.select(*_FIELDS)
                .where(open_, whose, Ticket.next_due.between(low, high))
                .order_by(Ticket.next_due)
                .limit(self.limit)
            )
            rows.update((r[0], r) for r in rows_of(query))
        # The 30-minute rule: taken at least 30 wall minutes ago (business time is never less).
        taken = (
            Ticket.select(*_FIELDS)
            .where(
                pw.SQL(schema.IN_PROGRESS_L1_SQL),
                Ticket.first_response_at.between(
                    low - rules.ESCALATE_AFTER, now - rules.ESCALATE_AFTER
                ),
                (Ticket.assignee == self.ctx.operator) | Ticket.assignee.is_null(),
            )
            .order_by(Ticket.first_response_at)
            .limit(self.limit)
        )
        rows.update((r[0], r) for r in rows_of(taken))
        return list(rows.values())

    def due(self, now: datetime | None = None) -> list[DueReminder]:
        """Every reminder the operator is owed at ``now``, earliest first (no state applied)."""
        now = now or self.ctx.now()
        settings = self.settings
        out: list[DueReminder] = []
        for r in self._scan(now):
            snap = DeadlineSnapshot(
                ticket_id=r[0],
                priority=Priority(r[3]),
                tier=Tier(r[4]),
                status=Status(r[5]),
                respond_due=r[7],
                resolve_due=r[8],
                next_update_due=r[9],
                first_response_at=r[10],
                waiting=bool(r[11]),
            )
            items = rules.reminders_for(
                snap, now, settings.calendar, settings.targets, self.lead, self.lookback
            )
            out.extend(self._line(r, item) for item in items)
        return sorted(out, key=lambda d: (d.due_at, d.number, d.kind.value))

    @staticmethod
    def _line(r: tuple, item: DueItem) -> DueReminder:
        return DueReminder(r[0], r[1], r[2], Priority(r[3]), r[6], item.kind, item.due_at)

    # -- claims and state -----------------------------------------------------------------

    def _states(self, ticket_ids: list[int]) -> dict[ReminderKey, _Row]:
        found: dict[ReminderKey, _Row] = {}
        for start in range(0, len(ticket_ids), 500):
            chunk = ticket_ids[start : start + 500]
            query = Reminder.select(
                Reminder.ticket,
                Reminder.kind,
                Reminder.due_at,
                Reminder.id,
                Reminder.snoozed_until,
                Reminder.acknowledged_at,
            ).where(Reminder.ticket.in_(chunk), Reminder.operator == self.ctx.operator)
            for t, kind, due, rid, snoozed, acked in rows_of(query):
                found[ReminderKey(t, ReminderKind(kind), due)] = _Row(rid, snoozed, acked)
        return found

    def _claim(self, key: ReminderKey, now: datetime) -> bool:
        """INSERT OR IGNORE the key; True if this workstation got it."""
        query = (
            Reminder.insert(
                ticket=key.ticket_id,
                kind=key.kind.value,
                due_at=key.due_at,
                operator=self.ctx.operator,
                workstation=self.ctx.workstation,
                claimed_at=now,
            )
            .on_conflict_ignore()
            .as_rowcount()
        )
        return int(query.execute()) == 1

    def _wake(self, row_id: int, now: datetime) -> bool:
        """End a snooze that ran out; True if this workstation announces it again."""
        n = (
            Reminder.update(snoozed_until=None, workstation=self.ctx.workstation)
            .where(
                (Reminder.id == row_id)
                & Reminder.snoozed_until.is_null(False)
                & (Reminder.snoozed_until <= now)
            )
            .execute()
        )
        return int(n) == 1

    def poll(self, now: datetime | None = None) -> ReminderPoll:
        """The operator's pending reminders; new ones (and ended snoozes) claimed at most once.

        Writes only when something is new, so a quiet poll is two or three index reads.
        """
        now = now or self.ctx.now()
        with translate_errors():
            due = self.due(now)
            states = self._states(sorted({d.ticket_id for d in due}))
        new = [d for d in due if d.key not in states]
        woken = [
            d
            for d in due
            if (s := states.get(d.key)) is not None
            and s.acknowledged_at is None
            and s.snoozed_until is not None
            and s.snoozed_until <= now
        ]
        fresh: list[DueReminder] = []
        if new or woken:
            with write_transaction():
                fresh.extend(d for d in new if self._claim(d.key, now))
                fresh.extend(d for d in woken if self._wake(states[d.key].id, now))
        pending = []
        for d in due:
            s = states.get(d.key)
            if s is None or (
                s.acknowledged_at is None and (s.snoozed_until is None or s.snoozed_until <= now)
            ):
                pending.append(d)
        return ReminderPoll(pending, fresh)

    def _upsert(self, key: ReminderKey, **changes: datetime | None) -> None:
        now = self.ctx.now()
        with write_transaction():
            Reminder.insert(
                ticket=key.ticket_id,
                kind=key.kind.value,
                due_at=key.due_at,
                operator=self.ctx.operator,
                workstation=self.ctx.workstation,
                claimed_at=now,
                **changes,
            ).on_conflict(
                conflict_target=[
                    Reminder.ticket,
                    Reminder.kind,
                    Reminder.due_at,
                    Reminder.operator,
                ],
                update={getattr(Reminder, k): v for k, v in changes.items()},
            ).execute()

    def snooze(self, key: ReminderKey, until: datetime) -> None:
        """Hide the reminder until ``until`` (on every workstation of the operator)."""
        self._upsert(key, snoozed_until=until.replace(microsecond=0))

    def snooze_for(self, key: ReminderKey, delta: timedelta) -> datetime:
        """Snooze for ``delta`` from now; the time it comes back."""
        until = self.ctx.now() + delta
        self.snooze(key, until)
        return until

    def tomorrow(self) -> datetime:
        """The office's next opening after today (a holiday or weekend is skipped)."""
        start = datetime.combine(self.ctx.now().date() + timedelta(days=1), clock_time(0, 0))
        return self.settings.calendar.next_opening(start)

    def snooze_until_tomorrow(self, key: ReminderKey) -> datetime:
        until = self.tomorrow()
        self.snooze(key, until)
        return until

    def acknowledge(self, key: ReminderKey) -> None:
        """Done with this reminder: it does not come back (a new deadline brings a new one)."""
        self._upsert(key, acknowledged_at=self.ctx.now(), snoozed_until=None)
