"""The report as JSON (the command line's output, and what the window's figures equal)."""

from __future__ import annotations

from typing import Any

from desk_gui.domain.review import AGING_KEYS, Figures, Report


def _csat(f: Figures) -> dict[str, Any]:
    c = f.counts
    answers = c["csat_answers"]

    def share(n: int) -> float | None:
        return None if answers == 0 else round(100.0 * n / answers, 1)

    return {
        "answers": answers,
        "satisfied": c["csat_satisfied"],
        "basically_satisfied": c["csat_basic"],
        "dissatisfied": c["csat_dissatisfied"],
        "satisfied_pct": share(c["csat_satisfied"]),
        "basically_satisfied_pct": share(c["csat_basic"]),
        "dissatisfied_pct": share(c["csat_dissatisfied"]),
        "score_answers": c["score_answers"],
        "score_mean": f.kpis()["score_mean"],
    }


def figures_json(f: Figures) -> dict[str, Any]:
    """One period's figures as plain JSON types."""
    out: dict[str, Any] = {
        "from": f.period.first.isoformat(),
        "to": f.period.last.isoformat(),
    }
    out.update(f.kpis())
    out["csat"] = _csat(f)
    out["aging"] = {k.removeprefix("aging_"): f.counts[k] for k in AGING_KEYS}
    out.update({f"by_{column}": dict(sorted(values.items())) for column, values in f.by.items()})
    out["counts"] = dict(f.counts)
    return out


def report_json(report: Report) -> dict[str, Any]:
    """The period's figures at the top level, the previous period's and the changes beside."""
    out = figures_json(report.current)
    out["filters"] = report.flt.given()
    out["previous"] = figures_json(report.previous)
    out["change"] = {key: change for key, _, _, change in report.changes()}
    out["per_day"] = [{"day": d, "received": a, "resolved": b} for d, a, b in report.per_day]
    out["trend"] = [
        {"bucket": d, "resolution_met_pct": m, "fcr_pct": f} for d, m, f in report.trend
    ]
    out["top_problems"] = [
        {"title": g.title, "count": g.count, "titles": g.titles, "article": g.article}
        for g in report.top_problems
    ]
    out["open_problems"] = [
        {**vars(item), "due": item.due.isoformat() if item.due else None}
        for item in report.open_problems
    ]
    return out
