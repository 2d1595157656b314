"""The review report's four charts, built from its figures in the reader's language."""

from __future__ import annotations

from desk_gui.domain.enums import Category
from desk_gui.domain.lang import Lang, is_zh
from desk_gui.domain.review import AGING_KEYS, Report
from desk_gui.domain.review_text import text
from desk_gui.printing.charts import PALETTE, Chart, Series

AGING_LABELS = ("0–1", "1–3", "3–7", "7+")


def _short_day(bucket: str) -> str:
    """2026-11-16 → 11-16; 2026-11 stays."""
    return bucket[5:] if len(bucket) == 10 else bucket


def per_day_chart(report: Report, lang: Lang) -> Chart:
    days = tuple(_short_day(d) for d, _, _ in report.per_day)
    return Chart(
        "bars", text("per_day", lang), days,
        (Series(text("received", lang), tuple(float(a) for _, a, _ in report.per_day), PALETTE[0]),
         Series(text("resolved", lang), tuple(float(b) for _, _, b in report.per_day), PALETTE[1])),
    )  # fmt: skip


def _category_label(code: str, lang: Lang) -> str:
    try:
        return Category(code).label(lang)
    except ValueError:
        return code or ("未分类" if is_zh(lang) else "None")


def category_chart(report: Report, lang: Lang) -> Chart:
    by = sorted(report.current.by.get("category", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return Chart(
        "hbars", text("by_category", lang),
        tuple(_category_label(code, lang) for code, _ in by),
        (Series("", tuple(float(n) for _, n in by), PALETTE[0]),),
    )  # fmt: skip


def aging_chart(report: Report, lang: Lang) -> Chart:
    values = tuple(float(report.current.counts[k]) for k in AGING_KEYS)
    return Chart("bars", text("aging", lang), AGING_LABELS, (Series("", values, PALETTE[2]),))


def trend_chart(report: Report, lang: Lang) -> Chart:
    return Chart(
        "lines", text("trend", lang), tuple(_short_day(b) for b, _, _ in report.trend),
        (Series(text("resolution_met", lang), tuple(m for _, m, _ in report.trend), PALETTE[0]),
         Series(text("fcr", lang), tuple(f for _, _, f in report.trend), PALETTE[2])),
        top=100.0, suffix="%",
    )  # fmt: skip


def report_charts(report: Report, lang: Lang) -> list[Chart]:
    """Received vs resolved, category breakdown, backlog aging, KPI trend."""
    return [
        per_day_chart(report, lang),
        category_chart(report, lang),
        aging_chart(report, lang),
        trend_chart(report, lang),
    ]
