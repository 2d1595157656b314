"""The review report on PostgreSQL equals SQLite's on the hand-built week.

Runs against ``DESK_TEST_PG_URL`` like tests/store/test_postgres.py (skipped without it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desk_gui.domain.review_json import report_json
from desk_gui.services.review.compute import ReportFilter, build_report
from desk_gui.store.database import close_database, open_database
from tests.services.review_data import CALENDAR, EXPECTED, WEEK, insert_week
from tests.store.test_postgres import pg_url  # noqa: F401  (skips the module without a server)


def _report(target: str, flt: ReportFilter | None = None) -> dict[str, Any]:
    open_database(target)
    try:
        insert_week()
        return report_json(build_report(WEEK, CALENDAR, flt))
    finally:
        close_database()


def test_postgres_report_equals_sqlite(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    on_pg = _report(pg_url)
    on_sqlite = _report(str(tmp_path / "x.db"))
    assert on_pg == on_sqlite
    assert on_pg["received"] == EXPECTED["received"]
    assert on_pg["per_day"][0] == {"day": "2026-11-16", "received": 2, "resolved": 1}


def _problems(target: str) -> list[object]:
    from datetime import date, datetime

    from desk_gui.domain.problem import Action, Why
    from desk_gui.services.context import Context
    from desk_gui.services.problems import ProblemService

    open_database(target)
    try:
        ids = insert_week()
        service = ProblemService(Context(operator="王主管", clock=lambda: datetime(2026, 11, 25)))
        record = service.create("打印机卡纸", [ids["T1"], ids["T8"]])
        record.whys = [Why("为什么卡纸？", "纸张受潮")]
        record.actions = [Action("购置防潮柜", "行政部", date(2026, 11, 27))]
        record = service.save(record)
        return [
            record.number, record.ticket_ids, record.root_cause,
            [vars(i) for i in service.open_items(date(2026, 11, 29))],
            [t[1] for t in service.suggested_tickets(record.id or 0)],
            service.recurrence(record.id or 0, date(2026, 11, 18)),
        ]  # fmt: skip
    finally:
        close_database()


def test_postgres_problem_records_equal_sqlite(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    assert _problems(pg_url) == _problems(str(tmp_path / "p.db"))


def test_postgres_totals_follow_every_write(pg_url: str) -> None:  # noqa: F811
    """The per-day totals' triggers on PostgreSQL (the random history of test_review_rollup)."""
    from tests.services.test_review_rollup import check_totals

    check_totals(pg_url, 4)
