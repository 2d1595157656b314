"""Ticket numbers: prefix + submission date YYYYMMDD + daily sequence (IT20240501001).

Prefixes are 1–8 ASCII letters and are written in upper case; parsing accepts any case.
The sequence has at least 3 digits and grows past 999 (IT202405011000).
"""

from __future__ import annotations

import re
from datetime import date

DEFAULT_PREFIX = "IT"

_PREFIX = re.compile(r"[A-Za-z]{1,8}")
_NUMBER = re.compile(r"([A-Za-z]{1,8})(\d{8})(\d{3,})", re.ASCII)


def valid_prefix(prefix: str) -> bool:
    """True for 1–8 ASCII letters."""
    return _PREFIX.fullmatch(prefix) is not None


def _checked_prefix(prefix: str) -> str:
    if not valid_prefix(prefix):
        raise ValueError(f"a ticket prefix is 1–8 ASCII letters, got {prefix!r}")
    return prefix.upper()


def day_key(prefix: str, day: date) -> str:
    """Key of one day's sequence, e.g. "IT20240501"."""
    return f"{_checked_prefix(prefix)}{day:%Y%m%d}"


def format_number(prefix: str, day: date, seq: int) -> str:
    """The ticket number of the ``seq``-th ticket (from 1) of ``day``."""
    if seq < 1:
        raise ValueError(f"sequence starts at 1, got {seq}")
    return f"{day_key(prefix, day)}{seq:03d}"


def parse_number(text: str, prefix: str | None = None) -> tuple[str, date, int] | None:
    """(prefix, day, seq) of a well-formed number (optionally with this prefix), else None."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    found, digits, seq_text = match.groups()
    if prefix is not None and found.upper() != prefix.upper():
        return None
    # Only the canonical form: "IT202405010001" is not how Desk writes sequence 1.
    if len(seq_text) > 3 and seq_text.startswith("0"):
        return None
    seq = int(seq_text)
    if seq < 1:
        return None
    try:
        day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return found.upper(), day, seq
