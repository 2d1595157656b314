"""The rows of a worksheet's XML found by regular expressions instead of an XML tree.

ElementTree builds an element for every cell, value and string of the sheet (~0.3 s for a
3,000-row worksheet export, most of a check's reading time); the sheet part of a workbook is
regular enough for a scan: rows, their cells, each cell's value or inline string. Anything a
scan could misread — a DOCTYPE or entity declaration, CDATA, comments, processing instructions
past the declaration, namespace prefixes on the elements, an encoding other than UTF-8, XML that
is not well-formed (checked by expat without handlers first) — makes ``scan_rows`` return None
and the caller parses the XML (``xlsx_read``). What comes out is what
that parser gives: XML's line-end normalisation and character references applied, phonetic
runs left out, the same values for every cell type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.parsers import expat as pyexpat

# A cell as Excel and openpyxl write one (attributes r, s, t in this order, a plain value or
# inline string): one match gives everything; a row with any other cell is read cell by cell.
_PLAIN_CELL = re.compile(
    r'<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")?'
    r'(?: ?/>|>(?:(<is>)<t(?: xml:space="preserve")?>([^<]*)</t></is>|<v>([^<]*)</v>)?</c>)'
)
_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row\s*>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c\s*>)", re.S)
_ATTR = re.compile(r"""\b(r|s|t)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_V = re.compile(r"<v\b[^>]*?(?:/>|>(.*?)</v\s*>)", re.S)
_IS = re.compile(r"<is\b[^>]*?(?:/>|>(.*?)</is\s*>)", re.S)
_T = re.compile(r"<t\b[^>]*?(?:/>|>(.*?)</t\s*>)", re.S)
_RUN = re.compile(r"<r\b[^>]*?(?:/>|>(.*?)</r\s*>)", re.S)
_PHONETIC = re.compile(r"<rPh\b.*?</rPh\s*>", re.S)
_REF = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# What a scan does not read the way an XML parser would: the caller parses instead.
_UNSAFE = re.compile(r"<!|<\?(?!xml\s)|<[A-Za-z_][\w.-]*:(?:row|c|v|is|t|sheetData)\b")
_DECLARED = re.compile(r"""<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']""")

Value = Callable[[str | None, str | None, str | None, str | None], Any]


def _ref(m: re.Match[str]) -> str:
    name = m.group(1)
    if name[0] == "#":
        return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))
    return _NAMED[name]


def text(raw: str | None) -> str:
    """Character data as the parser gives it (line ends already normalised)."""
    if not raw:
        return ""
    return _REF.sub(_ref, raw) if "&" in raw else raw


def inline_text(raw: str | None) -> str:
    """An inline string: its plain text, or its rich-text runs joined, phonetic runs left out."""
    if not raw:
        return ""
    if "<rPh" in raw:
        raw = _PHONETIC.sub("", raw)
    if "<r" in raw and _RUN.search(raw):
        plain = re.match(r"\s*<t\b", raw)
        if not plain:
            runs = (run.group(1) or "" for run in _RUN.finditer(raw))
            return "".join(text(t.group(1)) for run in runs for t in _T.finditer(run))
    found = _T.search(raw)
    return text(found.group(1)) if found else ""


def _attrs(raw: str) -> tuple[str | None, str | None, str | None]:
    r = s = t = None
    for m in _ATTR.finditer(raw):
        value = m.group(2) if m.group(2) is not None else m.group(3)
        if m.group(1) == "r":
            r = value
        elif m.group(1) == "s":
            s = value
        else:
            t = value
    return r, s, t


def scan_rows(
    data: bytes, value: Value, column: Callable[[str], int], limit: int
) -> Iterator[tuple[int, list[Any]]] | None:
    """(row number, values) of the sheet XML ``data``, or None when it must be parsed.

    ``value(kind, style, v_text, inline_text)`` makes a cell's value; ``column(ref)`` its
    0-based column; cells from column ``limit`` on are skipped."""
    declared = _DECLARED.match(data[:200].decode("ascii", "replace"))
    if declared and declared.group(1).lower().replace("-", "") != "utf8":
        return None
    try:
        xml = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if xml.startswith("\ufeff"):
        xml = xml[1:]
    if _UNSAFE.search(xml) or not _well_formed(data):
        return None
    if "\r" in xml:
        xml = xml.replace("\r\n", "\n").replace("\r", "\n")
    start = xml.find("<sheetData")
    return _rows(xml, start, value, column, limit) if start >= 0 else iter(())


def _well_formed(data: bytes) -> bool:
    """Whether expat reads ``data`` without an error (no handlers: ~10 ms a megabyte). A
    damaged part goes to the parser, which names the error as it always has."""
    try:
        pyexpat.ParserCreate().Parse(data, True)
    except pyexpat.ExpatError:
        return False
    return True


def _rows(
    xml: str, start: int, value: Value, column: Callable[[str], int], limit: int
) -> Iterator[tuple[int, list[Any]]]:
    last = 0
    for row in _ROW.finditer(xml, start):
        number_ref = _attrs(row.group(1))[0]
        last = number = int(number_ref) if number_ref else last + 1
        body = row.group(2) or ""
        plain = _PLAIN_CELL.findall(body)
        if len(plain) == body.count("<c"):
            yield number, _plain_cells(plain, value, column, limit)
            continue
        cells: list[Any] = []
        for c in _CELL.finditer(body):
            ref, style, kind = _attrs(c.group(1))
            col = column(ref) if ref else len(cells)
            if col >= limit:
                continue
            body = c.group(2)
            if not body:
                found = None
            elif kind == "inlineStr":
                inline = _IS.search(body)
                found = value(kind, style, None, inline.group(1) or "" if inline else None)
            else:
                v = _V.search(body)
                found = value(kind, style, v.group(1) if v else None, None)
            if col > len(cells):
                cells.extend([None] * (col - len(cells)))
            if col < len(cells):
                cells[col] = found
            else:
                cells.append(found)
        while cells and cells[-1] is None:
            cells.pop()
        yield number, cells


def _plain_cells(
    found: list[tuple[str, str, str, str, str, str]], value: Value, column: Callable[[str], int],
    limit: int,
) -> list[Any]:  # fmt: skip
    """A row's values from its plain cells' matches (letters, s, t, "<is>" or "", inline
    text, value)."""
    cells: list[Any] = []
    for letters, style, kind, is_, inline, v in found:
        col = column(letters)
        if col >= limit:
            continue
        if col > len(cells):
            cells.extend([None] * (col - len(cells)))
        if kind == "inlineStr":
            got = text(inline) if is_ else None
        elif v:
            got = value(kind or None, style or None, v, None)
        else:
            got = None
        if col < len(cells):
            cells[col] = got
        else:
            cells.append(got)
    while cells and cells[-1] is None:
        cells.pop()
    return cells
