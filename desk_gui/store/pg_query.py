"""PostgreSQL search, the query side: a query's terms as SQL over ``ticket_search``.

A query word is a phrase of index tokens (``pg_search``), its last one a prefix unless it
stands alone. What a row must hold:

- every token of the phrase, and every CJK bigram and trigram in it: an array containment,
  one GIN lookup whatever its length. A term of one token, or of up to three CJK
  characters, is exactly that.
- a prefix (``print``) becomes the words it begins (``printer``, …), at most ``EXPAND_CAP``
  of them, and an array overlap.
- a longer phrase (``无法打印``, a ticket number) is then rechecked on ``doc``: ``strpos`` of
  the space-joined tokens, a byte search (a regular expression cost ~15 µs a row, most of it
  decoding the text to wide characters). A phrase whose first token is a word also needs a
  word boundary before it: the regular expression then runs on what ``strpos`` let through.

How a page finds its hits (``page_plan``): collect the matches and sort them when they are
few; walk the sort index and test each ticket when they are common; between the two, read
the candidates into a hashed set, walk the sort index against it and recheck a phrase on
the rows shown only, until the page is full (``probe``, see ``queue``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import peewee as pw

from desk_gui.store.models import Ticket
from desk_gui.store.pg_search import TABLE, WORDS, alone, tokens_of
from desk_gui.store.search_text import query_terms, stands_alone

EXPAND_CAP = 2000
"""A prefix beginning more words than this is rechecked row by row instead of expanded."""


@dataclass(frozen=True)
class Term:
    """What one query word asks of a row: tokens it must hold, and whether ``doc`` decides."""

    phrase: list[str]
    prefix: bool

    @property
    def exact(self) -> list[str]:
        """Tokens every matching row holds: the whole tokens, every run of two to four CJK
        characters in the phrase (``打印``, ``打印机卡``), and every join of a word and a CJK
        character side by side (``vpn 断``). A run within a longer one listed is left out (a
        row holding ``打印机`` holds ``打印`` and ``打``): each costs the GIN index a posting
        list to read."""
        whole = self.phrase[:-1] if self.prefix else self.phrase
        found = set(whole)
        for size in (2, 3, 4):
            for start in range(len(self.phrase) - size + 1):
                run = self.phrase[start : start + size]
                if all(map(alone, run)):
                    found.add("".join(run))
        found.update(" ".join(pair) for pair in _joins(whole))
        runs = [e for e in found if all(map(alone, e))]
        return sorted(e for e in found if not any(e in r and e != r for r in runs))

    def needs_recheck(self, expanded: bool) -> bool:
        """Whether containment (and the prefix's expansion) alone may admit a wrong row: a
        run of up to four standalone tokens is a token itself, and so is a word joined to a
        CJK character (``vpn断``)."""
        if self.prefix:
            return len(self.phrase) > 1 or not expanded
        if len(self.phrase) == 2 and _joins(self.phrase):
            return False
        return len(self.phrase) > 1 and not (len(self.phrase) <= 4 and all(map(alone, self.phrase)))

    @property
    def needle(self) -> str:
        """The phrase as ``doc`` holds it (tokens hold no space or newline)."""
        return " ".join(self.phrase)

    def boundary_regex(self) -> str | None:
        """The phrase in ``doc`` with the token boundaries ``strpos`` of the needle misses;
        None when it misses none. A standalone token is always whole in ``doc``; a word
        needs a space, a newline or the text's edge beside it (tokens hold no character a
        regular expression treats specially: only letters, digits, private use)."""
        head = not alone(self.phrase[0])
        tail = not self.prefix and not alone(self.phrase[-1])
        if not head and not tail:
            return None
        return "(?:^|[ \\n])" + self.needle + ("(?=[ \\n]|$)" if tail else "")

    def recheck(self) -> tuple[str, list[object]]:
        """The SQL test of ``doc`` for the phrase, and its parameters."""
        regex = self.boundary_regex()
        if regex is None:
            return 'strpos("doc", %s) > 0', [self.needle]
        return 'strpos("doc", %s) > 0 AND "doc" ~ %s', [self.needle, regex]


def _joins(tokens: Sequence[str]) -> list[tuple[str, str]]:
    """The neighbouring pairs of a word and a standalone token, in either order."""
    return [(a, b) for a, b in pairwise(tokens) if alone(a) != alone(b)]


def term_of(spread: str, stands_alone: bool) -> Term | None:
    """A query word in index form (``search.query_terms``) as a Term; None if tokenless."""
    phrase = tokens_of(spread)
    return Term(phrase, prefix=not stands_alone) if phrase else None


def terms_of(query_text: str) -> list[Term]:
    """The query's words as terms (words without a token dropped)."""
    terms = [term_of(spread, stands_alone(spread[-1])) for spread in query_terms(query_text)]
    return [t for t in terms if t is not None]


def expand(db: pw.Database, prefix: str) -> list[str] | None:
    """The words that begin with ``prefix``; None when more than EXPAND_CAP do."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    cursor = db.execute_sql(
        f'SELECT "word" FROM "{WORDS}" WHERE "word" >= %s AND "word" < %s ORDER BY "word" LIMIT %s',
        (prefix, upper, EXPAND_CAP + 1),
    )
    try:
        words = [str(r[0]) for r in cursor.fetchall()]
    finally:
        cursor.close()
    return None if len(words) > EXPAND_CAP else words


@dataclass
class Where:
    """A query's WHERE clause over ``ticket_search`` in two parts: what the GIN index answers
    (``index``) and the phrases' rechecks on ``doc`` (``recheck``), each with its parameters."""

    index: list[str]
    index_args: list[object]
    recheck: list[str]
    recheck_args: list[object]
    nothing: bool = False

    def sql(self, *, index: bool = True, recheck: bool = True) -> tuple[str, list[object]]:
        """The clause (both parts unless told), and its parameters."""
        if self.nothing:
            return "FALSE", []
        parts = (self.index if index else []) + (self.recheck if recheck else [])
        args = (self.index_args if index else []) + (self.recheck_args if recheck else [])
        return " AND ".join(parts) or "TRUE", args


def where_of(db: pw.Database, terms: Sequence[Term]) -> Where:
    """What a row must hold for every term (AND)."""
    where = Where([], [], [], [], nothing=not terms)
    exact: set[str] = set()
    for term in terms:
        exact.update(term.exact)
        expanded = True
        if term.prefix:
            words = expand(db, term.phrase[-1])
            if words is not None and not words:
                return Where([], [], [], [], nothing=True)
            if words is None:
                expanded = False
            else:
                where.index.append('"tokens" && %s::text[]')
                where.index_args.append(words)
        if term.needs_recheck(expanded):
            sql, args = term.recheck()
            where.recheck.append(sql)
            where.recheck_args.extend(args)
    if exact:
        where.index.insert(0, '"tokens" @> %s::text[]')
        where.index_args.insert(0, sorted(exact))
    return where


def where_sql(db: pw.Database, terms: Sequence[Term]) -> tuple[str, list[object]]:
    """The WHERE clause over ``ticket_search`` for every term (AND), with its parameters."""
    return where_of(db, terms).sql()


WALK_SHARE = 0.2
"""From this share of matching tickets on, a page walks the sort index and tests each ticket
(``exists``): page / share tickets walked (1,000 at most), ~25 µs each (a primary key lookup,
the ticket's tokens and a phrase's ``doc`` read out of TOAST). Below it the page probes the
candidates' set (``probe``), which costs ~0.5 µs a candidate."""
PROBE_MAX = 100_000
"""At most this many candidates are read into a hashed set (``probe``): PostgreSQL hashes a
set only while its estimate fits ``work_mem`` (4 MB: ~130,000 ids); above, ``exists``."""
PROBE_FROM = 2000
"""From this many candidates on, a page tests what it shows only (``probe``), else every
candidate is rechecked and the matches sorted (``collect``): ~10 µs a candidate."""
_STATS_TTL_S = 600.0
_stats: dict[str, tuple[float, dict[str, float], float]] = {}


def _statistics(db: pw.Database) -> tuple[dict[str, float], float]:
    """The share of rows holding each common token, and how many rows there are (the
    planner's statistics, read once in a while)."""
    key = str(getattr(db, "database", ""))
    read_at, shares, rows = _stats.get(key, (0.0, {}, 0.0))
    if time.monotonic() - read_at < _STATS_TTL_S:
        return shares, rows
    cursor = db.execute_sql(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs, "
        "(SELECT reltuples FROM pg_class WHERE oid = %s::regclass) FROM pg_stats "
        "WHERE tablename = %s AND attname = 'tokens'",
        (f'"{TABLE}"', TABLE),
    )
    try:
        found = cursor.fetchone()
    finally:
        cursor.close()
    shares = dict(zip(found[0], found[1], strict=False)) if found and found[0] else {}
    rows = max(0.0, float(found[2] or 0)) if found else 0.0
    _stats[key] = (time.monotonic(), shares, rows)
    return shares, rows


def element_shares(db: pw.Database) -> dict[str, float]:
    """The share of rows holding each common token; a token missing from it is rarer than
    every one listed."""
    return _statistics(db)[0]


def least_share(db: pw.Database, terms: Sequence[Term]) -> float:
    """The share of tickets the term most likely to be rare is found in, by the statistics of
    the tokens (PostgreSQL's own estimate of a conjunction, a phrase's recheck or a prefix's
    hundreds of words is off by 100×: it walked 1M tickets for a number matching 11,
    collected 66,000)."""
    shares = element_shares(db)
    least = 1.0
    for term in terms:
        share = min((shares.get(e, 0.0) for e in term.exact), default=1.0)
        if term.prefix:
            words = expand(db, term.phrase[-1])
            if words is not None:
                share = min(share, sum(shares.get(w, 0.0) for w in words))
        least = min(least, share)
    return least


SAMPLE = 200
"""How many candidates a phrase's share of true matches is estimated from: the first the
bitmap of the GIN index reaches (in the newest first, the planner walked the primary key and
tested 16,000 rows for a phrase in 1% of them: 150 ms)."""


def passing_share(db: pw.Database, where: Where) -> float:
    """The share of SAMPLE candidates that pass the phrases' recheck (1.0 when there are
    fewer: they are all rechecked anyway)."""
    index, index_args = where.sql(recheck=False)
    recheck, recheck_args = where.sql(index=False)
    sampled = _fetch(
        db,
        f'SELECT count(*) FILTER (WHERE {recheck}), count(*) FROM (SELECT "doc" FROM '
        f'"{TABLE}" WHERE {index} LIMIT %s) AS "sample"',
        [*recheck_args, *index_args, SAMPLE],
    )
    passed, seen = (int(str(v)) for v in sampled[0])
    return passed / seen if seen >= SAMPLE else 1.0


def page_plan(db: pw.Database, terms: Sequence[Term]) -> str:
    """How a page finds its hits (``search.Plan``'s values).

    ``collect`` (every match, sorted) when the candidates (the rows holding the terms' tokens)
    are few, or when none of a sample of them passes a phrase's recheck (no plan bounded by
    the page exists then); ``exists`` (walk the sort index, test each ticket) when the
    matches are common or the candidates too many for a set; else ``probe``: the candidates
    read into a hashed set once, the sort index walked against it, a phrase rechecked on the
    rows the page shows only. The share of matches is the candidates' times the sample's share that
    passes the recheck."""
    if not terms:
        return "collect"
    share = least_share(db, terms)
    where = where_of(db, terms)
    candidates = share * _statistics(db)[1]
    if candidates < PROBE_FROM:
        return "collect"
    passing = passing_share(db, where) if where.recheck else 1.0
    if passing == 0:
        return "collect"
    if share * passing >= WALK_SHARE or candidates > PROBE_MAX:
        return "exists"
    return "probe"


def _collect(where: Where) -> pw.Node:
    """The matches' ids read at once (an InitPlan), then their tickets by primary key and
    sorted: the planner cannot turn it into a walk of the sort index."""
    sql, args = where.sql()
    return pw.NodeList(
        (Ticket.id, pw.SQL(f'= ANY(ARRAY(SELECT "id" FROM "{TABLE}" WHERE {sql}))', args))
    )


def _walk(where: Where) -> pw.Node:
    """A per-ticket test of the clause (a scalar subquery is never made a join: the planner
    keeps walking its ORDER BY index and asks for each ticket)."""
    sql, args = where.sql()
    head = pw.SQL(f'(SELECT TRUE FROM "{TABLE}" AS "s" WHERE "s"."id" = ')
    return pw.NodeList((head, Ticket.id, pw.SQL(f" AND {sql})", args)), glue="")


def _probe(where: Where) -> pw.Node:
    """The candidates (the clause without the phrases' rechecks) as a hashed set built once,
    each ticket walked looked up in it (``IS TRUE``: a subquery PostgreSQL does not pull up
    into a join, so it keeps walking the sort index)."""
    sql, args = where.sql(recheck=False)
    return pw.NodeList(
        (
            pw.SQL("("),
            Ticket.id,
            pw.SQL(f' IN (SELECT "id" FROM "{TABLE}" WHERE {sql})) IS TRUE', args),
        ),
        glue="",
    )


def condition(db: pw.Database, terms: Sequence[Term], plan: str | None) -> pw.Node:
    """A WHERE condition on Ticket for the terms, found the way ``plan`` says; ``probe``: the
    candidates only, which ``page_recheck`` then decides."""
    where = where_of(db, terms)
    if plan == "probe":
        return _probe(where)
    return _walk(where) if plan == "exists" else _collect(where)


def page_recheck(
    db: pw.Database, terms: Sequence[Term], outer: str
) -> tuple[str, list[object]] | None:
    """The phrases' recheck of the ticket whose id is ``outer`` (SQL), and its parameters;
    None when the terms need none."""
    where = where_of(db, terms)
    if where.nothing or not where.recheck:
        return None
    sql, args = where.sql(index=False)
    return f'(SELECT {sql} FROM "{TABLE}" AS "s" WHERE "s"."id" = {outer})', args


def _ids_sql(
    db: pw.Database, terms: Sequence[Term], order: str = "", limit: int | None = None
) -> tuple[str, list[object]]:
    """The SELECT of matching ticket ids (``order``: an ORDER BY clause) and its parameters."""
    where, args = where_sql(db, terms)
    sql = f'SELECT "id" FROM "{TABLE}" WHERE {where}{order}'
    if limit is not None:
        sql += " LIMIT %s"
        args.append(limit)
    return sql, args


def _fetch(db: pw.Database, sql: str, args: Sequence[object]) -> list[tuple[object, ...]]:
    cursor = db.execute_sql(sql, args)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def count(db: pw.Database, terms: Sequence[Term], limit: int | None = None) -> int:
    """How many tickets match (at most ``limit``)."""
    sql, args = _ids_sql(db, terms, "", limit)
    return int(str(_fetch(db, f"SELECT count(*) FROM ({sql}) AS hits", args)[0][0]))


def ticket_ids(db: pw.Database, terms: Sequence[Term], limit: int | None = None) -> list[int]:
    """Ids of the matching tickets, newest first (at most ``limit``)."""
    sql, args = _ids_sql(db, terms, ' ORDER BY "id" DESC', limit)
    return [int(str(r[0])) for r in _fetch(db, sql, args)]
