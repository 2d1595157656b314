"""Search benchmark (issue 11's rows): first page, match count, two-word queries, file size.

Usage: python benchmarks/bench_search.py --db /tmp/deskbench/demo-1000000.db
Read-only: opens the demo file and asks questions. Each Desk figure is printed beside a raw
sqlite3 baseline measured in the same run: the same question written the plain way (every match
joined to its ticket and sorted; a count over the join), and the floor of an unfiltered page.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from timing import timed

from desk_gui.services.queue import QueueFilter, QueueService, SortKey
from desk_gui.store import search
from desk_gui.store.database import close_database, open_database

ROWS = 100
"""A page as the window reads it (ui.queue.ticket_table_model.PAGE_SIZE)."""
PAGE = (
    "SELECT id, number, title, submitted_at FROM ticket {where} "
    f"ORDER BY submitted_at DESC, id DESC LIMIT {ROWS}"
)
NAIVE = "WHERE id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)"
COUNT = "SELECT count(*) FROM ticket WHERE id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)"


def queries(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """(what, query): common and rare, 1, 2, 3+ characters, English, two words, a number."""
    top = con.execute("SELECT max(id) FROM ticket").fetchone()[0]
    number = con.execute("SELECT number FROM ticket WHERE id = ?", (top // 2,)).fetchone()[0]
    return [
        ("1 char", "打"),
        ("2 chars, common", "无法"),
        ("2 chars, every ticket", "工单"),
        ("2 chars", "打印"),
        ("3 chars", "数据库"),
        ("7 chars, ~1%", "全公司网络中断"),
        ("English", "printer"),
        ("English, no match", "laserjet"),
        ("two words, mixed", "VPN 断开"),
        ("two words, Chinese", "打印 卡纸"),
        ("ticket number", number),
        ("nothing matches", "量子纠缠"),
    ]


def run(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    floor = timed(lambda: con.execute(PAGE.format(where="")).fetchall())
    print(f"sqlite {sqlite3.sqlite_version}; {path} ({path.stat().st_size / 1e9:.2f} GB)")
    print(f"  {'raw page, no search (floor)':<44} {floor * 1000:8.1f} ms")
    asked = queries(con)
    open_database(path, migrate=False)
    q = QueueService()
    header = f"  {'query':<30} {'hits':>8} {'plan':>8} {'page':>9} {'raw':>9} {'×':>6}"
    print(header + f" {'count':>9} {'raw':>9} {'×':>6} {'capped':>9}")
    try:
        for what, text in asked:
            match = search.fts_query(text)
            flt = QueueFilter(statuses=None, text=text)
            page = timed(
                lambda f=flt: q.fetch_page(f, SortKey.SUBMITTED_AT, descending=True, limit=ROWS)
            )
            raw_page = timed(lambda m=match: con.execute(PAGE.format(where=NAIVE), (m,)).fetchall())
            hits = q.count(flt)
            count = timed(lambda f=flt: q.count(f), repeat=1)
            raw_count = timed(lambda m=match: con.execute(COUNT, (m,)).fetchall(), repeat=1)
            # Absent from the code before issue 11: the script also measures that code.
            capped_fn = getattr(q, "count_capped", None)
            capped = timed(lambda f=flt, c=capped_fn: c(f)) if capped_fn else float("nan")
            plan = search.page_plan(text, ROWS).value if hasattr(search, "page_plan") else "-"
            label = f"{what} {text!r}"
            print(
                f"  {label:<30} {hits:>8} {plan:>8} {page * 1e3:7.1f}ms {raw_page * 1e3:7.1f}ms"
                f" {page / raw_page:6.2f} {count * 1e3:7.1f}ms {raw_count * 1e3:7.1f}ms"
                f" {count / raw_count:6.2f} {capped * 1e3:7.1f}ms"
            )
    finally:
        close_database()
    sizes(con)
    con.close()


def sizes(con: sqlite3.Connection) -> None:
    """Where the file's bytes go (the dbstat table, when this SQLite has it)."""
    try:
        rows = con.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8"
        ).fetchall()
    except sqlite3.OperationalError:
        return
    print("  largest objects: " + ", ".join(f"{n} {b / 1e6:.0f} MB" for n, b in rows))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, action="append", required=True)
    args = parser.parse_args()
    for path in args.db:
        run(path)


if __name__ == "__main__":
    main()
