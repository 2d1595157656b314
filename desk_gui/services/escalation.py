"""Automatic escalation: a P1 ticket goes to L2 at once, with a logged reason and handover.

The desk's services turn it on (``TicketService(auto_escalate_p1=True)``): a ticket logged as
P1, or raised to P1 by an edit, while at L1 is escalated to L2 in the same transaction. Imports,
demo data and the plain services leave historical tickets as they are. The ticket stays pending
and unassigned: L2 takes it (and the take is its first response); every workstation already
announces a new open P1 ticket.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_gui.domain import log_lines
from desk_gui.domain.enums import LogKind, Priority, Tier
from desk_gui.services import records
from desk_gui.services.context import Context

P1_REASON = "P1：立即升级"
P1_REASON_EN = "P1: escalate at once"
P1_TIER = Tier.L2


def needs_p1_escalation(priority: Priority, tier: Tier) -> bool:
    """True for a P1 ticket still below L2."""
    order = list(Tier)
    return priority is Priority.P1 and order.index(tier) < order.index(P1_TIER)


def escalate_p1(
    ctx: Context, ticket_id: int, old_tier: Tier, escalations: int, handover: str, at: datetime
) -> dict[str, Any]:
    """Log the automatic escalation; the column changes the caller saves with it."""
    line = log_lines.escalation(
        old_tier, P1_TIER, log_lines.LogLine(P1_REASON, P1_REASON_EN), handover.strip()
    )
    records.add_line(ctx, ticket_id, LogKind.ESCALATE, line, at=at)
    records.add_line(ctx, ticket_id, LogKind.TIER, log_lines.tier_change(old_tier, P1_TIER), at=at)
    return {"tier": P1_TIER.value, "escalation_count": escalations + 1}
