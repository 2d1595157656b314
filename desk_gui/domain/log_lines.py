"""The handling log's generated lines, each in Chinese (stored as ``text``) and English.

Free text a person typed (a reason, a handover, a solution, a comment) goes into both versions
unchanged: only the words the program adds are translated.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from desk_gui.domain.enums import (
    YES_NO,
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

NOBODY = "—"
# Field names the lines use, looked up once: the demo generator writes millions of lines.
_ASSIGNEE = field_label("assignee", "en")
_PRIORITY = field_label("priority", "en")
_SOLUTION = field_label("solution", "en")


class LogLine(NamedTuple):
    """One generated log line: ``zh`` is what the log has always stored, ``en`` its English."""

    zh: str
    en: str


def created(channel: Channel, impact: Impact, urgency: Urgency, priority: Priority) -> LogLine:
    p = priority.value.upper()
    return LogLine(
        f"登记工单：{channel.zh}，{impact.zh} × 紧急程度{urgency.zh} → {p}",
        f"Ticket logged: {channel.en}, {impact.en} × urgency {urgency.en} → {p}",
    )


def imported(source: str, line: int) -> LogLine:
    return LogLine(f"导入自 {source} 第 {line} 行", f"Imported from {source}, row {line}")


def import_default(column_zh: str, column_en: str, default: LabelledEnum) -> LogLine:
    """A column left empty in an imported row, filled with the import's default."""
    return LogLine(
        f"导入时未提供{column_zh}，按默认值：{default.zh}",
        f"{column_en} not given in the import; default used: {default.en}",
    )


def import_history(log_text: str) -> LogLine:
    """The old sheet's handling-log cell, kept as it was written."""
    return LogLine("原处理过程记录：\n" + log_text, "Original handling log:\n" + log_text)


def first_assignee(name: str) -> LogLine:
    return LogLine(f"负责人：{name}", f"{_ASSIGNEE}: {name}")


def assignee_change(old: str | None, new: str | None) -> LogLine:
    before, after = old or NOBODY, new or NOBODY
    return LogLine(f"负责人：{before} → {after}", f"{_ASSIGNEE}: {before} → {after}")


def status_change(old: Status, new: Status) -> LogLine:
    return LogLine(f"状态：{old.zh} → {new.zh}", f"Status: {old.en} → {new.en}")


def tier_change(old: Tier, new: Tier) -> LogLine:
    return LogLine(f"层级：{old.zh} → {new.zh}", f"Tier: {old.en} → {new.en}")


def priority_change(old: Priority, new: Priority) -> LogLine:
    a, b = old.value.upper(), new.value.upper()
    return LogLine(f"优先级：{a} → {b}", f"{_PRIORITY}: {a} → {b}")


def escalation(old: Tier, new: Tier, reason: LogLine, handover: str) -> LogLine:
    """``reason`` is the typed reason in both versions, or a generated one with its English."""
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
    return LogLine(f"附件：{filename}（{size} 字节）", f"Attachment: {filename} ({size} bytes)")


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
    return LogLine(
        f"结束等待，计时恢复。{note}".strip(),
        f"Waiting over; the clock runs again. {note}".strip(),
    )


def resolution(solution: str) -> LogLine:
    return LogLine(f"解决方案：{solution}", f"{_SOLUTION}: {solution}")


def feedback(
    resolved: bool, satisfaction: Satisfaction | None, score: int | None, comment: str
) -> LogLine:
    yes_no = YES_NO[resolved]
    rating_zh = f"；{satisfaction.zh}" if satisfaction else ""
    rating_en = f"; {satisfaction.en}" if satisfaction else ""
    scored_zh = f"（{score} 分）" if score is not None else ""
    scored_en = f" ({score}/5)" if score is not None else ""
    extra_zh = f"。{comment}" if comment else ""
    extra_en = f". {comment}" if comment else ""
    return LogLine(
        f"提交人反馈：{yes_no[0]}{rating_zh}{scored_zh}{extra_zh}",
        f"Requester feedback: {yes_no[1]}{rating_en}{scored_en}{extra_en}",
    )


FEEDBACK_NOT_RESOLVED = LogLine(
    "提交人反馈未解决，退回处理。", "The requester says it is not resolved: back to handling."
)
CLOSED_CONFIRMED = LogLine(
    "关闭（提交人已确认解决）。", "Closed (the requester confirmed the fix)."
)


def follow_up_of(number: str) -> LogLine:
    """On the new ticket: which closed ticket it continues."""
    return LogLine(f"跟进已关闭的工单 {number}", f"Follow-up of closed ticket {number}")


def follow_up_logged(number: str) -> LogLine:
    """On the closed ticket: the follow-up logged for it."""
    return LogLine(f"已登记跟进工单 {number}", f"Follow-up ticket {number} logged")


def closed(reason: LogLine | None) -> LogLine:
    """Closure with a recorded reason, or after the requester confirmed the fix."""
    if reason is None:
        return CLOSED_CONFIRMED
    return LogLine(f"关闭。原因：{reason.zh}", f"Closed. Reason: {reason.en}")


def reopened(by_supervisor: bool, reason: str) -> LogLine:
    return LogLine(
        f"{'主管' if by_supervisor else ''}重新打开。原因：{reason}",
        f"Reopened{' by a supervisor' if by_supervisor else ''}. Reason: {reason}",
    )
