"""The knowledge base on PostgreSQL: its Python BM25 ranks as SQLite's FTS5 does.

Runs against ``DESK_TEST_PG_URL`` like tests/store/test_postgres.py (skipped without it).
"""

from __future__ import annotations

from pathlib import Path

from desk_gui.domain.kb import ArticleStatus
from desk_gui.services.context import Context
from desk_gui.services.kb import KnowledgeService
from desk_gui.store.database import close_database, open_database
from tests.kb.evaluation import evaluate, load_articles
from tests.store.test_postgres import pg_url  # noqa: F401  (skips the module without a server)


def _run(target: str) -> tuple[float, float, list[list[int]]]:
    open_database(target)
    try:
        kb = KnowledgeService(Context(operator="t", workstation="w"))
        ids = load_articles(kb, "eval_articles.csv")
        result = evaluate(kb, ids, "eval_queries.csv")
        first = kb.list("打印机")[0]
        kb.retire(first.id, kb.get(first.id).version)
        assert kb.get(first.id).status is ArticleStatus.RETIRED
        orders = [[h.id for h in kb.articles(q, limit=5)] for q in ("VPN 809", "打印机 离线")]
        return result.top1, result.top3, orders
    finally:
        close_database()


def test_postgres_ranks_like_sqlite(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    on_pg = _run(pg_url)
    on_sqlite = _run(str(tmp_path / "kb.db"))
    assert on_pg[1] >= 0.90 and on_pg[0] >= 0.70
    assert on_pg == on_sqlite


def _tickets_and_duplicates(target: str) -> tuple[list[str], list[str]]:
    from datetime import datetime

    from desk_gui.services.workflow import WorkflowService
    from tests.services.conftest import Clock, make_draft

    open_database(target)
    try:
        ctx = Context(operator="t", workstation="w", clock=Clock(datetime(2024, 5, 6, 9, 15)))
        desk, kb = WorkflowService(ctx), KnowledgeService(ctx)
        rec = desk.create(make_draft(title="VPN报错809", description="在家连VPN报错809"))
        rec = desk.take(rec.id, rec.version)
        desk.resolve(rec.id, rec.version, "路由器开启IPSec直通后恢复")
        desk.create(make_draft(title="打印机显示脱机", requester="王芳"))
        tickets = [t.title for t in kb.tickets("同事在家连VPN提示809")]
        dups = [d.title for d in kb.duplicates("打印机脱机了", "", "王芳", "")]
        return tickets, dups
    finally:
        close_database()


def test_postgres_tickets_and_duplicates(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    on_pg = _tickets_and_duplicates(pg_url)
    assert on_pg == (["VPN报错809"], ["打印机显示脱机"])
    assert on_pg == _tickets_and_duplicates(str(tmp_path / "kb.db"))
