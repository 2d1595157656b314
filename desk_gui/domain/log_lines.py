"""The handling log's generated lines, each in Chinese (stored as ``text``) and English.

Free text a person typed (a reason, a handover, a solution, a comment) goes into both versions
unchanged: only the words the program adds are translated.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from desk_gui.domain.enums import (
    Channel,
    Impact,
    LabelledEnum,
    Priority,
    Satisfaction,
    Status,
    Tier,
    Urgency,
    WaitingOn,
)
from desk_gui.domain.fields import label as field_label
from desk_gui.domain.lang import pick
from desk_gui.domain.log_render import PHRASES, Value, encode, render_values

NOBODY = "—"


class LogLine(NamedTuple):
    """One generated log line: its Chinese, its English and, when a template makes it, the
    ``args`` the log stores instead of both texts (``domain.log_render``)."""

    zh: str
    en: str
    args: str | None = None


def made(code: str, *values: Value) -> LogLine:
    """The line of template ``code`` with ``values``, in both languages and as stored args."""
    return LogLine(
        render_values(code, values, "zh"), render_values(code, values, "en"), encode(code, *values)
    )


def phrase(code: str) -> LogLine:
    """A fixed sentence of ``log_render.PHRASES``."""
    return made("ph", [code])


def _reason(line: LogLine) -> Value:
    """A reason as a Phrase slot holds it: a fixed sentence's code, or the typed text."""
    for code, texts in PHRASES.items():
        if texts == (line.zh, line.en):
            return [code]
    if line.zh != line.en:
        raise ValueError("a typed reason reads the same in both languages")
    return line.zh


def created(channel: Channel, impact: Impact, urgency: Urgency, priority: Priority) -> LogLine:
    return made("cr", channel.value, impact.value, urgency.value, priority.value)


def imported(source: str, line: int) -> LogLine:
    return made("im", source, line)


def import_default(column_zh: str, column_en: str, default: LabelledEnum) -> LogLine:
    """A column left empty in an imported row, filled with the import's default."""
    return LogLine(
        f"导入时未提供{column_zh}，按默认值：{default.zh}",
        f"{column_en} not given in the import; default used: {default.en}",
    )


def import_history(log_text: str) -> LogLine:
    """The old sheet's handling-log cell, kept as it was written."""
    return made("ih", log_text)


def first_assignee(name: str) -> LogLine:
    return made("fa", name)


def assignee_change(old: str | None, new: str | None) -> LogLine:
    before, after = old or NOBODY, new or NOBODY
    return made("as", before, after)


def status_change(old: Status, new: Status) -> LogLine:
    return made("st", old.value, new.value)


def tier_change(old: Tier, new: Tier) -> LogLine:
    return made("ti", old.value, new.value)


def priority_change(old: Priority, new: Priority) -> LogLine:
    return made("pr", old.value, new.value)


def escalation(old: Tier, new: Tier, reason: LogLine, handover: str) -> LogLine:
    """``reason`` is the typed reason in both versions, or a generated one with its English."""
    try:
        return made("es", old.value, new.value, _reason(reason), handover)
    except ValueError:  # a reason with its own English: the line keeps both texts
        return LogLine(
            f"升级：{old.zh} → {new.zh}。原因：{reason.zh}。交接：{handover}",
            f"Escalated: {old.en} → {new.en}. Reason: {reason.en}. Handover: {handover}",
        )


def typed(text: str) -> LogLine:
    """Text a person typed: the same in both versions."""
    return LogLine(text, text)


def _shown(value: object, lang: str) -> str:
    """An edited value as the log shows it: a label, a minute-precise time or short text."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, LabelledEnum):
        return value.label(lang)
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def edit(changes: list[tuple[str, object, object]]) -> LogLine:
    """Fields changed by an edit: (field key, old value, new value) each."""

    def lines(lang: str) -> list[str]:
        colon = pick(lang, "：", ": ")
        return [
            f"{field_label(k, lang)}{colon}{_shown(old, lang)} → {_shown(new, lang)}"
            for k, old, new in changes
        ]

    return LogLine("；".join(lines("zh")), "; ".join(lines("en")))


def attachment(filename: str, size: int) -> LogLine:
    return made("at", filename, size)


def attachment_deleted(filename: str) -> LogLine:
    return made("ad", filename)


_SENTENCE_END = "。！？.!?…"


def _sentence(head: str, note: str, stop: str, ends: str, gap: str) -> str:
    """``head`` as a sentence, then the typed note; a stop only where none ends the text."""
    text = head if not note else head + stop + gap + note
    return text if text.endswith(tuple(ends)) else text + stop


def wait_started(waiting_on: WaitingOn, contact: str, until: datetime | None, note: str) -> LogLine:
    """等待供应商：张经理，预计 2024-05-08。note — no colon without a contact."""
    contact, note = contact.strip(), note.strip()
    head_zh = f"{waiting_on.zh}：{contact}" if contact else waiting_on.zh
    head_en = f"{waiting_on.en}: {contact}" if contact else waiting_on.en
    if until:
        head_zh += f"，预计 {until:%Y-%m-%d}"
        head_en += f", expected {until:%Y-%m-%d}"
    return LogLine(
        _sentence(head_zh, note, "。", _SENTENCE_END, ""),
        _sentence(head_en, note, ".", _SENTENCE_END, " "),
    )


def wait_ended(note: str) -> LogLine:
    return made("we", note)


def resolution(solution: str) -> LogLine:
    return made("rs", solution)


def feedback(
    resolved: bool, satisfaction: Satisfaction | None, score: int | None, comment: str
) -> LogLine:
    rating = satisfaction.value if satisfaction else None
    return made("fb", int(resolved), rating, score, comment or None)


FEEDBACK_NOT_RESOLVED = phrase("not_resolved")
CLOSED_CONFIRMED = phrase("confirmed")


def follow_up_of(number: str) -> LogLine:
    """On the new ticket: which closed ticket it continues."""
    return made("fo", number)


def follow_up_logged(number: str) -> LogLine:
    """On the closed ticket: the follow-up logged for it."""
    return made("fl", number)


def closed(reason: LogLine | None) -> LogLine:
    """Closure with a recorded reason, or after the requester confirmed the fix."""
    if reason is None:
        return CLOSED_CONFIRMED
    try:
        return made("cl", _reason(reason))
    except ValueError:  # a reason with its own English: the line keeps both texts
        return LogLine(f"关闭。原因：{reason.zh}", f"Closed. Reason: {reason.en}")


def reopened(by_supervisor: bool, reason: str) -> LogLine:
    return made("ro", int(by_supervisor), reason)


def repeated_call(text: str) -> LogLine:
    """A duplicate call linked to an open ticket (the knowledge-base suggestion)."""
    return made("rc", text)
