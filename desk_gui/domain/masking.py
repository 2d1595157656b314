"""Masking of requester names, staff numbers and phone numbers on printouts and exports.

The requester field's rule keeps the spec's example (小明 → 小明*) and hides most of anything
longer:
- 1 character: the character + "*" (王 → 王*);
- 2 characters: the name + "*" (小明 → 小明*), exactly as the worksheet shows it;
- 3 or more: the first and last character, a "*" for each one between
  (王小明 → 王*明, 欧阳小明 → 欧**明, E12345 → E****5, Alice Wang → A********g).
The whole string is treated as one word, so spaces are hidden too. Surrounding whitespace is
dropped; an empty name stays empty.

Free text (description, contact, log lines, remarks, …) gets ``TextMasker``: the requester's
name written anywhere becomes its masked form above (a name of 2+ Chinese characters wherever
it stands; a Latin name or staff number, in any letter case and spacing, where it stands as a
word of its own), and every phone number shows only its last four digits:
- mobiles 1[3-9]… with or without spaces or dashes and +86 / 0086 → 139****5678 (the prefix
  kept, as the carrier's code identifies nobody);
- landlines with an area code, brackets, spaces or dashes → 010-****5678, an extension after
  them (转 / 分机 / ext / - / #) hidden whole;
- an extension written alone (内线 / 分机 / ext 12345) longer than four digits → *2345.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MASK_BY_DEFAULT = True
"""Whether an office that never chose masks requester names on paper and in exports."""

SHOWN_DIGITS = 4
"""The last digits of a phone number left visible."""


def mask_requester(name: str) -> str:
    """The masked form of a requester's name or staff number."""
    text = name.strip()
    if len(text) <= 2:
        return f"{text}*" if text else ""
    return text[0] + "*" * (len(text) - 2) + text[-1]


_SEP = r"[ \-\u2010-\u2015\u3000\uff0d]"  # spaces and dashes people put inside a number
_MOBILE = rf"(?P<cc>(?:\+|00)?86{_SEP}?)?(?P<mobile>1[3-9]\d(?:{_SEP}?\d){{8}})"
_EXT = r"(?P<ext_mark>\s*(?:转|分机|[Ee][Xx][Tt]\.?|[Xx]|#|-)\s*)(?P<ext>\d{1,6})"
_LANDLINE = (
    rf"(?P<open>[(（])?(?P<area>0\d{{2,3}})(?P<close>[)）])?(?P<sep>{_SEP}?)"
    rf"(?P<local>[1-9]\d{{2,3}}{_SEP}?\d{{4}})(?:{_EXT})?"
)
_ALONE = (
    r"(?P<alone_mark>(?:内线|分机|座机|[Ee][Xx][Tt](?:\.|[Ee][Nn][Ss][Ii][Oo][Nn])?)\s*)"
    r"(?P<alone>\d{5,})"
)
# Letter case spelled out rather than re.IGNORECASE, which makes the scan 1.7 times slower.
PHONE_PATTERN = rf"(?<!\d)(?:{_MOBILE}|{_LANDLINE})(?!\d)|(?<![A-Za-z]){_ALONE}(?!\d)"
"""Every phone-number form above; a run of digits longer than a phone number is left alone."""
_FOUR_DIGITS_PATTERN = rf"\d(?:{_SEP}?\d){{3}}"
"""What every form above contains: a text without it skips the (slower) full scan."""


def __getattr__(name: str) -> re.Pattern[str]:
    if name == "PHONE":  # the compiled pattern, as it was a constant
        return _phone_patterns()[0]
    raise AttributeError(name)


@lru_cache(maxsize=1)
def _phone_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(PHONE, four digits), compiled at the first free text masked: the queue's requester
    column, at a window's first paint, needs neither (issue 11)."""
    return re.compile(PHONE_PATTERN), re.compile(_FOUR_DIGITS_PATTERN)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _tail(digits: str) -> str:
    """``digits`` with all but the last SHOWN_DIGITS replaced by '*'."""
    hidden = max(0, len(digits) - SHOWN_DIGITS)
    return "*" * hidden + digits[hidden:]


def _mask_phone(match: re.Match[str]) -> str:
    if match["mobile"]:
        digits = _digits(match["mobile"])
        return (match["cc"] or "") + digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if match["local"]:
        out = (match["open"] or "") + match["area"] + (match["close"] or "") + match["sep"]
        out += _tail(_digits(match["local"]))
        if match["ext"]:
            out += match["ext_mark"] + "*" * len(match["ext"])
        return out
    return match["alone_mark"] + _tail(match["alone"])


_RUN_CHARS = frozenset("0123456789 -\u2010\u2011\u2012\u2013\u2014\u2015\u3000()（）+＋－")
_CANDIDATE_PATTERN = r"[\d(（+＋][\d \-\u2010-\u2015\u3000()（）+＋－]{4,}"
"""A run of digits, separators and brackets long enough to hold a number: where to look."""
_LEAD, _TAIL = 16, 16
"""Room around a run for the words before it (内线, extension) and an extension after it."""


def mask_phones(text: str) -> str:
    """``text`` with every phone number showing only its last digits.

    PHONE is tried only in windows around runs of digits (a scan of the whole text costs
    ~0.4 µs a character, which made masked exports three times slower); a window never cuts
    run of digits and separators, so PHONE sees each number with its neighbours as in the
    whole text. A number typed in full-width or other non-ASCII digits (an input method's
    １３９１２３４５６７８) is found as its ASCII twin and masked as one: 139****5678.
    """
    phone, four_digits = _phone_patterns()
    if not text or not four_digits.search(text):
        return text
    pieces: list[str] = []
    done = 0
    for lo, hi in _windows(text):
        pieces.append(text[done:lo])
        window = text[lo:hi]
        if window.isascii():
            pieces.append(phone.sub(_mask_phone, window))
        else:  # one character for one: the matches' places are the window's
            at = 0
            for match in phone.finditer(window.translate(_ASCII_TWINS)):
                pieces += [window[at : match.start()], _mask_phone(match)]
                at = match.end()
            pieces.append(window[at:])
        done = hi
    pieces.append(text[done:])
    return "".join(pieces)


class _AsciiTwins(dict[int, int]):
    """``str.translate`` table: any decimal digit to its ASCII digit, full-width + and - to
    theirs, anything else to itself; filled as characters are met."""

    def __missing__(self, code: int) -> int:
        twin = unicodedata.decimal(chr(code), None)
        value = 48 + twin if twin is not None else _FULL_WIDTH_SIGNS.get(code, code)
        self[code] = value
        return value


_FULL_WIDTH_SIGNS = {0xFF0B: ord("+"), 0xFF0D: ord("-")}
_ASCII_TWINS = _AsciiTwins()


def _windows(text: str) -> list[tuple[int, int]]:
    """Disjoint spans around the runs of digits, widened over any run they would cut."""
    end = len(text)
    spans: list[list[int]] = []
    for run in _compiled(_CANDIDATE_PATTERN).finditer(text):
        lo, hi = max(0, run.start() - _LEAD), min(end, run.end() + _TAIL)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    out: list[tuple[int, int]] = []
    floor = 0
    for lo, hi in spans:
        lo = max(lo, floor)
        while lo > floor and text[lo - 1] in _RUN_CHARS:
            lo -= 1
        while hi < end and text[hi] in _RUN_CHARS:
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
        floor = out[-1][1]
    return out


_CJK_PATTERN = r"[\u3400-\u9fff\uf900-\ufaff]"


@lru_cache(maxsize=4)
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled at its first use (a class of CJK ranges takes milliseconds to build:
    not at a window's start, which masks only the queue's requester names, issue 11)."""
    return re.compile(pattern)


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str] | None:
    """How ``name`` is found in free text; None for a name not worth looking for.

    Chinese: wherever it stands (Chinese has no word boundaries), never a single character
    (too common); a 2-character name's mask keeps the name (小明 → 小明*), so an occurrence
    already followed by its "*" is left as it is. Latin or a staff number: as a word of its own,
    any letter case, any spacing between its words.
    """
    if _compiled(_CJK_PATTERN).search(name):
        if len(name) < 2:
            return None
        follows = r"(?!\*)" if mask_requester(name).startswith(name) else ""
        return re.compile(re.escape(name) + follows)
    words = name.split()
    if not words or len("".join(words)) < 2:
        return None
    spaced = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![A-Za-z0-9]){spaced}(?![A-Za-z0-9])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _name_finder(name: str) -> re.Pattern[str] | None:
    """Where ``_name_pattern`` may match, found faster: a Latin name's words without the
    word-boundary checks (a pattern that begins with a look-behind is tried at every
    character; one that begins with a letter skips to that letter)."""
    pattern = _name_pattern(name)
    if pattern is None or not pattern.flags & re.IGNORECASE:
        return pattern
    return re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.IGNORECASE)


class TextMasker:
    """Masks one ticket's free text: its requester's name and every phone number.

    Built once per ticket (the name's pattern is cached across tickets); call it on each text.
    """

    __slots__ = ("_finder", "_masked", "_pattern")

    def __init__(self, requester: str) -> None:
        name = requester.strip()
        self._pattern = _name_pattern(name) if name else None
        self._finder = _name_finder(name) if name else None
        self._masked = mask_requester(name)

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self._pattern is not None:
            text = self._pattern.sub(self._masked, text)
        return mask_phones(text)

    def finds(self, text: str) -> bool:
        """Whether masking may change ``text``: it holds the requester's name or four digits
        (what every phone number holds). False means ``self(text) == text``: masking the name
        keeps its first and last character and puts "*" between, so it never makes four
        digits of a text that had none."""
        if self._finder is not None and self._finder.search(text):
            return True
        return _phone_patterns()[1].search(text) is not None

    def many(self, texts: list[str]) -> list[str]:
        """Each of ``texts`` masked, in one pass over them all (an export masks a dozen cells
        a row: one call instead of twelve). No name or number spans a NUL."""
        joined = "\0".join(texts)
        if not self.finds(joined):  # mostly: nothing to mask, found by two scans
            return list(texts)
        parts = self(joined).split("\0")
        if len(parts) != len(texts):  # a text held a NUL itself
            return [self(t) for t in texts]
        return parts


def mask_text(text: str, requester: str) -> str:
    """``text`` with ``requester``'s name masked and phone numbers shortened (see module doc)."""
    return TextMasker(requester)(text)
