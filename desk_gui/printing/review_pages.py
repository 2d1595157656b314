"""What each page of the printed review report holds (painted by review_print.Sheet)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_gui.domain.enums import Channel, Priority, Satisfaction
from desk_gui.domain.lang import is_zh
from desk_gui.domain.review import Report
from desk_gui.domain.review_text import (
    change_is_better,
    definitions,
    fmt_change,
    fmt_value,
    kpi_label,
    text,
)
from desk_gui.printing.review_charts import report_charts

if TYPE_CHECKING:
    from desk_gui.printing.review_print import Sheet

LEFT, RIGHT, ROW = 14.0, 196.0, 4.6
GOOD, BAD = (30, 120, 40), (180, 40, 40)  # a change for the better / the worse


def _heading(sheet: Sheet, report: Report) -> float:
    lang = sheet.lang
    title = text("title", lang)
    if report.office:
        title = f"{report.office} · {title}"
    sheet.text(LEFT, 12, RIGHT - LEFT, 9, title, 15, bold=True)
    cur, prev = report.period, report.previous.period
    line = (f"{text('period', lang)}: {cur.first} – {cur.last}    "
            f"{text('previous', lang)}: {prev.first} – {prev.last}")  # fmt: skip
    sheet.text(LEFT, 21, RIGHT - LEFT, 5, line, 9)
    given = report.flt.given()
    filters = "; ".join(f"{text(k, lang)} = {v}" for k, v in given.items()) or text("all", lang)
    sheet.text(LEFT, 26, RIGHT - LEFT, 5, f"{text('filters', lang)}: {filters}", 8, gray=90)
    sheet.rule(LEFT, 32.5, RIGHT, 0.4, 60)
    return 35.0


def _kpi_table(sheet: Sheet, report: Report, y: float) -> float:
    lang = sheet.lang
    cols = (LEFT, 104.0, 134.0, 164.0)
    heads = ("figure", "this", "previous", "change")
    sheet.shade(LEFT, y, RIGHT - LEFT, ROW + 0.6)
    for x, key in zip(cols, heads, strict=True):
        align = "left" if key == "figure" else "right"
        sheet.text(x + 1, y, (RIGHT - x - 2) if key == "change" else 30 - 2 if x > LEFT else 88,
                   ROW + 0.6, text(key, lang), 8.5, bold=True, align=align)  # fmt: skip
    y += ROW + 0.6
    for i, (key, now, before, change) in enumerate(report.changes()):
        if i % 2:
            sheet.shade(LEFT, y, RIGHT - LEFT, ROW, 248)
        sheet.text(LEFT + 1, y, 88, ROW, kpi_label(key, lang), 8.5)
        sheet.text(cols[1], y, 28, ROW, fmt_value(key, now), 8.5, bold=True, align="right")
        sheet.text(cols[2], y, 28, ROW, fmt_value(key, before), 8.5, align="right", gray=90)
        better = change_is_better(key, change)
        color = None if better is None else (GOOD if better else BAD)
        sheet.text(cols[3], y, RIGHT - cols[3] - 1, ROW, fmt_change(key, change), 8.5,
                   align="right", gray=90, color=color)  # fmt: skip
        y += ROW
    sheet.rule(LEFT, y, RIGHT, 0.3, 120)
    return y + 4


def page_one(sheet: Sheet, report: Report) -> None:
    """Heading, the headline figures against the previous period, four charts."""
    y = _kpi_table(sheet, report, _heading(sheet, report))
    w, h = (RIGHT - LEFT - 6) / 2, min(62.0, (280 - y - 4) / 2)
    for i, chart in enumerate(report_charts(report, sheet.lang)):
        sheet.chart(chart, LEFT + (i % 2) * (w + 6), y + (i // 2) * (h + 4), w, h)


def _section(sheet: Sheet, title: str, y: float) -> float:
    sheet.text(LEFT, y, RIGHT - LEFT, 6, title, 10.5, bold=True)
    sheet.rule(LEFT, y + 6.3, RIGHT, 0.3, 90)
    return y + 8


def _satisfaction(sheet: Sheet, report: Report, y: float) -> float:
    lang, c = sheet.lang, report.current.counts
    y = _section(sheet, text("satisfaction", lang), y)
    answers = c["csat_answers"]
    score = fmt_value("score_mean", report.current.kpis()["score_mean"])
    cells = [(kpi_label("csat_answers", lang), f"{answers:,}")]
    for rating, key in zip(Satisfaction, ("csat_satisfied", "csat_basic", "csat_dissatisfied"),
                           strict=True):  # fmt: skip
        share = f"{100 * c[key] / answers:.1f}%" if answers else "—"
        cells.append((rating.label(lang), f"{c[key]:,}  ({share})"))
    cells.append((kpi_label("score_mean", lang), score))
    w = (RIGHT - LEFT) / len(cells)
    for i, (label, value) in enumerate(cells):
        sheet.text(LEFT + i * w, y, w - 2, ROW, label, 8, gray=90)
        sheet.text(LEFT + i * w, y + ROW, w - 2, ROW + 1, value, 10, bold=True)
    return y + 2 * ROW + 5


def _label(column: str, value: str, lang: str) -> str:
    table = {"priority": Priority, "channel": Channel}.get(column)
    if table is not None:
        try:
            return table(value).label(lang)
        except ValueError:
            pass
    return value or ("（无）" if is_zh(lang) else "(none)")


def _breakdowns(sheet: Sheet, report: Report, y: float) -> float:
    lang = sheet.lang
    columns = ("priority", "channel", "department", "assignee")
    w = (RIGHT - LEFT) / len(columns)
    deepest = y
    for i, column in enumerate(columns):
        x = LEFT + i * w
        sheet.text(x, y, w - 4, ROW, text(column, lang), 9, bold=True)
        rows = sorted(report.current.by.get(column, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        for j, (value, n) in enumerate(rows[:8]):
            row_y = y + ROW * (j + 1)
            sheet.text(x, row_y, w - 16, ROW, _label(column, value, lang), 8)
            sheet.text(x + w - 16, row_y, 11, ROW, f"{n:,}", 8, align="right")
            deepest = max(deepest, row_y + ROW)
    return max(deepest, y + ROW) + 4


def _top_problems(sheet: Sheet, report: Report, y: float) -> float:
    lang = sheet.lang
    y = _section(sheet, text("top_problems", lang), y)
    if not report.top_problems:
        sheet.text(LEFT, y, 80, ROW, text("none", lang), 8.5, gray=90)
        return y + ROW + 4
    for i, group in enumerate(report.top_problems[:10], start=1):
        sheet.text(LEFT, y, 8, ROW, f"{i}.", 8.5, align="right")
        title = group.title + (f"  → {group.article}" if group.article else "")
        sheet.text(LEFT + 10, y, 150, ROW, title, 8.5)
        sheet.text(RIGHT - 25, y, 24, ROW, f"{group.count:,}", 8.5, bold=True, align="right")
        y += ROW
    return y + 4


def _open_items(sheet: Sheet, report: Report, y: float) -> float:
    lang = sheet.lang
    y = _section(sheet, text("open_problems", lang), y)
    if not report.open_problems:
        sheet.text(LEFT, y, 80, ROW, text("none", lang), 8.5, gray=90)
        return y + ROW + 4
    for item in report.open_problems[:12]:
        due = f"{item.due}" if item.due else ""
        if item.kind == "problem":
            due = f"{item.tickets} {text('tickets', lang)}"
        lead = item.number if item.kind == "problem" else f"  · {item.number}"
        sheet.text(LEFT, y, 30, ROW, lead, 8.5, bold=item.kind == "problem")
        sheet.text(LEFT + 31, y, 95, ROW, item.title, 8.5)
        sheet.text(LEFT + 127, y, 25, ROW, item.owner, 8.5)
        sheet.text(LEFT + 152, y, 30, ROW, " ".join(x for x in (due, item.status) if x), 8,
                   align="right")  # fmt: skip
        y += ROW
    return y + 4


def page_two(sheet: Sheet, report: Report) -> None:
    """Satisfaction, breakdowns, top problems, open items and the definitions."""
    y = _satisfaction(sheet, report, 14.0)
    y = _breakdowns(sheet, report, _section(sheet, text("breakdowns", sheet.lang), y))
    y = _open_items(sheet, report, _top_problems(sheet, report, y))
    y = _section(sheet, text("definitions", sheet.lang), y)
    for line in definitions(sheet.lang):
        y += sheet.wrapped(LEFT, y, RIGHT - LEFT, "• " + line) + 0.8
