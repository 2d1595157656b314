"""The CSV lines SQLite puts together equal, byte for byte, the ones made cell by cell."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.log_render import render
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange import export, said_memo
from desk_gui.exchange.csv_sql import CONTROL, has_control, is_utf8
from desk_gui.exchange.export import ExportOptions, export_tickets
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import read_ahead as read_ahead_module
from desk_gui.store.database import close_database, current_database, open_database
from desk_gui.store.log_authors import id_of
from desk_gui.store.queue import ticket_ids
from desk_gui.store.read_ahead import read_ahead

NOW = datetime(2024, 5, 6, 17, 0)
# Free text csv.writer quotes, and text a spreadsheet would take for a formula.
TEXTS = ['say "hi"', "a,b", "line\nbreak", "cr\rhere", "=SUM(A1)", "+1", "-5", "@x",
         "\tx", "\r=1", '"', ",", "", "普通文字", "=a,\"b\"\n"]  # fmt: skip
# Times: SQLite's text form, with microseconds, without seconds, ISO with a T, a bare date.
TIMES = ["2024-05-06 12:00:00", "2024-05-06 12:00:00.250000", "2024-05-06 12:00",
         "2024-05-06T13:30:00", "2024-05-07", None]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "x.db"
    open_database(path)
    wf = WorkflowService(Context(operator="李工", workstation="PC-1", clock=lambda: NOW))
    for i in range(len(TEXTS) * 2):
        t = wf.create(
            TicketDraft(
                title=f"打印机故障{i}",
                department="信息部",
                description=f"打印机无法打印，三楼全部门受影响 {i}",
                category=Category.SOFTWARE,
                urgency=Urgency.HIGH,
                impact=Impact.DEPARTMENT,
                requester="王小明",
                contact="8888",
                submitted_at=datetime(2024, 5, 6, 9, i % 60),
            )
        )
        if i % 2:
            t = wf.take(t.id, t.version)
            wf.add_log(t.id, TEXTS[i % len(TEXTS)] or "记录")
    yield path
    close_database()


def _odd_values() -> None:
    """Every ticket gets tricky text, odd times and every overdue / feedback case."""
    db = current_database()
    ratings = [None, "satisfied", "basic", "dissatisfied", ""]
    statuses = ["pending", "in_progress", "resolved", "closed"]
    for k, i in enumerate(ticket_ids(None)):
        text = TEXTS[k % len(TEXTS)]
        db.execute_sql(
            "UPDATE ticket SET title = ?, remarks = ?, solution = ?, department = ?, "
            "resolve_due = ?, resolved_at = ?, submitted_at = COALESCE(?, submitted_at), "
            "status = ?, feedback_resolved = ?, satisfaction = ? WHERE id = ?",
            (
                text or "空",
                text,
                TEXTS[(k + 3) % len(TEXTS)],
                TEXTS[(k + 5) % len(TEXTS)] or "部门",
                TIMES[k % len(TIMES)],
                TIMES[(k // 2) % len(TIMES)],
                TIMES[(k + 1) % len(TIMES)],
                statuses[k % len(statuses)],
                [None, 0, 1][k % 3],
                ratings[k % len(ratings)],
                i,
            ),
        )


def _both(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    batch: int,
    ids: list[int] | None = None,
) -> tuple[int, int]:
    """Export by SQLite's lines and cell by cell; the files must be equal byte for byte."""
    options = ExportOptions(lang=lang, mask_requester=False, now=NOW, batch_size=batch)
    fast, plain = tmp_path / f"fast-{lang}.csv", tmp_path / f"plain-{lang}.csv"
    n_fast = export_tickets(fast, ids=ids, options=options)
    with monkeypatch.context() as m:
        m.setattr(export, "_sql_lines", lambda _db: False)
        n_plain = export_tickets(plain, ids=ids, options=options)
    assert fast.read_bytes() == plain.read_bytes()
    return n_fast, n_plain


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tricky_text_times_and_feedback_come_out_as_csv_writer_writes_them(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _odd_values()
    _both(tmp_path, monkeypatch, lang, batch=4)
    text = (tmp_path / f"fast-{lang}.csv").read_text(encoding="utf-8-sig")
    assert "'=SUM(A1)" in text and '"say ""hi"""' in text and "'@x" in text
    assert "2024-05-06 13:30" in text  # the ISO time went through Python


def test_overdue_compares_times_as_python_does(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _odd_values()
    db_ = current_database()
    # equal to the second, later by microseconds, open past due, open not yet due
    for i, (due, done, status) in enumerate(
        [
            ("2024-05-06 12:00:00", "2024-05-06 12:00:00", "resolved"),
            ("2024-05-06 12:00:00", "2024-05-06 12:00:00.000001", "resolved"),
            ("2024-05-06 16:59:59.999999", None, "pending"),
            ("2024-05-06 17:00:00.000001", None, "in_progress"),
            ("2024-05-06 12:00:00", None, "closed"),
        ],
        start=1,
    ):
        db_.execute_sql(
            "UPDATE ticket SET resolve_due = ?, resolved_at = ?, status = ? WHERE id = ?",
            (due, done, status, i),
        )
    _both(tmp_path, monkeypatch, "zh", batch=3)
    rows = (tmp_path / "fast-zh.csv").read_text(encoding="utf-8-sig")
    assert rows.count("是") >= 2


def test_a_batch_with_control_characters_is_made_in_python(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current_database().execute_sql(
        "UPDATE ticket SET remarks = ? WHERE id = 2", ("bell\x07 nul\x00 esc\x1b",)
    )
    _both(tmp_path, monkeypatch, "zh", batch=2)
    text = (tmp_path / "fast-zh.csv").read_text(encoding="utf-8-sig")
    assert "bell nul esc" in text and "\x07" not in text


def test_read_ahead_keeps_the_order_and_raises_at_the_failing_chunk() -> None:
    seen: list[str] = []

    def read(chunk: int) -> int:
        seen.append(threading.current_thread().name)
        if chunk == 5:
            raise ValueError("five")
        return chunk * 10

    out: list[int] = []
    with pytest.raises(ValueError, match="five"):
        for value in read_ahead(list(range(9)), read):
            out.append(value)
    assert out == [0, 10, 20, 30, 40]
    assert "desk-read-ahead" in seen  # the odd chunks were read on the helper thread
    assert not any(t.name == "desk-read-ahead" for t in threading.enumerate())


def test_abandoning_a_read_ahead_stops_its_thread() -> None:
    batches = read_ahead(list(range(100)), lambda chunk: chunk)
    assert [next(batches) for _ in range(3)] == [0, 1, 2]
    batches.close()  # what a Cancel does
    assert not any(t.name == "desk-read-ahead" for t in threading.enumerate())


@pytest.mark.parametrize("text", ["nul\x00here", "\x00=1", "a\x00,b", "\x00"])
def test_nul_in_a_cell_or_a_log_line_is_taken_out_as_in_python(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """printf stops a text at NUL: such a batch is made in Python, which takes the NUL out and
    neutralises what it uncovers (a cell reading =1 once the NUL is gone)."""
    db_ = current_database()
    db_.execute_sql("UPDATE ticket SET remarks = ? WHERE id = 2", (text,))
    db_.execute_sql(
        "INSERT INTO log_entry (ticket_id, at, author_id, kind, text) VALUES (3, ?, ?, ?, ?)",
        ("2024-05-06 10:00:00", id_of(db_, "李工"), "note", text),
    )
    _both(tmp_path, monkeypatch, "en", batch=2)
    rows = (tmp_path / "fast-en.csv").read_text(encoding="utf-8-sig")
    clean = text.replace("\x00", "")
    assert "\x00" not in rows
    if clean:
        assert (",'=1," if clean == "=1" else clean) in rows or f'"{clean}"' in rows


def test_lines_come_in_the_order_asked_and_a_missing_ticket_is_left_out(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _odd_values()
    ids = ticket_ids(None)
    order = [ids[i] for i in (7, 2, 11, 0, 5, 3)] + [999_999] + ids[12:] + [ids[1], ids[1]]
    assert _both(tmp_path, monkeypatch, "zh", batch=4, ids=order) == (len(order) - 1,) * 2
    numbers = [
        line.split(",", 1)[0]
        for line in (tmp_path / "fast-zh.csv").read_text(encoding="utf-8-sig").splitlines()
        if line[:1].isalpha() and not line.startswith("工单")
    ]
    assert numbers[0] != numbers[1] and numbers[-1] == numbers[-2]  # asked twice: twice


class _Cancelled(Exception):
    """What a job's progress raises once the user pressed Cancel."""


def _temp_tables() -> list[str]:
    cursor = current_database().execute_sql("SELECT name FROM sqlite_temp_master")
    return [name for (name,) in cursor.fetchall()]


def _releases(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that release their connection, as they do."""
    released: list[str] = []
    real = read_ahead_module.release_thread_connection

    def release() -> None:
        released.append(threading.current_thread().name)
        real()

    monkeypatch.setattr(read_ahead_module, "release_thread_connection", release)
    return released


def test_progress_moves_and_a_cancel_stops_the_reader_and_leaves_nothing(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = _releases(monkeypatch)
    options = ExportOptions(lang="zh", mask_requester=False, now=NOW, batch_size=2)
    seen: list[tuple[int, int]] = []
    export_tickets(tmp_path / "all.csv", options=options, progress=lambda *a: seen.append(a))
    total = len(ticket_ids(None))
    assert [d for d, _ in seen] == sorted({0, *range(2, total, 2), total})
    assert released == ["desk-read-ahead"] and _temp_tables() == []

    def cancel_at_six(done: int, _total: int) -> None:
        if done >= 6:
            raise _Cancelled

    with pytest.raises(_Cancelled):
        export_tickets(tmp_path / "cut.csv", options=options, progress=cancel_at_six)
    assert not (tmp_path / "cut.csv").exists() and not list(tmp_path.glob(".cut.csv*"))
    assert not any(t.name == "desk-read-ahead" for t in threading.enumerate())
    assert released == ["desk-read-ahead"] * 2  # its connection closed
    assert _temp_tables() == []  # the memo dropped from this thread's connection


def test_another_workstation_saves_between_batches(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each batch reads in its own short transaction: on a rollback-journal file a read lock
    held for the whole export would keep every other workstation from saving until its end."""
    other = sqlite3.connect(db, timeout=5, isolation_level=None)
    ids = ticket_ids(None)
    saved: list[int] = []

    def save_elsewhere(done: int, _total: int) -> None:
        if 0 < done < len(ids):
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE ticket SET remarks = ? WHERE id = ?", (f"saved {done}", ids[-1]))
            other.execute("COMMIT")
            saved.append(done)

    options = ExportOptions(lang="en", mask_requester=False, now=NOW, batch_size=4)
    export_tickets(tmp_path / "live.csv", ids=ids, options=options, progress=save_elsewhere)
    other.close()
    text = (tmp_path / "live.csv").read_text(encoding="utf-8-sig")
    assert len(saved) == len(range(4, len(ids), 4))  # every save went through at once
    assert any(f"saved {done}" in text for done in saved)  # read ahead: one of the later


def test_generated_lines_are_rendered_once_a_connection(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []  # SQLite calling Python for what a line says
    real = said_memo.SaidMemo.rendered

    def counted(memo: said_memo.SaidMemo, missed: dict[str, str], args: str) -> str:
        calls.append(args)
        return real(memo, missed, args)

    monkeypatch.setattr(said_memo.SaidMemo, "rendered", counted)
    ids = ticket_ids(None)
    chunks = [ids[i : i + 3] for i in range(0, len(ids), 3)]
    expected = 0  # each line whose args its connection met in no earlier batch
    for reader in (chunks[0::2], chunks[1::2]):  # the calling thread's, the helper's
        met: set[str] = set()
        for chunk in reader:
            marks = ", ".join("?" * len(chunk))
            cursor = current_database().execute_sql(
                f"SELECT args FROM log_entry WHERE args IS NOT NULL AND ticket_id IN ({marks})",
                chunk,
            )
            found = [args for (args,) in cursor.fetchall()]
            expected += sum(args not in met for args in found)
            met.update(found)
    _both(tmp_path, monkeypatch, "zh", batch=3)
    assert 0 < len(calls) == expected < len(ids)


def test_the_memo_never_holds_more_than_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(said_memo, "CAP", 3)
    con = sqlite3.connect(":memory:")
    memo = said_memo.SaidMemo("en")
    memo.prepare(con)
    con.execute("CREATE TABLE log (args TEXT)")
    sql = f"SELECT {memo.said('log.args')} FROM log {memo.join('log.args')} ORDER BY log.rowid"
    for args in (["st\x1fp\x1fi", "as\x1f—\x1f李工", "pr\x1fp3\x1fp1", "x", "y"], ["z", "x"]):
        con.execute("DELETE FROM log")
        con.executemany("INSERT INTO log VALUES (?)", [(a,) for a in args])
        assert [s for (s,) in con.execute(sql)] == [render(a, "en") for a in args]
        memo.keep(con)
        assert con.execute(f"SELECT count(*) FROM {memo.table}").fetchone()[0] <= 3
    memo.drop(con)
    assert con.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0] == 0


def test_a_utf16_database_is_exported_cell_by_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines come back as the file's bytes: only a UTF-8 file can hand them on."""
    path = tmp_path / "utf16.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA encoding = 'UTF-16le'")
    raw.execute("CREATE TABLE x (a)")
    raw.execute("DROP TABLE x")
    raw.close()
    open_database(path)
    try:
        WorkflowService(Context(operator="李工", clock=lambda: NOW)).create(
            TicketDraft(
                title="打印机", department="信息部", description="打印机无法打印, \"急\", 三楼全部门",
                category=Category.SOFTWARE, urgency=Urgency.HIGH, impact=Impact.DEPARTMENT,
                requester="王小明", contact="8888", submitted_at=NOW,
            )
        )  # fmt: skip
        assert not is_utf8(current_database())
        _both(tmp_path, monkeypatch, "zh", batch=2)
        assert '"打印机无法打印, ""急"", 三楼全部门"' in (tmp_path / "fast-zh.csv").read_text(
            encoding="utf-8-sig"
        )
    finally:
        close_database()


def test_control_characters_are_found_in_utf8_bytes_as_in_text() -> None:
    for point in range(0x110000):
        char = chr(point)
        data = char.encode("utf-8", "surrogatepass")
        assert has_control(b"ab" + data + "文".encode()) == bool(CONTROL.search(char)), hex(point)
