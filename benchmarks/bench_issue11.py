"""Issue 11's table: every row measured now, beside a baseline of the same run, with the ratio.

Usage: python benchmarks/bench_issue11.py [--dir /tmp/deskbench] [--pg-url URL]
       [--only search,pg,startup,exchange,size]

It calls the other benchmark modules' own measuring functions (bench_search's queries and
baseline SQL, bench_gui.startup, bench_exchange's exports and imports, bench_pg_search.measure)
and gathers what they measure into one table; run_all.py runs it last with ``--big``. The
demo files are bench_store's (``demo-100000.db``, ``demo-1000000.db`` under ``--dir``); the
PostgreSQL rows need a server database of the 1M demo (``pg_fill.py`` fills an empty one).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bench_exchange
import bench_gui
import bench_pg_search
import bench_search
import pg_fill

from desk_gui.services.queue import QueueFilter, QueueService, SortKey
from desk_gui.store import search
from desk_gui.store.database import close_database, fetch_all, open_database

DIR = Path("/tmp/deskbench")
PG_URL = os.environ.get("DESK_BENCH_PG_URL", "")


@dataclass(frozen=True)
class Row:
    """One line of the table: Desk's figure, the baseline's, and what each is."""

    measure: str
    today: float
    baseline: float
    baseline_name: str
    target: str
    unit: str = "s"
    note: str = ""


ROWS: list[Row] = []


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1e3:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "GB":
        return f"{value:.2f} GB"
    return f"{value:.2f}{unit}"


def print_table(rows: list[Row]) -> None:
    """The table as the issue has it, plus the baseline and the ratio."""
    head = f"| {'measure':<58} | {'today':>10} | {'baseline (same run)':<34} | {'×':>6} | target |"
    print("\n" + head)
    print("|" + "|".join("-" * (len(p)) for p in head.split("|")[1:-1]) + "|")
    for r in rows:
        ratio = f"{r.today / r.baseline:.2f}" if r.baseline else "-"
        base = f"{_fmt(r.baseline, r.unit)} {r.baseline_name}" if r.baseline else r.baseline_name
        measure = r.measure + (f" ({r.note})" if r.note else "")
        print(
            f"| {measure:<58} | {_fmt(r.today, r.unit):>10} | {base:<34} | {ratio:>6} | {r.target} |"
        )


# -- SQLite search at 1M --------------------------------------------------------------------


def search_rows(db: Path) -> None:
    """First page (worst query kind), capped count, two-word queries: Desk vs plain FTS5 SQL."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    asked = bench_search.queries(con)
    open_database(db, migrate=False)
    q = QueueService()
    pages: list[tuple[float, float, str]] = []
    counts: list[tuple[float, float, str]] = []
    try:
        for what, text in asked:
            match = search.fts_query(text)
            flt = QueueFilter(statuses=None, text=text)
            page = bench_search.timed(lambda f=flt: q.fetch_page(f, SortKey.SUBMITTED_AT, True))
            naive = bench_search.PAGE.format(where=bench_search.NAIVE)
            raw = bench_search.timed(lambda m=match, s=naive: con.execute(s, (m,)).fetchall())
            pages.append((page, raw, f"{what} {text!r}"))
            capped = bench_search.timed(lambda f=flt: q.count_capped(f))
            raw_count = bench_search.timed(
                lambda m=match: con.execute(bench_search.COUNT, (m,)).fetchall(), repeat=1
            )
            counts.append((capped, raw_count, f"{what} {text!r}"))
    finally:
        close_database()
        con.close()
    worst = max(pages)
    ROWS.append(Row("search, first page, any query (worst kind)", worst[0], worst[1],
                    "FTS5 match joined + sorted", "≤ 50 ms", note=worst[2]))  # fmt: skip
    worst_count = max(counts)
    ROWS.append(Row("search, match count (capped at 10,000)", worst_count[0], worst_count[1],
                    "count(*) of the FTS5 match", "≤ 100 ms", note=worst_count[2]))  # fmt: skip
    two = [p for p in pages if "two words" in p[2]]
    if two:
        w = max(two)
        ROWS.append(Row("two-word and mixed-language queries, first page", w[0], w[1],
                        "FTS5 match joined + sorted", "≤ 50 ms", note=w[2]))  # fmt: skip


# -- export / import (bench_exchange's own measurements, gathered) -------------------------


def exchange_rows(db: Path, work: Path, big: bool) -> None:
    """bench_exchange's rows as it prints them, also gathered here (its ``row`` wrapped)."""
    printed = bench_exchange.row

    def gather(name: str, secs: float, base: float, base_name: str, extra: str = "") -> None:
        printed(name, secs, base, base_name, extra)
        ROWS.append(Row(name, secs, base, base_name, TARGETS.get(_kind(name), ""),
                        note=extra.strip()))  # fmt: skip

    bench_exchange.row = gather
    try:
        work.mkdir(parents=True, exist_ok=True)
        sizes = [3000, 50_000] if big else [3000]
        bench_exchange.make_sheets(db, work, sizes)
        bench_exchange.exports(db, work, 100_000)
        bench_exchange.exports(db, work, 100_000, mask=True)  # names and phones (the default)
        bench_exchange.imports(db, work, 3000, ("xlsx", "csv"))
        if big:
            bench_exchange.imports(db, work, 50_000, ("csv", "xlsx"))
    finally:
        bench_exchange.row = printed


TARGETS = {
    "export .xlsx": "≤ 10 s",
    "export .csv": "≤ 3 s",
    "check 3,000": "≤ 0.5 s",
    "import 3,000": "≤ 2 s, lock ≤ 2 s",
    "import 50,000": "≤ 30 s, lock ≤ 2 s at a time",
}


def _kind(name: str) -> str:
    for key in TARGETS:
        words = key.split()
        if name.startswith(words[0]) and words[1] in name:
            return key
    return ""


# -- start-up, file size, PostgreSQL --------------------------------------------------------


def startup_row(db: Path, runs: int) -> None:
    bare, desk = bench_gui.startup(str(db), runs, "zh")
    ROWS.append(Row("start to a usable window (100k)", desk, bare, "bare PySide6 QMainWindow",
                    "≤ 1.5×", note=f"median of {runs}"))  # fmt: skip


def size_row(db: Path) -> None:
    """The 1M demo file against the bytes of text it holds (tickets' columns and the log)."""
    open_database(db)  # a file an older schema wrote is measured as this program keeps it
    close_database()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cols = " + ".join(f"length(CAST({c} AS BLOB))" for c in bench_pg_search.COLUMNS)
    text = con.execute(f"SELECT sum({cols}) FROM ticket").fetchone()[0] or 0
    text += con.execute("SELECT sum(length(CAST(text AS BLOB))) FROM log_entry").fetchone()[0] or 0
    con.close()
    ROWS.append(Row("file size of the 1M demo", db.stat().st_size / 1e9, text / 1e9,
                    "its text, UTF-8", "≤ 2 GB", unit="GB"))  # fmt: skip


def pg_rows(url: str, demo: Path) -> None:
    """PostgreSQL at 1M: the worst query kind's first page and count vs the old ILIKE scan."""
    open_database(url)
    try:
        empty = not fetch_all('SELECT count(*) FROM "ticket"')[0][0]
    finally:
        close_database()
    if empty:
        pg_fill.fill(url, demo)
    floor, figures = bench_pg_search.measure(url)
    for f in figures:
        print(f"  pg {f.what:<34} {f.text!r:<22} page {f.page_s * 1e3:7.1f} ms  "
              f"count {f.count_s * 1e3:7.1f} ms  ILIKE {f.ilike_s * 1e3:7.0f} ms")  # fmt: skip
    worst = max((f for f in figures if f.what != bench_pg_search.PATHOLOGICAL),
                key=lambda f: f.page_s)  # fmt: skip
    ROWS.append(Row("PostgreSQL search at 1M, first page (worst kind)", worst.page_s,
                    worst.ilike_s, "ILIKE scan, same query", "≤ 100 ms",
                    note=f"{worst.what} {worst.text!r}"))  # fmt: skip
    for f in figures:
        if f.what == bench_pg_search.PATHOLOGICAL:
            ROWS.append(Row(f"PostgreSQL search at 1M, first page ({f.what})", f.page_s,
                            f.ilike_s, "ILIKE scan, same query", "≤ 100 ms",
                            note=repr(f.text)))  # fmt: skip
    worst_count = max(figures, key=lambda f: f.count_s)
    ROWS.append(Row("PostgreSQL search at 1M, count (capped)", worst_count.count_s, floor,
                    "unfiltered first page", "never delays the page",
                    note=f"{worst_count.what} {worst_count.text!r}"))  # fmt: skip


STEPS: dict[str, Callable[[argparse.Namespace], None]] = {
    "search": lambda a: search_rows(a.dir / "demo-1000000.db"),
    "exchange": lambda a: exchange_rows(a.dir / "demo-100000.db", a.dir / "exchange", True),
    "startup": lambda a: startup_row(a.dir / "demo-100000.db", a.runs),
    "size": lambda a: size_row(a.dir / "demo-1000000.db"),
    "pg": lambda a: pg_rows(a.pg_url, a.dir / "demo-1000000.db") if a.pg_url else None,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=DIR)
    parser.add_argument("--pg-url", default=PG_URL, help="a PostgreSQL database for the 1M demo")
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each kind")
    parser.add_argument(
        "--only", default=",".join(STEPS), help="comma-separated: " + ", ".join(STEPS)
    )
    args = parser.parse_args()
    for name in args.only.split(","):
        print(f"\n== {name}", flush=True)
        t0 = time.perf_counter()
        STEPS[name](args)
        print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
    print_table(ROWS)
    if not args.pg_url:
        print("(PostgreSQL row skipped: pass --pg-url or set DESK_BENCH_PG_URL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
