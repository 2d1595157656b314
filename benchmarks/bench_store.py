"""Store benchmark: queue pages, search and a save at 100k / 1M tickets, against raw sqlite3.

Usage: python benchmarks/bench_store.py [--sizes 100000 1000000] [--dir /tmp/deskbench]
Demo databases are generated once per size and reused. Every figure is the median of several
runs; ratios compare with a raw-sqlite3 baseline measured in the same run (machines are noisy).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from timing import timed

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.services.context import Context
from desk_gui.services.queue import QueueFilter, QueueService, SortKey
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database

OPEN = frozenset({"pending", "in_progress"})


def ensure_demo(path: Path, size: int) -> None:
    if path.exists():
        return
    print(f"generating {size:,} demo tickets in {path} …", flush=True)
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "desk_gui",
            "demo",
            "--db",
            str(path),
            "--tickets",
            str(size),
            "--seed",
            "1",
            "--quiet",
        ],
        check=True,
    )
    print(f"  generated in {time.perf_counter() - t0:.0f} s")


def raw_baselines(path: Path) -> dict[str, float]:
    """The same questions asked of sqlite3 directly, without Desk's layers."""
    con = sqlite3.connect(path)
    page = "SELECT id, number, title, submitted_at FROM ticket ORDER BY submitted_at DESC, id DESC LIMIT 200"
    out = {"raw page": timed(lambda: con.execute(page).fetchall(), repeat=5)}
    scratch = sqlite3.connect(":memory:")
    scratch.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")
    disk = path.with_name(path.stem + "-rawinsert.db")
    disk.unlink(missing_ok=True)
    dcon = sqlite3.connect(disk, isolation_level=None)
    dcon.execute("PRAGMA journal_mode=DELETE")
    dcon.execute("PRAGMA synchronous=FULL")
    dcon.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")

    def insert() -> None:
        dcon.execute("BEGIN IMMEDIATE")
        dcon.execute("INSERT INTO t (a, b, c) VALUES ('x', 'y', 'z')")
        dcon.execute("COMMIT")

    out["raw insert (own file, FULL sync)"] = timed(insert, repeat=9)
    save_con = sqlite3.connect(path, isolation_level=None)
    save_con.execute("PRAGMA synchronous=FULL")
    out["raw ticket save (same SQL, no Desk)"] = timed(lambda: _raw_ticket_save(save_con), repeat=9)
    save_con.close()
    con.close()
    dcon.close()
    disk.unlink(missing_ok=True)
    return out


def _raw_ticket_save(con: sqlite3.Connection) -> None:
    """What a Desk save does in SQL (number, ticket, log, search row), straight through sqlite3."""
    from desk_gui.store import search_rows
    from desk_gui.store.schema import FTS_COLUMNS

    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO daily_sequence (day_key, last) VALUES ('RAW20240101', 1) "
        "ON CONFLICT(day_key) DO UPDATE SET last = last + 1"
    )
    (seq,) = con.execute("SELECT last FROM daily_sequence WHERE day_key='RAW20240101'").fetchone()
    cur = con.execute(
        "INSERT INTO ticket (number, title, department, description, urgency, requester, "
        "contact, submitted_at, status, category, impact, channel, priority, tier, solution, "
        "remarks, close_reason, device_model, os, software_version, error_code, "
        "waiting_contact, paused_seconds, escalation_count, reopen_count, version, "
        "created_at, updated_at, updated_by) VALUES (?, 'raw', 'IT', 'raw save baseline text',"
        " 'low', 'bench', '0000', ?, 'pending', 'other', 'individual', 'phone', 'p4', 'l1', "
        "'', '', '', '', '', '', '', '', 0, 0, 0, 1, ?, ?, 'bench')",
        (f"RAW20240101{seq:05d}", now, now, now),
    )
    tid = cur.lastrowid
    # The author's id as Desk finds or adds it (schema 21).
    con.execute("INSERT INTO log_author (name) VALUES ('b') ON CONFLICT (name) DO NOTHING")
    con.execute(
        "INSERT INTO log_entry (ticket_id, at, author_id, kind, text) "
        "VALUES (?, ?, (SELECT id FROM log_author WHERE name = 'b'), 'created', 'x')",
        (tid, now),
    )
    # The search row as Desk keeps it: the contentless index and its compressed saved copy.
    row = (tid, *(["raw"] * len(FTS_COLUMNS)))
    con.execute(search_rows.INSERT_SQL, row)
    con.execute(search_rows.DOC_SQL, search_rows.pack(row))
    con.execute("COMMIT")


def desk_figures(path: Path) -> dict[str, float]:
    open_database(path)
    q = QueueService()
    out: dict[str, float] = {}
    for sort in (SortKey.SUBMITTED_AT, SortKey.PRIORITY, SortKey.TITLE, SortKey.NEXT_DUE):
        for label, statuses in (("open", OPEN), ("all", None)):
            flt = QueueFilter(statuses=statuses)
            out[f"page by {sort.value} ({label})"] = timed(
                lambda f=flt, s=sort: q.fetch_page(f, s, descending=True, limit=200), repeat=5
            )
    for word in ("打印", "数据库", "打", "printer", "VPN 断开"):
        flt = QueueFilter(statuses=None, text=word)
        out[f"search {word!r} (first page)"] = timed(
            lambda f=flt: q.fetch_page(f, SortKey.SUBMITTED_AT, descending=True, limit=200),
            repeat=5,
        )
    svc = WorkflowService(Context(operator="bench", workstation="bench"))
    draft = TicketDraft(
        title="基准测试工单",
        department="IT/基准",
        category=Category.OTHER,
        description="基准测试：测量一次保存工单所需的时间，包括编号、日志和索引",
        urgency=Urgency.LOW,
        impact=Impact.INDIVIDUAL,
        requester="bench",
        contact="内线0000",
        submitted_at=datetime.now().replace(second=0, microsecond=0),
    )
    out["save (create ticket)"] = timed(lambda: svc.create(draft), repeat=9)
    rec = svc.create(draft)
    state = {"v": rec.version}

    def edit() -> None:
        state["v"] = svc.update_fields(rec.id, state["v"], {"remarks": f"r{state['v']}"}).version

    out["save (edit ticket)"] = timed(edit, repeat=9)
    close_database()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", default="/tmp/deskbench")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"sqlite {sqlite3.sqlite_version}")
    for size in args.sizes:
        path = folder / f"demo-{size}.db"
        ensure_demo(path, size)
        raw = raw_baselines(path)
        ours = desk_figures(path)
        print(f"\n== {size:,} tickets ==")
        for name, secs in raw.items():
            print(f"  {name:<42} {secs * 1000:9.2f} ms   (baseline)")
        for name, secs in ours.items():
            if name.startswith("save"):
                insert = raw["raw insert (own file, FULL sync)"]
                same = raw["raw ticket save (same SQL, no Desk)"]
                print(
                    f"  {name:<42} {secs * 1000:9.2f} ms   ×{secs / insert:6.1f} vs raw insert,"
                    f" ×{secs / same:5.1f} vs raw ticket save"
                )
            else:
                ratio = secs / raw["raw page"]
                print(f"  {name:<42} {secs * 1000:9.2f} ms   ×{ratio:6.1f} vs raw page")


if __name__ == "__main__":
    main()
