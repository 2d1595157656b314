"""The article index: each article's title, keywords and body as matching tokens, ranked by BM25.

SQLite: an FTS5 table (rowid = article id) whose columns hold the tokens of ``domain.kb_match``
space-joined, queried as an OR of quoted tokens and ranked with ``bm25()`` (title and keywords
weighted above the body). PostgreSQL: the same tokens in a plain table; the articles sharing a
token are read by ``LIKE`` and ranked in Python with FTS5's own BM25 formula, so both engines
order alike (thousands of articles, not millions: the candidates are few enough to rank here).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desk_gui.domain import kb_match
from desk_gui.store import schema
from desk_gui.store.database import current_database, fetch_all, is_sqlite

WEIGHTS: tuple[float, float, float] = (10.0, 8.0, 1.0)
"""BM25 weight of a token found in the title, the keywords, the body."""
_K1, _B = 1.2, 0.75


@dataclass(frozen=True)
class Hit:
    """An article found for a query and its score (higher is better)."""

    article_id: int
    score: float


def index_row(title: str, keywords: str, body: str) -> tuple[str, str, str]:
    """The three indexed columns of an article."""
    return (
        kb_match.index_text(title, pinyin=True),
        kb_match.index_text(keywords, pinyin=True),
        kb_match.index_text(body),
    )


def write(article_id: int, title: str, keywords: str, body: str) -> None:
    """(Re)index one article; call inside the transaction that saves it."""
    cols = index_row(title, keywords, body)
    db = current_database()
    delete(article_id)
    if is_sqlite():
        db.execute_sql(
            f'INSERT INTO "{schema.KB_FTS_TABLE}" (rowid, title, keywords, body) '
            "VALUES (?, ?, ?, ?)",
            (article_id, *cols),
        )
        return
    length = sum(len(c.split()) for c in cols)
    padded = tuple(f" {c} " for c in cols)
    db.execute_sql(
        f'INSERT INTO "{schema.KB_PG_TABLE}" (article_id, title, keywords, body, length) '
        "VALUES (%s, %s, %s, %s, %s)",
        (article_id, *padded, length),
    )


def delete(article_id: int) -> None:
    db = current_database()
    if is_sqlite():
        db.execute_sql(f'DELETE FROM "{schema.KB_FTS_TABLE}" WHERE rowid = ?', (article_id,))
    else:
        db.execute_sql(f'DELETE FROM "{schema.KB_PG_TABLE}" WHERE article_id = %s', (article_id,))


def _filters(statuses: Sequence[str], category: str | None, p: str) -> tuple[str, list[object]]:
    sql, params = "", list[object]()
    if statuses:
        sql += f" AND a.status IN ({', '.join(p for _ in statuses)})"
        params += list(statuses)
    if category:
        sql += f" AND a.category = {p}"
        params.append(category)
    return sql, params


def search(
    text: str,
    *,
    limit: int = 10,
    statuses: Sequence[str] = ("published",),
    category: str | None = None,
) -> list[Hit]:
    """The best articles for ``text``, best first (nothing for a text without tokens)."""
    tokens = kb_match.query_tokens(text)
    if not tokens:
        return []
    if is_sqlite():
        return _search_fts(tokens, limit, statuses, category)
    return _search_python(tokens, limit, statuses, category)


def _search_fts(
    tokens: list[str], limit: int, statuses: Sequence[str], category: str | None
) -> list[Hit]:
    match = kb_match.fts_match(tokens)
    where, params = _filters(statuses, category, "?")
    table = schema.KB_FTS_TABLE
    w = ", ".join(str(x) for x in WEIGHTS)
    # Rank inside the index first (a CTE FTS5 answers alone), then keep the wanted statuses.
    sql = (
        f'WITH m AS (SELECT rowid AS id, bm25("{table}", {w}) AS rank FROM "{table}" '
        f'WHERE "{table}" MATCH ?) SELECT m.id, m.rank FROM m JOIN "kb_article" a ON a.id = m.id '
        f"WHERE 1 = 1{where} ORDER BY m.rank, m.id LIMIT ?"
    )
    rows = fetch_all(sql, [match, *params, limit])
    return [Hit(int(r[0]), round(-float(r[1]), 3)) for r in rows]


def _search_python(
    tokens: list[str], limit: int, statuses: Sequence[str], category: str | None
) -> list[Hit]:
    table = schema.KB_PG_TABLE
    total, avg_len = fetch_all(f'SELECT count(*), avg(length) FROM "{table}"')[0]
    if not total:
        return []
    where, params = _filters(statuses, category, "%s")
    text = "(i.title || i.keywords || i.body)"
    any_token = " OR ".join(f"{text} LIKE %s" for _ in tokens)
    sql = (
        f'SELECT i.article_id, i.title, i.keywords, i.body, i.length FROM "{table}" i '
        f'JOIN "kb_article" a ON a.id = i.article_id WHERE ({any_token}){where}'
    )
    rows = fetch_all(sql, [f"% {t} %" for t in tokens] + params)
    docs = [(int(r[0]), (r[1].split(), r[2].split(), r[3].split()), int(r[4])) for r in rows]
    scored = rank(tokens, docs, int(total), float(avg_len or 1))
    return scored[:limit]


def rank(
    tokens: Iterable[str],
    docs: Sequence[tuple[int, tuple[list[str], list[str], list[str]], int]],
    total: int,
    avg_len: float,
) -> list[Hit]:
    """FTS5's BM25 in Python over (id, columns' tokens, length); ``docs`` hold every match."""
    tokens = list(tokens)
    freq = [
        [sum(WEIGHTS[c] * cols[c].count(t) for c in range(3)) for t in tokens]
        for _, cols, _ in docs
    ]
    hits: list[Hit] = []
    idf = []
    for j in range(len(tokens)):
        n = sum(1 for f in freq if f[j])
        value = math.log((total - n + 0.5) / (n + 0.5)) if n else 0.0
        idf.append(value if value > 0 else 1e-6)
    for (article_id, _cols, length), f in zip(docs, freq, strict=True):
        norm = _K1 * (1 - _B + _B * length / avg_len)
        score = sum(idf[j] * f[j] * (_K1 + 1) / (f[j] + norm) for j in range(len(tokens)) if f[j])
        hits.append(Hit(article_id, round(score, 3)))
    hits.sort(key=lambda h: (-h.score, h.article_id))
    return hits


def rebuild(rows: Iterable[tuple[int, str, str, str]]) -> int:
    """Index every (id, title, keywords, body) afresh; how many."""
    db = current_database()
    db.execute_sql(f'DELETE FROM "{schema.KB_FTS_TABLE if is_sqlite() else schema.KB_PG_TABLE}"')
    n = 0
    for article_id, title, keywords, body in rows:
        write(article_id, title, keywords, body)
        n += 1
    return n
