"""Shared fixtures: a fresh, migrated database file per test and a ticket factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from desk_gui.store import log_append, search
from desk_gui.store.database import close_database, open_database, write_transaction
from desk_gui.store.models import Ticket

TicketFactory = Callable[..., Ticket]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database file lives."""
    return tmp_path / "desk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[pw.Database]:
    """A fresh database file at the latest schema, open and bound to the models."""
    database = open_database(db_path)
    try:
        yield database
    finally:
        close_database()


@pytest.fixture
def make_ticket(db: pw.Database) -> TicketFactory:
    """Insert a ticket (plus optional log lines) with sensible defaults; indexed for search."""
    counter = {"n": 0}

    def make(log: tuple[str, ...] = (), **fields: Any) -> Ticket:
        counter["n"] += 1
        n = counter["n"]
        values: dict[str, Any] = {
            "number": f"IT20261121{n:03d}",
            "title": f"ticket {n}",
            "department": "IT部",
            "description": "",
            "urgency": "medium",
            "requester": "小明",
            "contact": "内线8888",
            "submitted_at": datetime(2026, 11, 21, 9, 0),
            "category": "software",
            "impact": "individual",
            "priority": "p3",
        }
        values.update(fields)
        with write_transaction():
            ticket = Ticket.create(**values)
            for i, text in enumerate(log):
                log_append.append(ticket.id, datetime(2026, 11, 21, 9, i), "t", "note", text, None)
            search.reindex_ticket(ticket.id)
        return ticket

    return make
