"""Full-text search over tickets: Chinese of any length, English prefixes, literal symbols.

SQLite: an FTS5 table (rowid = ticket id) with the ``unicode61`` tokenizer, fed with text in
index form (``search_text``: every CJK character and ASCII punctuation mark a token of its
own); a query becomes an AND of quoted phrases, the last token of each a prefix. The index is
maintained from Python (``reindex_ticket``) so the file needs no custom SQL function and any
tool can open it.

The FTS5 table is contentless: the text lives in the tickets and their log; ``search_rows``
keeps each row's indexed values compressed, which FTS5 needs to delete a row.

PostgreSQL: the same tokens in a GIN-indexed array, the same rows, the same results
(``pg_search`` writes the rows, ``pg_query`` reads them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, TypeVar

import peewee as pw

from desk_gui.domain.log_render import searched
from desk_gui.store import pg_query, pg_search, schema, search_rows
from desk_gui.store.database import (
    current_database,
    dicts_of,
    fetch_all,
    is_sqlite,
    rows_of,
    write_transaction,
)
from desk_gui.store.models import LogEntry, Ticket
from desk_gui.store.search_text import IndexTextMemo as IndexTextMemo
from desk_gui.store.search_text import fts_query as fts_query
from desk_gui.store.search_text import index_lines as index_lines
from desk_gui.store.search_text import index_text as index_text
from desk_gui.store.search_text import query_terms as query_terms
from desk_gui.store.search_text import ticket_index_row as ticket_index_row

SelectT = TypeVar("SelectT", bound=pw.Select)

_FIELDS = (
    Ticket.id,
    Ticket.number,
    Ticket.title,
    Ticket.description,
    Ticket.solution,
    Ticket.requester,
    Ticket.department,
)


def said(text: str, args: str | None) -> str:
    """A stored log line as the index reads it: a typed line whole, a generated line's typed
    values only (``log_render.searched``, schema 19)."""
    return str(text) if args is None else searched(args)


def log_column(ticket_id: int, count: int) -> str:
    """The index form of the ticket's first ``count`` log entries in id order (what a saved
    copy without its log column indexed: ``search_rows``)."""
    rows = fetch_all(
        'SELECT "text", "args" FROM "log_entry" WHERE "ticket_id" = ? ORDER BY "id" LIMIT ?',
        (ticket_id, count),
    )
    return index_lines(said(text, args) for text, args in rows)


def rebuild_row(ticket_id: int, count: int, saved: list[Any] | None) -> list[str]:
    """The index values (FTS_COLUMNS order) of a row saved as a reference (``search_rows``):
    the fields a trigger ``saved`` or the ticket row's, and the first ``count`` log entries."""
    if saved is None:
        found = dicts_of(Ticket.select(*_FIELDS).where(Ticket.id == ticket_id))
        if not found:
            raise LookupError(f"ticket {ticket_id} is gone and its index row was not saved")
        ticket: dict[str, Any] = found[0]
    else:
        ticket = dict(zip(search_rows.SAVED_FIELDS, saved, strict=True))
        ticket["id"] = ticket_id
    row = ticket_index_row(ticket, [])
    values = [str(v) for v in row[1:]]
    values[schema.FTS_COLUMNS.index("log")] = log_column(ticket_id, count) if count else ""
    return values


def _index_rows(
    ticket_ids: Sequence[int] | None,
) -> tuple[list[tuple[object, ...]], list[tuple[object, bytes]]]:
    """FTS rows for the given tickets (all when None) and their saved copies, in memory.

    The log column holds the ticket's entries in id order (the order they were written), so
    the copy can leave it out (``search_rows``).
    """
    query = Ticket.select(*_FIELDS).order_by(Ticket.id)
    logs = LogEntry.select(LogEntry.ticket, LogEntry.text, LogEntry.args).order_by(
        LogEntry.ticket, LogEntry.id
    )
    if ticket_ids is not None:
        query = query.where(Ticket.id.in_(list(ticket_ids)))
        logs = logs.where(LogEntry.ticket.in_(list(ticket_ids)))
    by_ticket: dict[int, list[str]] = {}
    for tid, text, args in rows_of(logs):
        by_ticket.setdefault(int(tid), []).append(said(text, args))
    rows, docs = [], []
    for t in dicts_of(query):
        lines = by_ticket.get(int(t["id"]), [])
        row = ticket_index_row(t, lines)
        rows.append(row)
        docs.append(search_rows.pack(row, len(lines)))
    return rows, docs


def index_rows_of(
    ticket_ids: Sequence[int],
) -> tuple[list[tuple[object, ...]], list[tuple[object, bytes]]]:
    """The index rows of the given tickets and their saved copies, from their stored columns
    and log (``search_rows.write_index_rows(db, *index_rows_of(ids))``)."""
    return _index_rows(ticket_ids)


def add_index_rows(
    rows: Iterable[tuple[object, ...]],
    docs: Iterable[tuple[object, bytes]] | None = None,
) -> None:
    """SQLite: insert the index rows (``ticket_index_row``) of tickets not indexed yet.

    ``docs``: the rows' saved copies already packed (``search_rows.pack``), e.g. by the demo
    generator's process.
    """
    with write_transaction() as db:
        if is_sqlite(db):
            search_rows.write_index_rows(db, rows, docs)
        else:
            pg_search.write_rows(db, rows)


def reindex_ticket(ticket_id: int) -> None:
    """Recompute one ticket's index row from the ticket and its log (call inside the write)."""
    with write_transaction() as db:
        if not is_sqlite(db):
            pg_search.write_rows(db, _index_rows([ticket_id])[0])
            return
        search_rows.delete_index_row(db, ticket_id, log_column, rebuild_row)
        search_rows.write_index_rows(db, *_index_rows([ticket_id]))


def rebuild_index(chunk: int = 2000) -> int:
    """Rebuild the whole index from the tickets; returns how many tickets were indexed."""
    if not is_sqlite():
        with write_transaction() as db:
            return pg_search.fill(db, index_rows_after, chunk)
    with write_transaction() as db:
        return rewrite_sqlite_index(db, chunk)


def rewrite_sqlite_index(db: pw.Database, chunk: int = 2000) -> int:
    """SQLite, inside a write: empty the index and index every ticket again (schema 19's step);
    returns how many tickets were indexed."""
    search_rows.clear_index(db)
    done = last = 0
    while True:
        cursor = db.execute_sql(
            "SELECT id FROM ticket WHERE id > ? ORDER BY id LIMIT ?", (last, chunk)
        )
        ids = [int(r[0]) for r in cursor.fetchall()]
        cursor.close()
        if not ids:
            return done
        with db.bind_ctx([Ticket, LogEntry]):
            rows, docs = _index_rows(ids)
        search_rows.write_index_rows(db, rows, docs)
        done += len(rows)
        last = ids[-1]


def index_rows_after(db: pw.Database, last: int, chunk: int) -> list[tuple[object, ...]]:
    """Index rows of up to ``chunk`` tickets after id ``last``, in id order (a rebuild's step)."""
    cursor = db.execute_sql(
        f"SELECT id FROM ticket WHERE id > {db.param} ORDER BY id LIMIT {db.param}", (last, chunk)
    )
    try:
        ids = [int(r[0]) for r in cursor.fetchall()]
    finally:
        cursor.close()
    if not ids:
        return []
    with db.bind_ctx([Ticket, LogEntry]):
        return _index_rows(ids)[0]


MANY_HITS = 5000
"""Above this many matches a queue page scans its sort index and probes the match set."""
TESTS_PER_MATCH = 750
"""What testing one ticket costs, in matches put in a match set (measured at 1M tickets: a
test ~0.15 ms, a match ~0.2 µs). A page of ``page`` rows tests about page / share tickets
walked, a match set holds share × tickets matches, so testing wins once share² × tickets ≥
page × TESTS_PER_MATCH: from a share of 0.27 at 1M tickets for a 100-row page (0.39 for 200),
0.87 at 100k — below that, a share of a small file is cheaper to collect."""
SAMPLE = 200
"""How many of the newest matches the share of matching tickets is estimated from."""


class Plan(StrEnum):
    """How a page of search hits in the queue's order is found (``page_plan``)."""

    COLLECT = "collect"  # fetch every match, sort them: few matches
    # walk the sort index, look each ticket up in the match set built once (PostgreSQL: the
    # candidates' set, a phrase rechecked on the page's rows only, ``page_recheck``)
    PROBE = "probe"
    EXISTS = "exists"  # walk the sort index, ask the index about each ticket: most tickets match


def _fts_subquery(match: str) -> pw.SQL:
    return pw.SQL(
        f'(SELECT rowid FROM "{schema.FTS_TABLE}" WHERE "{schema.FTS_TABLE}" MATCH ?)', [match]
    )


def _fts_exists(match: str) -> pw.Node:
    """A correlated test of the outer ticket alone: a rowid seek in each term's doclist."""
    table = schema.FTS_TABLE
    head = pw.SQL(f'EXISTS (SELECT 1 FROM "{table}" WHERE "{table}" MATCH ? AND rowid = ', [match])
    return pw.NodeList((head, Ticket.id, pw.SQL(")")), glue="")


def has_many_hits(query_text: str, threshold: int | None = None) -> bool:
    """Whether ``query_text`` matches at least ``threshold`` tickets (counts at most that many)."""
    threshold = MANY_HITS if threshold is None else threshold
    match = fts_query(query_text) if is_sqlite() and query_text.strip() else None
    if match is None:
        return False
    sql = (
        f'SELECT count(*) FROM (SELECT rowid FROM "{schema.FTS_TABLE}" '
        f'WHERE "{schema.FTS_TABLE}" MATCH ? LIMIT ?)'
    )
    return int(fetch_all(sql, (match, threshold))[0][0]) >= threshold


def match_spread(query_text: str) -> tuple[float, int]:
    """The share of tickets that match, estimated from where the SAMPLE-th newest match lies,
    and the tickets it is a share of (the highest ticket id).

    The index walks a doclist newest first without reading the rest, so this costs SAMPLE
    matches read, however common the term.
    """
    match = fts_query(query_text) if is_sqlite() and query_text.strip() else None
    if match is None:
        return 0.0, 0
    sql = (
        f'SELECT count(*), min(rowid) FROM (SELECT rowid FROM "{schema.FTS_TABLE}" '
        f'WHERE "{schema.FTS_TABLE}" MATCH ? ORDER BY rowid DESC LIMIT ?)'
    )
    found, oldest = fetch_all(sql, (match, SAMPLE))[0]
    top = fetch_all("SELECT max(id) FROM ticket")[0][0]
    if not found or top is None:
        return 0.0, 0
    return min(1.0, int(found) / max(1, int(top) - int(oldest) + 1)), int(top)


def testing_pays(share: float, tickets: int, page: int) -> bool:
    """Whether a page of ``page`` rows is found cheaper by testing the tickets walked along
    the sort index than by building the match set once (TESTS_PER_MATCH)."""
    return share * share * tickets >= page * TESTS_PER_MATCH


def page_plan(query_text: str, page: int = 100) -> Plan:
    """The cheapest way to a page of matches in the sort order, from two bounded counts.

    Few matches: collect and sort them. Many: walk the sort index, either probing a match set
    built once (its cost grows with the matches) or, when most tickets match and every term
    is an exact token, asking the index about each ticket walked (its cost grows with the
    tickets walked, about page size / share). A prefix term (an English word's end) costs a
    doclist merge on each ask, so it always builds the set once.
    """
    if not is_sqlite() and query_text.strip():
        return Plan(pg_query.page_plan(current_database(), pg_query.terms_of(query_text)))
    match = fts_query(query_text) if is_sqlite() and query_text.strip() else None
    if match is None or not has_many_hits(query_text):
        return Plan.COLLECT
    if '"*' not in match and testing_pays(*match_spread(query_text), page):
        return Plan.EXISTS
    return Plan.PROBE


def count_matches(query_text: str, limit: int | None = None) -> int:
    """How many tickets match ``query_text`` (blank: every ticket), from the index alone.

    ``limit``: stop counting there (the result is then at most ``limit``).
    """
    match = fts_query(query_text) if is_sqlite() and query_text.strip() else None
    if not is_sqlite() and query_text.strip():
        return pg_query.count(current_database(), pg_query.terms_of(query_text), limit)
    if not query_text.strip():
        query = apply_search(Ticket.select(Ticket.id), query_text)
        if limit is not None:
            query = query.limit(limit)
        return int(query.count())
    if match is None:
        return 0
    sql = f'SELECT rowid FROM "{schema.FTS_TABLE}" WHERE "{schema.FTS_TABLE}" MATCH ?'
    params: list[object] = [match]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return int(fetch_all(f"SELECT count(*) FROM ({sql})", params)[0][0])


def search_condition(
    query_text: str, *, probe: bool = False, plan: Plan | None = None
) -> pw.Node | None:
    """A WHERE condition on Ticket for ``query_text``; None when the text is blank.

    ``probe`` (or ``plan=Plan.PROBE``) hides ``Ticket.id`` from the planner (``+id IN ...``)
    so that SQLite walks the ORDER BY index and tests each row against the match set, instead
    of fetching every match and sorting: faster when the matches are many, slower when they
    are few. ``plan=Plan.EXISTS`` tests each row walked on its own (see ``page_plan``);
    on PostgreSQL, ``plan=Plan.PROBE`` selects a phrase's candidates only (``page_recheck``).
    """
    if not query_text.strip():
        return None
    if not is_sqlite():
        return pg_query.condition(current_database(), pg_query.terms_of(query_text), plan)
    match = fts_query(query_text)
    if match is None:
        return pw.SQL("0")  # only separators: nothing can match
    if plan is Plan.EXISTS:
        return _fts_exists(match)
    probe = probe or plan is Plan.PROBE
    left: pw.Node = pw.NodeList((pw.SQL("+"), Ticket.id), glue="") if probe else Ticket.id
    return pw.Expression(left, pw.OP.IN, _fts_subquery(match))


def page_recheck(query_text: str, outer: str) -> tuple[str, list[object]] | None:
    """Plan.PROBE's recheck of the ticket whose id is ``outer`` (SQL), with its parameters
    (PostgreSQL, a phrase: ``search_condition(plan=Plan.PROBE)`` selects the candidates
    only); None when there is nothing to recheck."""
    if is_sqlite() or not query_text.strip():
        return None
    return pg_query.page_recheck(current_database(), pg_query.terms_of(query_text), outer)


def apply_search(select_query: SelectT, query_text: str) -> SelectT:
    """``select_query`` (over Ticket) restricted to tickets matching ``query_text``."""
    cond = search_condition(query_text)
    return select_query if cond is None else select_query.where(cond)


def search_ticket_ids(query: str, limit: int | None = None) -> list[int]:
    """Ids of tickets matching ``query``, newest first; blank query → every ticket."""
    if not is_sqlite() and query.strip():
        return pg_query.ticket_ids(current_database(), pg_query.terms_of(query), limit)
    if not query.strip():
        sel = apply_search(Ticket.select(Ticket.id).order_by(Ticket.id.desc()), query)
        if limit is not None:
            sel = sel.limit(limit)
        return [int(r[0]) for r in rows_of(sel)]
    match = fts_query(query)
    if match is None:
        return []
    sql = f'SELECT rowid FROM "{schema.FTS_TABLE}" WHERE "{schema.FTS_TABLE}" MATCH ? ORDER BY rowid DESC'
    params: list[object] = [match]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [int(r[0]) for r in fetch_all(sql, params)]
