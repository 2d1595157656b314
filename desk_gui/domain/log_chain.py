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
"""

from __future__ import annotations

from datetime import datetime
from hashlib import sha256

GENESIS = bytes(32)
"""What a ticket's first entry chains to."""

SHORT_LENGTH = 12
"""Hex digits of a chain value shown to people (48 bits: ample to compare a printout)."""


def canonical_at(value: datetime | str) -> str:
    """A log time as the chain encodes it, whether read as a datetime or as SQLite's text."""
    if isinstance(value, str):
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
    at: datetime | str,
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
    what = kind.encode()
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
    """Walks log rows in id order, remembering each ticket's last chain value.

    ``hash`` gives a new row's value (migration, bulk writes); ``verify`` compares a stored
    value and moves on from the stored one, so one bad entry is reported once, not together
    with every entry after it.
    """

    def __init__(self) -> None:
        self.heads: dict[int, bytes] = {}

    def hash(
        self,
        ticket_id: int,
        at: datetime | str,
        author: str,
        kind: str,
        text: str,
        text_en: str | None,
    ) -> bytes:
        """The value of the next entry of ``ticket_id``, which becomes its head."""
        value = entry_hash(
            self.heads.get(ticket_id, GENESIS), ticket_id, at, author, kind, text, text_en
        )
        self.heads[ticket_id] = value
        return value

    def verify(
        self,
        ticket_id: int,
        at: datetime | str,
        author: str,
        kind: str,
        text: str,
        text_en: str | None,
        stored: bytes | None,
    ) -> bool:
        """Whether ``stored`` is this entry's value after the ticket's previous stored one."""
        prev = self.heads.get(ticket_id, GENESIS)
        expected = entry_hash(prev, ticket_id, at, author, kind, text, text_en)
        if stored is None:
            return False  # written outside the chain: the next entry chains past it
        self.heads[ticket_id] = bytes(stored)
        return bytes(stored) == expected
