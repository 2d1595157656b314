"""The streamed exports read back exactly as a plain openpyxl / csv.writer export of the rows."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell import WriteOnlyCell

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange.columns import COLUMNS
from desk_gui.exchange.dates import format_datetime
from desk_gui.exchange.export import (
    DANGEROUS,
    DATE_FORMAT,
    ExportOptions,
    _xlsx_sheet,
    export_tickets,
    iter_rows,
    neutralise,
)
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database
from desk_gui.store.models import Ticket
from desk_gui.store.queue import ticket_ids

NOW = datetime(2024, 5, 6, 17, 0)
TRICKY = ["a & b <c> d", "  leading and trailing  ", "=1+1", "-5", "@x", "多行\n第二行", "'quoted"]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "x.db"
    open_database(path)
    wf = WorkflowService(Context(operator="李工", workstation="PC-1", clock=lambda: NOW))
    for i, text in enumerate(TRICKY * 3):
        t = wf.create(
            TicketDraft(
                title=f"打印机故障{i}",
                department="部门 & <组>",
                description=f"打印机无法打印，三楼全部门受影响 {i} {text}",
                category=Category.SOFTWARE,
                urgency=Urgency.HIGH,
                impact=Impact.DEPARTMENT,
                requester="小明" if i % 2 else "王小明",
                contact="8888",
                submitted_at=datetime(2024, 5, 6, 9, i % 60),
                remarks=text,
            )
        )
        if i % 3 == 0:
            t = wf.take(t.id, t.version)
            wf.add_log(t.id, text)
        if i % 3 == 1:
            t = wf.take(t.id, t.version)
            wf.resolve(
                t.id,
                t.version,
                f"更换硒鼓并清理进纸器 {text}",
                resolved_at=datetime(2024, 5, 6, 12, 30),
            )
    yield path
    close_database()


def _reference_xlsx(path: Path, options: ExportOptions) -> None:
    """What the exporter wrote before streaming: openpyxl's write-only mode, cell by cell."""
    wb = openpyxl.Workbook(write_only=True)
    ws = _xlsx_sheet(wb, options.lang)
    n = 0
    for values in iter_rows(ticket_ids(None), options):
        cells: list[object] = []
        for value in values:
            if isinstance(value, datetime):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATE_FORMAT
                cells.append(cell)
            elif value and value.startswith(DANGEROUS):
                cell = WriteOnlyCell(ws, value=neutralise(value))
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
        n += 1
    ws.auto_filter.ref = f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}{n + 1}"
    wb.save(str(path))


def _read_xlsx(path: Path) -> tuple[object, ...]:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    cells = [
        [(c.value, c.data_type, c.number_format, c.font.b, c.fill.fgColor.rgb) for c in row]
        for row in ws.iter_rows()
    ]
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    return cells, ws.title, ws.freeze_panes, ws.auto_filter.ref, widths


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_xlsx_reads_back_as_openpyxl_wrote_it(db: Path, tmp_path: Path, lang: str) -> None:
    options = ExportOptions(lang=lang, mask_requester=True, now=NOW, batch_size=4)
    _reference_xlsx(tmp_path / "ref.xlsx", options)
    seen: list[tuple[int, int]] = []
    n = export_tickets(tmp_path / "new.xlsx", options=options, progress=lambda *a: seen.append(a))
    assert n == Ticket.select().count() == len(TRICKY) * 3
    assert _read_xlsx(tmp_path / "new.xlsx") == _read_xlsx(tmp_path / "ref.xlsx")
    # (0, n) once the tickets are chosen, then one report a batch.
    assert seen[0] == (0, n) and seen[-1] == (n, n) and len(seen) == 1 + -(-n // 4)


def test_csv_equals_a_plain_csv_writer_of_the_rows(db: Path, tmp_path: Path) -> None:
    options = ExportOptions(lang="zh", mask_requester=False, now=NOW, batch_size=5)
    with open(tmp_path / "ref.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([zh for _, zh, _ in COLUMNS])
        for values in iter_rows(ticket_ids(None), options):
            writer.writerow(
                [
                    format_datetime(v) if isinstance(v, datetime) else neutralise(v or "")
                    for v in values
                ]
            )
    export_tickets(tmp_path / "new.csv", options=options)
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "ref.csv").read_bytes()


def test_characters_xml_cannot_hold_are_dropped_not_fatal(db: Path, tmp_path: Path) -> None:
    Ticket.update(title="bell\x07 here").where(Ticket.id == 1).execute()
    export_tickets(tmp_path / "x.xlsx", options=ExportOptions(now=NOW))
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0]
    assert "bell here" in [c.value for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_log_cells_put_together_by_sqlite_equal_the_python_ones(
    db: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_gui.exchange import export
    from desk_gui.store.database import current_database

    # a line without its English text (older files), one with an empty one, microseconds
    from desk_gui.store.log_authors import id_of

    db_ = current_database()
    db_.execute_sql(
        "INSERT INTO log_entry (ticket_id, at, author_id, kind, text, text_en) VALUES "
        "(1, '2024-05-06 18:01:02.123456', ?, 'note', '无英文', NULL), "
        "(1, '2024-05-06 18:02:00', ?, 'note', '空英文', '')",
        (id_of(db_, "张三"), id_of(db_, "Ann")),
    )
    fast = tmp_path / "fast.csv"
    export_tickets(fast, ids=ticket_ids(None), lang=lang, mask=False)  # type: ignore[arg-type]
    monkeypatch.setattr(export, "_sql_lines", lambda _db: False)
    plain = tmp_path / "plain.csv"
    export_tickets(plain, ids=ticket_ids(None), lang=lang, mask=False)  # type: ignore[arg-type]
    assert fast.read_bytes() == plain.read_bytes()
    assert "无英文" in fast.read_text(encoding="utf-8-sig")
