"""Review report benchmark: a year's report (and the year before, for the changes) over a demo
file, beside a raw SQL aggregate of the same year measured in the same run.

Usage: python benchmarks/bench_report.py --sizes 200000 1000000 [--dir /tmp/deskbench] [--saves]
Demo files spanning 365 days are generated once (``report-<size>.db``; 1M takes ~10 minutes).
The baseline is one plain sqlite3 statement counting received, resolved and backlog of the year
with its category breakdown: the least any report of that year must read. The Desk figure is
the whole report: both periods' counts, breakdowns, first-response and resolution times (mean,
median, business hours), day series, trend and top problems.

``--saves`` also measures what the report's per-day totals cost a save: one ticket created and
one edited (a counted column, so the update trigger runs) on a 20,000-ticket demo, beside the
same saves on a copy whose totals' triggers were dropped.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from datetime import date, datetime
from pathlib import Path

from timing import timed

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.epoch import to_seconds
from desk_gui.domain.review import Period, ReportFilter
from desk_gui.domain.ticket import TicketDraft
from desk_gui.services.context import Context
from desk_gui.services.demo_load import generate_demo
from desk_gui.services.review.compute import build_report
from desk_gui.services.settings import load_settings
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database

ANCHOR = datetime(2026, 11, 22, 17, 0)
RAW = """
SELECT category,
       SUM(CASE WHEN submitted_at >= :a AND submitted_at < :b THEN 1 ELSE 0 END),
       SUM(CASE WHEN resolved_at >= :a AND resolved_at < :b THEN 1 ELSE 0 END),
       SUM(CASE WHEN resolved_at IS NULL OR resolved_at >= :b THEN 1 ELSE 0 END)
FROM ticket
WHERE submitted_at < :b AND (submitted_at >= :a OR resolved_at IS NULL OR resolved_at >= :a)
GROUP BY category
"""


def demo_file(folder: Path, size: int) -> Path:
    path = folder / f"report-{size}.db"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        t0 = time.perf_counter()
        open_database(part)
        try:
            generate_demo(size, seed=1, anchor=ANCHOR, days=365)
        finally:
            close_database()
        part.rename(path)
        print(f"generated {size:,} tickets over 365 days in {time.perf_counter() - t0:.0f} s")
    return path


def measure(path: Path) -> None:
    year = Period(date(2025, 11, 23), date(2026, 11, 22))
    fmt = "%Y-%m-%d %H:%M:%S"
    bounds = {"a": year.start.strftime(fmt), "b": year.end.strftime(fmt)}
    con = sqlite3.connect(path)
    try:
        stored = con.execute("SELECT typeof(submitted_at) FROM ticket LIMIT 1").fetchone()
        if stored and stored[0] == "integer":  # seconds (schema 20)
            bounds = {k: to_seconds(datetime.strptime(v, fmt)) for k, v in bounds.items()}
        tickets = con.execute("SELECT count(*) FROM ticket").fetchone()[0]
        raw = timed(lambda: con.execute(RAW, bounds).fetchall())
        rows = con.execute(RAW, bounds).fetchall()
    finally:
        con.close()
    open_database(path)
    try:
        calendar = load_settings().calendar
        report = build_report(year, calendar)
        desk = timed(lambda: build_report(year, calendar), repeat=2)
        week = timed(lambda: build_report(Period(date(2026, 11, 16), date(2026, 11, 22)), calendar))
        one = ReportFilter(category="software")  # no totals per category: read from the tickets
        filtered = timed(lambda: build_report(year, calendar, one), repeat=1)
    finally:
        close_database()
    received = sum(r[1] for r in rows)
    assert received == report.current["received"], (received, report.current["received"])
    print(f"{tickets:,} tickets; the year {year.first} – {year.last}: {received:,} received")
    print(f"  raw SQL aggregate (counts + category), one period  {raw * 1000:8.0f} ms")
    print(f"  Desk report of the year, beside the year before    {desk * 1000:8.0f} ms"
          f"   ({desk / raw:.1f}× the raw aggregate; target ≤ 2,000 ms)")  # fmt: skip
    print(f"  Desk report of one week, beside the week before    {week * 1000:8.0f} ms")
    print(f"  the year for one category (read from the tickets)  {filtered * 1000:8.0f} ms")


def _saves(path: Path) -> tuple[float, float]:
    """Median seconds of a ticket created and of an edit of its title, on ``path``."""
    open_database(path)
    try:
        svc = WorkflowService(Context(operator="bench", workstation="bench"))
        draft = TicketDraft(
            title="基准测试工单", department="IT/基准", category=Category.OTHER,
            description="基准测试：一次保存的时间", urgency=Urgency.LOW,
            impact=Impact.INDIVIDUAL, requester="bench", contact="内线0000",
            submitted_at=datetime.now().replace(second=0, microsecond=0),
        )  # fmt: skip
        create = timed(lambda: svc.create(draft), repeat=15)
        rec = svc.create(draft)
        state = {"v": rec.version}

        def edit() -> None:
            title = f"基准测试工单 {state['v']}"
            state["v"] = svc.update_fields(rec.id, state["v"], {"title": title}).version

        return create, timed(edit, repeat=15)
    finally:
        close_database()


def save_cost(folder: Path) -> None:
    """A save with the totals' triggers beside the same save without them."""
    base = demo_file(folder, 20_000)
    bare = folder / "report-20000-no-triggers.db"
    shutil.copyfile(base, bare)
    con = sqlite3.connect(bare)
    for name in ("ticket_report_insert", "ticket_report_update", "ticket_report_delete"):
        con.execute(f'DROP TRIGGER "{name}"')
    con.close()
    kept = folder / "report-20000-triggers.db"
    shutil.copyfile(base, kept)
    try:
        without, with_ = _saves(bare), _saves(kept)
        bulk = (_bulk(bare), _bulk(kept))
    finally:
        bare.unlink()
        kept.unlink()
    for i, what in enumerate(("create a ticket", "edit its title")):
        print(f"  save ({what}): without the totals' triggers {without[i] * 1000:6.1f} ms, "
              f"with them {with_[i] * 1000:6.1f} ms")  # fmt: skip
    print(f"  bulk insert of {BULK:,} tickets in one transaction: without {bulk[0]:.2f} s, "
          f"with {bulk[1]:.2f} s ({(bulk[1] - bulk[0]) / BULK * 1e6:.0f} µs a row)")  # fmt: skip


BULK = 10_000


def _bulk(path: Path) -> float:
    """Seconds to insert ``BULK`` copies of existing tickets in one transaction (as an import's
    executemany does), rolled back afterwards."""
    con = sqlite3.connect(path, isolation_level=None)
    columns = [r[1] for r in con.execute('PRAGMA table_info("ticket")') if r[1] != "id"]
    names = ", ".join(f'"{c}"' for c in columns)
    picked = ", ".join("'B' || id" if c == "number" else f'"{c}"' for c in columns)
    con.execute("BEGIN IMMEDIATE")
    t0 = time.perf_counter()
    con.execute(f'INSERT INTO "ticket" ({names}) SELECT {picked} FROM "ticket" LIMIT {BULK}')
    seconds = time.perf_counter() - t0
    con.execute("ROLLBACK")
    con.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[200_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/deskbench"))
    parser.add_argument("--saves", action="store_true")
    args = parser.parse_args()
    for size in args.sizes:
        measure(demo_file(args.dir, size))
    if args.saves:
        save_cost(args.dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
