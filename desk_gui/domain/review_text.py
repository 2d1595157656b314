"""The definitions printed on the report, in Chinese and English (figures can be checked)."""

from __future__ import annotations

from desk_gui.domain.lang import Lang, is_zh
from desk_gui.domain.review import EXACT_TIMES_UP_TO, SAMPLED_TIMES

DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("受理：提交时间在本期内的工单。",
     "Received: tickets submitted within the period."),
    ("解决：解决时间在本期内的工单；关闭：关闭时间在本期内。",
     "Resolved: tickets whose resolution time is within the period; closed: closure within it."),
    ("期末积压：提交时间不晚于期末、到期末仍未解决的工单；账龄按期末减提交时间分 0–1/1–3/3–7/7+ 天。",
     "Backlog at the end: submitted on or before the period's end and not resolved by then; "
     "aged by end − submission: 0–1 / 1–3 / 3–7 / 7+ days."),
    ("解决时长 = 解决时间 − 提交时间，对本期解决的工单取平均和中位数（自然小时和工作小时）。",
     "Resolution time = resolution − submission, mean and median over tickets resolved in the "
     "period (elapsed and business hours)."),
    (f"本期已响应与已解决的工单合计超过 {EXACT_TIMES_UP_TO:,} 张时，中位数和工作时长按内部序号等距抽取约 "
     f"{SAMPLED_TIMES:,} 张估算；自然时长的平均值始终按全部工单精确计算。",
     f"Over {EXACT_TIMES_UP_TO:,} answered and resolved tickets in a period, medians and "
     f"business-hour times are estimated from an evenly spaced sample of about "
     f"{SAMPLED_TIMES:,} (by internal id); elapsed means are always exact over every ticket."),
    ("首次响应时长 = 首次响应 − 提交时间，对本期受理且已响应的工单计算。",
     "First response time = first response − submission, over tickets received in the period "
     "that have been answered."),
    ("响应达标率：本期受理且已响应的工单中，首次响应不晚于响应时限的比例；解决达标率：本期解决的工单中，"
     "解决时间不晚于解决时限的比例。",
     "Response deadline met: share of answered tickets received in the period first answered by "
     "their response deadline; resolution deadline met: share of tickets resolved in the period "
     "resolved by their resolution deadline."),
    ("首次解决率：本期解决的工单中，由一线解决且从未升级的比例。",
     "First-contact resolution: share of tickets resolved in the period that were resolved by "
     "the first tier (L1) and never escalated."),
    ("升级率：本期受理的工单中升级过的比例；重开率：本期解决的工单中曾被重新打开的比例。",
     "Escalation rate: share of tickets received in the period that were escalated; reopen "
     "rate: share of tickets resolved in the period that had been reopened."),
    ("满意度：本期解决且有反馈的工单（满意/基本满意/不满意）；评分为 1–5 分的平均。",
     "Satisfaction: tickets resolved in the period with feedback (satisfied / fairly satisfied "
     "/ dissatisfied); score: mean of the 1–5 scores given."),
    ("高频问题：本期受理的工单按标题归类：说的是同一问题的标题（不计地点、语气词和写法差异，"
     "中英文同义）归为一类，以最常用的标题命名；只列出至少两张工单的问题。",
     "Top problems: tickets received in the period, grouped by title: titles naming the same "
     "problem (whatever the place, filler words, wording or language) are one problem, named by "
     "its most used title; only problems of two tickets or more are listed."),
    ("对比：上一期为紧接本期之前、等长的时段（整月则为上一个月）。",
     "Change: against the period of the same length just before this one (for a whole month, "
     "the month before)."),
)  # fmt: skip


def definitions(lang: Lang) -> list[str]:
    """The definitions in ``lang``."""
    return [zh if is_zh(lang) else en for zh, en in DEFINITIONS]


KPI_LABELS: dict[str, tuple[str, str]] = {
    "received": ("受理", "Received"),
    "resolved": ("解决", "Resolved"),
    "closed": ("关闭", "Closed"),
    "backlog_end": ("期末积压", "Backlog at end"),
    "first_response_minutes_mean": ("首次响应 平均(分钟)", "First response, mean (min)"),
    "first_response_minutes_median": ("首次响应 中位数(分钟)", "First response, median (min)"),
    "first_response_business_minutes_mean": (
        "首次响应 平均(工作分钟)", "First response, mean (business min)"),
    "resolution_hours_mean": ("解决时长 平均(小时)", "Resolution time, mean (h)"),
    "resolution_hours_median": ("解决时长 中位数(小时)", "Resolution time, median (h)"),
    "resolution_business_hours_mean": (
        "解决时长 平均(工作小时)", "Resolution time, mean (business h)"),
    "resolution_business_hours_median": (
        "解决时长 中位数(工作小时)", "Resolution time, median (business h)"),
    "response_met_pct": ("响应达标率 %", "Response deadline met %"),
    "resolution_met_pct": ("解决达标率 %", "Resolution deadline met %"),
    "fcr_pct": ("首次解决率 %", "First-contact resolution %"),
    "escalation_rate_pct": ("升级率 %", "Escalation rate %"),
    "reopen_rate_pct": ("重开率 %", "Reopen rate %"),
    "csat_answers": ("满意度 答复数", "Satisfaction answers"),
    "csat_satisfied_pct": ("满意 %", "Satisfied %"),
    "score_mean": ("平均评分(1–5)", "Mean score (1–5)"),
}  # fmt: skip

PERCENT_KEYS = frozenset(k for k in KPI_LABELS if k.endswith("_pct"))
LOWER_IS_BETTER = frozenset({
    "backlog_end", "first_response_minutes_mean", "first_response_minutes_median",
    "first_response_business_minutes_mean", "resolution_hours_mean", "resolution_hours_median",
    "resolution_business_hours_mean", "resolution_business_hours_median",
    "escalation_rate_pct", "reopen_rate_pct",
})  # fmt: skip

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("服务台复盘报告", "Service desk review report"),
    "period": ("统计期", "Period"),
    "previous": ("上期", "Previous"),
    "this": ("本期", "This period"),
    "change": ("变化", "Change"),
    "figure": ("指标", "Figure"),
    "filters": ("筛选", "Filters"),
    "all": ("全部", "All"),
    "per_day": ("受理与解决", "Received and resolved"),
    "breakdowns": ("本期受理分布", "Received, broken down"),
    "by_category": ("按类别受理", "Received by category"),
    "aging": ("期末积压账龄(天)", "Backlog aging at end (days)"),
    "trend": ("达标率与首次解决率趋势", "Deadline met and first-contact trend"),
    "top_problems": ("高频问题", "Top recurring problems"),
    "count": ("次数", "Count"),
    "tickets": ("张工单", "tickets"),
    "satisfaction": ("满意度", "Satisfaction"),
    "definitions": ("口径说明", "Definitions"),
    "open_problems": ("未结问题记录与到期改进措施", "Open problem records and actions due"),
    "none": ("无", "None"),
    "received": ("受理", "Received"),
    "resolved": ("解决", "Resolved"),
    "resolution_met": ("解决达标 %", "Resolution met %"),
    "fcr": ("首次解决 %", "First-contact %"),
    "generated": ("生成于", "Generated"),
    "department": ("部门", "Department"),
    "category": ("类别", "Category"),
    "assignee": ("负责人", "Assignee"),
    "priority": ("优先级", "Priority"),
    "channel": ("渠道", "Channel"),
}  # fmt: skip


def text(key: str, lang: Lang) -> str:
    zh, en = TEXTS[key]
    return zh if is_zh(lang) else en


def kpi_label(key: str, lang: Lang) -> str:
    zh, en = KPI_LABELS[key]
    return zh if is_zh(lang) else en


def fmt_value(key: str, value: float | None) -> str:
    """A figure as printed: counts whole, shares with one decimal and %, times with one."""
    if value is None:
        return "—"
    if key in PERCENT_KEYS:
        return f"{value:.1f}%"
    if isinstance(value, int) or (float(value).is_integer() and key in INTEGER_KEYS):
        return f"{int(value):,}"
    return f"{value:,.1f}"


def fmt_change(key: str, change: float | None) -> str:
    """The change as printed: signed, "±0" when equal."""
    if change is None:
        return "—"
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    if key in PERCENT_KEYS:
        return f"{sign}{abs(change):.1f} pt"
    if key in INTEGER_KEYS:
        return f"{sign}{abs(int(change)):,}"
    return f"{sign}{abs(change):,.1f}"


def change_is_better(key: str, change: float | None) -> bool | None:
    """True when the change is an improvement, False when worse, None when neither."""
    if not change:
        return None
    if key in ("received", "closed", "csat_answers", "resolved"):
        return None  # volume: neither good nor bad by itself
    return (change < 0) if key in LOWER_IS_BETTER else (change > 0)


INTEGER_KEYS = frozenset({"received", "resolved", "closed", "backlog_end", "csat_answers"})
