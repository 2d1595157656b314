"""What the review meeting's reports measure per ticket, and a summary over a period.

Deadlines met or missed are computed, not stored: the ticket keeps its first response time,
its resolution time and its current deadlines (recomputed when the priority changes, pushed
later by waits), so "met" is ``first_response_at <= respond_due`` and ``resolved_at <=
resolve_due`` against the ticket's final classification. Nothing can drift out of step, old
and imported tickets need no backfill, and SQL sums the same comparisons for a period.
First-contact resolution: resolved at L1 without any escalation (tier and escalation_count).
Reopenings and escalations are the ticket's counters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import peewee as pw

from desk_gui.domain.enums import Tier
from desk_gui.domain.ticket import TicketRecord
from desk_gui.store.database import rows_of
from desk_gui.store.models import Ticket


def _minutes(start: datetime, end: datetime | None) -> int | None:
    return None if end is None else max(0, (end - start) // timedelta(minutes=1))


def met(done_at: datetime | None, due: datetime | None) -> bool | None:
    """True/False once done (on or before the deadline counts as met); None until then."""
    if done_at is None or due is None:
        return None
    return done_at <= due


def first_contact_resolution(
    resolved_at: datetime | None, tier: Tier, escalations: int
) -> bool | None:
    """Resolved at L1 without escalation; None while unresolved."""
    if resolved_at is None:
        return None
    return tier is Tier.L1 and escalations == 0


@dataclass(frozen=True)
class TicketMetrics:
    """One ticket's figures for the reports (minutes are wall-clock)."""

    first_response_minutes: int | None
    resolution_minutes: int | None
    respond_met: bool | None
    resolve_met: bool | None
    first_contact_resolution: bool | None
    escalations: int
    reopenings: int


def ticket_metrics(r: TicketRecord) -> TicketMetrics:
    return TicketMetrics(
        first_response_minutes=_minutes(r.submitted_at, r.first_response_at),
        resolution_minutes=_minutes(r.submitted_at, r.resolved_at),
        respond_met=met(r.first_response_at, r.respond_due),
        resolve_met=met(r.resolved_at, r.resolve_due),
        first_contact_resolution=first_contact_resolution(
            r.resolved_at, r.tier, r.escalation_count
        ),
        escalations=r.escalation_count,
        reopenings=r.reopen_count,
    )


@dataclass(frozen=True)
class Summary:
    """Counts over the tickets submitted in a period."""

    tickets: int
    responded: int
    respond_met: int
    resolved: int
    resolve_met: int
    first_contact_resolved: int
    escalated: int
    reopened: int


def _count_if(condition: Any) -> Any:
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def summary(submitted_from: datetime, submitted_to: datetime) -> Summary:
    """Counts for tickets submitted in [from, to): what "share within target" divides."""
    resolved = Ticket.resolved_at.is_null(False)
    responded = Ticket.first_response_at.is_null(False)
    query = Ticket.select(
        pw.fn.COUNT(Ticket.id),
        _count_if(responded),
        _count_if(responded & (Ticket.first_response_at <= Ticket.respond_due)),
        _count_if(resolved),
        _count_if(resolved & (Ticket.resolved_at <= Ticket.resolve_due)),
        _count_if(resolved & (Ticket.tier == Tier.L1.value) & (Ticket.escalation_count == 0)),
        _count_if(Ticket.escalation_count > 0),
        _count_if(Ticket.reopen_count > 0),
    ).where((Ticket.submitted_at >= submitted_from) & (Ticket.submitted_at < submitted_to))
    values = rows_of(query)[0]
    return Summary(*(int(v or 0) for v in values))
