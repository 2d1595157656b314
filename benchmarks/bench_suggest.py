"""Suggestion latency while a call is typed (issue 12), beside raw FTS queries in the same run.

Usage: python benchmarks/bench_suggest.py --db /tmp/deskbench/demo-1000000.db [--articles 10000]
Adds generated articles to the demo file once (published, seeded), then replays caller-style
queries keystroke by keystroke: each prefix is one ``KnowledgeService.suggest`` call (articles,
similar resolved tickets through the ticket search, duplicate open tickets). Baselines, measured
in the same run on a plain sqlite3 connection: one raw FTS5 lookup of a two-character phrase in
the ticket index (newest 20), and one raw bm25-ranked OR query over the article index.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from desk_gui.domain import kb_match
from desk_gui.domain.enums import Category
from desk_gui.domain.kb import ArticleDraft
from desk_gui.services.context import Context
from desk_gui.services.kb import KnowledgeService
from desk_gui.store.database import close_database, open_database, write_transaction
from desk_gui.store.models import KbArticle

QUERIES = (
    ("三楼那台惠普打不出来", "显示离线，重启过电脑"),
    ("VPN连不上", "在家连VPN报错809"),
    ("outlook一直弹框让我输密码", ""),
    ("电脑蓝屏了代码7E", "开机就蓝屏"),
    ("printer says offline", "cannot print since this morning"),
    ("dyj lx", ""),
    ("会议室无线网信号很差", "网页半天打不开"),
    ("CRM数据库连接错误", "3名销售无法录入客户"),
)
DEVICES = ("打印机", "复印机", "笔记本", "台式机", "显示器", "投影仪", "扫描仪", "路由器", "电话")
SYSTEMS = ("OA系统", "ERP", "CRM", "Outlook", "Foxmail", "VPN", "Wi-Fi", "企业微信", "财务系统")
PROBLEMS = ("无法启动", "连接失败", "提示错误", "运行很慢", "无响应", "登录失败", "显示离线",
            "报错退出", "数据不同步", "权限不足")  # fmt: skip
FIXES = ("重启服务", "更新驱动", "清除缓存", "重新安装客户端", "检查网线", "重置密码", "联系供应商")


def generated_articles(n: int, seed: int = 12) -> list[ArticleDraft]:
    """``n`` plausible, overlapping articles (the kind that compete for a query)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        thing = rnd.choice(DEVICES + SYSTEMS)
        problem = rnd.choice(PROBLEMS)
        code = f"0x{rnd.randrange(16**4):08X}" if rnd.random() < 0.3 else ""
        title = f"{thing}{problem}{' ' + code if code else ''}（{i}）"
        out.append(
            ArticleDraft(
                title=title,
                symptom=f"用户反映{thing}{problem}，{rnd.choice(PROBLEMS)}。{code}",
                cause=f"{rnd.choice(DEVICES + SYSTEMS)}配置变更",
                solution="；".join(rnd.sample(FIXES, 3)),
                category=rnd.choice(list(Category)),
                keywords=f"{thing} {problem} {code}",
            )
        )
    return out


def ensure_articles(kb: KnowledgeService, n: int) -> int:
    have = KbArticle.select().count()
    if have >= n:
        return have
    with write_transaction():
        for draft in generated_articles(n - have, seed=have):
            art = kb.create(draft)
            kb.publish(art.id, art.version)
    return KbArticle.select().count()


def timed(fn: Callable[..., object], *args: object, **kwargs: object) -> float:
    t0 = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t0


def keystrokes() -> list[tuple[str, str]]:
    """Every third prefix of each query's title, then the title with its description."""
    out = []
    for title, description in QUERIES:
        out += [(title[:k], "") for k in range(3, len(title) + 1, 3)]
        out.append((title, description))
    return out


def stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms"


def bench(path: Path, articles: int) -> None:
    open_database(path)
    try:
        kb = KnowledgeService(Context(operator="bench", workstation="bench"))
        t0 = time.perf_counter()
        total = ensure_articles(kb, articles)
        print(f"{path.name}: {total:,} articles ready in {time.perf_counter() - t0:.1f} s")
        strokes = keystrokes()
        for title, description in strokes[:3]:  # warm the page cache as a running window has
            kb.suggest(title, description, requester="王芳", department="财务部/上海总部")
        parts: dict[str, list[float]] = {"suggest": [], "articles": [], "tickets": [], "dups": []}
        for title, description in strokes:
            text = f"{title}\n{description}"
            who = {"requester": "王芳", "department": "财务部/上海总部"}
            parts["suggest"].append(timed(kb.suggest, title, description, **who))
            parts["articles"].append(timed(kb.articles, text))
            parts["tickets"].append(timed(kb.tickets, text))
            parts["dups"].append(timed(kb.duplicates, title, description, *who.values()))
    finally:
        close_database()
    con = sqlite3.connect(path)
    raw_ticket = (
        "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid DESC LIMIT 20"
    )
    raw_kb = (
        "SELECT rowid, bm25(kb_fts, 10.0, 8.0, 1.0) AS r FROM kb_fts WHERE kb_fts MATCH ? "
        "ORDER BY r LIMIT 5"
    )

    def raw(sql: str, param: object) -> None:
        con.execute(sql, (param,)).fetchall()

    base_ticket = [timed(raw, raw_ticket, '"打 印"') for _ in strokes]
    base_kb = [
        timed(raw, raw_kb, kb_match.fts_match(kb_match.query_tokens(f"{t}\n{d}")))
        for t, d in strokes
    ]
    con.close()
    print(f"  {len(strokes)} keystrokes")
    print(f"  suggest (all three)      {stats(parts['suggest'])}")
    print(f"    articles               {stats(parts['articles'])}")
    print(f"    resolved tickets       {stats(parts['tickets'])}")
    print(f"    duplicates             {stats(parts['dups'])}")
    print(f"  baseline raw FTS ticket  {stats(base_ticket)}   ('打 印', newest 20)")
    print(f"  baseline raw bm25 kb     {stats(base_kb)}   (the same OR query, top 5)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", action="append", required=True, help="a demo file (repeatable)")
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    for db in args.db:
        if not Path(db).exists():
            print(f"{db}: missing (run bench_store.py or desk-gui demo first)")
            continue
        bench(Path(db), args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
