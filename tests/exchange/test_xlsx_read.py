"""The fast sheet reader gives what openpyxl's read-only mode gives (values_only, data_only)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from desk_gui.exchange.xlsx_read import read_xlsx


def _openpyxl_rows(path: Path) -> list[list[object]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    for r in rows:
        while r and r[-1] is None:
            r.pop()
    return rows


def test_values_as_openpyxl_reads_them(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "第一"
    ws.append(["问题编号", "标题 & <x>", " 空格 ", "多行\n文本"])
    ws.append([12, 3.5, True, False, datetime(2024, 5, 1, 9, 15), "=1+1", "'=2"])
    ws.append([])
    ws.append([None, None, "跳过两列"])
    ws["A6"] = CellRichText(["富", TextBlock(InlineFont(b=True), "文本")])
    ws["B6"] = datetime(2024, 2, 29)
    ws["B6"].number_format = "yyyy/m/d"
    ws["C6"] = 45413.5
    wb.create_sheet("第二").append(["not read"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    rows = read_xlsx(path)
    assert rows == _openpyxl_rows(path)
    assert rows[5][:2] == ["富文本", datetime(2024, 2, 29)]
    assert rows[2] == []


def test_the_exporters_own_workbook_reads_back(tmp_path: Path) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("工单")
    ws.append(["a", None, "c"])
    ws.append([datetime(2024, 5, 1, 9, 15), "x"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    assert read_xlsx(path) == _openpyxl_rows(path)
