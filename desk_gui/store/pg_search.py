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
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee as pw

TABLE = "ticket_search"
WORDS = "search_word"
EXPAND_CAP = 2000
"""A prefix beginning more words than this is rechecked row by row instead of expanded."""

# unicode61 keeps letters, numbers and private-use characters (categories L*, N*, Co) in tokens.
_TOKEN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")
_COMBINING_FROM = 0x0300
_LATIN_TO = 0x2000


def create_sql() -> list[str]:
    """The tables and indexes (schema 14); the trigram indexes of schema 8 are dropped."""
    return [
        'DROP INDEX IF EXISTS "ticket_search_trgm"',
        'DROP INDEX IF EXISTS "log_entry_text_trgm"',
        f'CREATE TABLE "{TABLE}" ("id" INTEGER NOT NULL PRIMARY KEY '
        'REFERENCES "ticket" ("id") ON DELETE CASCADE, '
        '"tokens" TEXT[] NOT NULL, "doc" TEXT NOT NULL)',
        f'CREATE INDEX "{TABLE}_tokens" ON "{TABLE}" USING gin ("tokens")',
        f'CREATE TABLE "{WORDS}" ("word" TEXT COLLATE "C" NOT NULL PRIMARY KEY)',
    ]


def _fold(token: str) -> str:
    """Lower case without diacritics (``remove_diacritics 2``) for letters below U+2000."""
    token = token.lower()
    if token.isascii() or all(ord(ch) >= _LATIN_TO for ch in token):
        return token
    parts = []
    for ch in token:
        if ord(ch) < _LATIN_TO:
            ch = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        parts.append(ch)
    return "".join(parts)


def tokens_of(index_text: str) -> list[str]:
    """The tokens unicode61 cuts from text already in index form (``search.index_text``)."""
    return [_fold(t) for t in _TOKEN.findall(index_text)]


# What search.index_text spaces out (its _BMP_CJK, the punctuation stand-ins, astral CJK):
# such a character is always a token of its own.
_ALONE = ((0x3040, 0x30FF), (0x3100, 0x312F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
          (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xE000, 0xE07F), (0x20000, 0x3134F))  # fmt: skip


def _alone(token: str) -> bool:
    """Whether ``token`` is one character that index_text always spaces out."""
    if len(token) != 1:
        return False
    cp = ord(token)
    return any(lo <= cp <= hi for lo, hi in _ALONE)


def _is_pair(token: str) -> bool:
    return len(token) == 2 and _alone(token[0])


@dataclass(frozen=True)
class Row:
    """One ticket's search row and the words it adds to the vocabulary."""

    id: int
    tokens: list[str]
    doc: str
    words: set[str]


def row_of(index_row: Sequence[object]) -> Row:
    """The search row of an index row (``search.ticket_index_row``: id, then its columns)."""
    columns = [tokens_of(str(value)) for value in index_row[1:]]
    found: set[str] = set()
    for toks in columns:
        found.update(toks)
        for a, b in zip(toks, toks[1:], strict=False):
            if _alone(a) and _alone(b):
                found.add(a + b)
    words = {t for t in found if not _alone(t) and not _is_pair(t)}
    doc = "\n".join(" ".join(toks) for toks in columns)
    return Row(int(str(index_row[0])), sorted(found), doc, words)


UPSERT_SQL = (
    f'INSERT INTO "{TABLE}" ("id", "tokens", "doc") VALUES (%s, %s, %s) '
    'ON CONFLICT ("id") DO UPDATE SET "tokens" = EXCLUDED."tokens", "doc" = EXCLUDED."doc"'
)
WORD_SQL = f'INSERT INTO "{WORDS}" ("word") SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING'


def write_rows(db: pw.Database, index_rows: Iterable[Sequence[object]]) -> None:
    """Write (or replace) the search rows of the given index rows, and their new words."""
    rows = [row_of(r) for r in index_rows]
    if not rows:
        return
    cursor = db.cursor()
    cursor.executemany(UPSERT_SQL, [(r.id, r.tokens, r.doc) for r in rows])
    words = sorted(set().union(*(r.words for r in rows)))
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
        pairs = [
            a + b for a, b in zip(self.phrase, self.phrase[1:], strict=False) if _alone(a) and _alone(b)
        ]
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
