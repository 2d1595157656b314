"""PostgreSQL search benchmark (issue 11's last row): first page and capped count per query kind.

Usage: python benchmarks/bench_pg_search.py --url postgresql://desk:desk@127.0.0.1/desk_big
(a database filled by ``benchmarks/pg_fill.py``; read-only here).

Each query kind is asked through Desk's queue (``QueueService``: first page of 200 in the
queue's order, newest first, and the window's count capped at 10,000) and, in the same run, the
way Desk asked before schema 14: ``ILIKE '%word%'`` over the ticket's columns (a scan for a
word under 3 characters, which trigrams cannot index; the log is left out, so this baseline is
if anything too kind). The floor: an unfiltered first page.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from timing import timed

from desk_gui.services.queue import QueueFilter, QueueService, SortKey
from desk_gui.store import search
from desk_gui.store.database import close_database, fetch_all, open_database

COLUMNS = ("number", "title", "description", "solution", "requester", "department")
TEXT = "(" + " || ' ' || ".join(f'"{c}"' for c in COLUMNS) + ")"
FLOOR = 'SELECT "id" FROM "ticket" ORDER BY "submitted_at" DESC, "id" DESC LIMIT 200'


PATHOLOGICAL = "every trigram in every ticket, never adjacent"
"""A phrase no token can narrow: every ticket is a candidate and each is checked."""


def queries() -> list[tuple[str, str]]:
    """(what, query): common and rare, 1, 2, 3+ characters, English, two words, a number."""
    top = int(fetch_all('SELECT max("id") FROM "ticket"')[0][0])
    number = str(fetch_all('SELECT "number" FROM "ticket" WHERE "id" = %s', [top // 2])[0][0])
    return [
        ("Chinese, 1 char, common", "打"),
        ("Chinese, 1 char", "屏"),
        ("Chinese, 1 char, rare", "鼠"),
        ("Chinese, 2 chars, common", "无法"),
        ("Chinese, 2 chars, every ticket", "工单"),
        ("Chinese, 2 chars", "卡纸"),
        ("Chinese, 2 chars, rare", "补丁"),
        ("Chinese, 3 chars", "数据库"),
        ("Chinese, 3 chars, every ticket", "处理中"),
        ("Chinese, 4 chars", "无法打印"),
        ("Chinese, 4 chars, rare", "冗余电源"),
        ("Chinese, 7 chars", "全公司网络中断"),
        ("Chinese, 10 chars", "切换冗余电源恢复网络"),
        ("Chinese, repeated chars", "哈哈哈哈"),
        ("English", "printer"),
        ("English, short prefix", "pr"),
        ("English, whole word", "macro"),
        ("English, no match", "xyzzy"),
        ("two words, Chinese", "打印 卡纸"),
        ("two words, mixed", "VPN 断开"),
        ("one word, mixed", "VPN断开"),
        ("two words, English", "outlook password"),
        ("one word, mixed, common", "CRM系统"),
        ("one word, mixed", "Win10系统"),
        ("one word, mixed, short", "U盘"),
        ("one word, mixed, digits", "5G网络"),
        ("Chinese, 9 chars, a common title", "会议室无线网络掉线"),
        ("Chinese, 9 chars, two titles", "打印机卡纸无法打印"),
        ("Chinese, 6 chars, every ticket", "待处理处理中"),
        ("Chinese, 5 chars, across titles", "开机邮件客"),
        ("ticket number", number),
        ("number, digits only", number[-6:]),
        ("nothing matches", "量子纠缠"),
        ("common chars, nothing matches", "处理中断"),
        (PATHOLOGICAL, "待处理中"),
    ]


@dataclass(frozen=True)
class Figures:
    what: str
    text: str
    count: int
    exact: bool
    page_s: float
    count_s: float
    ilike_s: float
    plan: str = ""


def _ilike_page(text: str) -> None:
    where = " AND ".join(f"{TEXT} ILIKE %s" for _ in text.split())
    sql = (
        f'SELECT "id" FROM "ticket" WHERE {where} ORDER BY "submitted_at" DESC, "id" DESC LIMIT 200'
    )
    fetch_all(sql, [f"%{w}%" for w in text.split()])


def measure(url: str) -> tuple[float, list[Figures]]:
    """The unfiltered page's time and every query kind's figures on ``url``."""
    open_database(url, migrate=False)
    try:
        q = QueueService()
        floor = timed(lambda: fetch_all(FLOOR))
        out = []
        for what, text in queries():
            flt = QueueFilter(statuses=None, text=text)
            page = timed(lambda f=flt: q.fetch_page(f, SortKey.SUBMITTED_AT, descending=True))
            found, exact = q.count_capped(flt)
            count = timed(lambda f=flt: q.count_capped(f))
            ilike = timed(lambda t=text: _ilike_page(t), repeat=1)
            plan = search.page_plan(text).value
            out.append(Figures(what, text, found, exact, page, count, ilike, plan))
        return floor, out
    finally:
        close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    args = parser.parse_args()
    floor, rows = measure(args.url)
    print(f"  {'unfiltered first page (floor)':<48} {floor * 1e3:8.1f} ms")
    print(f"  {'query':<48} {'hits':>8} {'page':>9} {'count':>9} {'ILIKE':>9} {'×':>7}  plan")
    for r in rows:
        hits = f"{r.count:,}" + ("" if r.exact else "+")
        label = f"{r.what} {r.text!r}"
        print(
            f"  {label:<48} {hits:>8} {r.page_s * 1e3:7.1f}ms {r.count_s * 1e3:7.1f}ms"
            f" {r.ilike_s * 1e3:7.0f}ms {r.ilike_s / r.page_s:6.0f}×  {r.plan}"
        )


if __name__ == "__main__":
    main()
