"""PostgreSQL search: the SQLite index's tokens in an array with a GIN index (schema 14).

SQLite's FTS5 table (``search``) holds, per ticket and column, the tokens ``unicode61`` cuts
from the index text: every CJK character and ASCII punctuation mark alone, runs of letters and
digits, lower case, without diacritics. A query word is a phrase of such tokens, its last one a
prefix unless it stands alone. PostgreSQL answers the same question from ``ticket_search``:

- ``tokens``: the ticket's distinct tokens, plus every pair of neighbouring tokens that stand
  alone (``打印``: a CJK bigram), in a GIN-indexed array. A term of one token, or of two CJK
  characters, is exactly an array containment: one GIN lookup whatever its length.
- ``doc``: the tokens themselves, space-joined per column, a newline between columns. A longer
  phrase (``无法打印``, a ticket number) is found by containment of its tokens and bigrams, then
  rechecked by a regular expression on ``doc`` so that its tokens follow each other in one
  column, as in FTS5.
- ``search_word``: every token that is not standalone (words, numbers), in C order. A prefix
  (``print``) becomes the words it begins (``print``, ``printer``, …), at most ``EXPAND_CAP``
  of them, and an array overlap; a prefix of more words (``a``) is rechecked on ``doc`` alone.

The rows are written from Python on every write path, as SQLite's index is (``search``).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee as pw

TABLE = "ticket_search"
WORDS = "search_word"
EXPAND_CAP = 2000
"""A prefix beginning more words than this is rechecked row by row instead of expanded."""

# unicode61 keeps letters, numbers and private-use characters (categories L*, N*, Co) in
# tokens. ``\w`` adds only "_", which never reaches the index (index_text makes it private use).
_TOKEN = re.compile(r"[\w\ue000-\uf8ff]+")
_LATIN_TO = "\u2000"
# What search.index_text spaces out (its _BMP_CJK, the punctuation stand-ins, astral CJK):
# such a character is always a token of its own.
_ALONE_CLASS = (
    "[\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\ue000-\ue07f\U00020000-\U0003134f]"
)
_ALONE = re.compile(_ALONE_CLASS)
# Two neighbouring standalone tokens in a space-joined token list (overlapping: the second is
# only looked at). A standalone character is always a whole token: no boundary to test.
_PAIR = re.compile(f"({_ALONE_CLASS})(?= ({_ALONE_CLASS}))")
_DIACRITICS_POSSIBLE = re.compile("[\u0080-\u1fff]")
STATISTICS = 2000
INDEX_SQL = f'CREATE INDEX IF NOT EXISTS "{TABLE}_tokens" ON "{TABLE}" USING gin ("tokens")'


def create_sql() -> list[str]:
    """The tables and indexes (schema 14); the trigram indexes of schema 8 are dropped."""
    return [
        'DROP INDEX IF EXISTS "ticket_search_trgm"',
        'DROP INDEX IF EXISTS "log_entry_text_trgm"',
        f'CREATE TABLE IF NOT EXISTS "{TABLE}" ("id" INTEGER NOT NULL PRIMARY KEY '
        'REFERENCES "ticket" ("id") ON DELETE CASCADE, '
        '"tokens" TEXT[] NOT NULL, "doc" TEXT NOT NULL)',
        # The planner's list of common tokens, which the page plan reads (walk_pays): at the
        # default (1,000 tokens) a CJK character in 6% of the tickets was missing from it.
        f'ALTER TABLE "{TABLE}" ALTER COLUMN "tokens" SET STATISTICS {STATISTICS}',
        INDEX_SQL,
        f'CREATE TABLE IF NOT EXISTS "{WORDS}" ("word" TEXT COLLATE "C" NOT NULL PRIMARY KEY)',
    ]


def _strip_diacritics(token: str) -> str:
    """A token without its combining marks (``remove_diacritics 2``), below U+2000 only."""
    parts = []
    for ch in token:
        if ch < _LATIN_TO:
            ch = "".join(
                c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
            )
        parts.append(ch)
    return "".join(parts)


def tokens_of(index_text: str) -> list[str]:
    """The tokens unicode61 cuts from text already in index form (``search.index_text``):
    lower case, without diacritics."""
    text = index_text.lower()
    tokens = _TOKEN.findall(text)
    if text.isascii() or not _DIACRITICS_POSSIBLE.search(text):
        return tokens
    return [t if t.isascii() or min(t) >= _LATIN_TO else _strip_diacritics(t) for t in tokens]


def _alone(token: str) -> bool:
    """Whether ``token`` is one character that index_text always spaces out."""
    return len(token) == 1 and _ALONE.match(token) is not None


@dataclass(frozen=True)
class Row:
    """One ticket's search row and the words it adds to the vocabulary."""

    id: int
    tokens: list[str]
    doc: str
    words: set[str]


def row_of(index_row: Sequence[object]) -> Row:
    """The search row of an index row (``search.ticket_index_row``: id, then its columns)."""
    joined = [" ".join(tokens_of(str(value))) for value in index_row[1:]]
    doc = "\n".join(joined)
    found = set(doc.split())
    words = found - set(_ALONE.findall(doc))
    for column in joined:
        found.update(map("".join, _PAIR.findall(column)))
    return Row(int(str(index_row[0])), list(found), doc, words)


UPSERT_SQL = (
    f'INSERT INTO "{TABLE}" ("id", "tokens", "doc") VALUES {{values}} '
    'ON CONFLICT ("id") DO UPDATE SET "tokens" = EXCLUDED."tokens", "doc" = EXCLUDED."doc"'
)
WORD_SQL = f'INSERT INTO "{WORDS}" ("word") SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING'
BATCH = 500
"""Rows a statement: one round trip each (psycopg2's executemany makes one per row)."""


def write_rows(db: pw.Database, index_rows: Iterable[Sequence[object]]) -> None:
    """Write (or replace) the search rows of the given index rows, and their new words."""
    rows = [row_of(r) for r in index_rows]
    cursor = db.cursor()
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        values = ", ".join(["(%s, %s, %s)"] * len(batch))
        params = [v for r in batch for v in (r.id, r.tokens, r.doc)]
        cursor.execute(UPSERT_SQL.format(values=values), params)
    words = sorted(set().union(*(r.words for r in rows))) if rows else []
    if words:
        cursor.execute(WORD_SQL, (words,))


@dataclass(frozen=True)
class Term:
    """What one query word asks of a row: tokens it must hold, and whether ``doc`` decides."""

    phrase: list[str]
    prefix: bool

    @property
    def exact(self) -> list[str]:
        """Tokens (and bigrams) every matching row holds."""
        whole = self.phrase[:-1] if self.prefix else self.phrase
        steps = zip(self.phrase, self.phrase[1:], strict=False)
        pairs = [a + b for a, b in steps if _alone(a) and _alone(b)]
        return sorted(set(whole) | set(pairs))

    def needs_recheck(self, expanded: bool) -> bool:
        """Whether containment (and the prefix's expansion) alone may admit a wrong row."""
        if self.prefix:
            return len(self.phrase) > 1 or not expanded
        return len(self.phrase) > 2 or (len(self.phrase) == 2 and not _alone(self.phrase[0]))

    def regex(self) -> str:
        """The phrase in ``doc``: its tokens in a row within one column (tokens hold no
        character a regular expression treats specially: only letters, digits, private use)."""
        tail = "" if self.prefix else "(?=[ \\n]|$)"
        return "(?:^|[ \\n])" + " ".join(self.phrase) + tail


def term_of(spread: str, stands_alone: bool) -> Term | None:
    """A query word in index form (``search.query_terms``) as a Term; None if tokenless."""
    phrase = tokens_of(spread)
    return Term(phrase, prefix=not stands_alone) if phrase else None


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


def where_sql(db: pw.Database, terms: Sequence[Term]) -> tuple[str, list[object]]:
    """The WHERE clause over ``ticket_search`` for every term (AND), with its parameters."""
    exact: set[str] = set()
    parts: list[str] = []
    params: list[object] = []
    for term in terms:
        exact.update(term.exact)
        expanded = True
        if term.prefix:
            words = expand(db, term.phrase[-1])
            if words is not None and not words:
                return "FALSE", []
            if words is None:
                expanded = False
            else:
                parts.append('"tokens" && %s::text[]')
                params.append(words)
        if term.needs_recheck(expanded):
            parts.append('"doc" ~ %s')
            params.append(term.regex())
    if exact:
        parts.insert(0, '"tokens" @> %s::text[]')
        params.insert(0, sorted(exact))
    return " AND ".join(parts) or "TRUE", params


def fill(db: pw.Database, index_rows_after: object, chunk: int = 2000) -> int:
    """Write every ticket's row: ``index_rows_after(db, last_id, chunk)`` yields index rows."""
    done = 0
    last = 0
    while True:
        rows = index_rows_after(db, last, chunk)  # type: ignore[operator]
        if not rows:
            return done
        write_rows(db, rows)
        done += len(rows)
        last = int(rows[-1][0])


WALK_SHARE = 0.01
"""From this share of matching tickets on, a page walks the sort index and tests each ticket.

Walking costs ~15 µs a ticket walked (page / share of them), collecting as much a match: at
1M tickets and a page of 200 the two meet near a share of 1%."""
_STATS_TTL_S = 600.0
_stats: dict[str, tuple[float, dict[str, float]]] = {}


def element_shares(db: pw.Database) -> dict[str, float]:
    """The share of rows holding each common token (the planner's statistics, read once in a
    while); a token missing from it is rarer than every one listed."""
    key = str(getattr(db, "database", ""))
    read_at, shares = _stats.get(key, (0.0, {}))
    if time.monotonic() - read_at < _STATS_TTL_S:
        return shares
    cursor = db.execute_sql(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE tablename = %s AND attname = 'tokens'",
        (TABLE,),
    )
    try:
        found = cursor.fetchone()
    finally:
        cursor.close()
    shares = dict(zip(found[0], found[1], strict=False)) if found and found[0] else {}
    _stats[key] = (time.monotonic(), shares)
    return shares


def walk_pays(db: pw.Database, terms: Sequence[Term]) -> bool:
    """Whether a page should walk the sort index rather than collect the matches and sort them:
    whether the term most likely to be rare is common enough, by the planner's statistics of
    the tokens (its own estimate of a conjunction, a phrase's recheck or a prefix's hundreds of
    words is off by 100×: it walked 1M tickets for a number matching 11, collected 66,000)."""
    shares = element_shares(db)
    least = 1.0
    for term in terms:
        share = min((shares.get(e, 0.0) for e in term.exact), default=1.0)
        if term.prefix:
            words = expand(db, term.phrase[-1])
            if words is not None:
                share = min(share, sum(shares.get(w, 0.0) for w in words))
        least = min(least, share)
    return least >= WALK_SHARE


def collect_condition(where: str) -> str:
    """The matches' ids read at once (an InitPlan), then their tickets by primary key and
    sorted: the planner cannot turn it into a walk of the sort index."""
    return f'= ANY(ARRAY(SELECT "id" FROM "{TABLE}" WHERE {where}))'


def walk_condition(where: str) -> str:
    """A per-ticket test of ``where`` (a scalar subquery is never made a join: the planner
    keeps walking its ORDER BY index and asks for each ticket); ``{outer}`` is the ticket id."""
    return f'(SELECT TRUE FROM "{TABLE}" AS "s" WHERE "s"."id" = {{outer}} AND {where})'
