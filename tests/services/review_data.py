"""A hand-built week of tickets whose every review figure is known (see test_review_report)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.services.review.compute import Period
from desk_gui.store.database import write_transaction
from desk_gui.store.models import Ticket

WEEK = Period(date(2026, 11, 16), date(2026, 11, 22))  # Monday to Sunday
CALENDAR = BusinessCalendar()  # 09:00–17:00, Monday to Friday, no holidays


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


# name: (title, category, submitted, first response, respond due, resolved, resolve due, extra)
TICKETS: dict[str, dict[str, Any]] = {
    # resolved in 2 h at L1, both deadlines met, satisfied (5)
    "T1": dict(title="打印机卡纸", category="software", submitted_at=_at(16, 9),
               first_response_at=_at(16, 9, 30), respond_due=_at(16, 9, 30),
               resolved_at=_at(16, 11), resolve_due=_at(16, 17), status="resolved",
               satisfaction="satisfied", feedback_score=5, feedback_resolved=True),
    # answered late (17 h 10 min), escalated to L2, resolved late in 48 h; fairly satisfied (3)
    "T2": dict(title="VPN连不上", category="network", submitted_at=_at(16, 16),
               first_response_at=_at(17, 9, 10), respond_due=_at(16, 16, 30),
               resolved_at=_at(18, 16), resolve_due=_at(17, 16), status="resolved", tier="l2",
               escalation_count=1, satisfaction="basic", feedback_score=3,
               feedback_resolved=True),
    # open: backlog aged 3–7 days at the end
    "T3": dict(title="打印机 卡纸2", category="hardware", submitted_at=_at(17, 10)),
    # received the week before, reopened once, resolved this week (168 h), late; dissatisfied
    "T4": dict(title="共享盘无法访问", category="network", submitted_at=_at(10, 10),
               first_response_at=_at(10, 10, 5), respond_due=_at(10, 10, 30),
               resolved_at=_at(17, 10), resolve_due=_at(12, 10), status="resolved",
               reopen_count=1, satisfaction="dissatisfied", feedback_score=1,
               feedback_resolved=False),
    # open: submitted Sunday night, aged 0–1 day
    "T5": dict(title="邮箱满了", category="other", submitted_at=_at(22, 20)),
    # open since November 1: aged 7+ days, in both periods' backlog
    "T6": dict(title="旧电脑更换", category="hardware", submitted_at=_at(1, 9)),
    # received Friday, resolved after the period: still backlog at the end (1–3 days)
    "T7": dict(title="vpn 连不上", category="network", submitted_at=_at(20, 9),
               first_response_at=_at(20, 9, 20), respond_due=_at(20, 9, 30),
               resolved_at=_at(23, 10), status="resolved"),
    # resolved in 1 h, closed next day, no deadlines recorded, no feedback
    "T8": dict(title="打印机卡纸！", category="software", submitted_at=_at(18, 9),
               first_response_at=_at(18, 9, 5), resolved_at=_at(18, 10),
               closed_at=_at(19, 9), status="closed"),
}  # fmt: skip

EXPECTED = {
    "received": 6,  # T1 T2 T3 T5 T7 T8
    "resolved": 4,  # T1 T2 T4 T8
    "closed": 1,  # T8
    "backlog_end": 4,  # T3 T5 T6 T7
    "aging": {"0_1": 1, "1_3": 1, "3_7": 1, "7_plus": 1},  # T5, T7, T3, T6
    "escalation_rate_pct": 16.7,  # T2 of 6
    "reopen_rate_pct": 25.0,  # T4 of 4
    "fcr_pct": 75.0,  # T1 T4 T8 of 4 (T2 went to L2)
    "response_met_pct": 66.7,  # T1 T7 met, T2 missed (T8 has no deadline)
    "resolution_met_pct": 33.3,  # T1 met, T2 T4 missed (T8 has no deadline)
    "resolution_hours_mean": 54.75,  # (2 + 48 + 168 + 1) / 4
    "resolution_hours_median": 25.0,  # (2 + 48) / 2
    "resolution_business_hours_mean": 14.75,  # (2 + 16 + 40 + 1) / 4
    "resolution_business_hours_median": 9.0,  # (2 + 16) / 2
    "first_response_minutes_mean": 271.25,  # (30 + 1030 + 20 + 5) / 4
    "first_response_minutes_median": 25.0,  # (20 + 30) / 2
    "first_response_business_minutes_mean": 31.25,  # (30 + 70 + 20 + 5) / 4
    "csat": {"answers": 3, "satisfied": 1, "basically_satisfied": 1, "dissatisfied": 1},
    "score_mean": 3.0,
    "by_category": {"hardware": 1, "network": 2, "other": 1, "software": 2},
    "top_problems": [{"title": "打印机卡纸", "count": 3}, {"title": "VPN连不上", "count": 2}],
}

EXPECTED_PREVIOUS = {"received": 1, "resolved": 0, "backlog_end": 2}  # T4; T4 and T6 open


def insert_week() -> dict[str, int]:
    """Write the tickets into the bound database; their ids by name."""
    ids = {}
    with write_transaction():
        for n, (name, fields) in enumerate(TICKETS.items(), start=1):
            values: dict[str, Any] = dict(
                number=f"IT20261116{n:03d}", department="财务部", description="d",
                urgency="medium", requester="小明", contact="8888", impact="individual",
                priority="p3",
            )  # fmt: skip
            values.update(fields)
            ids[name] = Ticket.create(**values).id
    return ids
