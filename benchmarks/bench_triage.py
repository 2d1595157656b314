"""Triage benchmark at 1M tickets: overdue queue page, supervisor view, reminders, suggestions.

Usage: python benchmarks/bench_triage.py [--size 1000000] [--dir /tmp/deskbench]
The demo database is generated once (``python -m desk_gui demo``) and reused; opening it
migrates it to the current schema (the backup copy goes to a scratch folder, then removed).
Each figure is the median of several warm runs, printed beside the first (cold) run and a raw
sqlite3 baseline of the same question measured in the same run. Budget: 0.3 s each.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from desk_gui.domain.enums import Category, Tier
from desk_gui.domain.reminders import LEAD, LOOKBACK
from desk_gui.services.assignment import suggest_assignees
from desk_gui.services.context import Context
from desk_gui.services.queue import QueueFilter, QueueService, SortKey, supervisor_filter
from desk_gui.services.reminders import ReminderService
from desk_gui.store.database import close_database, open_database

BUDGET_S = 0.3
OPEN_SQL = "status IN ('pending', 'in_progress')"
COLS = "id, number, title, department, requester, category, priority, urgency, status, assignee"
DUE = "COALESCE(next_due, '9999-12-31 23:59:59')"


def timed(fn: Callable[[], object], repeat: int = 7) -> tuple[float, float]:
    """(first call, median of the next ``repeat``) in seconds."""
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return first, statistics.median(samples)


def ensure_demo(path: Path, size: int) -> None:
    if path.exists():
        return
    print(f"generating {size:,} demo tickets in {path} …", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "desk_gui", "demo", "--db", str(path)]
    subprocess.run([*cmd, "--tickets", str(size), "--quiet"], check=True)


def raw_questions(path: Path, now: datetime, operator: str) -> dict[str, Callable[[], object]]:
    """The same questions asked of sqlite3 directly (with the indexes Desk created)."""
    con = sqlite3.connect(path)
    n = now.isoformat(" ")
    low, high = (now - LOOKBACK).isoformat(" "), (now + LEAD).isoformat(" ")
    overdue = (
        f"SELECT {COLS} FROM ticket WHERE {OPEN_SQL} AND next_due < ? ORDER BY {DUE}, id LIMIT 200"
    )
    supervisor = (
        f"SELECT {COLS} FROM ticket WHERE {OPEN_SQL} AND (next_due < ? OR assignee IS NULL) "
        f"ORDER BY {DUE}, id LIMIT 200"
    )
    reminders = (
        f"SELECT {COLS} FROM ticket WHERE {OPEN_SQL} AND assignee IS ? "
        "AND next_due BETWEEN ? AND ? ORDER BY next_due LIMIT 200"
    )
    taken = (
        f"SELECT {COLS} FROM ticket WHERE status = 'in_progress' AND tier = 'l1' "
        "AND first_response_at BETWEEN ? AND ? AND (assignee = ? OR assignee IS NULL) "
        "ORDER BY first_response_at LIMIT 200"
    )
    half_hour = timedelta(minutes=30)
    t_low = (now - LOOKBACK - half_hour).isoformat(" ")
    t_high = (now - half_hour).isoformat(" ")
    load = (
        "SELECT assignee, SUM(CASE priority WHEN 'p1' THEN 4 WHEN 'p2' THEN 3 WHEN 'p3' THEN 2 "
        f"WHEN 'p4' THEN 1 ELSE 0 END) FROM ticket WHERE {OPEN_SQL} AND assignee IS NOT NULL "
        "GROUP BY assignee"
    )
    return {
        "overdue page": lambda: con.execute(overdue, (n,)).fetchall(),
        "supervisor page": lambda: con.execute(supervisor, (n,)).fetchall(),
        "supervisor count": lambda: con.execute(
            f"SELECT COUNT(*) FROM ticket WHERE {OPEN_SQL} AND (next_due < ? OR assignee IS NULL)",
            (n,),
        ).fetchall(),
        "reminder query": lambda: (
            con.execute(reminders, (operator, low, high)).fetchall()
            + con.execute(reminders, (None, low, high)).fetchall()
            + con.execute(taken, (t_low, t_high, operator)).fetchall()
        ),
        "assignee load": lambda: con.execute(load).fetchall(),
    }


def desk_questions(now: datetime, operator: str) -> dict[str, Callable[[], object]]:
    queue = QueueService()
    reminders = ReminderService(Context(operator=operator, workstation="bench", clock=lambda: now))
    return {
        "overdue page": lambda: queue.fetch_page(
            QueueFilter(due="overdue", now=now), SortKey.NEXT_DUE, limit=200
        ),
        "supervisor page": lambda: queue.fetch_page(
            supervisor_filter(now), SortKey.NEXT_DUE, limit=200
        ),
        "supervisor count": lambda: queue.count(supervisor_filter(now)),
        "reminder query": lambda: reminders.due(now),
        "reminder poll": lambda: reminders.poll(now),
        "assignee load": lambda: suggest_assignees(category=Category.SOFTWARE, tier=Tier.L1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/deskbench"))
    parser.add_argument("--operator", default="李工程师")
    args = parser.parse_args()
    path = args.dir / f"demo-{args.size}.db"
    ensure_demo(path, args.size)
    scratch = args.dir / "triage-migration-backup"
    t0 = time.perf_counter()
    open_database(path, backup_dir=scratch)
    print(f"opened (and migrated if needed) in {time.perf_counter() - t0:.1f} s")
    shutil.rmtree(scratch, ignore_errors=True)
    now = datetime.now().replace(microsecond=0)
    desk = desk_questions(now, args.operator)
    # The first poll claims the due reminders (a write); later polls are the steady state.
    claimed = desk["reminder poll"]()
    raw = raw_questions(path, now, args.operator)
    print(f"{args.size:,} tickets, now = {now}, operator = {args.operator}")
    print(f"{'question':<18}{'cold s':>9}{'warm s':>9}{'raw s':>9}{'ratio':>7}  budget")
    failed = False
    for name, fn in desk.items():
        cold, warm = timed(fn)
        base = raw.get(name)
        raw_warm = timed(base)[1] if base else float("nan")
        ok = warm <= BUDGET_S
        failed |= not ok
        ratio = warm / raw_warm if base else float("nan")
        print(
            f"{name:<18}{cold:9.4f}{warm:9.4f}{raw_warm:9.4f}{ratio:7.1f}  {'ok' if ok else 'OVER'}"
        )
    pending = len(claimed.pending)  # type: ignore[attr-defined]
    rows = len(desk["overdue page"]())  # type: ignore[arg-type]
    print(f"reminders pending for {args.operator}: {pending}; overdue page rows: {rows}")
    close_database()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
