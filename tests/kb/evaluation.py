"""The matching evaluation: load an article set, ask its caller-style queries, count hits."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from desk_gui.domain.enums import Category
from desk_gui.domain.kb import ArticleDraft
from desk_gui.services.kb import KnowledgeService

HERE = Path(__file__).parent


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_articles(kb: KnowledgeService, *names: str) -> dict[str, int]:
    """Publish every article of the named CSV files; their key → article id."""
    ids: dict[str, int] = {}
    for name in names:
        for row in _rows(HERE / name):
            draft = ArticleDraft(
                title=row["标题"], symptom=row["现象"], cause=row["原因"],
                solution=row["解决方法"], category=Category.parse(row["问题类型"]),
                keywords=row["关键词"],
            )  # fmt: skip
            art = kb.create(draft)
            ids[row["key"]] = kb.publish(art.id, art.version).id
    return ids


@dataclass
class Result:
    top1: float
    top3: float
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)


def evaluate(kb: KnowledgeService, ids: dict[str, int], queries: str) -> Result:
    """Top-1 and top-3 hit rates of the queries in ``queries`` (a CSV: query, expected)."""
    keys = {v: k for k, v in ids.items()}
    rows = _rows(HERE / queries)
    first = third = 0
    misses = []
    for row in rows:
        found = [keys[h.id] for h in kb.articles(row["query"], limit=3)]
        first += bool(found) and found[0] == row["expected"]
        third += row["expected"] in found
        if not found or found[0] != row["expected"]:
            misses.append((row["query"], row["expected"], found))
    return Result(first / len(rows), third / len(rows), misses)
