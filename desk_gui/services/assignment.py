"""Who should take a ticket: staff of the right tier and skills, least loaded first.

The ranking (the user still decides):
1. active staff at the wanted tier (the ticket's own tier for an assignment, the target tier
   for an escalation); nobody of another tier is suggested;
2. whose skills include the ticket's category before those whose skills do not;
3. then the smallest open load: each open ticket (pending or in progress) they hold counts by
   its priority, P1 = 4, P2 = 3, P3 = 2, P4 = 1, so one P1 weighs as much as four P4s;
4. ties broken by name.
``score`` folds 2 and 3 into one number, higher is better: 1 for a skills match plus
1 / (1 + load), so a match always outranks any load.
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from desk_gui.domain.enums import Category, Priority, Tier
from desk_gui.services import directory, records
from desk_gui.store import schema
from desk_gui.store.database import rows_of, translate_errors
from desk_gui.store.models import Ticket

PRIORITY_WEIGHTS: dict[Priority, int] = {
    Priority.P1: 4,
    Priority.P2: 3,
    Priority.P3: 2,
    Priority.P4: 1,
}


@dataclass(frozen=True)
class Suggestion:
    """One candidate for a ticket, with why they rank where they do."""

    name: str
    tier: Tier
    skills_match: bool
    open_load: int  # open tickets weighted by priority
    score: float


def weighted_loads(names: list[str] | None = None) -> dict[str, int]:
    """Weighted open load per assignee (a covering index scan over open tickets)."""
    weight = pw.Case(Ticket.priority, [(p.value, w) for p, w in PRIORITY_WEIGHTS.items()], 0)
    query = (
        Ticket.select(Ticket.assignee, pw.fn.SUM(weight))
        .where(pw.SQL(schema.OPEN_STATUS_SQL), Ticket.assignee.is_null(False))
        .group_by(Ticket.assignee)
    )
    if names is None:
        return {str(name): int(total or 0) for name, total in rows_of(query)}
    loads: dict[str, int] = {}
    for start in range(0, len(names), 500):  # an import can add thousands of staff names
        chunk = query.where(Ticket.assignee.in_(names[start : start + 500]))
        loads.update((str(name), int(total or 0)) for name, total in rows_of(chunk))
    return loads


def rank(category: Category, tier: Tier, exclude: str | None = None) -> list[Suggestion]:
    """Active staff at ``tier`` ranked for a ticket of ``category`` (see the module docstring)."""
    with translate_errors():
        staff = [
            m
            for m in directory.list_staff(active_only=True)
            if m.tier is tier and m.name != exclude
        ]
        loads = weighted_loads([m.name for m in staff]) if staff else {}
    out = []
    for member in staff:
        match = category in member.skills
        load = loads.get(member.name, 0)
        score = (1.0 if match else 0.0) + 1.0 / (1.0 + load)
        out.append(Suggestion(member.name, member.tier, match, load, score))
    return sorted(out, key=lambda s: (-s.score, s.name))


def suggest_assignees(
    ticket_id: int | None = None,
    *,
    category: Category | None = None,
    tier: Tier | None = None,
) -> list[Suggestion]:
    """Ranked candidates for a ticket (its category and tier), or for ``(category, tier)``.

    Given a ticket, ``category`` or ``tier`` override its own (the escalate dialog asks for
    the target tier); the ticket's current assignee is not suggested to themselves.
    """
    exclude = None
    if ticket_id is not None:
        with translate_errors():
            row = records.load(ticket_id)
        category = category or Category(row.category)
        tier = tier or Tier(row.tier)
        exclude = row.assignee
    if category is None or tier is None:
        raise ValueError("suggest_assignees needs a ticket or a category and a tier")
    return rank(category, tier, exclude)
