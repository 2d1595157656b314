"""A streaming .xlsx writer: openpyxl writes the workbook around the sheet, we write its rows.

openpyxl's write-only mode spends ~1 ms a row building and serialising an element per cell.
Here openpyxl still writes every part of the workbook (styles, column widths, frozen header,
autofilter, the header row) from a one-row template, and the data rows are spliced into the
sheet's XML as text, in the same form openpyxl gives them: inline strings, dates as serial
numbers with the template's date style. Tests read the result back with openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from desk_gui.exchange.target import check_target

_DAYS: dict[str, int] = {}
_UNIX_DAY = 25569


def excel_serial(stored: str | int) -> float:
    """openpyxl's ``to_excel`` of a time stored as SQLite seconds (schema 20) or text, computed
    from the number or the text."""
    if isinstance(stored, int):  # whole seconds since 1970-01-01, Excel's day 25569
        whole_days, secs = divmod(stored, 86400)
        return _UNIX_DAY + whole_days + secs / 86400
    days = _DAYS.get(stored[:10])
    if days is None or len(stored) < 19 or stored[10] != " ":
        whole = datetime.fromisoformat(stored)
        if days is None:
            days = _DAYS[stored[:10]] = int(
                to_excel(whole.replace(hour=0, minute=0, second=0, microsecond=0))
            )
        if len(stored) < 19 or stored[10] != " ":
            return float(to_excel(whole))
    secs = int(stored[11:13]) * 3600 + int(stored[14:16]) * 60 + int(stored[17:19])
    micro = int(stored[20:26].ljust(6, "0")) if len(stored) > 20 else 0
    return days + (secs + micro / 10**6) / 86400


SHEET = "xl/worksheets/sheet1.xml"
# Characters XML 1.0 cannot hold (openpyxl refuses them with IllegalCharacterError), and
# lone surrogates (UTF-8 cannot hold them): stored text never breaks an export.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
Cell = str | datetime | float | int | None  # a float is a date's serial number; an int a count
# Builds the workbook around one sample row: (the sample row's cells) -> the workbook.
Template = Callable[[list[object]], Workbook]


def _text_cell(ref: str, text: str) -> str:
    if not text:
        return f'<c r="{ref}" t="inlineStr" />'
    # Illegal characters are removed from the whole row at once (the markup holds none).
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


class SheetRows:
    """Turns rows of cells into the sheet's XML ``<row>`` elements, numbered from 2."""

    def __init__(self, width: int, date_style: str) -> None:
        self.letters = [get_column_letter(i) for i in range(1, width + 1)]
        self.date_style = date_style
        self.line = 1

    def row(self, cells: Iterable[Cell]) -> str:
        self.line += 1
        n = str(self.line)
        parts = [f'<row r="{n}">']
        for letter, value in zip(self.letters, cells, strict=False):
            if value is None:
                continue
            if value.__class__ is str:
                parts.append(_text_cell(letter + n, value))
            elif value.__class__ is int:
                parts.append(f'<c r="{letter}{n}" t="n"><v>{value}</v></c>')
            else:
                serial = to_excel(value) if isinstance(value, datetime) else value
                parts.append(f'<c r="{letter}{n}" s="{self.date_style}" t="n"><v>{serial}</v></c>')
        parts.append("</row>")
        text = "".join(parts)
        return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def _sample_style(sheet_xml: str) -> tuple[str, str, str]:
    """(sheet XML before the sample row, after it, the date cell's style id)."""
    start = sheet_xml.index('<row r="2">')
    end = sheet_xml.index("</row>", start) + len("</row>")
    found = re.search(r'<c r="[A-Z]+2" s="(\d+)" t="n">', sheet_xml[start:end])
    if found is None:
        raise RuntimeError("the template lost its date cell")
    return sheet_xml[:start], sheet_xml[end:], found.group(1)


def write_workbook(
    path: str | Path,
    template: Template,
    rows: Iterable[Iterable[Cell]],
    width: int,
    autofilter: Callable[[int], str],
    sheet_index: int = 0,
) -> int:
    """Write ``rows`` under the template's header; ``autofilter(n)`` gives the filter's range.

    The template builds the workbook with the header row and one sample row holding a date
    cell (whose style the data's dates reuse); returns the number of data rows.
    """
    check_target(path)
    wb = template([datetime(2000, 1, 1)])
    ws = wb.worksheets[sheet_index]  # the sheet streamed; the template writes any other
    part = f"xl/worksheets/sheet{sheet_index + 1}.xml"
    ws.auto_filter.ref = autofilter(1)
    tmp = Path(str(path) + ".part")
    wb.save(str(tmp))
    try:
        with zipfile.ZipFile(tmp) as src:
            head, tail, style = _sample_style(src.read(part).decode("utf-8"))
            writer = SheetRows(width, style)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
                n = 0
                for info in src.infolist():
                    if info.filename != part:
                        out.writestr(info, src.read(info.filename))
                        continue
                    with out.open(part, "w", force_zip64=True) as fh:
                        n = _write_sheet(fh, writer, rows, head)
                        fh.write(tail.replace(autofilter(1), autofilter(n)).encode("utf-8"))
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _write_sheet(
    fh: IO[bytes], writer: SheetRows, rows: Iterable[Iterable[Cell]], head: str
) -> int:
    fh.write(head.encode("utf-8"))
    buffer: list[str] = []
    n = 0
    for cells in rows:
        buffer.append(writer.row(cells))
        n += 1
        if len(buffer) >= 500:
            fh.write("".join(buffer).encode("utf-8"))
            buffer.clear()
    fh.write("".join(buffer).encode("utf-8"))
    return n


def sample_cell(ws: object, value: object, number_format: str) -> object:
    """The template's sample-row cell: a date in the export's format."""
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        return cell
    return value
