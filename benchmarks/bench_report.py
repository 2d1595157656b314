"""Review report benchmark: a year's report (and the year before, for the changes) over a demo
file, beside a raw SQL aggregate of the same year measured in the same run.

Usage: python benchmarks/bench_report.py --sizes 200000 1000000 [--dir /tmp/deskbench]
Demo files spanning 365 days are generated once (``report-<size>.db``; 1M takes ~10 minutes).
The baseline is one plain sqlite3 statement counting received, resolved and backlog of the year
with its category breakdown: the least any report of that year must read. The Desk figure is
the whole report: both periods' counts, breakdowns, first-response and resolution times (mean,
median, business hours), day series, trend and top problems.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from desk_gui.domain.review import Period
from desk_gui.services.demo_load import generate_demo
from desk_gui.services.review.compute import build_report
from desk_gui.services.settings import load_settings
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


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of ``fn`` in seconds (after one warm-up call)."""
    fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


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
    finally:
        close_database()
    received = sum(r[1] for r in rows)
    assert received == report.current["received"], (received, report.current["received"])
    print(f"{tickets:,} tickets; the year {year.first} – {year.last}: {received:,} received")
    print(f"  raw SQL aggregate (counts + category), one period  {raw * 1000:8.0f} ms")
    print(f"  Desk report of the year, beside the year before    {desk * 1000:8.0f} ms"
          f"   ({desk / raw:.1f}× the raw aggregate; target ≤ 2,000 ms)")  # fmt: skip
    print(f"  Desk report of one week, beside the week before    {week * 1000:8.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[200_000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/deskbench"))
    args = parser.parse_args()
    for size in args.sizes:
        measure(demo_file(args.dir, size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
