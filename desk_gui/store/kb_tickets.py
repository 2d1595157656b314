"""Tickets for the suggestion panel: resolved ones like the call, open ones it may duplicate.

Similar resolved tickets go through the queue's own search index (``store.search``: its index
form of a word, its FTS5 table on SQLite, its search on PostgreSQL), so they are as fast at a
million tickets as the search box: each telling word of the call is counted (bounded), then the
rarest words, alone and in pairs, fetch the newest tickets that hold them as exact tokens; those
few candidates are scored in Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from itertools import combinations
from typing import Any

import peewee as pw

from desk_gui.store import schema, search
from desk_gui.store.database import dicts_of, fetch_all, is_sqlite
from desk_gui.store.models import Ticket

COUNT_CAP = 2_000
"""Counting a word's tickets stops here: a word this common tells little on its own."""
PER_QUERY = 60
WINDOW = 200_000
"""Only the newest tickets are searched for similar ones: a bound on the work at a million
tickets (a pair of common words that never meet would walk both doclists to the end)."""
RAREST = 4
"""The rarest words of the call that fetch candidates, alone and in pairs."""
SOLVED = ("resolved", "closed")


def _exact(words: Sequence[str]) -> str:
    """An FTS5 AND of the words as exact phrases of the ticket index (no prefix star: a prefix
    merges every matching token's doclist, milliseconds each at a million tickets)."""
    return " ".join('"' + search.index_text(w).replace('"', '""') + '"' for w in words)


_MATCH = f'SELECT rowid FROM "{schema.FTS_TABLE}" WHERE "{schema.FTS_TABLE}" MATCH ? AND rowid > ?'


def _count(words: Sequence[str], floor: int) -> int:
    if not is_sqlite():
        return search.count_matches(" ".join(words), limit=COUNT_CAP)
    sql = f"SELECT count(*) FROM ({_MATCH} LIMIT ?)"
    return int(fetch_all(sql, (_exact(words), floor, COUNT_CAP))[0][0])


def _newest(words: Sequence[str], floor: int) -> list[int]:
    if not is_sqlite():
        return search.search_ticket_ids(" ".join(words), limit=PER_QUERY)
    sql = f"{_MATCH} ORDER BY rowid DESC LIMIT ?"
    return [int(r[0]) for r in fetch_all(sql, (_exact(words), floor, PER_QUERY))]


def _df(words: Sequence[str], floor: int) -> dict[str, int]:
    return {w: _count([w], floor) for w in words}


def similar_resolved(words: Sequence[str], limit: int = 5) -> list[tuple[dict[str, Any], float]]:
    """Resolved or closed tickets holding the call's words, scored, best first."""
    top = int(fetch_all("SELECT max(id) FROM ticket")[0][0] or 0)
    floor = max(0, top - WINDOW)
    df = {w: n for w, n in _df(words, floor).items() if n > 0}
    if not df:
        return []
    rare = sorted(df, key=lambda w: (df[w], -len(w)))[:RAREST]
    ids: set[int] = set()
    for word in rare:
        ids.update(_newest([word], floor))
    for a, b in combinations(rare, 2):
        # Two common words that never meet would walk both position lists to the end (tens of
        # milliseconds at a million tickets): a pair needs one word rare enough to be counted.
        if min(df[a], df[b]) < COUNT_CAP:
            ids.update(_newest([a, b], floor))
    if not ids:
        return []
    rows = dicts_of(
        Ticket.select(
            Ticket.id, Ticket.number, Ticket.title, Ticket.description, Ticket.solution,
            Ticket.status,
        ).where(Ticket.id.in_(sorted(ids)) & Ticket.status.in_(SOLVED))
    )  # fmt: skip
    total = max(top - floor, 1)
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
