"""Full-text search: Chinese of any length, English prefixes, mixed text, literal symbols."""

from __future__ import annotations

import re
from datetime import datetime

import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_gui.store import log_append, search
from desk_gui.store.backup import check_database
from desk_gui.store.database import database_path, fetch_all, write_transaction
from desk_gui.store.models import Ticket
from desk_gui.store.search import (
    apply_search,
    fts_query,
    rebuild_index,
    reindex_ticket,
    search_ticket_ids,
)
from tests.conftest import TicketFactory


@pytest.fixture
def corpus(make_ticket: TicketFactory) -> dict[str, int]:
    """A few tickets, each known by a short name."""
    made = {
        "printer": make_ticket(title="打印机无法打印", description="HP LaserJet 卡纸"),
        "network": make_ticket(title="网络断开", description="printer offline, VPN timeout"),
        "cpp": make_ticket(title="C++ 编译器报错", description="促销 50%_off 页面"),
        "sap": make_ticket(
            title="SAP 登录失败", requester="王小二", department="财务部", log=("重置密码后恢复",)
        ),
        "quotes": make_ticket(
            title='引号 "hello"', description="He said (NEAR) AND -x:y ^caret* back\\slash"
        ),
        "mixed": make_ticket(title="Outlook邮箱打不开", solution="重建OST文件后正常"),
    }
    return {name: t.id for name, t in made.items()}


def _find(query: str) -> set[int]:
    return set(search_ticket_ids(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("印", {"printer"}),  # one character
        ("打印", {"printer"}),  # two characters
        ("打印机", {"printer"}),  # three
        ("无法打印", {"printer"}),  # four
        ("机无", {"printer"}),  # across a word boundary inside a run of Chinese
        ("print", {"network"}),  # English prefix
        ("Printer", {"network"}),  # case folded
        ("printer offline", {"network"}),  # words are ANDed
        ("printer 财务", set()),
        ("laserjet", {"printer"}),
        ("outlook", {"mixed"}),  # latin glued to Chinese
        ("邮箱", {"mixed"}),
        ("Outlook邮箱", {"mixed"}),
        ("ost", {"mixed"}),  # in the solution
        ("重置密码", {"sap"}),  # in the handling log
        ("王小二", {"sap"}),  # requester
        ("财务部", {"sap"}),  # department
        ("IT20261121004", {"sap"}),  # number
        ("20261121004", {"sap"}),  # number without prefix
        ("打印 卡纸", {"printer"}),
        ("印打", set()),  # order matters inside a phrase
    ],
)
def test_finds(corpus: dict[str, int], query: str, expected: set[str]) -> None:
    assert _find(query) == {corpus[name] for name in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("C++", {"cpp"}),
        ("50%_off", {"cpp"}),
        ("50%", {"cpp"}),
        ('"hello"', {"quotes"}),
        ('"', {"quotes"}),
        ("(NEAR)", {"quotes"}),
        ("NEAR", {"quotes"}),
        ("AND", {"quotes"}),
        ("-x:y", {"quotes"}),
        ("x:y", {"quotes"}),
        ("^caret*", {"quotes"}),
        ("back\\slash", {"quotes"}),
        ("%", {"cpp"}),
        ("_", {"cpp"}),
        ("*", {"quotes"}),
        ("(", {"quotes"}),
        (":", {"quotes"}),
        ("-", {"quotes"}),
        ("OR", set()),
        ("NOT", set()),
        ("a OR b", set()),
        ("'", set()),
        ("，", {"network"}),  # NFKC: the full-width comma is the comma in "offline, VPN"
        ("。€", set()),  # only separators: nothing can match
    ],
)
def test_syntax_is_literal(corpus: dict[str, int], query: str, expected: set[str]) -> None:
    assert _find(query) == {corpus[name] for name in expected}


def test_blank_query_is_no_filter(corpus: dict[str, int]) -> None:
    assert _find("") == _find("   \t ") == set(corpus.values())
    query = Ticket.select(Ticket.id)
    assert apply_search(query, " ") is query


def test_limit_returns_newest_first(corpus: dict[str, int]) -> None:
    everything = search_ticket_ids("")
    assert everything == sorted(corpus.values(), reverse=True)
    assert search_ticket_ids("", limit=2) == everything[:2]
    assert search_ticket_ids("print", limit=1) == [corpus["network"]]


def test_apply_search_combines_with_other_conditions(corpus: dict[str, int]) -> None:
    query = Ticket.select(Ticket.id).where(Ticket.priority == "p3")
    ids = [t.id for t in list(apply_search(query, "打印"))]
    assert ids == [corpus["printer"]]


def test_reindex_follows_edits_and_log(corpus: dict[str, int]) -> None:
    tid = corpus["printer"]
    with write_transaction():
        Ticket.update(title="显示器黑屏").where(Ticket.id == tid).execute()
        log_append.append(tid, datetime(2026, 11, 21), "a", "note", "换线缆", None)
        reindex_ticket(tid)
    assert tid not in _find("打印机")
    assert _find("黑屏") == {tid}
    assert _find("线缆") == {tid}
    assert check_database(database_path()) == []  # type: ignore[arg-type]


def test_rebuild_index(corpus: dict[str, int]) -> None:
    with write_transaction() as db:
        search.search_rows.clear_index(db)  # contentless: FTS5 refuses a plain DELETE
    assert _find("打印") == set()
    assert rebuild_index() == len(corpus)
    assert _find("打印") == {corpus["printer"]}
    assert fetch_all("SELECT count(*) FROM ticket_fts") == [(len(corpus),)]


def test_fts_query_quotes_every_term() -> None:
    assert fts_query("打印 print") == '"打 印" "print"*'  # a CJK end is a whole token
    assert fts_query("   ") is None
    assert fts_query("。、€") is None
    for query in ['a"b', "x AND y", "NEAR(a b)", "col:val", "-neg", "^start"]:
        match = fts_query(query)
        assert match is not None
        # Only quoted phrases (no quote inside), each a prefix: no operator outside quotes.
        assert re.fullmatch(r'"[^"]+"\*?( "[^"]+"\*?)*', match), match


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=0, max_size=30))
def test_any_query_runs(db: pw.Database, query: str) -> None:
    search_ticket_ids(query)
    list(apply_search(Ticket.select(Ticket.id), query))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_text_finds_itself(make_ticket: TicketFactory, text: str) -> None:
    ticket = make_ticket(title=text[:64])
    if search.fts_query(text) is not None:
        assert ticket.id in _find(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=5))
def test_log_lines_index_as_the_joined_log(lines: list[str]) -> None:
    # Bulk loads index the log line by line (memoised); the index must not tell the difference.
    assert search.index_lines(lines) == search.index_text("\n".join(lines))
    assert search.index_lines(lines, search.IndexTextMemo().__getitem__) == search.index_lines(
        lines
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                "a\u0301\u0308\u3099\u309a\u304b\u1100\u1161\u11a8 \t\n\x00.é"
            ),
            max_size=6,
        ),
        max_size=4,
    )
)
def test_log_lines_index_as_the_joined_log_at_combining_edges(lines: list[str]) -> None:
    # Combining marks, jamo and separators at line edges: NFKC never composes across a line.
    assert search.index_lines(lines) == search.index_text("\n".join(lines))
