"""Generated free text for the masking tests: a requester's name and phone numbers in every
form people write them, scattered through Chinese and English filler.

``Case.leaks(text)`` says what of the name or the numbers survives in ``text`` (a printout's
text layer or an exported cell, whitespace and line breaks as they come); ``Case.shown(text)``
what is missing when masking is off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

from desk_gui.domain.masking import mask_requester

# Characters pdftotext reads back exactly with the worksheet's fonts (see FIELD_NOTES).
SURNAMES = [
    *"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡",
    "欧阳",
    "司马",
    "诸葛",
]
GIVEN = "小明伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰晓红雪梅海燕志国"
LATIN = ["Alice", "Bob", "Wang", "Zhang", "Li", "Chen", "Maria", "Kevin", "Olga", "Tom", "Lucy"]
FILLER_ZH = (
    "已电话告知打印机无法连接网络重启后恢复请回电确认用户反馈驱动安装完成等待备件到货上门处理"
)
FILLER_EN = ["called", "printer", "fixed", "please", "ring", "back", "on", "site", "done", "VPN"]
PUNCT = ["，", "。", "：", "；", "、", " ", "（", "）", "/", ": ", ", ", "\n"]


@st.composite
def chinese_names(draw: st.DrawFn) -> str:
    surname = draw(st.sampled_from(SURNAMES))
    longest = 4 - len(surname)
    given = draw(st.text(GIVEN, min_size=1, max_size=min(2, longest)))
    return surname + given


@st.composite
def latin_names(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(LATIN), min_size=1, max_size=2, unique=True))
    return " ".join(words)


def names() -> st.SearchStrategy[str]:
    return st.one_of(chinese_names(), latin_names())


@dataclass(frozen=True)
class Phone:
    """A number as written, and the digits that must never show in full."""

    written: str
    secret: str  # mobile: all 11 digits; landline: the local number (area code is public)
    tail: str  # the last digits that stay visible


_SEPS = ["", " ", "-"]


@st.composite
def mobiles(draw: st.DrawFn) -> Phone:
    digits = (
        "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    )
    sep = draw(st.sampled_from(_SEPS))
    body = digits[:3] + sep + digits[3:7] + sep + digits[7:] if sep else digits
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "0086 ", "+86-", "86-"]))
    return Phone(prefix + body, digits, digits[-4:])


@st.composite
def landlines(draw: st.DrawFn) -> Phone:
    area = (
        "0"
        + draw(st.sampled_from("123456789"))
        + draw(st.text("0123456789", min_size=1, max_size=2))
    )
    local = draw(st.sampled_from("23456789")) + draw(st.text("0123456789", min_size=6, max_size=7))
    sep = draw(st.sampled_from(["-", " ", "", "()", "（）"]))
    written = sep[0] + area + sep[1] + local if len(sep) == 2 else area + sep + local
    split = draw(st.booleans())
    if split:
        written = written[:-4] + draw(st.sampled_from([" ", "-"])) + written[-4:]
    ext = draw(st.sampled_from(["", " 转 ", "转", "-", " ext ", "#", " 分机"]))
    if ext:
        written += ext + draw(st.text("0123456789", min_size=2, max_size=5))
    return Phone(written, local, local[-4:])


@st.composite
def extensions(draw: st.DrawFn) -> Phone:
    digits = draw(st.text("0123456789", min_size=5, max_size=6))
    mark = draw(st.sampled_from(["内线", "分机 ", "ext ", "座机"]))
    return Phone(mark + digits, digits, digits[-4:])


def phones() -> st.SearchStrategy[Phone]:
    return st.one_of(mobiles(), landlines(), extensions())


@dataclass(frozen=True)
class Case:
    """One requester, their numbers and texts that mention them."""

    name: str
    phones: tuple[Phone, ...]
    texts: tuple[str, ...]

    def leaks(self, text: str) -> list[str]:
        """The name or secret digits still readable in ``text``."""
        found = [self.name] if _has_name(text, self.name, mask_requester(self.name)) else []
        runs = _digit_runs(text)
        found.extend(p.written for p in self.phones if any(p.secret in r for r in runs))
        return found

    def shown(self, text: str) -> list[str]:
        """What of the name or numbers is missing from ``text`` (masking off: nothing)."""
        missing = [] if _has_name(text, self.name) else [self.name]
        runs = _digit_runs(text)
        return missing + [p.written for p in self.phones if not any(p.secret in r for r in runs)]


def _digit_runs(text: str) -> list[str]:
    """Runs of digits once spaces, dashes and brackets are taken out (how a number is read)."""
    return re.findall(r"\d+", re.sub(r"[\s\-()（）+]", "", text))


def _has_name(text: str, name: str, masked: str = "") -> bool:
    """Whether ``name`` is readable in ``text`` however the text was wrapped or spaced, its
    ``masked`` form aside (a 2-character name's mask keeps the name: 小明 → 小明*)."""
    if re.search(r"[A-Za-z]", name):
        words = r"\s*".join(re.escape(w) for w in name.split())
        spaced = re.sub(r"\s+", " ", text)
        spaced = spaced.replace(masked, "\0") if masked else spaced
        return re.search(rf"(?<![A-Za-z]){words}(?![A-Za-z])", spaced, re.I) is not None
    flat = re.sub(r"\s+", "", text)
    return name in (flat.replace(masked, "\0") if masked else flat)


@st.composite
def cases(draw: st.DrawFn, texts: int = 4) -> Case:
    name = draw(names())
    numbers = tuple(draw(st.lists(phones(), min_size=1, max_size=3)))
    spelled = [name, name.upper(), name.lower()] if " " in name or name.isascii() else [name]
    out = []
    for _ in range(texts):
        parts: list[str] = []
        for _ in range(draw(st.integers(1, 5))):
            kind = draw(st.sampled_from(["zh", "en", "name", "phone"]))
            if kind == "zh":
                parts.append(draw(st.text(FILLER_ZH, min_size=1, max_size=8)))
            elif kind == "en":
                parts.append(draw(st.sampled_from(FILLER_EN)))
            elif kind == "name":
                parts.append(draw(st.sampled_from(spelled)))
            else:
                parts.append(draw(st.sampled_from(numbers)).written)
            # (after a number, no bare space: two numbers read as one run of digits would
            # make the leak check see digits that no number holds)
            parts.append(draw(st.sampled_from(PUNCT[:5] if kind == "phone" else PUNCT)))
        out.append("".join(parts))
    # Every name and number appears at least once somewhere.
    out[0] = name + " " + "，".join(p.written for p in numbers) + "，" + out[0]
    return Case(name, numbers, tuple(out))
