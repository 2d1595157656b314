"""Masked CSV lines made by SQLite (the cells masking leaves alone, and the free and log cells
of tickets with nothing to mask) equal the ones made cell by cell, byte for byte, on texts that
look like a name or a number and are not, and ones that are."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_gui.store.database import current_database
from desk_gui.store.log_authors import ids_of
from desk_gui.store.queue import ticket_ids
from tests.exchange.test_export_csv_sql import db as db  # the fixture
from tests.exchange.test_export_log_cells import _both, _by_cell_count, _cells

# (requester, description, contact, a log line): names inside words and in any case, numbers
# split by spaces and dashes, full-width digits and spaces, a name that is also a word.
TRICKY = [
    ("王小明", "王小明的打印机坏了", "13912345678", "联系王小明*确认"),
    ("王小明", "小王小明白了", "139 1234 5678", "王小 明 不是他"),
    ("Alice Tan", "ALICE   TAN called; alicetan is not her", "alice.tan@example.com", "tan alice"),
    ("Alice Tan", "Alice\u3000Tan 来电", "+86-138-0715-9952", "Malice Tanner 无关"),
    ("Wang", "wang WANG Wangfujing", "010-6543 2100 转 123", "Mr. wang said"),
    ("E12345", "工号 e12345 报修", "内线 12345", "E123456 不是他"),
    ("李", "李子 李工 都不是人名", "１３９１２３４５６７８", "全角：１２３４"),
    ("打印", "打印机不能打印", "分机 1234", "打印好了"),  # a name that is also a word
    ("陈静", "版本 1.2.3.4，错误 0x1F", "无", "优先级 P3 → P2"),
    ("David Lim", "no digits and no name", "", ""),
    ("周婷", "周婷婷来过", "12-34", "1 2 3 4"),
    ("  赵强 ", "赵强说", "+86 139-1234-5678", "赵 强"),
    ("孙伟", "全角数字不是号码（as ever）", "＋86 139-1234-5678", "孙伟孙伟"),
]


def _tricky(rows: list[tuple[str, str, str, str]] = TRICKY) -> None:
    store = current_database()
    author = ids_of(store, ["李工"])["李工"]
    for k, i in enumerate(ticket_ids(None)):
        requester, description, contact, line = rows[k % len(rows)]
        store.execute_sql(
            "UPDATE ticket SET requester = ?, description = ?, contact = ?, remarks = ? "
            "WHERE id = ?",
            (requester, description, contact, line, i),
        )
        store.execute_sql(
            "INSERT INTO log_entry (ticket_id, at, author_id, kind, text, text_en) "
            "VALUES (?, '2024-05-07 10:00:00', ?, 'note', ?, NULL)",
            (i, author, line),
        )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tricky_texts_equal_the_cell_by_cell_lines(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _tricky()
    by_cell = _by_cell_count(monkeypatch)
    fast, plain = _both(tmp_path, monkeypatch, "csv", lang, True)
    assert fast.read_bytes() == plain.read_bytes()
    assert not by_cell  # every batch's lines made by SQLite (no control characters here)
    text = fast.read_text(encoding="utf-8-sig")
    for shown in ("139****5678", "王*明的打印机", "A*******n called", "W**g W**g Wangfujing",
                  "E****5 报修", "打印*机不能打印*", "+86 139****5678"):  # fmt: skip
        assert shown in text, shown
    for hidden in ("13912345678", "139 1234 5678", "ALICE   TAN", "e12345 报修", "9952\n"):
        assert hidden not in text, hidden


@pytest.mark.parametrize("odd", ["\x00", "\x01", "\x02", "\x03", "\x1b"])
def test_a_control_character_sends_its_batch_cell_by_cell(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: str
) -> None:
    """The separators of SQLite's values (NUL, char(1), (2), (3)) in a text: that batch is
    made cell by cell, the others by SQLite, and the file equals the one made cell by cell."""
    rows = [(r, d, c, line + odd if k == 0 else line) for k, (r, d, c, line) in enumerate(TRICKY)]
    _tricky(rows)
    by_cell = _by_cell_count(monkeypatch)
    fast, plain = _both(tmp_path, monkeypatch, "csv", "zh", True)
    assert fast.read_bytes() == plain.read_bytes()
    assert 0 < len(by_cell) < -(-len(ticket_ids(None)) // 4)


def test_a_requester_with_a_separator_is_masked_as_ever(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A control character inside a requester's name is masked away (王\\x01明 → 王*明): its
    line is the same whichever path makes it."""
    rows = [("王\x01明" if k == 0 else r, d, c, line) for k, (r, d, c, line) in enumerate(TRICKY)]
    _tricky(rows)
    fast, plain = _both(tmp_path, monkeypatch, "csv", "zh", True)
    assert fast.read_bytes() == plain.read_bytes()
    assert "王*明" in fast.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("odd", ["", "\x00", "\x03"])
def test_masked_xlsx_log_cells_equal_pythons_on_tricky_texts(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: str
) -> None:
    """.xlsx: SQLite's log cell kept where its lines hold nothing to mask, made again where
    they do, read again line by line where a text holds a separator: the cells equal the
    ones read line by line in Python."""
    rows = [(r, d, c, line + odd if k == 1 else line) for k, (r, d, c, line) in enumerate(TRICKY)]
    _tricky(rows)
    fast, plain = _both(tmp_path, monkeypatch, "xlsx", "en", True)
    got, want = list(_cells(fast)), list(_cells(plain))
    assert got == want
    assert any("139****5678" in str(v) for row in got for v in row)
    assert not any("13912345678" in str(v) for row in got for v in row)
