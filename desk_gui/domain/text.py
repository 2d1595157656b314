"""Typed text on its way in: the one place where it is cleaned and judged storable.

Every write service and the spreadsheet import pass each text through ``clean`` (control
characters out, line breaks normalised) and ``text_problem`` (a character that cannot be
stored, too long, nothing visible). Exports and printing clean again on the way out
(``printable``), so text stored before these rules, or by another program, never breaks them.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls other than tab and line feed, DEL, C1 controls, and the two non-characters XML
# 1.0 forbids: ESC, BEL or NUL typed or pasted into a field. (CR is handled as a line break.)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_LINE_SPACE = re.compile("[\t\n]")
# Characters that take no room or draw nothing on their own: spaces, zero-width and other
# format characters (ZWSP, ZWJ, RTL marks, BOM), controls, combining marks without a base.
_INVISIBLE = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Mc"))
# Characters such as the Hangul filler are "letters" that draw as blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def clean(text: str | None, *, multiline: bool = True) -> str:
    """``text`` with control characters taken out and line breaks as ``\\n``.

    A one-line field (``multiline=False``) gets its tabs and line breaks as spaces.
    Lone surrogates are left for ``text_problem`` to refuse: they are a broken paste.
    """
    if not text:
        return ""
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = _BREAKS.sub("\n", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if not multiline and ("\n" in text or "\t" in text):
        text = _LINE_SPACE.sub(" ", text)
    return text


def printable(text: str) -> str:
    """Stored text made safe for a file or a page: controls out, lone surrogates as U+FFFD."""
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def has_surrogate(text: str) -> bool:
    """True if ``text`` holds half of a character (cannot be stored or written as UTF-8)."""
    return _SURROGATE.search(text) is not None


def is_visible(text: str) -> bool:
    """True if ``text`` has at least one character that draws something."""
    return any(
        unicodedata.category(ch) not in _INVISIBLE and ch not in _BLANK_LETTERS for ch in text
    )


def length(text: str) -> int:
    """Characters as a reader counts them (composed: e + combining accent counts one)."""
    return len(unicodedata.normalize("NFC", text))


def text_problem(text: str, max_length: int | None) -> tuple[str, int] | None:
    """Why ``text`` (cleaned, non-empty) cannot be stored: ("surrogate" | "invisible" |
    "too_long", its length), or None."""
    if has_surrogate(text):
        return ("surrogate", 0)
    if not is_visible(text):
        return ("invisible", 0)
    n = length(text)
    if max_length is not None and n > max_length:
        return ("too_long", n)
    return None


def problem_message(reason: str, n: int, limit: int | None, zh: str, en: str) -> tuple[str, str]:
    """The rule a text breaks, in zh and en; ``zh`` / ``en`` name the field (en in a sentence)."""
    if reason == "surrogate":
        return (
            f"{zh}里有无法保存的残缺字符（多半来自损坏的复制粘贴），请删除后重新输入。",
            f"The {en} holds a broken character (half of one, likely from a damaged paste) "
            "that cannot be stored; delete it and type the text again.",
        )
    if reason == "invisible":
        return (
            f"{zh}只有空白或看不见的字符，请填写文字。",
            f"The {en} has only blank or invisible characters; enter some text.",
        )
    return (
        f"{zh}最多{limit}个字，现在有{n}个字。",
        f"The {en} may have at most {limit} characters, it has {n}.",
    )
