"""The CSV lines SQLite puts together equal, byte for byte, the ones made cell by cell."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange import export
from desk_gui.exchange.export import ExportOptions, export_tickets
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, current_database, open_database
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
        "INSERT INTO log_entry (ticket_id, at, author, kind, text) VALUES (3, ?, ?, ?, ?)",
        ("2024-05-06 10:00:00", "李工", "note", text),
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
