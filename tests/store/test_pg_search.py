"""PostgreSQL's search rows (pg_search) cut the same tokens as SQLite's FTS5 and match alike.

No server needed: the rows and terms are evaluated here as the SQL does (array containment,
the prefix's words, the phrase's regular expression on ``doc``) and compared with an FTS5
table fed the same index rows. The server itself is compared with brute force in
test_search_oracle.py.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from desk_gui.store import pg_query, pg_search, schema, search, search_text

TEXTS = [
    "打印机无法打印，卡纸了",
    "打印、机器",  # a separator between two CJK characters: FTS5 still sees them side by side
    "Café crème brûlée at the CAFÉ",
    "C++ and 50%_off; e-mail: a.b@example.com",
    "VPN 断开后 Outlook 无法同步",
    "T2026-000123 工单 T2026-000124",
    "ＡＢＣ全角 ｱｲｳ ①②",
    "Straße groß ÅNGSTRÖM",
    "printer reprint printing print",
    "数据库连接超时 database timeout",
    "状态 待处理 处理中 Win10系统 U盘 5G网络",  # 4-grams across words; words joined to CJK
]
QUERIES = [
    "打", "打印", "印机", "机器", "无法打印", "卡纸", "打印 卡纸", "cafe", "CAFÉ", "creme",
    "C++", "50%", "e-mail", "example.com", "vpn 断开", "outlook", "T2026-000123", "000124",
    "2026", "abc", "全角", "ｱｲｳ", "strasse", "straße", "gross", "angstrom", "print", "reprint",
    "prin", "数据库", "据库连", "连接超时 timeout", "nothing", "量子", "待处理中", "态待处理",
    "vpn断开", "vpn断", "断开后outlook", "断开后out", "无法同步", "win10系统", "win10", "u盘",
    "5g网络", "系统u盘", "统u", "g网", "10系", "u盘5g", "待处理处理中",
]  # fmt: skip


def _fts5() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute(schema.SQLITE_FTS_SQL)
    for i, text in enumerate(TEXTS, 1):
        con.execute(
            f'INSERT INTO "{schema.FTS_TABLE}" (rowid, {", ".join(schema.FTS_COLUMNS)}) '
            f"VALUES (?, {', '.join('?' * len(schema.FTS_COLUMNS))})",
            (i, search.index_text(text), *[""] * (len(schema.FTS_COLUMNS) - 1)),
        )
    return con


def _pg_matches(rows: list[pg_search.Row], query: str) -> set[int]:
    """What the SQL of pg_query.where_sql selects, evaluated in Python."""
    vocabulary = set().union(*(r.words for r in rows))
    hits = set()
    terms = [
        pg_query.term_of(t, search_text.stands_alone(t[-1])) for t in search.query_terms(query)
    ]
    for row in rows:
        ok = True
        for term in terms:
            assert term is not None
            ok = ok and set(term.exact) <= set(row.tokens)
            expanded = True
            if term.prefix:
                words = {w for w in vocabulary if w.startswith(term.phrase[-1])}
                ok = ok and bool(words & set(row.tokens))
            if term.needs_recheck(expanded):
                regex = term.boundary_regex()  # strpos, then the regular expression if any
                ok = ok and term.needle in row.doc
                ok = ok and (regex is None or re.search(regex, row.doc) is not None)
        if ok and terms:
            hits.add(row.id)
    return hits


def test_tokens_and_matches_equal_fts5() -> None:
    con = _fts5()
    rows = [pg_search.row_of([i, search.index_text(t)]) for i, t in enumerate(TEXTS, 1)]
    for query in QUERIES:
        match = search.fts_query(query)
        sql = f'SELECT rowid FROM "{schema.FTS_TABLE}" WHERE "{schema.FTS_TABLE}" MATCH ?'
        expected = {r[0] for r in con.execute(sql, (match,))} if match else set()
        assert _pg_matches(rows, query) == expected, query


def test_standalone_characters_agree_with_the_index() -> None:
    for ch in "打印가あア\ue02b𠀀":
        assert pg_search.alone(ch) == search_text.stands_alone(ch), ch
    for ch in "aZ09éß":
        assert not pg_search.alone(ch)


def test_row_keeps_bigrams_words_and_columns_apart() -> None:
    row = pg_search.row_of([7, search.index_text("打印、机 Printer"), search.index_text("卡纸")])
    assert {"打印", "印机", "打印机", "printer"} <= set(row.tokens)
    assert "机卡" not in row.tokens  # two columns: no bigram across them
    assert "印机卡" not in row.tokens
    assert row.words == {"printer"}
    assert row.doc == "打 印 机 printer\n卡 纸"


def test_row_keeps_four_grams_and_joins_of_words_and_cjk() -> None:
    row = pg_search.row_of([7, search.index_text("VPN断开 打印机卡纸 x"), search.index_text("U盘")])
    # a space between CJK characters: FTS5 sees them side by side, so does the 4-gram
    assert {"打印机卡", "印机卡纸", "开打印机", "vpn 断", "纸 x", "u 盘"} <= set(row.tokens)
    assert "开 打" not in row.tokens  # a join pairs a word with a CJK character only
    assert "x u" not in row.tokens  # two columns: no join across them
    assert row.words == {"vpn", "x", "u"}


@pytest.mark.parametrize(
    ("query", "recheck"),
    [
        ("打", False),
        ("打印", False),
        ("数据库", False),  # a trigram
        ("无法打印", False),  # a 4-gram
        ("全公司网络中断", True),
        ("vpn断", False),  # a word joined to a CJK character
        ("vpn断开", True),
        ("u盘", False),
        ("printer", False),
        ("T2026-1", True),
    ],
)
def test_only_phrases_are_rechecked(query: str, recheck: bool) -> None:
    (spread,) = search.query_terms(query)
    term = pg_query.term_of(spread, search_text.stands_alone(spread[-1]))
    assert term is not None
    assert term.needs_recheck(expanded=True) is recheck


@pytest.mark.parametrize(
    ("query", "share", "rows", "passing", "plan"),
    [
        ("打印", 0.3, 1e6, 1.0, "exists"),  # no recheck: walk when common
        ("打印", 0.3, 2e4, 1.0, "exists"),  # common: walk, however few the tickets
        ("打印", 0.001, 1e6, 1.0, "collect"),
        ("打印", 0.02, 1e6, 1.0, "probe"),  # 20,000: a hashed set, a short walk
        ("全公司网络中断", 0.0125, 1e6, 1.0, "probe"),  # 12,500 candidates: recheck what is shown
        ("全公司网络中断", 0.0125, 2e4, 1.0, "collect"),  # 250: recheck them all
        ("全公司网络中断", 0.3, 1e6, 1.0, "exists"),
        ("全公司网络中断", 0.08, 1e6, 0.1, "probe"),  # most candidates fail: a walk would be long
        ("全公司网络中断", 0.3, 1e6, 0.05, "exists"),  # too many candidates for a hashed set
        ("全公司网络中断", 0.3, 2e5, 0.05, "probe"),  # 60,000 candidates
        ("全公司网络中断", 1.0, 1e6, 0.0, "collect"),  # none of the sample passes
        ("全公司网络中断", 0.0, 1e6, 1.0, "collect"),  # a 4-gram rarer than every listed one
    ],
)
def test_a_page_plan_follows_the_shares(
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    share: float,
    rows: float,
    passing: float,
    plan: str,
) -> None:
    terms = pg_query.terms_of(query)
    shares = {e: share for t in terms for e in t.exact}
    monkeypatch.setattr(pg_query, "_statistics", lambda db: (shares, rows))
    monkeypatch.setattr(pg_query, "passing_share", lambda db, where: passing)
    assert pg_query.page_plan(None, terms) == plan  # type: ignore[arg-type]
