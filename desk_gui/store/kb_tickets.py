"""Tickets for the suggestion panel: resolved ones like the call, open ones it may duplicate.

Similar resolved tickets go through the queue's own search (``store.search``), so they are as
fast at a million tickets as the search box: each telling word of the call is counted (bounded),
then the rarest words, alone and in pairs, fetch the newest tickets that hold them; those few
candidates are scored in Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from itertools import combinations
from typing import Any

import peewee as pw

from desk_gui.store import schema, search
from desk_gui.store.database import dicts_of, fetch_all
from desk_gui.store.models import Ticket

COUNT_CAP = 20_000
"""Counting a word's tickets stops here: a word this common tells little on its own."""
PER_QUERY = 60
SOLVED = ("resolved", "closed")


def _df(words: Sequence[str]) -> dict[str, int]:
    return {w: search.count_matches(w, limit=COUNT_CAP) for w in words}


def similar_resolved(words: Sequence[str], limit: int = 5) -> list[tuple[dict[str, Any], float]]:
    """Resolved or closed tickets holding the call's words, scored, best first."""
    df = {w: n for w, n in _df(words).items() if n > 0}
    if not df:
        return []
    rare = sorted(df, key=lambda w: (df[w], -len(w)))[:4]
    queries = [w for w in rare if df[w] < COUNT_CAP] + [
        f"{a} {b}" for a, b in combinations(rare, 2)
    ]
    ids: set[int] = set()
    for q in queries:
        ids.update(search.search_ticket_ids(q, limit=PER_QUERY))
    if not ids:
        return []
    rows = dicts_of(
        Ticket.select(
            Ticket.id, Ticket.number, Ticket.title, Ticket.description, Ticket.solution,
            Ticket.status,
        ).where(Ticket.id.in_(sorted(ids)) & Ticket.status.in_(SOLVED))
    )  # fmt: skip
    total = max(int(fetch_all("SELECT max(id) FROM ticket")[0][0] or 1), 1)
    idf = {w: math.log(1 + total / n) for w, n in df.items()}
    scored = [(row, _score(row, idf)) for row in rows]
    scored.sort(key=lambda rs: (-rs[1], -int(rs[0]["id"])))
    return scored[:limit]


def _score(row: dict[str, Any], idf: dict[str, float]) -> float:
    title = str(row["title"]).lower()
    body = f"{row['description']} {row['solution']}".lower()
    return round(sum(v * (3 if w in title else 1 if w in body else 0) for w, v in idf.items()), 3)


def open_tickets_of(
    requester: str, department: str, since: datetime, limit: int = 200
) -> list[dict[str, Any]]:
    """Open tickets from this requester or department submitted since ``since``, newest first."""
    who = []
    if requester.strip():
        who.append(Ticket.requester == requester.strip())
    if department.strip():
        who.append(Ticket.department == department.strip())
    if not who:
        return []
    cond = who[0] if len(who) == 1 else (who[0] | who[1])
    query = (
        Ticket.select(
            Ticket.id, Ticket.number, Ticket.title, Ticket.description, Ticket.requester,
            Ticket.department, Ticket.submitted_at,
        )
        # The literal status list lets SQLite use the open tickets' partial indexes.
        .where(pw.SQL(schema.OPEN_STATUS_SQL) & (Ticket.submitted_at >= since) & cond)
        .order_by(Ticket.submitted_at.desc())
        .limit(limit)
    )  # fmt: skip
    return dicts_of(query)
