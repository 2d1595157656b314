"""Intake checks of a ticket draft: required fields, title length, vague text, dates, contact.

Each problem names the TicketDraft field it concerns and says in zh and en what to do. A
problem with ``warning=True`` does not block saving but needs the user's confirmation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from desk_gui.domain import text as texts
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.fields import ACTION_TEXTS, BY_KEY, Kind, intake_fields, required_fields
from desk_gui.domain.lang import is_zh
from desk_gui.domain.ticket import TicketDraft
from desk_gui.domain.vague_text import vague_text_problem, vague_text_rule

MAX_TITLE = 20
# Clocks of workstations differ a little; a time this far ahead still counts as now.
CLOCK_SKEW = timedelta(minutes=1)
# Late-logged calls (hours or days earlier) are normal, and edits and imports re-check old
# tickets, so the only lower bound is a fixed one that catches a mistyped year (0224, 1924).
EARLIEST_SUBMITTED = datetime(2000, 1, 1)

# 11-digit mainland mobile, optionally after +86 / 0086 / 86, digits may be split by
# spaces, dashes, dots or brackets; not part of a longer digit run (IDs, order numbers).
_SEP = r"[\s\-.()（）]*"
_MOBILE = re.compile(
    r"(?<!\d)(?:(?:\+|00)?86" + _SEP + r")?1[3-9](?:" + _SEP + r"\d){9}(?!\d)",
    re.ASCII,
)


@dataclass(frozen=True)
class Problem:
    """One finding about a draft: the field, a stable code, and the zh/en message."""

    field: str
    code: str
    zh: str
    en: str
    warning: bool = False

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` ("zh…" or anything else for English)."""
        return self.zh if is_zh(lang) else self.en


class ValidationError(RuleViolation):
    """A draft that cannot be saved; ``problems`` lists every finding."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0].field if self.problems else None
        super().__init__(
            "invalid_draft",
            zh="；".join(p.zh for p in self.problems) or "登记内容不完整。",
            en="; ".join(p.en for p in self.problems) or "The ticket is incomplete.",
            field=first,
        )


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that block saving (warnings left out)."""
    return [p for p in problems if not p.warning]


def warnings_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that need the user's confirmation only."""
    return [p for p in problems if p.warning]


def title_length(text: str) -> int:
    """Characters of a title without surrounding whitespace; a CJK character counts one."""
    return len(unicodedata.normalize("NFC", text.strip()))


def looks_like_personal_mobile(contact: str) -> bool:
    """True if ``contact`` contains a mainland mobile number (11 digits starting 1[3-9])."""
    return _MOBILE.search(unicodedata.normalize("NFKC", contact)) is not None


# (key, zh label, en label in a sentence) of the fields intake must not leave empty.
_REQUIRED_TEXT: tuple[tuple[str, str, str], ...] = tuple(
    (f.key, f.zh, f.en.lower()) for f in required_fields() if f.kind is not Kind.ENUM
)
_REQUIRED_CHOICE: tuple[tuple[str, str, str], ...] = tuple(
    (f.key, f.zh, f.en.lower()) for f in required_fields() if f.kind is Kind.ENUM
)
# Problems are reported in the worksheet's order, so the form can focus the first one.
_FIELD_ORDER = (
    "title",
    "department",
    "description",
    "category",
    "urgency",
    "impact",
    "requester",
    "contact",
    "submitted_at",
    "remarks",
    "device_model",
    "os",
    "software_version",
    "error_code",
    "assignee",
)


def _required(field: str, zh: str, en: str, choose: bool) -> Problem:
    if choose:
        return Problem(field, "required", f"请选择{zh}。", f"Choose the {en}.")
    return Problem(field, "required", f"请填写{zh}。", f"Enter the {en}.")


def _same_kind(value: datetime, now: datetime) -> datetime:
    # A time-zone-aware value against a naive "now" (or the reverse) is compared in local time.
    if (value.tzinfo is None) == (now.tzinfo is None):
        return value
    try:
        if value.tzinfo is None:
            return value.astimezone(now.tzinfo)
        return value.astimezone().replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):  # dates near year 1 or 9999
        return value.replace(tzinfo=now.tzinfo)


# (key, zh label, en label in a sentence, most characters) of every typed field of a draft.
_TEXT_FIELDS: tuple[tuple[str, str, str, int | None], ...] = tuple(
    (f.key, f.zh, f.en.lower(), f.max_length)
    for f in intake_fields()
    if f.kind in (Kind.TEXT, Kind.MULTILINE)
)
_MULTILINE = frozenset(f.key for f in intake_fields() if f.kind is Kind.MULTILINE)


def clean_draft(draft: TicketDraft) -> TicketDraft:
    """The draft with every typed text cleaned (``domain.text.clean``): what gets stored.

    The form's save, the worksheet's edit and the import all pass their draft through here.
    """
    changes: dict[str, Any] = {
        key: texts.clean(getattr(draft, key), multiline=key in _MULTILINE)
        for key, _, _, _ in _TEXT_FIELDS
    }
    if draft.assignee:
        changes["assignee"] = texts.clean(draft.assignee, multiline=False)
    return replace(draft, **changes)


def text_field_problem(key: str, value: str, zh: str, en: str, limit: int | None) -> Problem | None:
    """The storable-text rule (``domain.text.text_problem``) for one field's value, if broken."""
    found = texts.text_problem(value.strip(), limit) if value.strip() else None
    if found is None:
        return None
    reason, n = found
    zh_text, en_text = texts.problem_message(reason, n, limit, zh, en)
    return Problem(key, f"text_{reason}", zh_text, en_text)


def _text_field_problems(draft: TicketDraft) -> list[Problem]:
    problems: list[Problem] = []
    for key, zh, en, limit in _TEXT_FIELDS:
        # The title has its own length rule (and message) below.
        found = text_field_problem(key, getattr(draft, key) or "", zh, en, limit)
        if found is not None and not (key == "title" and found.code == "text_too_long"):
            problems.append(found)
    return problems


def action_text(key: str, value: str | None, *, required: bool = False) -> str:
    """An action dialog's text (``key`` in ACTION_TEXTS or a field), cleaned and stripped.

    RuleViolation (on ``key``, the dialog's field) if it is required and empty, or cannot be
    stored: a broken character, nothing visible, or too long.
    """
    f = BY_KEY.get(key)
    if f is not None:
        zh, en, limit = f.zh, f.en.lower(), f.max_length
    else:
        zh, en, limit = ACTION_TEXTS[key]
    multiline = f is None or f.kind is Kind.MULTILINE
    cleaned = texts.clean(value, multiline=multiline and key != "waiting_contact").strip()
    if not cleaned:
        if required:
            raise RuleViolation("required", field=key, zh=f"请填写{zh}。", en=f"Enter the {en}.")
        return ""
    found = text_field_problem(key, cleaned, zh, en, limit)
    if found is not None:
        raise RuleViolation(found.code, field=key, zh=found.zh, en=found.en)
    return cleaned


def _check_text(draft: TicketDraft) -> list[Problem]:
    problems: list[Problem] = _text_field_problems(draft)
    for field, zh, en in _REQUIRED_TEXT:
        if not str(getattr(draft, field) or "").strip():
            problems.append(_required(field, zh, en, choose=False))
    for field, zh, en in _REQUIRED_CHOICE:
        if getattr(draft, field) is None:
            problems.append(_required(field, zh, en, choose=True))
    length = title_length(draft.title or "")
    if length > MAX_TITLE:
        problems.append(
            Problem(
                "title",
                "title_too_long",
                f"问题标题最多{MAX_TITLE}个字，现在有{length}个字；详细情况请写在问题描述里。",
                f"The title may have at most {MAX_TITLE} characters, it has {length}; "
                "put the details in the description.",
            )
        )
    description = draft.description or ""
    reason = vague_text_problem(description) if description.strip() else None
    if reason is not None:
        zh, en = vague_text_rule(reason, description, "问题描述", "description")
        problems.append(
            Problem(
                "description",
                "description_vague",
                zh + "请写明现象（如报错提示）、影响范围、发生时间和已尝试的操作。",
                en + " Give the symptom (e.g. the error message), who is affected, when it "
                "started and what has been tried.",
            )
        )
    if (draft.contact or "").strip() and looks_like_personal_mobile(draft.contact):
        problems.append(
            Problem(
                "contact",
                "personal_mobile",
                "联系方式像是个人手机号，建议使用内线电话或公司即时通讯；确认仍要使用吗？",
                "The contact looks like a personal mobile number; an internal extension or "
                "company IM is preferred. Use it anyway?",
                warning=True,
            )
        )
    return problems


def _check_submitted(submitted_at: datetime | None, now: datetime) -> list[Problem]:
    if submitted_at is None:
        return []
    when = _same_kind(submitted_at, now)
    if when > now + CLOCK_SKEW:
        return [
            Problem(
                "submitted_at",
                "submitted_in_future",
                "提交时间不能晚于现在。",
                "The submission time cannot be in the future.",
            )
        ]
    if when.replace(tzinfo=None) < EARLIEST_SUBMITTED:
        return [
            Problem(
                "submitted_at",
                "submitted_too_old",
                f"提交时间早于{EARLIEST_SUBMITTED.year}年，请检查年份。",
                f"The submission time is before {EARLIEST_SUBMITTED.year}; check the year.",
            )
        ]
    return []


def validate_draft(draft: TicketDraft, now: datetime) -> list[Problem]:
    """Every problem of ``draft`` at time ``now``, in worksheet order; empty if it may be saved."""
    problems = _check_text(draft) + _check_submitted(draft.submitted_at, now)
    # A field whose text cannot be stored at all gets that one message, not the others too.
    broken = {p.field for p in problems if p.code.startswith("text_")}
    problems = [p for p in problems if p.field not in broken or p.code.startswith("text_")]
    return sorted(problems, key=lambda p: _FIELD_ORDER.index(p.field))
