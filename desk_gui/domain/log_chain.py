"""The handling log's hash chain: each entry's SHA-256 covers its fields and its predecessor's.

A ticket's entries form one chain in the order they were written (their ids): the first entry
chains to ``GENESIS``. Rewriting an entry's text or author, removing one or slipping one in
breaks the chain at that point, so a check can name it. Anyone who knows this rule can also
recompute a whole ticket's chain after tampering; the value printed on the worksheet (paper
someone keeps) is what catches that.

The canonical encoding, so an auditor can recompute it with a few lines in any language:
``sha256(prev || ns(ticket_id) || ns(at) || ns(author) || ns(kind) || ns(text) || ns(text_en))``
where ``prev`` is the predecessor's 32-byte hash, ``ns(s)`` a netstring of the UTF-8 bytes
(``b"5:hello,"``; ``b"~"`` for a missing value), ``ticket_id`` in decimal and ``at`` as
``YYYY-MM-DD HH:MM:SS.ffffff``.

``text`` and ``text_en`` are the line as people read it, whatever the storage: a generated line
stored as template and values (``args``, ``domain.log_render``, schema 14) is hashed as the
Chinese and English it renders to, which are exactly the texts it was stored as before. So the
chain survived that change of storage without one value recomputed, and a changed kind or value
shows as a changed text. The stored ``kind`` column is hashed as it is.

Each entry stores the first ``STORED_LENGTH`` bytes of its value (schema 17; 32 before): the
chain itself runs on full values, recomputed from the entries, so a check walks a ticket's
entries from ``GENESIS`` and compares each stored prefix. An edited, removed or inserted entry
still breaks the chain there (a random edit passing has odds of 2^-64), the worksheet's
``short`` value is the same 12 hex digits, and a 1M-ticket file keeps 240 MB less.
"""

from __future__ import annotations

from datetime import datetime
from hashlib import sha256

from desk_gui.domain.epoch import from_seconds
from desk_gui.domain.log_kind_codes import word_of

GENESIS = bytes(32)
"""What a ticket's first entry chains to."""

SHORT_LENGTH = 12
"""Hex digits of a chain value shown to people (48 bits: ample to compare a printout)."""

STORED_LENGTH = 8
"""Bytes of each entry's value kept in the log (its first ones; files before schema 17 hold
all 32, which compare the same way)."""


def stored(value: bytes) -> bytes:
    """What the log keeps of a full chain value."""
    return value[:STORED_LENGTH]


def matches(kept: bytes, value: bytes) -> bool:
    """Whether a kept value (a prefix of at least STORED_LENGTH bytes) is that of ``value``."""
    return len(kept) >= STORED_LENGTH and value[: len(kept)] == kept


def canonical_at(value: datetime | str | float) -> str:
    """A log time as the chain encodes it, read as a datetime, as SQLite's seconds (schema 20,
    ``domain.epoch``) or as SQLite's text before."""
    if isinstance(value, (int, float)):
        value = from_seconds(value)
    elif isinstance(value, str):
        # SQLite's text of peewee's isoformat(" "): to the second, or to the microsecond
        if len(value) == 19 and value[10] == " ":
            return value + ".000000"
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            return value
        value = datetime.fromisoformat(value)
    return value.isoformat(" ", "microseconds")


def entry_hash(
    prev: bytes,
    ticket_id: int,
    at: datetime | str | float,
    author: str,
    kind: str,
    text: str,
    text_en: str | None,
) -> bytes:
    """The chain value of one entry written after the entry whose value is ``prev``."""
    # One formatting call (not a netstring helper a field): a demo load hashes ten million.
    tid = str(ticket_id).encode()
    when = canonical_at(at).encode()
    who = author.encode()
    what = word_of(kind).encode()  # a stored code (schema 20) as its word
    said = text.encode()
    if text_en is None:
        english = b"~"
    else:
        raw = text_en.encode()
        english = b"%d:%s," % (len(raw), raw)
    payload = b"%s%d:%s,%d:%s,%d:%s,%d:%s,%d:%s,%s" % (
        prev,
        len(tid),
        tid,
        len(when),
        when,
        len(who),
        who,
        len(what),
        what,
        len(said),
        said,
        english,
    )
    return sha256(payload).digest()


def short(value: bytes | None) -> str:
    """The first SHORT_LENGTH hex digits of a chain value ('' for none)."""
    return value.hex()[:SHORT_LENGTH] if value else ""


class ChainWalker:
    """Walks log rows in id order, keeping each ticket's last full chain value.

    ``hash`` gives a new row's full value (migration, bulk writes; the log keeps ``stored`` of
    it); ``verify`` compares a kept value with the recomputed one. An entry without any value
    (slipped in outside the chain) is skipped: the next entry chains past it, so it is named
    alone. After a mismatch the walk goes on from the recomputed value, so every later entry
    of that ticket mismatches too: callers name each ticket's first break only.
    """

    def __init__(self) -> None:
        self.heads: dict[int, bytes] = {}

    def hash(
        self,
        ticket_id: int,
        at: datetime | str | float,
        author: str,
        kind: str,
        text: str,
        text_en: str | None,
    ) -> bytes:
        """The full value of the next entry of ``ticket_id``, which becomes its head."""
        value = entry_hash(
            self.heads.get(ticket_id, GENESIS), ticket_id, at, author, kind, text, text_en
        )
        self.heads[ticket_id] = value
        return value

    def verify(
        self,
        ticket_id: int,
        at: datetime | str | float,
        author: str,
        kind: str,
        text: str,
        text_en: str | None,
        kept: bytes | None,
    ) -> bool:
        """Whether ``kept`` is (a prefix of) this entry's value after the ticket's previous one."""
        if kept is None:
            return False  # written outside the chain: the next entry chains past it
        value = self.hash(ticket_id, at, author, kind, text, text_en)
        return matches(bytes(kept), value)
