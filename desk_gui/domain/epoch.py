"""A wall-clock time as a count of seconds: how SQLite files keep times from schema 20 on.

Desk's times are naive local wall time (the office's clock, as on the paper worksheet). They are
counted from 1970-01-01 00:00:00 *as if that wall time were UTC*: no time zone or daylight
saving enters, so SQLite's ``datetime(x, 'unixepoch')`` gives back exactly the text the same
time was stored as before (``YYYY-MM-DD HH:MM:SS``), and the order of the numbers is the order
of the times. Whole seconds (every time Desk writes: ``services.context`` drops microseconds)
are an INTEGER, 4 bytes in the file against 19 of text; a time with microseconds (a file
written before that) a REAL, so nothing is rounded away.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

EPOCH = datetime(1970, 1, 1)
_MICRO = timedelta(microseconds=1)


def to_seconds(value: datetime | date) -> int | float:
    """``value`` as seconds since EPOCH: an int for whole seconds, a float otherwise (a date
    alone: its midnight)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    micros = (value - EPOCH) // _MICRO
    whole, rest = divmod(micros, 1_000_000)
    return whole if rest == 0 else micros / 1_000_000


def from_seconds(value: int | float) -> datetime:
    """The wall-clock time ``value`` seconds after EPOCH (to the microsecond)."""
    if isinstance(value, int):
        return EPOCH + timedelta(seconds=value)
    return EPOCH + timedelta(microseconds=round(value * 1_000_000))
