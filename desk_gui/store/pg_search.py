"""PostgreSQL search rows: the SQLite index's tokens in an array with a GIN index (schema 19).

SQLite's FTS5 table (``search``) holds, per ticket and column, the tokens ``unicode61`` cuts
from the index text: every CJK character and ASCII punctuation mark alone, runs of letters and
digits, lower case, without diacritics. PostgreSQL keeps the same in ``ticket_search``:

- ``tokens``: the ticket's distinct tokens, plus every two, three and four neighbouring tokens
  that stand alone (``打印``, ``打印机``, ``打印机卡``: CJK bigrams to 4-grams), and every word
  next to a standalone token, space-joined (``vpn 断``), in a GIN-indexed array. A phrase of
  many characters is found by its 4-grams: rows that hold each of them apart but not the
  phrase are rare (its bigrams alone let thousands through, ``处理中断``; its trigrams every
  ticket, ``待处理中``: the log says ``待处理 处理中``).
- ``doc``: the tokens themselves, space-joined per column, a newline between columns: a
  phrase's tokens follow each other in one column exactly where ``doc`` holds them
  space-joined.
- ``search_word``: every token that is not standalone (words, numbers), in C order, for
  English prefixes.

This module writes the rows, from Python on every write path, as SQLite's index is
(``search``); ``pg_query`` turns a query into SQL over them.
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
# Two and three neighbouring standalone tokens in a space-joined token list (overlapping: the
# ones after the first are only looked at). A standalone character is always a whole token: no
# boundary to test.
_PAIR = re.compile(f"({_ALONE_CLASS})(?= ({_ALONE_CLASS}))")
_TRIPLE = re.compile(f"({_ALONE_CLASS})(?= ({_ALONE_CLASS}) ({_ALONE_CLASS}))")
_QUAD = re.compile(f"({_ALONE_CLASS})(?= ({_ALONE_CLASS}) ({_ALONE_CLASS}) ({_ALONE_CLASS}))")
# A word (a token not standalone: it never begins with a standalone character) next to a
# standalone token, in either order: the joins of a mixed phrase such as ``vpn断开``.
_WORD_THEN_ALONE = re.compile(f"(?<![^ ])(?!{_ALONE_CLASS})([^ ]+) (?=({_ALONE_CLASS}))")
_ALONE_THEN_WORD = re.compile(f"({_ALONE_CLASS}) (?=(?!{_ALONE_CLASS})([^ ]+))")
_DIACRITICS_POSSIBLE = re.compile("[\u0080-\u1fff]")
STATISTICS = 2000
NARROW_SQL = f'ALTER TABLE "{TABLE}" SET (toast_tuple_target = 128)'
"""Both arrays out of the row (TOAST): a row is ~90 bytes, so the candidates a GIN lookup
finds are read from a heap of ~90 MB at 1M tickets, not 1 GB (~10 µs a candidate)."""
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
        NARROW_SQL,
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


def alone(token: str) -> bool:
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
        found.update(map("".join, _TRIPLE.findall(column)))
        found.update(map("".join, _QUAD.findall(column)))
        found.update(map(" ".join, _WORD_THEN_ALONE.findall(column)))
        found.update(map(" ".join, _ALONE_THEN_WORD.findall(column)))
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
