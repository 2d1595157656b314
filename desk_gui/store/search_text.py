"""The index form of text, shared by both engines: what a ticket's columns and a query become.

Every CJK character stands alone (so each is a token) and every ASCII punctuation character
is replaced by a private-use character that also stands alone (``unicode61`` keeps private-use
characters as tokens, so ``C++`` and ``50%_off`` stay searchable literally). A query gets the
same transformation and, for SQLite's FTS5 table, becomes an AND of quoted phrases, the last
token of each a prefix: no user input ever reaches FTS5 syntax (``fts_query``).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_PUA_BASE = 0xE000
_PUNCT = {ord(ch): f" {chr(_PUA_BASE + ord(ch))} " for ch in string.punctuation}
# One str.translate pass spaces out punctuation and every BMP CJK character: a regex with a
# replacement template costs a Python call per character and made indexing 10× slower.
_BMP_CJK = ((0x3040, 0x30FF), (0x3100, 0x312F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
            (0xAC00, 0xD7AF), (0xF900, 0xFAFF))  # fmt: skip


def _spread_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _BMP_CJK)


class _SpreadTable(dict[int, str]):
    """str.translate's table, filled as characters are first met: a CJK character or ASCII
    punctuation maps to itself spaced out, any other to itself. Building the 40,000 CJK
    entries up front cost ~40 ms of every start-up; a hit afterwards costs what it did."""

    def __missing__(self, cp: int) -> str:
        value = self[cp] = _PUNCT.get(cp) or (f" {chr(cp)} " if _spread_cjk(cp) else chr(cp))
        return value


_SPREAD = _SpreadTable()
_ASTRAL_CJK = re.compile("([\U00020000-\U0003134f])")
_SPACES = re.compile(r"\s+")
# Control characters end a C string in FTS5's query parser, lone surrogates cannot be encoded,
# and user text in our private-use block would impersonate punctuation: all become spaces.
_UNSAFE = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ue000-\ue07f]")


def index_text(text: str) -> str:
    """Text as stored in the index: NFKC, CJK characters and ASCII punctuation as own tokens."""
    text = _UNSAFE.sub(" ", unicodedata.normalize("NFKC", _UNSAFE.sub(" ", text)))
    text = text.translate(_SPREAD)
    if not text.isascii() and _ASTRAL_CJK.search(text):
        text = _ASTRAL_CJK.sub(r" \1 ", text)
    return _SPACES.sub(" ", text).strip()


def _is_token_char(ch: str) -> bool:
    """Whether unicode61 (categories L* N* Co) keeps ``ch`` inside a token."""
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Co"


def query_terms(query: str) -> list[str]:
    """The query's words in index form, dropping words that hold no token at all."""
    terms = []
    for word in query.split():
        spread = index_text(word)
        if any(_is_token_char(ch) for ch in spread):
            terms.append(spread)
    return terms


def stands_alone(ch: str) -> bool:
    """Whether index_text puts spaces around ``ch`` (CJK, or punctuation's private-use stand-in).

    Such a character is always a whole token, so a phrase ending in it needs no prefix star: a
    prefix query makes FTS5 merge every matching token's doclist first, which at a million
    tickets costs milliseconds per lookup where an exact token costs microseconds.
    """
    cp = ord(ch)
    return (
        cp in _PUNCT
        or _spread_cjk(cp)
        or _PUA_BASE <= cp < _PUA_BASE + 0x80
        or 0x20000 <= cp <= 0x3134F
    )


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for ``query``; None when it holds nothing searchable."""
    phrases = []
    for term in query_terms(query):
        # A quoted phrase is taken literally by FTS5; quotes never survive index_text.
        star = "" if stands_alone(term[-1]) else "*"
        phrases.append('"' + term.replace('"', '""') + '"' + star)
    return " ".join(phrases) if phrases else None


def index_lines(lines: Iterable[str], text: Callable[[str], str] = index_text) -> str:
    """Log lines as the index stores them: each in index form, the non-empty ones space-joined.

    Equal to ``index_text("\\n".join(lines))``: every step of index_text works character by
    character, or (NFKC) never across a newline, and the whitespace runs collapse into one
    space. Line by line lets a bulk load memoise the lines that recur.
    """
    return " ".join([part for part in map(text, lines) if part])


def ticket_index_row(
    ticket: Mapping[str, Any], log: Iterable[str], text: Callable[[str], str] = index_text
) -> tuple[object, ...]:
    """The index row of a ticket (column values by name) and its log lines' text, in order.

    ``text`` turns a field into index form (a bulk load passes a memoising index_text); the
    number, unique per ticket, always goes through index_text itself.
    """
    number = str(ticket["number"])
    digits = "".join(ch for ch in number if ch.isdigit())
    return (
        ticket["id"],
        index_text(f"{number} {digits}"),
        text(str(ticket["title"])),
        text(str(ticket["description"])),
        index_lines(log, text),
        text(str(ticket["solution"] or "")),
        text(str(ticket["requester"])),
        text(str(ticket["department"])),
    )


class IndexTextMemo(dict[str, str]):
    """index_text with memory, for bulk loads where titles, names and log lines recur."""

    def __missing__(self, text: str) -> str:
        value = self[text] = index_text(text)
        return value
