"""Printing and export figures: one worksheet PDF, 1,000 in one batch, 100k tickets to xlsx.

Run: python benchmarks/bench_printing.py [--tickets 100000] [--out /tmp/desk-bench]
The 100k tickets are written with raw ``insert_many`` in one transaction (3 log lines each),
not through the services: the figure measured is the export, not the intake.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QGuiApplication

from desk_gui.exchange.export import ExportOptions, export_tickets
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import write_pdf
from desk_gui.printing.sample import sample_record
from desk_gui.store.database import close_database, open_database
from desk_gui.store.models import LogEntry, Ticket


def fill(n: int) -> None:
    """``n`` tickets and 3 log lines each, in one transaction of bulk inserts."""
    start = datetime(2024, 1, 1, 9, 0)
    db = Ticket._meta.database
    statuses = ("pending", "in_progress", "resolved", "closed")
    with db.atomic():
        for base in range(0, n, 5000):
            rows = []
            for i in range(base, min(n, base + 5000)):
                at = start + timedelta(minutes=7 * i)
                rows.append(
                    {
                        "number": f"IT{at:%Y%m%d}{i:06d}",
                        "title": f"CRM系统数据库连接错误{i % 100}",
                        "department": "销售部/北京分公司",
                        "description": "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户",
                        "urgency": "high",
                        "requester": "小明",
                        "contact": "内线8888",
                        "submitted_at": at,
                        "status": statuses[i % 4],
                        "assignee": "李工程师",
                        "solution": "重启数据库服务" if i % 4 >= 2 else "",
                        "resolved_at": at + timedelta(hours=1) if i % 4 >= 2 else None,
                        "category": "software",
                        "impact": "department",
                        "priority": "p1",
                        "resolve_due": at + timedelta(hours=2),
                    }
                )
            Ticket.insert_many(rows).execute()
        ids = [t.id for t in Ticket.select(Ticket.id)]
        for base in range(0, len(ids), 5000):
            logs = [
                {
                    "ticket": tid,
                    "at": start,
                    "author": "李工程师",
                    "kind": "note",
                    "text": f"记录 {k}",
                }
                for tid in ids[base : base + 5000]
                for k in range(3)
            ]
            LogEntry.insert_many(logs).execute()


def bench_printing(out: Path) -> None:
    options = WorksheetOptions(office_name="IT 服务台", printed_by="bench")
    write_pdf(out / "warm.pdf", [sample_record()], "zh", options)  # fonts registered once
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        write_pdf(out / "one.pdf", [sample_record()], "zh", options)
        runs.append(time.perf_counter() - t)
    print(
        f"one worksheet PDF: best {min(runs) * 1000:.0f} ms, median {sorted(runs)[2] * 1000:.0f} ms"
    )
    records = [sample_record(number=f"IT20240501{i:03d}") for i in range(1, 1001)]
    t = time.perf_counter()
    pages = write_pdf(out / "batch.pdf", records, "zh", options)
    took = time.perf_counter() - t
    size = (out / "batch.pdf").stat().st_size / 1e6
    print(f"1,000 worksheets in one PDF: {took:.1f} s ({pages} pages, {size:.1f} MB)")


def bench_export(out: Path, n: int) -> None:
    db = out / "bench.db"
    if db.exists():
        db.unlink()
    open_database(db)
    t = time.perf_counter()
    fill(n)
    print(f"fill {n:,} tickets (raw insert_many): {time.perf_counter() - t:.1f} s")
    for fmt in ("xlsx", "csv"):
        t = time.perf_counter()
        rows = export_tickets(out / f"all.{fmt}", fmt, options=ExportOptions(mask_requester=True))
        size = (out / f"all.{fmt}").stat().st_size / 1e6
        print(f"export {rows:,} tickets to {fmt}: {time.perf_counter() - t:.1f} s ({size:.1f} MB)")
    close_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--out", default="/tmp/desk-bench")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _app = QGuiApplication.instance() or QGuiApplication([])
    bench_printing(out)
    bench_export(out, args.tickets)


if __name__ == "__main__":
    main()
