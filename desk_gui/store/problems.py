"""Problem records in the database: rows, their tickets and actions, and the reads around them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import peewee as pw

from desk_gui.domain.problem import Action, ActionStatus, ProblemRecord, ProblemStatus, Why
from desk_gui.store.database import rows_of
from desk_gui.store.errors import ConflictError
from desk_gui.store.models import DailySequence, Problem, ProblemAction, ProblemTicket, Ticket

SEQUENCE_PREFIX = "problem:"
"""DailySequence keys of problem numbers (apart from every ticket prefix)."""

TicketBrief = tuple[int, str, str, datetime, str]
"""(id, number, title, submitted_at, status)."""


def next_number(day: date) -> str:
    """PRB + date + daily sequence (PRB20261124-01); call inside the write transaction."""
    key = f"{SEQUENCE_PREFIX}{day:%Y%m%d}"
    DailySequence.insert(day_key=key, last=1).on_conflict(
        conflict_target=[DailySequence.day_key], update={DailySequence.last: DailySequence.last + 1}
    ).execute()
    last = DailySequence.get(DailySequence.day_key == key).last
    return f"PRB{day:%Y%m%d}-{last:02d}"


def _record(row: Problem) -> ProblemRecord:
    actions = [
        Action(a.what, a.owner, a.due, ActionStatus(a.status), a.check_result, a.id)
        for a in ProblemAction.select()
        .where(ProblemAction.problem == row.id)
        .order_by(ProblemAction.id)
    ]
    linked = rows_of(
        ProblemTicket.select(ProblemTicket.ticket).where(ProblemTicket.problem == row.id)
    )
    return ProblemRecord(
        title=row.title, number=row.number, status=ProblemStatus(row.status),
        whys=[Why(w, b) for w, b in json.loads(row.whys or "[]")],
        workaround=row.workaround, permanent_fix=row.permanent_fix, actions=actions,
        ticket_ids=sorted(int(t) for (t,) in linked), created_at=row.created_at,
        created_by=row.created_by, closed_at=row.closed_at, version=row.version, id=row.id,
    )  # fmt: skip


def load(problem_id: int) -> ProblemRecord:
    return _record(Problem.get_by_id(problem_id))


def insert(record: ProblemRecord, match_key: str, now: datetime, who: str) -> int:
    row = Problem.create(
        number=record.number, title=record.title.strip(), match_key=match_key,
        status=record.status.value, whys=_whys(record), workaround=record.workaround,
        permanent_fix=record.permanent_fix, created_at=now, created_by=who, updated_at=now,
        updated_by=who,
    )  # fmt: skip
    return int(row.id)


def _whys(record: ProblemRecord) -> str:
    return json.dumps([[w.why, w.because] for w in record.whys], ensure_ascii=False)


def update(record: ProblemRecord, match_key: str, now: datetime, who: str) -> None:
    """Save the record's fields if nobody saved since ``record.version`` (ConflictError)."""
    assert record.id is not None
    closed_at = (record.closed_at or now) if record.status is ProblemStatus.CLOSED else None
    changed = Problem.update(
        title=record.title.strip(), match_key=match_key, status=record.status.value,
        whys=_whys(record), workaround=record.workaround, permanent_fix=record.permanent_fix,
        updated_at=now, updated_by=who, closed_at=closed_at, version=Problem.version + 1,
    ).where((Problem.id == record.id) & (Problem.version == record.version)).execute()  # fmt: skip
    if changed != 1:
        row = Problem.get_by_id(record.id)
        raise ConflictError(row.number, row.updated_by, row.updated_at)


def save_actions(problem_id: int, actions: Sequence[Action], now: datetime) -> None:
    """Replace the problem's actions by ``actions`` (kept ids are updated, others deleted)."""
    kept = [a.id for a in actions if a.id is not None]
    ProblemAction.delete().where(
        (ProblemAction.problem == problem_id) & ProblemAction.id.not_in(kept or [0])
    ).execute()
    for a in actions:
        values: dict[str, Any] = dict(what=a.what.strip(), owner=a.owner.strip(), due=a.due,
                                      status=a.status.value, check_result=a.check_result,
                                      updated_at=now)  # fmt: skip
        if a.id is None:
            ProblemAction.create(problem=problem_id, **values)
        else:
            ProblemAction.update(**values).where(ProblemAction.id == a.id).execute()


def action_statuses(problem_id: int) -> dict[int, ActionStatus]:
    query = ProblemAction.select(ProblemAction.id, ProblemAction.status).where(
        ProblemAction.problem == problem_id
    )
    return {int(i): ActionStatus(s) for i, s in rows_of(query)}


def link(problem_id: int, ticket_ids: Sequence[int], now: datetime, who: str) -> int:
    """Group tickets under the problem (already linked ones are left); how many were new."""
    present = {int(t) for (t,) in rows_of(
        ProblemTicket.select(ProblemTicket.ticket).where(ProblemTicket.problem == problem_id))}  # fmt: skip
    new = [t for t in dict.fromkeys(ticket_ids) if t not in present]
    for ticket_id in new:
        ProblemTicket.create(problem=problem_id, ticket=ticket_id, linked_at=now, linked_by=who)
    return len(new)


def unlink(problem_id: int, ticket_id: int) -> None:
    ProblemTicket.delete().where(
        (ProblemTicket.problem == problem_id) & (ProblemTicket.ticket == ticket_id)
    ).execute()


def briefs(ticket_ids: Sequence[int]) -> list[TicketBrief]:
    query = (
        Ticket.select(Ticket.id, Ticket.number, Ticket.title, Ticket.submitted_at, Ticket.status)
        .where(Ticket.id.in_(list(ticket_ids) or [0]))
        .order_by(Ticket.submitted_at.desc())
    )
    return [(int(i), n, t, s, st) for i, n, t, s, st in rows_of(query)]


def recent_unlinked(problem_id: int, since: datetime, limit: int = 5000) -> list[TicketBrief]:
    """Tickets since ``since`` not grouped under this problem, newest first."""
    linked = ProblemTicket.select(ProblemTicket.ticket).where(ProblemTicket.problem == problem_id)
    query = (
        Ticket.select(Ticket.id, Ticket.number, Ticket.title, Ticket.submitted_at, Ticket.status)
        .where((Ticket.submitted_at >= since) & Ticket.id.not_in(linked))
        .order_by(Ticket.submitted_at.desc())
        .limit(limit)
    )
    return [(int(i), n, t, s, st) for i, n, t, s, st in rows_of(query)]


def open_problems() -> list[tuple[int, str, str, str, int]]:
    """(id, number, title, match key, linked tickets) of every open problem, oldest first."""
    count = pw.fn.COUNT(ProblemTicket.ticket)
    query = (
        Problem.select(Problem.id, Problem.number, Problem.title, Problem.match_key, count)
        .join(ProblemTicket, pw.JOIN.LEFT_OUTER, on=(ProblemTicket.problem == Problem.id))
        .where(Problem.status == ProblemStatus.OPEN.value)
        .group_by(Problem.id, Problem.number, Problem.title, Problem.match_key)
        .order_by(Problem.id)
    )
    return [(int(i), n, t, k, int(c)) for i, n, t, k, c in rows_of(query)]


def actions_due(until: date) -> list[tuple[str, str, str, date, str]]:
    """(problem number, what, owner, due, status) of unfinished actions due by ``until``."""
    query = (
        ProblemAction.select(
            Problem.number,
            ProblemAction.what,
            ProblemAction.owner,
            ProblemAction.due,
            ProblemAction.status,
        )
        .join(Problem, on=(ProblemAction.problem == Problem.id))
        .where(
            (ProblemAction.status != ActionStatus.DONE.value)
            & ProblemAction.due.is_null(False)
            & (ProblemAction.due <= until)
        )
        .order_by(ProblemAction.due, Problem.number)
    )
    return [(n, w, o, _day(d), s) for n, w, o, d, s in rows_of(query)]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def titles_between(start: datetime, end: datetime) -> list[tuple[str, int]]:
    """Titles of tickets submitted in [start, end) with their counts."""
    query = (
        Ticket.select(Ticket.title, pw.fn.COUNT(Ticket.id))
        .where((Ticket.submitted_at >= start) & (Ticket.submitted_at < end))
        .group_by(Ticket.title)
    )
    return [(str(t), int(n)) for t, n in rows_of(query)]


def ids_titled(titles: Sequence[str], start: datetime, end: datetime) -> list[int]:
    query = Ticket.select(Ticket.id).where(
        Ticket.title.in_(list(titles) or [""])
        & (Ticket.submitted_at >= start)
        & (Ticket.submitted_at < end)
    )
    return [int(i) for (i,) in rows_of(query.order_by(Ticket.id))]


def problems_of_ticket(ticket_id: int) -> list[tuple[int, str, str, str]]:
    """(id, number, title, status) of the problem records the ticket is grouped under."""
    query = (
        Problem.select(Problem.id, Problem.number, Problem.title, Problem.status)
        .join(ProblemTicket, on=(ProblemTicket.problem == Problem.id))
        .where(ProblemTicket.ticket == ticket_id)
        .order_by(Problem.id)
    )
    return [(int(i), str(n), str(t), str(s)) for i, n, t, s in rows_of(query)]
