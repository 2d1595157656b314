"""The per-day totals (store/rollup_sql.py) stay equal to the tickets through every write.

A seeded random history of inserts, whole-row saves, partial updates, status changes, bulk
inserts (what an import's ``executemany`` does) and deletes; then every figure the report
reads from the totals must equal the same figure computed from the tickets themselves, for
many periods, on SQLite and PostgreSQL (test_review_postgres); and the totals must equal a rebuild from scratch.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from desk_gui.domain.review import Period, ReportFilter
from desk_gui.services.review import compute
from desk_gui.store import migrations, rollup
from desk_gui.store import report as sql
from desk_gui.store.database import close_database, fetch_all, open_database, write_transaction
from desk_gui.store.models import Ticket
from tests.services.review_data import CALENDAR

ORIGIN = datetime(2026, 9, 1)
SPAN_DAYS = 70
TITLES = ("打印机卡纸", "VPN连不上", "邮箱满了", "共享盘无法访问", "printer jam")


def _moment(rng: random.Random, after: datetime | None = None) -> datetime:
    base = after if after is not None else ORIGIN
    at = base + timedelta(seconds=rng.randint(0, SPAN_DAYS * 86400 // (4 if after else 1)))
    if after is not None and rng.random() < 0.05:
        at = after - timedelta(minutes=rng.randint(1, 600))  # imported history out of order
    return at.replace(microsecond=rng.choice((0, 0, 999_999, 500_000)))


def _maybe(rng: random.Random, value: Any, p: float = 0.6) -> Any:
    return value if rng.random() < p else None


def _fields(rng: random.Random) -> dict[str, Any]:
    """Every counted column at random, including the odd ones (no deadline, out of order)."""
    submitted = _moment(rng)
    resolved = _maybe(rng, _moment(rng, submitted))
    return {
        "title": rng.choice(TITLES),
        "category": rng.choice(("software", "hardware", "network", "other")),
        "department": rng.choice(("IT部", "财务部", "销售部")),
        "priority": rng.choice(("p1", "p2", "p3", "p4")),
        "assignee": rng.choice((None, "李工程师", "王工程师")),
        "channel": rng.choice(("phone", "email", "walk_in")),
        "tier": rng.choice(("l1", "l1", "l2")),
        "submitted_at": submitted,
        "first_response_at": _maybe(rng, _moment(rng, submitted), 0.8),
        "respond_due": _maybe(rng, submitted + timedelta(minutes=rng.randint(10, 240))),
        "resolved_at": resolved,
        "resolve_due": _maybe(rng, submitted + timedelta(hours=rng.randint(1, 96))),
        "closed_at": _maybe(rng, resolved + timedelta(days=1)) if resolved else None,
        "escalation_count": rng.choice((0, 0, 1, 2)),
        "reopen_count": rng.choice((0, 0, 0, 1)),
        "satisfaction": _maybe(rng, rng.choice(("satisfied", "basic", "dissatisfied")), 0.4),
        "feedback_score": _maybe(rng, rng.randint(1, 5), 0.4),
    }


def _new_row(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "number": f"R{n:07d}", "department": "IT部", "description": "", "urgency": "medium",
        "requester": "小明", "contact": "8888", "impact": "individual", **_fields(rng),
    }  # fmt: skip


def _history(rng: random.Random, steps: int) -> None:
    """Random writes through every path that touches ``ticket``."""
    counter = [0]

    def new() -> dict[str, Any]:
        counter[0] += 1
        return _new_row(rng, counter[0])

    def some_ids(k: int) -> list[int]:
        ids = [i for (i,) in fetch_all('SELECT "id" FROM "ticket"')]
        return rng.sample(ids, min(k, len(ids)))

    def save() -> None:  # the edit form: every column written, counted ones changed or not
        for tid in some_ids(1):
            ticket = Ticket.get_by_id(tid)
            for key, value in rng.choice((_fields(rng), {}, {"remarks": "x"})).items():
                setattr(ticket, key, value)
            ticket.save()

    def status() -> None:  # resolve, reopen, close, escalate, feedback: a few columns
        for tid in some_ids(3):
            change = rng.choice((
                {"resolved_at": _moment(rng), "status": "resolved"},
                {"resolved_at": None, "reopen_count": Ticket.reopen_count + 1},
                {"closed_at": _moment(rng)},
                {"escalation_count": Ticket.escalation_count + 1, "tier": "l2"},
                {"satisfaction": "satisfied", "feedback_score": 5},
                {"assignee": rng.choice((None, "赵工程师"))},
            ))  # fmt: skip
            Ticket.update(change).where(Ticket.id == tid).execute()

    actions: list[Callable[[], None]] = [
        lambda: Ticket.insert(new()).execute(),
        lambda: Ticket.insert_many([new() for _ in range(rng.randint(5, 40))]).execute(),
        save,
        status,
        lambda: Ticket.delete().where(Ticket.id.in_(some_ids(1))).execute(),
    ]
    for _ in range(steps):
        with write_transaction():
            rng.choices(actions, weights=(4, 1, 4, 4, 1))[0]()


def _periods(rng: random.Random) -> list[Period]:
    first = ORIGIN.date()
    out = [Period(first - timedelta(days=10), first + timedelta(days=SPAN_DAYS + 10))]
    for _ in range(12):
        a = first + timedelta(days=rng.randint(-5, SPAN_DAYS))
        out.append(Period(a, a + timedelta(days=rng.choice((0, 6, 30)))))
    return out


def _compare(period: Period) -> None:
    fast = compute.figures(period, ReportFilter(), compute.BusinessClock(CALENDAR), lambda: None)
    exact = compute._exact_figures(
        period, ReportFilter(), compute.BusinessClock(CALENDAR), lambda: None
    )
    assert fast.counts == exact.counts, period
    assert fast.by == {k: {v: n for v, n in d.items() if n} for k, d in exact.by.items()}
    assert fast.times == exact.times
    received = sql.received_per_day(period.start, period.end, ReportFilter())
    resolved = sql.resolved_per_day(period.start, period.end, ReportFilter())
    assert compute._per_day(period, ReportFilter()) == (received, resolved)
    titles = sql.titles_received(period.start, period.end, ReportFilter())
    assert sorted(rollup.titles(period.first, period.last)) == sorted(titles)
    sums = rollup.day_totals(period.first, period.last)
    elapsed = compute._exact_mean(exact.times["resolution"], sums["resolution_seconds"],
                                  sums["resolved"], 3600)  # fmt: skip
    assert elapsed == exact.times["resolution"]
    response = compute._exact_mean(exact.times["response"], sums["response_seconds"],
                                   sums["responded"], 60)  # fmt: skip
    assert response == exact.times["response"]


def _tables() -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table, key in (("report_day", '"day"'), ("report_span", '"submitted_day", "resolved_day"'),
                       ("report_value", '"day", "dim", "value"'), ("report_title", '"day", "title"')):  # fmt: skip
        rows = fetch_all(f'SELECT * FROM "{table}" ORDER BY {key}')
        out[table] = [r for r in rows if any(v not in (0, None) for v in r[key.count(",") + 1 :])]
    return out


def check_totals(target: str, seed: int) -> None:
    db = open_database(target)
    try:
        rng = random.Random(seed)
        _history(rng, 160)
        assert Ticket.select().count() > 100
        for period in _periods(rng):
            _compare(period)
        kept = _tables()
        with write_transaction():
            rollup.rebuild()
        assert _tables() == kept
        assert isinstance(db, pw.Database)
    finally:
        close_database()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_totals_follow_every_write_on_sqlite(tmp_path: Path, seed: int) -> None:
    check_totals(str(tmp_path / "desk.db"), seed)


def test_migration_fills_the_totals_of_existing_tickets(tmp_path: Path) -> None:
    """A file written before the totals existed gets them from the migration, whole."""
    db = open_database(tmp_path / "desk.db", migrate=False)
    try:
        totals = next(m for m in migrations.MIGRATIONS if "per-day totals" in m.description)
        migrations.migrate(db, target=totals.version - 1)
        _history(random.Random(5), 60)
        assert "report_day" not in db.get_tables()
        migrations.migrate(db)
        filled = _tables()
        assert sum(r[1] for r in filled["report_day"]) == Ticket.select().count()
        with write_transaction():
            rollup.rebuild()
        assert _tables() == filled
        _compare(Period(date(2026, 9, 1), date(2026, 11, 30)))
    finally:
        close_database()


def test_a_large_period_takes_medians_from_a_sample(tmp_path: Path, monkeypatch: Any) -> None:
    """Above the limit the elapsed means stay exact and the medians come from the sample."""
    open_database(tmp_path / "desk.db")
    try:
        _history(random.Random(6), 120)
        period = Period(date(2026, 8, 1), date(2026, 12, 31))
        exact = compute._exact_figures(
            period, ReportFilter(), compute.BusinessClock(CALENDAR), lambda: None
        )
        monkeypatch.setattr(compute, "EXACT_TIMES_UP_TO", 10)
        monkeypatch.setattr(compute, "SAMPLE", 50)
        fast = compute.figures(period, ReportFilter(), compute.BusinessClock(CALENDAR),
                               lambda: None)  # fmt: skip
        assert fast.counts == exact.counts
        assert fast.times["resolution"].mean == exact.times["resolution"].mean
        assert fast.times["response"].mean == exact.times["response"].mean
        assert fast.times["resolution_business"] != exact.times["resolution_business"]
    finally:
        close_database()


def test_a_filtered_report_reads_piece_by_piece_and_stops_when_told(tmp_path: Path) -> None:
    """With a filter the tickets are read a month at a time: progress per piece, and a
    cancel raised from progress stops the read (figures as the unfiltered totals give)."""
    open_database(tmp_path / "desk.db")
    try:
        _history(random.Random(7), 80)
        period = Period(date(2026, 9, 1), date(2026, 11, 29))  # 90 days: 3 pieces each
        seen: list[tuple[int, int]] = []
        report = compute.build_report(period, CALENDAR, ReportFilter(category="network"),
                                      progress=lambda n, t: seen.append((n, t)))  # fmt: skip
        assert [t for _, t in seen] == [3 + 3 + 2] * 8
        assert sorted(n for n, _ in seen) == list(range(1, 9))
        network = fetch_all(
            "SELECT COUNT(*) FROM ticket WHERE category = 'network' "
            "AND date(submitted_at, 'unixepoch') >= ? AND date(submitted_at, 'unixepoch') < ?",
            (str(period.start), str(period.end)))  # fmt: skip
        assert report.current["received"] == network[0][0] > 0

        class Stop(Exception):
            pass

        def stop(n: int, total: int) -> None:
            raise Stop

        with pytest.raises(Stop):
            compute.build_report(period, CALENDAR, ReportFilter(category="network"),
                                 progress=stop)  # fmt: skip
    finally:
        close_database()
