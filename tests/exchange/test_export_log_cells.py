"""Log cells put together by SQLite (.xlsx, masked .csv) equal the ones read line by line in
Python, and Python renders a generated line once per export, not once a line."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from desk_gui.exchange import export, said_memo
from desk_gui.exchange.export import ExportOptions, export_tickets
from desk_gui.store.database import current_database
from desk_gui.store.log_authors import id_of
from desk_gui.store.queue import ticket_ids
from tests.exchange.test_export_csv_sql import NOW, TEXTS, _odd_values, _releases
from tests.exchange.test_export_csv_sql import db as db  # the fixture

# Lines a masker must change (the requester's name, phone numbers) beside tricky text.
MASKED = ["王小明来电 13912345678", "回电 010-6543 2100 转 123", "Wang said 王小明 ok", "\x00=1"]


def _log_lines(masked: list[str] = MASKED) -> None:
    """Typed lines with names, numbers, quotes, control characters and NUL, out of time order."""
    db = current_database()
    who = id_of(db, "李工")
    for k, i in enumerate(ticket_ids(None)):
        for j, text in enumerate((TEXTS[k % len(TEXTS)], masked[k % len(masked)])):
            db.execute_sql(
                "INSERT INTO log_entry (ticket_id, at, author_id, kind, text, text_en) "
                "VALUES (?, ?, ?, 'note', ?, ?)",
                (i, f"2024-05-0{6 - j} 1{j}:00:00", who, text, ["", None, "in English"][k % 3]),
            )


def _args(chunk: list[int]) -> list[str]:
    marks = ", ".join("?" * len(chunk))
    cursor = current_database().execute_sql(
        f"SELECT args FROM log_entry WHERE args IS NOT NULL AND ticket_id IN ({marks})", chunk
    )
    return [args for (args,) in cursor.fetchall()]


def _both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, lang: str, mask: bool
) -> tuple[Path, Path]:
    options = ExportOptions(lang=lang, mask_requester=mask, now=NOW, batch_size=4)
    fast, plain = tmp_path / f"fast-{lang}.{fmt}", tmp_path / f"plain-{lang}.{fmt}"
    export_tickets(fast, options=options)
    with monkeypatch.context() as m:
        m.setattr(export, "_sql_lines", lambda _db: False)
        export_tickets(plain, options=options)
    return fast, plain


def _cells(path: Path) -> Iterator[tuple[object, ...]]:
    yield from (
        openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
    )


def _by_cell_count(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the tickets the export made cell by cell (one item each)."""
    counted: list[int] = []
    real = export._one_by_cell

    def one(*args: object) -> tuple[int, bytes]:
        counted.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "_one_by_cell", one)
    return counted


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("mask", [False, True])
def test_xlsx_log_cells_equal_pythons(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, mask: bool
) -> None:
    _odd_values()
    _log_lines()
    fast, plain = _both(tmp_path, monkeypatch, "xlsx", lang, mask)
    assert list(_cells(fast)) == list(_cells(plain))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_masked_csv_log_cells_equal_pythons(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _odd_values()
    _log_lines()
    fast, plain = _both(tmp_path, monkeypatch, "csv", lang, True)
    assert fast.read_bytes() == plain.read_bytes()
    text = fast.read_text(encoding="utf-8-sig")
    assert "139****5678" in text and "13912345678" not in text


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_generated_line_is_rendered_once_an_export(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    calls: list[str] = []  # Python rendering a generated line
    real = said_memo.render

    def counted(args: str, lang: str) -> str:
        calls.append(args)
        return real(args, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(said_memo, "render", counted)
    ids = ticket_ids(None)
    chunks = [ids[i : i + 4] for i in range(0, len(ids), 4)]
    expected = 0  # the distinct args each reader met: the calling thread's, the helper's
    for reader in (chunks[0::2], chunks[1::2]):
        met = {args for chunk in reader for args in _args(chunk)}
        expected += len(met)
    options = ExportOptions(lang="en", mask_requester=fmt == "csv", now=NOW, batch_size=4)
    export_tickets(tmp_path / f"x.{fmt}", options=options)
    assert 0 < len(calls) == expected < len(_args(ids))
    temp = current_database().execute_sql("SELECT count(*) FROM sqlite_temp_master")
    assert temp.fetchone() == (0,)  # the memo dropped at the end


class _Cancelled(Exception):
    pass


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_cancel_stops_the_reader_of_a_cell_by_cell_export(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """.xlsx and masked .csv read ahead too: a Cancel stops the helper, closes its
    connection, drops the memo and leaves no file."""
    released = _releases(monkeypatch)
    options = ExportOptions(lang="zh", mask_requester=True, now=NOW, batch_size=2)

    def cancel_at_six(done: int, _total: int) -> None:
        if done >= 6:
            raise _Cancelled

    with pytest.raises(_Cancelled):
        export_tickets(tmp_path / f"cut.{fmt}", options=options, progress=cancel_at_six)
    assert not list(tmp_path.glob("*cut*"))
    assert not any(t.name == "desk-read-ahead" for t in threading.enumerate())
    assert released == ["desk-read-ahead"]  # its connection closed
    temp = current_database().execute_sql("SELECT count(*) FROM sqlite_temp_master")
    assert temp.fetchone() == (0,)  # the memo dropped from this thread's connection


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_masked_csv_lines_made_by_sqlite_equal_pythons(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Masked, SQLite makes the cells masking leaves alone: the lines equal the ones made cell
    by cell, names and numbers masked in free text and in the log alike."""
    _odd_values()
    _log_lines(MASKED[:3])  # no NUL: batches SQLite makes
    store = current_database()
    for k, i in enumerate(ticket_ids(None)):
        store.execute_sql(
            "UPDATE ticket SET contact = ?, description = ?, requester = ? WHERE id = ?",
            (MASKED[k % 3], MASKED[(k + 1) % 3], ["王小明", "Wang", "E12345"][k % 3], i),
        )
    by_cell = _by_cell_count(monkeypatch)
    fast, plain = _both(tmp_path, monkeypatch, "csv", lang, True)
    assert fast.read_bytes() == plain.read_bytes()
    batches = -(-len(ticket_ids(None)) // 4)
    assert len(by_cell) < batches  # most batches were SQLite's lines
    text = fast.read_text(encoding="utf-8-sig")
    assert "13912345678" not in text and "139****5678" in text
    assert "王*明来电" in text and "E****5" in text  # each ticket's own requester
