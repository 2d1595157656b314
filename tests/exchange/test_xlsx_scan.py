"""Odd sheets: the scanning reader, the parsing reader and openpyxl read the same values."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from desk_gui.exchange import xlsx_read
from desk_gui.exchange.xlsx_read import read_xlsx
from desk_gui.exchange.xlsx_scan import scan_rows

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SHARED = ["共享文字", "00123", "1.50", " 前后空格 ", "a & b <c>", "多行\n第二行", "富文本"]


def _shared() -> str:
    items = "".join(
        f'<si><t xml:space="preserve">{t.replace("&", "&amp;").replace("<", "&lt;")}</t></si>'
        for t in SHARED[:-1]
    )
    # a rich-text string with a phonetic run (left out), as Excel writes Japanese names
    rich = '<si><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></si>'
    return (
        f'<sst xmlns="{NS}" count="{len(SHARED)}" uniqueCount="{len(SHARED)}">{items}{rich}</sst>'
    )


# Cell formats: 0 general, 1 a built-in date (14), 2 a custom date-time, 3 a plain number format.
STYLES = (
    f'<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
    '<xf numFmtId="2" applyNumberFormat="1"/></cellXfs><cellStyles count="1">'
    '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)

ROWS = (
    # shared strings (text that looks like a number stays text), inline strings, rich inline
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
    '<c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>行内</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t xml:space="preserve"> 留空格 </t></is></c>'
    '<c r="C2" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>行内</t></r></is></c>'
    '<c r="D2" t="inlineStr"><is><t>&#20013;&#x6587; &amp;&lt;&gt;&quot;&apos; cr&#13;lf</t></is></c>'
    '<c r="E2" t="inlineStr"/><c r="F2" t="inlineStr"><is><t/></is></c>'
    '<c r="G2" t="inlineStr"><is><t>raw\r\nline</t></is></c></row>'
    # numbers: integers, floats, exponents, a number in a number format, booleans, errors
    '<row r="3"><c r="A3"><v>42</v></c><c r="B3" t="n"><v>3.25</v></c><c r="C3"><v>1E3</v></c>'
    '<c r="D3" s="3"><v>7.5</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="b"><v>0</v></c>'
    '<c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="str"><f>A1&amp;B1</f><v>x&amp;y</v></c></row>'
    # dates as numbers (a date, a date-time, a time of day), an ISO date cell, empty cells
    '<row r="4"><c r="A4" s="1"><v>45413</v></c><c r="B4" s="2"><v>45413.5625</v></c>'
    '<c r="C4" s="2"><v>0.25</v></c><c r="D4" t="d"><v>2024-05-01T09:15:00</v></c>'
    '<c r="E4"/><c r="F4" s="1"/><c r="H4"><v>8</v></c></row>'
    # blank rows Excel keeps (formatting only), a row with no r, cells with no r
    '<row r="6" ht="20" customHeight="1"/><row><c t="inlineStr"><is><t>无行号</t></is></c>'
    "<c><v>5</v></c></row>"
    # attributes in another order and quoted with apostrophes, spaces before />
    "<row r='9' spans='1:3'><c t='inlineStr' r='B9'><is><t>反序</t></is></c>"
    '<c s="1" r="C9"><v>45000</v></c><c r="D9" t="inlineStr" /></row>'
    # a merged block: the value sits in its top-left cell only
    '<row r="10"><c r="A10" t="inlineStr"><is><t>合并</t></is></c><c r="B10"/></row>'
    '<row r="11"><c r="A11"/><c r="B11"/></row>'
)


def _workbook(path: Path, rows: str = ROWS, mac: bool = False, prefix: str = "") -> Path:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns{":" + prefix if prefix else ""}="{NS}"'
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{p}worksheet {xmlns} xmlns:r="{REL}"><{p}sheetData>'
        + (rows.replace("<", f"<{p}").replace(f"<{p}/", f"</{p}") if prefix else rows)
        + f'</{p}sheetData><{p}mergeCells count="1"><{p}mergeCell ref="A10:B11"/>'
        f"</{p}mergeCells></{p}worksheet>"
    )
    props = '<workbookPr date1904="1"/>' if mac else "<workbookPr/>"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{NS}" xmlns:r="{REL}">{props}<sheets>'
            '<sheet name="旧表" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": _shared(),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text.encode("utf-8"))
    return path


def _openpyxl_rows(path: Path) -> list[list[object]]:
    """openpyxl's values (data_only), trailing empty cells and rows dropped."""
    wb = openpyxl.load_workbook(path, data_only=True)
    try:
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    for r in rows:
        while r and r[-1] is None:
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _both_ways(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[list[Any]], list[list[Any]]]:
    scanned = read_xlsx(path)
    with monkeypatch.context() as m:
        m.setattr(xlsx_read, "MAX_SCANNED_BYTES", -1)  # parsed as a stream
        parsed = read_xlsx(path)
    while scanned and not scanned[-1]:
        scanned.pop()
    while parsed and not parsed[-1]:
        parsed.pop()
    return scanned, parsed


@pytest.mark.parametrize("mac", [False, True], ids=["1900", "1904"])
def test_odd_sheets_read_as_openpyxl_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mac: bool
) -> None:
    path = _workbook(tmp_path / "odd.xlsx", mac=mac)
    with zipfile.ZipFile(path) as zf:  # scanned, not handed to the parser
        assert scan_rows(zf.read("xl/worksheets/sheet1.xml"), lambda *a: 0, len, 99) is not None
    scanned, parsed = _both_ways(path, monkeypatch)
    assert scanned == parsed == _openpyxl_rows(path)
    assert scanned[0] == SHARED  # numbers stored as text stay text; runs joined, phonetic out
    assert scanned[1][3] == "中文 &<>\"' cr\rlf" and scanned[1][6] == "raw\nline"
    assert scanned[1][4] is None and scanned[1][5] == ""
    day = datetime(2028, 5, 2) if mac else datetime(2024, 5, 1)
    assert scanned[3][:2] == [day, day.replace(hour=13, minute=30)]
    epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    assert scanned[6] == ["无行号", 5]
    assert scanned[8] == [None, "反序", from_excel(45000, epoch)]
    assert scanned[9] == ["合并"] and len(scanned) == 10  # the merged block's empty row dropped


def test_a_sheet_with_prefixed_elements_is_parsed_not_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "x.xlsx", prefix="x")
    with zipfile.ZipFile(path) as zf:
        data = zf.read("xl/worksheets/sheet1.xml")
    assert scan_rows(data, lambda *a: None, lambda r: 0, 10) is None
    scanned, parsed = _both_ways(path, monkeypatch)
    plain, _ = _both_ways(_workbook(tmp_path / "plain.xlsx"), monkeypatch)
    assert scanned == parsed == plain


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1"><!-- a comment --><c r="A1"><v>1</v></c></row>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x>]]></t></is></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c></row><?desk pi?>',
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></row>',
    ],
    ids=["comment", "cdata", "instruction", "not-well-formed"],
)
def test_markup_a_scan_could_misread_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str
) -> None:
    path = _workbook(tmp_path / "x.xlsx", rows=rows)
    with zipfile.ZipFile(path) as zf:
        assert scan_rows(zf.read("xl/worksheets/sheet1.xml"), lambda *a: 0, lambda r: 0, 9) is None
    if rows.endswith("<v>2</v></row>"):  # damaged: the parser's error, as before
        with pytest.raises(ParseError):
            read_xlsx(path)
        return
    scanned, parsed = _both_ways(path, monkeypatch)
    assert scanned == parsed == _openpyxl_rows(path)


def test_the_exporters_sheet_scans_as_it_parses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("工单")
    ws.append(["问题编号", None, "多行\n文本", " 空格 ", "=1+1"])
    ws.append([datetime(2024, 5, 1, 9, 15), 3, 2.5, True, "'=2"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    scanned, parsed = _both_ways(path, monkeypatch)
    assert scanned == parsed == _openpyxl_rows(path)
