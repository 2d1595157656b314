"""What a worksheet says: labels and values of one ticket (or a blank form) in zh or en.

Pure Python, no Qt: the layout places these strings, the renderer paints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from desk_gui.domain.enums import YES_NO, LabelledEnum, Satisfaction, status_text
from desk_gui.domain.fields import Kind, label, printed_fields
from desk_gui.domain.lang import Lang, is_zh, pick
from desk_gui.domain.masking import TextMasker, mask_requester
from desk_gui.domain.ticket import TicketRecord

TITLE_ZH = "技术问题解决与支持工作表"
TITLE_EN = "Technical Problem Resolution and Support Worksheet"
BLANK_TIME_ZH = "　　　　年　　　月　　　日　　　时　　　分"
BLANK_TIME_EN = "________ - _____ - _____     _____ : _____"
BOX = "□"


_t = pick


@dataclass(frozen=True)
class WorksheetOptions:
    """How to print: language, masking, who prints and when, office name, blank log rows."""

    lang: Lang = "zh"
    mask_requester: bool = True
    office_name: str = ""
    printed_by: str = ""
    printed_at: datetime | None = None
    blank_log_rows: int = 8


@dataclass(frozen=True)
class FieldRow:
    """One label | value row; ``min_lines`` leaves writing space on a blank form."""

    key: str
    label: str
    value: str
    min_lines: int = 1


@dataclass(frozen=True)
class LogTable:
    """The handling log as a timed table; ``blank_rows`` empty ruled rows for handwriting."""

    label: str
    columns: tuple[str, str, str]
    entries: tuple[tuple[str, str, str], ...]
    blank_rows: int = 0


@dataclass(frozen=True)
class WorksheetContent:
    """Everything printed on one worksheet, in reading order."""

    office: str
    title: str
    subtitle: str
    number_label: str
    number: str
    sections: tuple[FieldRow | LogTable, ...]
    signatures: tuple[str, str, str]  # requester, handler, date
    footer_left: str
    page_label: str  # a format with {page} and {pages}
    continued: str = field(default="")
    label_width: float = 33.0  # mm; English labels are longer


def _time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _choices(members: Iterable[LabelledEnum], lang: Lang) -> str:
    return "  ".join(f"{BOX} {m.label(lang)}" for m in members)


def feedback_text(record: TicketRecord, lang: Lang) -> str:
    """是；满意 / Yes; Satisfied — empty until the requester answered."""
    if record.feedback_resolved is None:
        return ""
    verdict = pick(lang, *YES_NO[record.feedback_resolved])
    if record.satisfaction is None:
        return verdict
    return verdict + _t(lang, "；", "; ") + record.satisfaction.label(lang)


def _blank_feedback(lang: Lang) -> str:
    i = 0 if is_zh(lang) else 1
    verdict = f"{BOX} {YES_NO[True][i]}  {BOX} {YES_NO[False][i]}"
    return verdict + _t(lang, "；", ";") + "   " + _choices(Satisfaction, lang)


def _values(record: TicketRecord, options: WorksheetOptions) -> dict[str, str]:
    """Each printed field's value as text: labels for choices, times to the minute."""
    lang = options.lang
    values: dict[str, str] = {}
    for f in printed_fields():
        value = getattr(record, f.key, None)
        if f.kind is Kind.DATETIME:
            values[f.key] = _time(value)
        elif isinstance(value, LabelledEnum):
            values[f.key] = value.label(lang)
        elif isinstance(value, str):
            values[f.key] = value
    values.update(
        status=status_text(record.status, record.waiting_on, lang),
        feedback=feedback_text(record, lang),
        remarks=_remarks(record, lang),
        related=related_text(record, lang),
    )
    if options.mask_requester:
        # The name wherever it is written, and every phone number, not only the field.
        masker = TextMasker(record.requester)
        values = {k: v if k == "number" else masker(v) for k, v in values.items()}
        values["requester"] = mask_requester(record.requester)
    return values


def waiting_text(record: TicketRecord, lang: Lang) -> str:
    """等待供应商：联系人 张经理，预计 2024-05-08 — empty unless the ticket is on hold."""
    if record.waiting_on is None:
        return ""
    parts = [record.waiting_on.label(lang)]
    details = []
    if record.waiting_contact:
        details.append(_t(lang, "联系人 ", "contact ") + record.waiting_contact)
    if record.waiting_until:
        details.append(_t(lang, "预计 ", "expected ") + record.waiting_until.strftime("%Y-%m-%d"))
    if details:
        parts.append(_t(lang, "，", ", ").join(details))
    return _t(lang, "：", ": ").join(parts)


def _remarks(record: TicketRecord, lang: Lang) -> str:
    """The remarks, with the wait's contact and expected date on its own line.

    Whom the ticket waits on is already printed beside the status; a wait with neither a
    contact nor a date adds nothing here.
    """
    has_details = bool(record.waiting_contact or record.waiting_until)
    waiting = waiting_text(record, lang) if has_details else ""
    return "\n".join(t for t in (record.remarks, waiting) if t)


def related_text(record: TicketRecord, lang: Lang) -> str:
    """跟进自：IT… 标题（已关闭） and 跟进工单：IT… per follow-up, one a line; empty if none."""
    lines = []
    if record.follow_up_of is not None:
        lines.append(_t(lang, "跟进自：", "Follow-up of: ") + record.follow_up_of.describe(lang))
    lines.extend(
        _t(lang, "跟进工单：", "Follow-up ticket: ") + link.describe(lang)
        for link in record.follow_ups
    )
    return "\n".join(lines)


def _blank_value(kind: Kind, enum: type[LabelledEnum] | None, lang: Lang) -> str:
    """What a blank form prints for a field to fill in by hand: boxes to tick, a time's frame."""
    if kind is Kind.ENUM and enum is not None:
        return _choices(enum, lang)
    if kind is Kind.DATETIME:
        return _t(lang, BLANK_TIME_ZH, BLANK_TIME_EN)
    if kind is Kind.FEEDBACK:
        return _blank_feedback(lang)
    return ""


def _as_is(text: str) -> str:
    return text


def _log_table(record: TicketRecord | None, options: WorksheetOptions) -> LogTable:
    lang = options.lang
    columns = (_t(lang, "时间", "Time"), _t(lang, "记录人", "By"), _t(lang, "内容", "Entry"))
    entries: tuple[tuple[str, str, str], ...] = ()
    if record is not None:
        said = TextMasker(record.requester) if options.mask_requester else _as_is
        entries = tuple((_time(e.at), e.author, said(e.text_for(lang))) for e in record.log)
    blank = options.blank_log_rows if record is None else 0
    return LogTable(label("log", lang), columns, entries, blank)


def worksheet_content(record: TicketRecord | None, options: WorksheetOptions) -> WorksheetContent:
    """The worksheet of ``record``, or a blank form to fill in by hand when it is None."""
    lang = options.lang
    if record is not None:
        values = _values(record, options)
    else:
        values = {f.key: _blank_value(f.kind, f.enum, lang) for f in printed_fields()}
    sections: list[FieldRow | LogTable] = []
    for f in printed_fields():  # the declaration's row order
        assert f.printed is not None
        if f.kind is Kind.LOG:
            sections.append(_log_table(record, options))
        elif values.get(f.key) or not f.printed.only_if_filled:
            # only a linked ticket spends a line of the one page on its links
            lines = 1 if record else f.printed.blank_lines
            sections.append(FieldRow(f.key, label(f.key, lang), values.get(f.key, ""), lines))
    printed = []
    if options.printed_at:
        printed.append(_t(lang, "打印时间：", "Printed at: ") + _time(options.printed_at))
    if options.printed_by:
        printed.append(_t(lang, "打印人：", "Printed by: ") + options.printed_by)
    if record is not None and record.log_chain:
        # The log's hash chain value as printed: tampering later no longer matches this paper.
        printed.append(_t(lang, "日志校验值：", "Log chain: ") + record.log_chain)
    return WorksheetContent(
        office=options.office_name,
        title=_t(lang, TITLE_ZH, TITLE_EN),
        subtitle=_t(lang, TITLE_EN, TITLE_ZH),
        number_label=label("number", lang) + _t(lang, "：", ": "),
        number=record.number if record else "",
        sections=tuple(sections),
        signatures=(
            _t(lang, "提交人签字：", "Requester's signature:"),
            _t(lang, "处理人签字：", "Handler's signature:"),
            _t(lang, "日期：", "Date:"),
        ),
        footer_left="    ".join(printed),
        page_label=_t(lang, "第 {page} / {pages} 页", "Page {page} / {pages}"),
        continued=_t(lang, "（续）", " (cont.)"),
        label_width=33.0 if is_zh(lang) else 47.0,
    )
