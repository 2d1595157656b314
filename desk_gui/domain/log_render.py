"""Generated handling-log lines as what happened (a template and its values), shown per language.

A generated line is stored once, as ``args``: the template's two-letter code and its values,
each value after a unit separator (schema 17: ``st\x1fp\x1fi``, an enum value as one frozen
letter; see ``encode``), or as compact JSON (``["st","pending","in_progress"]``, schema 14, and
any value the short form cannot hold); a line a person typed, or one no template produces,
stays plain text. ``render`` gives the line in the reader's language, from either form.

The templates below are frozen like migrations: the hash chain covers the rendered text (see
``store.log_chain``), so a template's wording never changes; new wording gets a new code.
``parse`` finds the args of an old stored line, and only when rendering them gives back the
stored Chinese and English exactly: a converted line reads as it always did.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from string import Formatter
from typing import Any

from desk_gui.domain.enums import (
    Channel,
    Impact,
    LabelledEnum,
    Priority,
    Satisfaction,
    Status,
    Tier,
    Urgency,
)
from desk_gui.domain.lang import is_zh

Value = str | int | list[str] | None
SEP, ITEM, NONE = "\x1f", "\x1e", "\x1d"
"""The short form's separators: before each value, before a phrase code, a missing value."""
_RESERVED = re.compile("[\x1d-\x1f]")


class Slot:
    """A value of a template: how it reads in each language and how to find it in Chinese, and
    how the short form stores it (``pack`` gives None for a value it cannot hold)."""

    pattern = "(.*?)"

    def text(self, value: Any, zh: bool) -> str:
        return str(value)

    def candidates(self, found: str | None) -> list[Value]:
        """Values whose Chinese is ``found`` (what the pattern captured)."""
        return [found]

    def pack(self, value: Any) -> str | None:
        ok = isinstance(value, str) and _RESERVED.search(value) is None
        return value if ok else None

    def unpack(self, field: str) -> Any:
        return field


class Text(Slot):
    """Text the same in both languages (a name, a typed reason, a ticket number)."""


class Number(Slot):
    pattern = "([0-9]+)"

    def text(self, value: Any, zh: bool) -> str:
        return str(int(value))

    def candidates(self, found: str | None) -> list[Value]:
        return [int(found or "")]

    def pack(self, value: Any) -> str | None:
        return str(value) if type(value) is int else None

    def unpack(self, field: str) -> Any:
        return int(field)


class Label(Slot):
    """A member of a labelled enum, stored by value, shown by its label."""

    def __init__(self, enum: type[LabelledEnum]) -> None:
        self.enum = enum
        self.pattern = "(" + "|".join(re.escape(m.zh) for m in enum) + ")"

    def text(self, value: Any, zh: bool) -> str:
        return self.enum(value).label("zh" if zh else "en")

    def candidates(self, found: str | None) -> list[Value]:
        return [m.value for m in self.enum if m.zh == found]

    def pack(self, value: Any) -> str | None:
        return LETTERS[self.enum].get(value) if isinstance(value, str) else None

    def unpack(self, field: str) -> Any:
        return {letter: v for v, letter in LETTERS[self.enum].items()}[field]


class Upper(Label):
    """A priority: shown as its upper-case value in both languages."""

    def __init__(self, enum: type[LabelledEnum]) -> None:
        self.enum = enum
        self.pattern = "(" + "|".join(re.escape(m.value.upper()) for m in enum) + ")"

    def text(self, value: Any, zh: bool) -> str:
        return self.enum(value).value.upper()

    def candidates(self, found: str | None) -> list[Value]:
        return [m.value for m in self.enum if m.value.upper() == found]


class Choice(Slot):
    """One of a few fixed words: value → (zh, en)."""

    def __init__(self, words: Mapping[int, tuple[str, str]]) -> None:
        self.words = words
        self.pattern = "(" + "|".join(re.escape(w[0]) for w in words.values()) + ")"

    def text(self, value: Any, zh: bool) -> str:
        return self.words[int(value)][0 if zh else 1]

    def candidates(self, found: str | None) -> list[Value]:
        return [k for k, w in self.words.items() if w[0] == found]

    def pack(self, value: Any) -> str | None:
        return str(value) if type(value) is int and value in self.words else None

    def unpack(self, field: str) -> Any:
        return int(field)


PHRASES: dict[str, tuple[str, str]] = {
    "not_resolved": ("提交人反馈未解决，退回处理。", "The requester says it is not resolved: back to handling."),
    "confirmed": ("关闭（提交人已确认解决）。", "Closed (the requester confirmed the fix)."),
    "p1": ("P1：立即升级", "P1: escalate at once"),
    "l1_timeout": ("一线30分钟内无法解决", "L1 could not solve it within 30 minutes"),
    "demo_no_reply": (
        "关闭原因：提交人3天未回复", "Closed. Reason: no reply from the requester for 3 days"
    ),
    "demo_confirmed": ("关闭（提交人已确认解决）", "Closed (the requester confirmed the fix)"),
}  # fmt: skip
"""Fixed sentences the program writes, by code (frozen: see the module docstring)."""


class Phrase(Slot):
    """A fixed sentence (stored as ``[code]``) or, where a person typed it, the text itself."""

    def text(self, value: Any, zh: bool) -> str:
        if isinstance(value, list):
            return PHRASES[value[0]][0 if zh else 1]
        return str(value)

    def candidates(self, found: str | None) -> list[Value]:
        return [[code] for code, (zh, _) in PHRASES.items() if zh == found] + [found]

    def pack(self, value: Any) -> str | None:
        if isinstance(value, list):
            return ITEM + value[0] if len(value) == 1 and value[0] in PHRASES else None
        return super().pack(value)

    def unpack(self, field: str) -> Any:
        return [field[1:]] if field.startswith(ITEM) else field


class Optional(Slot):
    """A part shown only with a value (None or "" shows nothing), wrapped per language."""

    def __init__(self, inner: Slot, zh: str, en: str) -> None:
        self.inner, self.zh, self.en = inner, zh, en
        before, after = zh.split("{}")
        self.pattern = f"(?:{re.escape(before)}{inner.pattern}{re.escape(after)})?"

    def text(self, value: Any, zh: bool) -> str:
        if value is None or value == "":
            return ""
        return (self.zh if zh else self.en).replace("{}", self.inner.text(value, zh))

    def candidates(self, found: str | None) -> list[Value]:
        return [None] if found is None else self.inner.candidates(found)

    def pack(self, value: Any) -> str | None:
        return NONE if value is None else self.inner.pack(value)

    def unpack(self, field: str) -> Any:
        return None if field == NONE else self.inner.unpack(field)


@dataclass(frozen=True)
class Template:
    """A generated line: its Chinese and English with numbered slots ({0}, {1}, …)."""

    zh: str
    en: str
    slots: tuple[Slot, ...]
    strip: bool = False  # the line was written .strip()ped (a trailing empty note)

    def render(self, values: Sequence[Any], zh: bool) -> str:
        parts = [slot.text(v, zh) for slot, v in zip(self.slots, values, strict=True)]
        text = (self.zh if zh else self.en).format(*parts)
        return text.strip() if self.strip else text

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """Matches the Chinese, one group a slot, in slot order."""
        pattern, expected = "", 0
        for literal, field, _, _ in Formatter().parse(self.zh):
            pattern += re.escape(literal)
            if field is not None:
                if int(field) != expected:
                    raise ValueError("slots must appear in order in the Chinese")
                pattern += self.slots[expected].pattern
                expected += 1
        return re.compile(pattern, re.DOTALL)


LETTERS: dict[type[LabelledEnum], dict[str, str]] = {
    Status: {"pending": "p", "in_progress": "i", "resolved": "r", "closed": "c"},
    Tier: {"l1": "1", "l2": "2", "expert": "e"},
    Priority: {"p1": "1", "p2": "2", "p3": "3", "p4": "4"},
    Channel: {"phone": "p", "email": "e", "im": "i", "walk_in": "w", "web": "b", "monitoring": "m"},
    Impact: {"company": "c", "department": "d", "individual": "i"},
    Urgency: {"high": "h", "medium": "m", "low": "l"},
    Satisfaction: {"satisfied": "s", "basic": "b", "dissatisfied": "d"},
}
"""An enum value's letter in the short form (frozen; a value without one is stored as JSON)."""

_STATUS, _TIER, _TEXT = Label(Status), Label(Tier), Text()
YES_NO = Choice({1: ("是", "Yes"), 0: ("否", "No")})
TEMPLATES: dict[str, Template] = {
    "st": Template("状态：{0} → {1}", "Status: {0} → {1}", (_STATUS, _STATUS)),
    "ti": Template("层级：{0} → {1}", "Tier: {0} → {1}", (_TIER, _TIER)),
    "pr": Template("优先级：{0} → {1}", "Priority: {0} → {1}", (Upper(Priority), Upper(Priority))),
    "as": Template("负责人：{0} → {1}", "Assignee: {0} → {1}", (_TEXT, _TEXT)),
    "fa": Template("负责人：{0}", "Assignee: {0}", (_TEXT,)),
    "cr": Template(
        "登记工单：{0}，{1} × 紧急程度{2} → {3}",
        "Ticket logged: {0}, {1} × urgency {2} → {3}",
        (Label(Channel), Label(Impact), Label(Urgency), Upper(Priority)),
    ),
    "cp": Template("登记工单，优先级 {0}", "Ticket logged, priority {0}", (Upper(Priority),)),
    "im": Template("导入自 {0} 第 {1} 行", "Imported from {0}, row {1}", (_TEXT, Number())),
    "ih": Template("原处理过程记录：\n{0}", "Original handling log:\n{0}", (_TEXT,)),
    "es": Template(
        "升级：{0} → {1}。原因：{2}。交接：{3}",
        "Escalated: {0} → {1}. Reason: {2}. Handover: {3}",
        (_TIER, _TIER, Phrase(), _TEXT),
    ),
    "at": Template("附件：{0}（{1} 字节）", "Attachment: {0} ({1} bytes)", (_TEXT, Number())),
    "ad": Template("删除附件：{0}", "Attachment deleted: {0}", (_TEXT,)),
    "we": Template(
        "结束等待，计时恢复。{0}", "Waiting over; the clock runs again. {0}", (_TEXT,), strip=True
    ),
    "rs": Template("解决方案：{0}", "Solution: {0}", (_TEXT,)),
    "fb": Template(
        "提交人反馈：{0}{1}{2}{3}",
        "Requester feedback: {0}{1}{2}{3}",
        (
            YES_NO,
            Optional(Label(Satisfaction), "；{}", "; {}"),
            Optional(Number(), "（{} 分）", " ({}/5)"),
            Optional(_TEXT, "。{}", ". {}"),
        ),
    ),
    "cl": Template("关闭。原因：{0}", "Closed. Reason: {0}", (Phrase(),)),
    "ro": Template(
        "{0}重新打开。原因：{1}",
        "Reopened{0}. Reason: {1}",
        (Choice({1: ("主管", " by a supervisor"), 0: ("", "")}), _TEXT),
    ),
    "fo": Template("跟进已关闭的工单 {0}", "Follow-up of closed ticket {0}", (_TEXT,)),
    "fl": Template("已登记跟进工单 {0}", "Follow-up ticket {0} logged", (_TEXT,)),
    "rc": Template("重复来电：{0}", "Repeated call: {0}", (_TEXT,)),
    "ph": Template("{0}", "{0}", (Phrase(),)),
}
"""Every generated line a code can name (frozen: see the module docstring)."""


def encode(code: str, *values: Value) -> str:
    """The stored args of a line: the short form, or compact JSON (the template code first)
    for values it cannot hold (a separator character in a text, an unknown value)."""
    template = TEMPLATES.get(code)
    if template is not None and len(values) == len(template.slots):
        fields = [slot.pack(v) for slot, v in zip(template.slots, values, strict=True)]
        if None not in fields:
            return code + "".join(SEP + str(f) for f in fields)
    return json.dumps([code, *values], ensure_ascii=False, separators=(",", ":"))


def decode(args: str) -> tuple[str, list[Any]]:
    """(template code, values) of stored args in either form (ValueError/KeyError if damaged)."""
    if args.startswith("["):
        code, *values = json.loads(args)
        return str(code), values
    code, *fields = args.split(SEP)
    slots = TEMPLATES[code].slots
    if len(fields) != len(slots):
        raise ValueError(f"{len(fields)} values for {code}")
    return code, [slot.unpack(f) for slot, f in zip(slots, fields, strict=True)]


@functools.lru_cache(maxsize=65536)
def shortened(args: str) -> str:
    """JSON args in the short form where it renders the same in both languages (schema 17)."""
    if not args.startswith("["):
        return args
    try:
        code, values = decode(args)
        short = encode(code, *values)
    except (ValueError, KeyError, TypeError):
        return args
    same = all(render(short, lang) == render(args, lang) for lang in ("zh", "en"))
    return short if same else args


def render_values(code: str, values: Sequence[Any], lang: str) -> str:
    """A line in ``lang`` from its template code and values (KeyError/ValueError if unknown)."""
    return TEMPLATES[code].render(values, is_zh(lang))


@functools.lru_cache(maxsize=65536)  # generated lines recur: a check renders ten million
def render(args: str, lang: str) -> str:
    """A stored line in ``lang``; never fails: an unknown or damaged one shows its raw values."""
    try:
        return render_values(*decode(args), lang)
    except Exception:
        return "⟨" + args + "⟩"


def texts(text: str, text_en: str | None, args: str | None) -> tuple[str, str | None]:
    """(Chinese, English or None) of a stored line: rendered from ``args`` where it has them."""
    if args is None:
        return text, text_en
    return render(args, "zh"), render(args, "en")


def parse(text: str, text_en: str | None) -> str | None:
    """The args that render back to exactly ``text`` and ``text_en``; None if no template does."""
    if text_en is None:
        return None  # typed text and lines older than the English column stay as they are
    for code, template in TEMPLATES.items():
        found = template.regex.fullmatch(text)
        if found is None:
            continue
        choices = [s.candidates(g) for s, g in zip(template.slots, found.groups(), strict=True)]
        for values in product(*choices):
            try:
                same = template.render(values, True) == text
                same = same and template.render(values, False) == text_en
            except (KeyError, ValueError, TypeError):
                continue
            if same:
                return encode(code, *values)
    return None


SEARCHED: dict[str, tuple[int, ...]] = {
    "as": (),  # names picked from the staff list: the assignee filter, not the search
    "fa": (),
    "im": (0,),  # the file a ticket came from
    "ih": (0,),  # the handling log a person wrote in the old sheet
    "es": (2, 3),  # the reason (when typed) and the handover
    "at": (0,),
    "ad": (0,),
    "we": (0,),
    "rs": (),  # the solution: the ticket's own solution column is searched
    "fb": (3,),  # the requester's comment
    "cl": (0,),
    "ro": (1,),
    "fo": (0,),  # the other ticket's number: a follow-up is found by its original's
    "fl": (0,),
    "rc": (0,),
    "ph": (0,),
}
"""Which values of a generated line the search reads (schema 19): what a person typed or
named. Fixed words (labels, statuses, tiers, the templates' own text, the program's phrases)
are not searched: they would make most tickets match a status's or a field's name. A code
not listed has nothing to search."""


@functools.lru_cache(maxsize=65536)
def searched(args: str) -> str:
    """The part of a generated line the search index reads: the values a person typed or
    named, one a line, in the template's order (a damaged line: its Chinese, as shown)."""
    try:
        code, values = decode(args)
        slots = TEMPLATES[code].slots
    except Exception:
        return render(args, "zh")
    picked = [values[i] for i in SEARCHED.get(code, ()) if i < len(slots)]
    return "\n".join(str(v) for v in picked if isinstance(v, str) and v)
