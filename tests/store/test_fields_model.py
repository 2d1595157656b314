"""Every Ticket column that holds a worksheet field is declared in domain.fields, and back."""

from __future__ import annotations

from desk_gui.domain.fields import FIELDS
from desk_gui.store.models import Ticket

# Columns that are bookkeeping, not a field people read, type, print or exchange.
BOOKKEEPING = frozenset(
    (
        "id",
        "next_due",  # the earliest deadline, for the queue's sort
        "first_response_at",
        "closed_at",
        "close_reason",
        "waiting_since",
        "paused_seconds",
        "escalation_count",
        "reopen_count",
        "version",
        "created_at",
        "updated_at",
        "updated_by",
    )
)


def test_every_ticket_column_is_a_declared_field_or_bookkeeping() -> None:
    declared = {name for f in FIELDS for name in f.columns}
    model = set(Ticket._meta.columns)
    assert model - declared - BOOKKEEPING == set()  # a new column: declare its field
    assert declared - model == set()  # a declared field: give it its column
    assert not declared & BOOKKEEPING
