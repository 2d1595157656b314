"""Reading a spreadsheet file as a header and rows: what the file is, its encoding, its size.

Whatever the user picks (an .xlsx, a CSV in any of the encodings Excel writes, an old .xls, a
renamed text file, a truncated download) either becomes rows or one plain ``SheetUnreadable``
naming what the file is. A sheet is read as a stream: blank rows are dropped as they come,
columns past the header are ignored, and a sheet with more than ``MAX_ROWS`` rows is refused
before it fills the memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from desk_gui.domain.errors import DeskError
from desk_gui.exchange.sheet_choice import choose_sheet
from desk_gui.exchange.xlsx_read import NotAWorkbook, iter_xlsx

MAX_ROWS = 100_000
"""Data rows one import may hold (the old sheets have hundreds; split bigger ones)."""
MAX_COLUMNS = 200
"""Columns read from any row: the worksheet has ~30; a cell in column XFD is ignored."""
HEADER_SCAN = 20
"""Non-blank rows searched for the header: old sheets put a title, the office or the period
above it (“技术问题解决与支持工作表” merged across the top, “填表部门：信息部”)."""

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003), and encrypted .xlsx
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


class SheetUnreadable(DeskError):
    """The file is not a spreadsheet Desk can read, or is too big; the message says which."""

    def __init__(self, name: str, zh: str, en: str) -> None:
        super().__init__(zh=f"无法导入 {name}：{zh}", en=f"Cannot import {name}: {en}")


@dataclass
class Table:
    """The header row, the non-blank data rows with their spreadsheet row numbers, and
    what the reader wants the user to know (e.g. the encoding it guessed), in zh and en."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    notes: list[tuple[str, str]] = field(default_factory=list)
    header_line: int = 1


def read_table(
    path: str | Path,
    text: Callable[[Any], str],
    is_header: Callable[[list[str]], bool] | None = None,
) -> Table:
    """Read ``path`` (``text`` turns a cell into its text, to tell blank rows).

    ``is_header`` tells a header row by its texts: the header is then the first of the first
    ``HEADER_SCAN`` non-blank rows it accepts (the first row if it accepts none, so that a
    sheet of the wrong kind is refused for its missing columns), and the rows above it are
    skipped with a note. Without ``is_header`` the first non-blank row is the header.
    """
    path = Path(path)
    try:
        head = _head(path)
    except OSError as exc:
        raise SheetUnreadable(
            path.name, f"无法读取文件（{exc.strerror or exc}）。", f"{exc.strerror or exc}."
        ) from exc
    if not head:
        raise SheetUnreadable(path.name, "文件是空的（0 字节）。", "the file is empty (0 bytes).")
    if head.startswith(_OLE2):
        raise SheetUnreadable(
            path.name,
            "这是旧版 Excel 97–2003 工作簿（.xls）或加密的工作簿。请在 Excel 中“另存为”"
            "Excel 工作簿（.xlsx）或 CSV 后再导入。",
            "it is an old Excel 97–2003 workbook (.xls) or an encrypted workbook. In Excel, "
            "save it as an Excel Workbook (.xlsx) or as CSV, then import that.",
        )
    notes: list[tuple[str, str]] = []
    if head.startswith(_ZIP):
        raw: Iterable[tuple[int, list[Any]]] = _xlsx_rows(path, text, is_header, notes)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        raise SheetUnreadable(
            path.name,
            "它不是 Excel 工作簿（.xlsx 是 zip 压缩包），看起来是文本文件；"
            "如果是 CSV，请把扩展名改为 .csv。",
            "it is not an Excel workbook (an .xlsx is a zip archive); it looks like a text "
            "file. If it is a CSV, name it .csv.",
        )
    else:
        raw = _csv_rows(path, notes)
    rows = _rows(path.name, raw, text)
    above, (header_line, cells) = _header(rows, text, is_header)
    headers = [text(h) for h in cells[:MAX_COLUMNS]]
    while headers and not headers[-1]:
        headers.pop()
    if len(rows) > MAX_ROWS:
        raise _too_many(path.name)
    if above:
        notes.append(_skipped_note(above, header_line, text))
    width = len(headers)
    body = [  # a row with text only right of the last header is blank too
        (line, cells[:width])
        for line, cells in rows
        if len(cells) <= width or any(text(v) for v in cells[:width])
    ]
    return Table(headers, body, notes, header_line)


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(8)


def _rows(
    name: str, raw: Iterable[tuple[int, list[Any]]], text: Callable[[Any], str]
) -> list[tuple[int, list[Any]]]:
    """The non-blank rows, the header among them: at most MAX_ROWS data rows (plus the rows
    the header may be looked for in), refused beyond that before they fill the memory."""
    rows: list[tuple[int, list[Any]]] = []
    most = MAX_ROWS + HEADER_SCAN
    for line, cells in raw:
        cells = cells[:MAX_COLUMNS]
        if not any(text(v) for v in cells):
            continue
        if len(rows) >= most:
            raise _too_many(name)
        rows.append((line, cells))
    return rows


def _header(
    rows: list[tuple[int, list[Any]]],
    text: Callable[[Any], str],
    is_header: Callable[[list[str]], bool] | None,
) -> tuple[list[tuple[int, list[Any]]], tuple[int, list[Any]]]:
    """(The rows above the header, the header row); the header row and those above are taken
    out of ``rows``. A sheet with no row at all has an empty header at row 1."""
    if not rows:
        return [], (1, [])
    at = 0
    if is_header is not None:
        for i, (_, cells) in enumerate(rows[:HEADER_SCAN]):
            if is_header([text(v) for v in cells]):
                at = i
                break
    above, header = rows[:at], rows[at]
    del rows[: at + 1]
    return above, header


def _too_many(name: str) -> SheetUnreadable:
    return SheetUnreadable(
        name,
        f"表中超过 {MAX_ROWS:,} 行数据。请拆分为每个不超过 {MAX_ROWS:,} 行的几个文件后分别导入。",
        f"the sheet has more than {MAX_ROWS:,} data rows; split it into files of at "
        f"most {MAX_ROWS:,} rows and import them one by one.",
    )


def _skipped_note(
    above: list[tuple[int, list[Any]]], header_line: int, text: Callable[[Any], str]
) -> tuple[str, str]:
    """What the rows above the header said, so the user sees nothing was dropped unseen."""
    first, last = above[0][0], above[-1][0]
    lines = f"{first}" if first == last else f"{first}–{last}"
    said = "；".join(" ".join(t for v in cells if (t := text(v))) for _, cells in above)
    if len(said) > 80:
        said = said[:79] + "…"
    if first == last:
        en = f"Row {lines} above the column headers (row {header_line}) is not a ticket and "
        en += "was not imported"
    else:
        en = f"Rows {lines} above the column headers (row {header_line}) are not tickets and "
        en += "were not imported"
    return (
        f"第 {lines} 行在列标题（第 {header_line} 行）之上，不是工单，未导入：“{said}”。",
        f"{en}: “{said}”.",
    )


def _xlsx_rows(
    path: Path,
    text: Callable[[Any], str],
    is_header: Callable[[list[str]], bool] | None,
    notes: list[tuple[str, str]],
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of the sheet holding the tickets (see sheet_choice), any damage named."""
    try:
        sheet = 0
        if is_header is not None:
            sheet, said = choose_sheet(path, MAX_COLUMNS, text, is_header)
            notes.extend(said)
        yield from iter_xlsx(path, MAX_COLUMNS, sheet=sheet)
    except NotAWorkbook as exc:
        raise SheetUnreadable(path.name, exc.zh, exc.en) from exc
    except (zipfile.BadZipFile, EOFError, KeyError, ParseError, ValueError, OSError) as exc:
        # zlib.error is raised by a corrupt member's data; OSError by a truncated member.
        raise SheetUnreadable(
            path.name,
            "工作簿已损坏或不完整（可能没有下载或复制完）。请重新保存或重新复制后再导入。",
            "the workbook is damaged or incomplete (perhaps not fully downloaded or copied). "
            "Save or copy it again, then import.",
        ) from exc
    except Exception as exc:  # zlib.error and other codec failures of a damaged archive
        if type(exc).__module__ in ("zlib", "zipfile"):
            raise SheetUnreadable(
                path.name, "工作簿已损坏或不完整。", "the workbook is damaged or incomplete."
            ) from exc
        raise


# -- CSV ------------------------------------------------------------------------------------

# (codec, zh name, en name) of the encodings a CSV is tried in, after the BOMs and UTF-16.
_UTF8 = ("utf-8", "UTF-8", "UTF-8")
_GBK = ("gb18030", "GBK（中文 Windows 默认）", "GBK (Chinese Windows)")
_WESTERN = ("cp1252", "西欧（Windows-1252 / Latin-1）", "Western European (Windows-1252 / Latin-1)")
# Share of non-ASCII characters that must be everyday Chinese (GB2312) for GBK to be believed:
# Latin-1 text read as GBK turns "é" + a letter into rare characters outside GB2312.
_GB2312_SHARE = 0.9


def decode_csv(data: bytes) -> tuple[str, tuple[str, str, str]]:
    """The text of a CSV file and the encoding it was in (codec, zh name, en name).

    BOMs first (UTF-8, UTF-16 LE/BE, UTF-32), then UTF-16 without a BOM told by its NUL bytes,
    then strict UTF-8, then GBK if what it gives reads as Chinese, else Windows-1252.
    """
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec), (codec, name, name)
    sixteen = _utf16_without_bom(data)
    if sixteen:
        return data.decode(sixteen), (sixteen, "UTF-16", "UTF-16")
    try:
        return data.decode("utf-8"), _UTF8
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_chinese(text):
        return text, _GBK
    try:
        return data.decode("cp1252"), _WESTERN
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), _WESTERN


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" / "utf-16-be" when most of the sample's odd / even bytes are NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _reads_as_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= _GB2312_SHARE * len(wide)


def _csv_rows(path: Path, notes: list[tuple[str, str]]) -> Iterator[tuple[int, list[Any]]]:
    data = path.read_bytes()
    try:
        text, (codec, zh, en) = decode_csv(data)
    except UnicodeDecodeError as exc:  # a BOM or NUL bytes promised UTF-16/32; the rest is not
        raise SheetUnreadable(
            path.name,
            f"文件开头标明为 {exc.encoding.upper()} 编码，但内容不是有效的 {exc.encoding.upper()}。"
            "请在 Excel 中另存为“CSV UTF-8”后再导入。",
            f"it starts as {exc.encoding.upper()} text but the rest is not valid "
            f"{exc.encoding.upper()}. Save it from Excel as “CSV UTF-8” and import that.",
        ) from exc
    if codec == "cp1252":
        notes.append(
            (
                f"文件不是 UTF-8 或 GBK 编码，已按{zh}读取；请核对带重音的字母（如 é、ü）。"
                "最好在 Excel 中另存为“CSV UTF-8”。",
                f"The file is not in UTF-8 or GBK; it was read as {en}. Check accented letters "
                "such as é or ü; better, save it from Excel as “CSV UTF-8”.",
            )
        )
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    # A cell may be as long as the file: the length rules then name its row and column.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Numbered by record, as Excel numbers the rows (a cell may hold line breaks).
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise SheetUnreadable(
            path.name,
            f"第 {reader.line_num} 行无法按 CSV 读取（{exc}）。",
            f"line {reader.line_num} cannot be read as CSV ({exc}).",
        ) from exc
