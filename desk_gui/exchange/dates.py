"""Reading the dates people really type in the worksheet spreadsheet, and Excel date cells."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_EXCEL_EPOCH = datetime(1899, 12, 30)

# Year, month, day, then an optional time; the separator between date and time may be missing
# ("2024-05-0109:15", the run-together form a copy from the paper sheet produces).
_PATTERN = re.compile(
    r"""^\s*
    (?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?
    (?:
        (?:\s+|T|(?<=\d{2})|(?<=日))
        (?P<half>上午|下午|中午|晚上|早上|凌晨)?\s*
        (?P<H>\d{1,2})\s*[:：时点]\s*(?P<M>\d{1,2})\s*分?
        (?:\s*[:：]\s*(?P<S>\d{1,2})(?:\.\d+)?)?
        (?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?
    )?\s*$""",
    re.VERBOSE,
)
_AFTERNOON = {"下午", "晚上", "p"}
_MORNING = {"上午", "早上", "凌晨", "a"}
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2}))?\s*$")


def from_excel_serial(value: float) -> datetime:
    """An Excel serial day number (1900 system) as a datetime, to the minute."""
    moment = _EXCEL_EPOCH + timedelta(days=float(value))
    return _to_minute(moment)


def _to_minute(value: datetime) -> datetime:
    rounded = value + timedelta(seconds=30)
    return rounded.replace(second=0, microsecond=0)


def parse_datetime(value: object) -> datetime | None:
    """A typed or stored date-time to the minute; None when empty; ValueError when unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _to_minute(value.replace(tzinfo=None))
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return from_excel_serial(value)
        raise ValueError(f"not a date: {value!r}")
    text = str(value).strip()
    if not text:
        return None
    match = _PATTERN.match(text)
    if match:
        parts = [match.group(g) for g in ("y", "m", "d", "H", "M", "S")]
        parts[3] = _hour_of_day(match)
    else:
        compact = _COMPACT.match(text)
        if not compact:
            raise ValueError(f"not a date: {text!r}")
        parts = [*compact.groups(), None]
    y, m, d, hh, mm, ss = (int(p) if p else 0 for p in parts)
    # ValueError for 2024-02-30 or 25:00; typed seconds are dropped, as the form does.
    return datetime(y, m, d, hh, mm, ss).replace(second=0)


def _hour_of_day(match: re.Match[str]) -> str | None:
    """The hour on a 24-hour clock: 下午 3:15 and 3:15 PM are 15; 上午 12:05 is 0."""
    hour = match.group("H")
    half = match.group("half") or (match.group("ampm") or "")[:1].lower()
    if hour is None or not half:
        return hour
    h = int(hour)
    if h > 12:
        return hour  # 下午 15:00: already on the 24-hour clock
    if half in _AFTERNOON and h < 12:
        h += 12
    elif half in _MORNING and h == 12:
        h = 0
    elif half == "中午" and h < 6:
        h += 12  # 中午 1:00 is one in the afternoon
    return str(h)


def format_datetime(value: datetime | None) -> str:
    """The one way Desk writes a time in text: YYYY-MM-DD HH:MM."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
