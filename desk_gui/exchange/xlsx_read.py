"""Reading a worksheet of an .xlsx file as rows of cell values, fast.

openpyxl's read-only mode builds a cell object per value (~0.3 ms a row of a worksheet sheet);
here the sheet XML is scanned (``xlsx_scan``) or, when a scan could misread it or it is big,
streamed through ElementTree's C parser, and the values come out as openpyxl gives them with
``values_only=True, data_only=True``: shared and inline strings, numbers as int or float,
booleans, formula results, date-formatted numbers as datetimes (either date system). Rows keep
their spreadsheet row numbers (missing rows come back empty).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse, parse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from desk_gui.exchange.xlsx_scan import inline_text, scan_rows
from desk_gui.exchange.xlsx_scan import text as scanned_text

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Excel's locale date formats (zh-CN, ja, ko) that openpyxl's table of built-ins leaves out.
_LOCALE_DATES = frozenset(range(27, 37)) | frozenset(range(50, 59))


class NotAWorkbook(ValueError):
    """A zip archive that is not an Excel workbook, or a workbook without a worksheet."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(en)


# A zip archive's tell-tale member → what it is (zh, en).
_OTHER_ZIPS = (
    ("word/document.xml", "Word 文档（.docx）", "a Word document (.docx)"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"),
    (
        "content.xml",
        "OpenDocument 文件（如 WPS/LibreOffice 的 .ods）",
        "an OpenDocument file (.ods)",
    ),
)
# sharedStrings.xml is held in memory: a bigger one is a bomb, not a worksheet.
MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024
MAX_SCANNED_BYTES = 48 * 1024 * 1024
"""A sheet part up to this size (~20,000 rows of an export) is read whole and scanned
(``xlsx_scan``); a bigger one is parsed as a stream, so the memory stays flat."""


def read_xlsx(path: str | Path) -> list[list[Any]]:
    """The first worksheet's rows, row 1 first; every row a list of values (None if empty)."""
    rows: list[list[Any]] = []
    for number, cells in iter_xlsx(path):
        while len(rows) < number - 1:
            rows.append([])
        rows.append(cells)
    return rows


def iter_xlsx(
    path: str | Path, max_columns: int | None = None, sheet: int = 0
) -> Iterator[tuple[int, list[Any]]]:
    """The stored rows of a worksheet (the first unless ``sheet`` says which, counted from 0
    in the workbook's order) as (row number, values), streamed.

    Cells past ``max_columns`` are skipped without being built; rows Excel did not store
    (blank ones) do not come at all. NotAWorkbook for a zip that is not a workbook.
    """
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            _not_a_workbook(names)
        strings = _shared_strings(zf) if "xl/sharedStrings.xml" in names else []
        dates = _date_styles(zf) if "xl/styles.xml" in names else frozenset()
        sheets, epoch = _sheets(zf)
        member = sheets[sheet][1]
        limit = max_columns if max_columns is not None else 1 << 14  # Excel's 16,384 columns
        scanned = None
        if zf.getinfo(member).file_size <= MAX_SCANNED_BYTES:
            scanned = scan_rows(
                zf.read(member), _scanned_value(strings, dates, epoch), _column, limit
            )
        if scanned is not None:
            yield from scanned
            return
        with zf.open(member) as fh:
            yield from _rows(fh, strings, dates, max_columns, epoch)


def sheet_heads(
    path: str | Path, rows: int, max_columns: int | None = None
) -> list[tuple[str, list[list[Any]]]]:
    """Every worksheet's name (the tab Excel shows) and its first ``rows`` stored rows, in
    the workbook's order; the strings are read once. A workbook of one sheet: no rows."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            _not_a_workbook(names)
        sheets, epoch = _sheets(zf)
        if len(sheets) < 2:
            return [(name, []) for name, _ in sheets]
        strings = _shared_strings(zf) if "xl/sharedStrings.xml" in names else []
        dates = _date_styles(zf) if "xl/styles.xml" in names else frozenset()
        heads = []
        for name, member in sheets:
            with zf.open(member) as fh:
                read = _rows(fh, strings, dates, max_columns, epoch)
                found = [cells for _, cells in islice(read, rows)]
            heads.append((name, found))
        return heads


def _not_a_workbook(names: set[str]) -> None:
    for member, zh, en in _OTHER_ZIPS:
        if member in names:
            raise NotAWorkbook(
                f"这是{zh}，不是 Excel 工作簿。", f"it is {en}, not an Excel workbook."
            )
    raise NotAWorkbook(
        "这是 zip 压缩包，但里面没有 Excel 工作簿。",
        "it is a zip archive with no Excel workbook inside.",
    )


def _sheets(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str]], datetime]:
    """(name, archive member) of every worksheet in the workbook's order, and the workbook's
    date system (1900, or 1904 on old Macs)."""
    with zf.open("xl/workbook.xml") as fh:
        root = parse(fh).getroot()
    sheets = root.findall(f"{_NS}sheets/{_NS}sheet")
    props = root.find(f"{_NS}workbookPr")
    mac = props is not None and props.get("date1904", "0").lower() in ("1", "true")
    epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    if not sheets:
        raise NotAWorkbook("工作簿里没有工作表。", "the workbook has no worksheet.")
    with zf.open("xl/_rels/workbook.xml.rels") as fh:
        targets = {r.get("Id"): r.get("Target", "") for r in parse(fh).getroot().iter(_PKG)}
    found = []
    for sheet in sheets:
        target = targets[sheet.get(_REL)]
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = posixpath.normpath(posixpath.join("xl", target))
        found.append((sheet.get("name", ""), member))
    return found, epoch


def _text_of(item: Element) -> str:
    """The text of a shared or inline string: plain, or rich-text runs; phonetic runs left out."""
    plain = item.find(f"{_NS}t")
    if plain is not None:
        return plain.text or ""
    return "".join(t.text or "" for r in item.iterfind(f"{_NS}r") for t in r.iterfind(f"{_NS}t"))


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    if zf.getinfo("xl/sharedStrings.xml").file_size > MAX_SHARED_STRINGS_BYTES:
        raise NotAWorkbook(
            "工作簿的文字部分大得不正常（超过 512 MB），不像是工单表。",
            "the workbook's text part is abnormally large (over 512 MB); not a worksheet.",
        )
    strings: list[str] = []
    with zf.open("xl/sharedStrings.xml") as fh:
        for _, el in iterparse(fh):
            if el.tag == f"{_NS}si":
                strings.append(_text_of(el))
                el.clear()
    return strings


def _date_styles(zf: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell formats (the ``s`` attribute) that show a number as a date."""
    with zf.open("xl/styles.xml") as fh:
        root = parse(fh).getroot()
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "")
        for f in root.iterfind(f"{_NS}numFmts/{_NS}numFmt")
    }
    found = set()
    for i, xf in enumerate(root.iterfind(f"{_NS}cellXfs/{_NS}xf")):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "")
        if fmt_id in _LOCALE_DATES or (code and is_date_format(code)):
            found.add(i)
    return frozenset(found)


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    """0-based column of a cell reference such as "AB12"."""
    letters = ref.rstrip("0123456789$")
    found = _COLUMNS.get(letters)
    if found is None:
        n = 0
        for ch in letters.replace("$", ""):
            n = n * 26 + ord(ch.upper()) - 64
        found = _COLUMNS[letters] = n - 1
    return found


def _number(text: str) -> int | float:
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


def _value(c: Element, strings: list[str], dates: frozenset[int], epoch: datetime) -> Any:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        inline = c.find(f"{_NS}is")
        return _text_of(inline) if inline is not None else None
    v = c.find(f"{_NS}v")
    if v is None or v.text is None:
        return None
    text = v.text
    if kind == "s":
        return strings[int(text)]
    if kind == "b":
        return text.strip() not in ("0", "", "false")
    if kind in ("str", "e"):
        return text
    if kind == "d":
        return datetime.fromisoformat(text.rstrip("Z"))
    number = _number(text)
    if dates and int(c.get("s", "0")) in dates:
        return from_excel(number, epoch)
    return number


def _scanned_value(
    strings: list[str], dates: frozenset[int], epoch: datetime
) -> Callable[[str | None, str | None, str | None, str | None], Any]:
    """``_value`` for a cell found by ``xlsx_scan``: its t and s attributes, the raw text of
    its value and of its inline string."""

    def value(kind: str | None, style: str | None, v: str | None, inline: str | None) -> Any:
        kind = kind or "n"
        if kind == "inlineStr":
            return None if inline is None else inline_text(inline)
        if not v:
            return None
        if kind == "s":
            return strings[int(v)]
        if kind == "b":
            return v.strip() not in ("0", "", "false")
        if kind in ("str", "e"):
            return scanned_text(v)
        if kind == "d":
            return datetime.fromisoformat(scanned_text(v).rstrip("Z"))
        number = _number(v)
        if dates and int(style or "0") in dates:
            return from_excel(number, epoch)
        return number

    return value


def _rows(
    fh: IO[bytes],
    strings: list[str],
    dates: frozenset[int],
    max_columns: int | None = None,
    epoch: datetime = CALENDAR_WINDOWS_1900,
) -> Iterator[tuple[int, list[Any]]]:
    row_tag, cell_tag, data_tag = f"{_NS}row", f"{_NS}c", f"{_NS}sheetData"
    limit = max_columns if max_columns is not None else 1 << 14  # Excel's 16,384 columns
    sheet_data: Element | None = None
    last = 0
    for event, el in iterparse(fh, ("start", "end")):
        if event == "start":
            if el.tag == data_tag:
                sheet_data = el
            continue
        if el.tag != row_tag:
            continue
        last = number = int(el.get("r", last + 1))
        cells: list[Any] = []
        for c in el.iterfind(cell_tag):
            ref = c.get("r")
            col = _column(ref) if ref else len(cells)
            if col >= limit:
                continue
            if col > len(cells):
                cells.extend([None] * (col - len(cells)))
            value = _value(c, strings, dates, epoch)
            if col < len(cells):
                cells[col] = value
            else:
                cells.append(value)
        while cells and cells[-1] is None:
            cells.pop()
        if sheet_data is not None:
            sheet_data.clear()  # the parsed rows are not kept: memory stays flat
        else:
            el.clear()
        yield number, cells
