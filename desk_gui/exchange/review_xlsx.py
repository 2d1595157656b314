"""The review report as .xlsx: a sheet of figures and a streamed sheet of the tickets behind them.

The figures sheet holds every headline figure beside the previous period's with the change,
the breakdowns, satisfaction, the top problems and the definitions. The tickets sheet lists
every ticket a figure counts (received or resolved in the period, or in the backlog at its
end) with what it counted for, so any figure can be recounted with a filter in Excel.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desk_gui.domain.enums import (
    Category,
    Channel,
    LabelledEnum,
    Priority,
    Satisfaction,
    Status,
    Tier,
)
from desk_gui.domain.lang import Lang, pick
from desk_gui.domain.review import AGING_KEYS, Report
from desk_gui.domain.review_text import definitions, kpi_label, text
from desk_gui.exchange.columns import header
from desk_gui.exchange.xlsx_stream import Cell, sample_cell, write_workbook
from desk_gui.store.database import translate_errors
from desk_gui.store.report import TICKET_COLUMNS, tickets_behind
from desk_gui.store.times import read_time

DATE_FORMAT = "yyyy-mm-dd hh:mm"
FLAGS = ("in_received", "in_resolved", "in_backlog", "response_met", "resolution_met", "fcr")
FLAG_HEADERS = {
    "in_received": ("本期受理", "Received in period"),
    "in_resolved": ("本期解决", "Resolved in period"),
    "in_backlog": ("期末积压", "Backlog at end"),
    "response_met": ("响应达标", "Response met"),
    "resolution_met": ("解决达标", "Resolution met"),
    "fcr": ("首次解决", "First-contact"),
}
OWN_HEADERS = {
    "tier": ("层级", "Tier"),
    "channel": ("渠道", "Channel"),
    "first_response_at": ("首次响应时间", "First response"),
    "closed_at": ("关闭时间", "Closed"),
    "respond_due": ("响应时限", "Respond by"),
    "resolve_due": ("解决时限", "Resolve by"),
    "escalation_count": ("升级次数", "Escalations"),
    "reopen_count": ("重开次数", "Reopenings"),
    "satisfaction": ("满意度", "Satisfaction"),
    "feedback_score": ("评分", "Score"),
    "priority": ("优先级", "Priority"),
    "category": ("问题类型", "Category"),
}
ENUMS: dict[str, type[LabelledEnum]] = {
    "category": Category, "priority": Priority, "channel": Channel, "status": Status,
    "tier": Tier, "satisfaction": Satisfaction,
}  # fmt: skip
HEAD_FONT, HEAD_FILL = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")


def _column_title(key: str, lang: Lang) -> str:
    if key in FLAG_HEADERS or key in OWN_HEADERS:
        zh, en = FLAG_HEADERS.get(key) or OWN_HEADERS[key]
        return pick(lang, zh, en)
    try:
        return header(key, lang)
    except KeyError:
        return key


def _label(column: str, value: Any, lang: Lang) -> Any:
    """An enumeration's code as its label in ``lang``; anything else as it is."""
    enum = ENUMS.get(column)
    if enum is None or not isinstance(value, str) or not value:
        return value
    try:
        return enum(value).label(lang)
    except ValueError:
        return value


def _heads(ws: Any, titles: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        cells.append(cell)
    return cells


def _figure_rows(report: Report, lang: Lang) -> Iterator[list[Any]]:
    cur, prev = report.period, report.previous.period
    yield [text("title", lang), report.office]
    yield [text("period", lang), f"{cur.first} – {cur.last}"]
    yield [text("previous", lang), f"{prev.first} – {prev.last}"]
    yield [text("filters", lang), "; ".join(f"{k}={v}" for k, v in report.flt.given().items())]
    yield []
    yield [
        "#head",
        text("figure", lang),
        text("this", lang),
        text("previous", lang),
        text("change", lang),
    ]
    for key, now, before, change in report.changes():
        yield [kpi_label(key, lang), now, before, change]
    yield []
    yield ["#head", text("aging", lang), text("this", lang), text("previous", lang)]
    for key, label in zip(AGING_KEYS, ("0–1", "1–3", "3–7", "7+"), strict=True):
        yield [label, report.current.counts[key], report.previous.counts[key]]
    for column, values in report.current.by.items():
        yield []
        yield ["#head", _column_title(column, lang), text("this", lang), text("previous", lang)]
        earlier = report.previous.by.get(column, {})
        for value, n in sorted(values.items(), key=lambda kv: (-kv[1], kv[0])):
            yield [_label(column, value, lang) or "—", n, earlier.get(value, 0)]
    yield []
    yield ["#head", text("top_problems", lang), text("count", lang)]
    for group in report.top_problems:
        yield [group.title, group.count, group.article or ""]
    yield []
    yield ["#head", text("definitions", lang)]
    for line in definitions(lang):
        yield [line]


def _figures_sheet(wb: Workbook, report: Report, lang: Lang) -> None:
    ws = wb.create_sheet(pick(lang, "指标", "Figures"))
    for letter, width in zip("ABCDE", (34, 16, 16, 14, 14), strict=True):
        ws.column_dimensions[letter].width = width
    for row in _figure_rows(report, lang):
        ws.append(_heads(ws, row[1:]) if row[:1] == ["#head"] else row)


def _ticket_titles(lang: Lang) -> list[str]:
    return [_column_title(c, lang) for c in (*TICKET_COLUMNS, *FLAGS)]


def _template(report: Report, lang: Lang) -> Any:
    def build(sample: list[object]) -> Workbook:
        wb = Workbook(write_only=True)
        _figures_sheet(wb, report, lang)
        ws = wb.create_sheet(pick(lang, "工单", "Tickets"))
        for i in range(1, len(TICKET_COLUMNS) + len(FLAGS) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 14
        ws.freeze_panes = "A2"
        ws.append(_heads(ws, _ticket_titles(lang)))
        ws.append([sample_cell(ws, v, DATE_FORMAT) for v in sample])
        return wb

    return build


def _when(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return read_time(value)  # seconds (SQLite, schema 20) or text


def _flags(row: dict[str, Any], report: Report, lang: Lang) -> list[Cell]:
    start, end = report.period.start, report.period.end
    sub, res = _when(row["submitted_at"]), _when(row["resolved_at"])
    first, r_due, s_due = (
        _when(row["first_response_at"]),
        _when(row["respond_due"]),
        _when(row["resolve_due"]),
    )
    yes, no = pick(lang, "是", "Yes"), pick(lang, "否", "No")

    def flag(value: bool | None) -> Cell:
        return None if value is None else (yes if value else no)

    resolved_in = res is not None and start <= res < end
    return [
        flag(sub is not None and start <= sub < end),
        flag(resolved_in),
        flag(sub is not None and sub < end and (res is None or res >= end)),
        flag(None if first is None or r_due is None else first <= r_due),
        flag(None if res is None or not resolved_in or s_due is None else res <= s_due),
        flag((row["tier"] == "l1" and row["escalation_count"] == 0) if resolved_in else None),
    ]


def _cell(value: Any) -> Cell:
    """A stored value as a cell; text that a spreadsheet would run as a formula neutralised."""
    if isinstance(value, str):
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value
    if value is None or isinstance(value, int | datetime):
        return value
    return _when(value) if not isinstance(value, float) else str(value)


def _ticket_rows(report: Report, lang: Lang) -> Iterator[list[Cell]]:
    with translate_errors():
        rows = tickets_behind(report.period.start, report.period.end, report.flt)
    for values in rows:
        row = dict(zip(TICKET_COLUMNS, values, strict=True))
        labelled = (_label(c, v, lang) for c, v in zip(TICKET_COLUMNS, values, strict=True))
        yield [_cell(v) for v in labelled] + _flags(row, report, lang)


def write_review_xlsx(report: Report, path: str | Path, lang: Lang) -> int:
    """Write the report's workbook; the number of ticket rows."""
    width = len(TICKET_COLUMNS) + len(FLAGS)
    last = get_column_letter(width)
    return write_workbook(
        path, _template(report, lang), _ticket_rows(report, lang), width,
        lambda n: f"A1:{last}{n + 1}", sheet_index=1,
    )  # fmt: skip
