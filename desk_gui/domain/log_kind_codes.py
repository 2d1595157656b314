"""One-letter codes of the handling log's kinds: how a SQLite file stores them (schema 20).

Ten million log lines at a million tickets each held their kind as a word ("progress",
"feedback": 6 bytes on average); a letter takes one. A code is never reused or changed (files
hold them); a kind without a code here is stored as its word, and a word read back is itself, so
files of either form read alike. The chain covers the word (``domain.log_chain``).
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "created": "c", "note": "n", "status": "s", "assign": "a", "priority": "p", "tier": "t",
    "escalate": "e", "progress": "g", "edit": "d", "resolve": "r", "feedback": "f",
    "close": "x", "reopen": "o", "attachment": "m", "wait": "w", "import": "i",
    "follow_up": "u", "kb": "k",
}  # fmt: skip
"""Kind word → its code (frozen: schema 20's migration wrote these)."""

WORDS: dict[str, str] = {code: word for word, code in CODES.items()}


def code_of(kind: str) -> str:
    """What a SQLite file stores for the kind ``kind`` (its word if it has no code)."""
    return CODES.get(kind, kind)


def word_of(stored: str) -> str:
    """The kind word of a stored code, or a stored word as it is."""
    return WORDS.get(stored, stored)
