"""Files that must never crash an import: long cells, foreign or damaged files, sheet bombs,
encodings (issue 15, items 5–8)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desk_gui.app import main
from desk_gui.exchange.importer import ImportPreview, ImportRow, preview_file
from desk_gui.exchange.table import MAX_ROWS, SheetUnreadable, decode_csv
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.store.database import close_database, open_database

HEAD = ["问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式", "提交时间"]
ROW = [
    "打印机卡纸",
    "财务部",
    "三楼打印机HP M404卡纸，报错13.1，已重启无效，影响5人打印报表",
    "中",
    "José Müller",
    "内线8123",
    "2024-05-06 09:00",
]


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


# -- item 5: a cell longer than the csv module's 131,072-character default ---------------------


def test_a_csv_cell_longer_than_131072_characters_is_refused_by_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path / "long.csv", [HEAD, ROW, [*ROW[:2], "长" * 131_073, *ROW[3:]]])
    preview = preview_file(path)
    assert preview.rows[0].valid
    (problem,) = preview.rows[1].problems
    assert (problem.row, problem.column, problem.code) == (3, "问题描述", "text_too_long")
    assert "131073" in problem.message("en")
    db = tmp_path / "d.db"
    open_database(db)  # only `demo` and the window create a database
    close_database()
    code, err = _cli("import", "--db", str(db), str(path), "--dry-run", "--lang", "en",
                     capsys=capsys)  # fmt: skip
    assert code == 1 and "Traceback" not in err and "row 3, 问题描述" in err


# -- item 6: files that are not a readable workbook -------------------------------------------


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _workbook(path: Path, rows_xml: str, sheets: bool = True) -> Path:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = '<sheet name="S" sheetId="1" r:id="rId1"/>' if sheets else ""
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    return _zip(
        path,
        {
            "xl/workbook.xml": f"<workbook {ns} {rel}><sheets>{sheet}</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship '
            'Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": f"<worksheet {ns}><sheetData>{rows_xml}"
            "</sheetData></worksheet>",
        },
    )


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _head_xml() -> str:
    letters = "ABCDEFG"
    return (
        '<row r="1">'
        + "".join(_inline(f"{c}1", h) for c, h in zip(letters, HEAD, strict=True))
        + "</row>"
    )


def _row_xml(n: int, values: list[str] = ROW) -> str:
    return (
        f'<row r="{n}">'
        + "".join(_inline(f"{c}{n}", v) for c, v in zip("ABCDEFG", values, strict=True))
        + "</row>"
    )


def _malformed(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = _workbook(tmp_path / "good.xlsx", _head_xml() + _row_xml(2))
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    text = tmp_path / "renamed.xlsx"
    text.write_text("问题标题,所属部门\n打印机,财务部\n", encoding="utf-8")
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    docx = _zip(tmp_path / "letter.xlsx", {"word/document.xml": "<w/>"})
    plain_zip = _zip(tmp_path / "photos.xlsx", {"a.txt": "x"})
    no_sheet = _workbook(tmp_path / "nosheet.xlsx", "", sheets=False)
    return {
        "empty": (empty, "empty"),
        "renamed text": (text, "looks like a text file"),
        "old xls": (xls, "Excel 97–2003"),
        "truncated": (truncated, "damaged or incomplete"),
        "word document": (docx, "a Word document"),
        "zip without workbook": (plain_zip, "no Excel workbook inside"),
        "workbook without sheets": (no_sheet, "no worksheet"),
    }


def test_malformed_workbooks_are_named_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    open_database(db)
    close_database()
    for name, (path, says) in _malformed(tmp_path).items():
        with pytest.raises(SheetUnreadable) as caught:
            preview_file(path)
        assert says in caught.value.message("en"), name
        assert path.name in caught.value.message("zh"), name
        code, err = _cli("import", "--db", str(db), str(path), "--lang", "en", capsys=capsys)
        assert code != 0 and "Traceback" not in err, name
        assert len(err.strip().splitlines()) == 1 and says in err, (name, err)


# -- item 7: sheet bombs ------------------------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import resource, sys
    from desk_gui.exchange.importer import preview_file
    from desk_gui.domain.errors import DeskError
    try:
        preview = preview_file(sys.argv[1])
        print("rows", len(preview.rows), len(preview.valid_rows))
    except DeskError as exc:
        print("refused", exc.message("en"))
    print("rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """
)


def _child_preview(path: Path) -> tuple[str, int]:
    """Preview ``path`` in a fresh process: (what it printed first, its peak memory in MB)."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, timeout=600
    )
    assert out.returncode == 0, out.stderr
    first, rss = out.stdout.strip().splitlines()
    return first, int(rss.split()[1])


def _baseline_mb() -> int:
    _, rss = _child_preview(Path(__file__).with_name("missing.csv"))
    return rss


def _bomb(path: Path, rows: int, row_xml: object) -> Path:
    """A workbook whose sheet XML is streamed into the zip (the test keeps it small, fast)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    small = _workbook(path.with_name("tmpl.xlsx"), "")
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, src.read(info.filename))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f"<worksheet {ns}><sheetData>".encode())
            fh.write(_head_xml().encode())
            buf: list[str] = []
            for n in range(2, rows + 2):
                buf.append(row_xml(n))  # type: ignore[operator]
                if len(buf) == 5000:
                    fh.write("".join(buf).encode())
                    buf.clear()
            fh.write("".join(buf).encode())
            fh.write(b"</sheetData></worksheet>")
    return path


@pytest.mark.slow
def test_sheet_bombs_are_read_in_bounded_memory(tmp_path: Path) -> None:
    base = _baseline_mb()
    # A cell in the last column (XFD) of 20,000 rows: the columns past the header are ignored.
    xfd = _bomb(
        tmp_path / "xfd.xlsx", 20_000, lambda n: f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'
    )
    assert xfd.stat().st_size < 400_000
    first, rss = _child_preview(xfd)
    assert first == "rows 0 0" and rss - base < 150, (first, rss, base)
    # 1,048,575 rows, blank but for two real tickets at the end: blank rows skipped at once.
    last = 1_048_576

    def blank(n: int) -> str:
        return _row_xml(n) if n > last - 2 else f'<row r="{n}"/>'

    sparse = _bomb(tmp_path / "sparse.xlsx", last - 1, blank)
    first, rss = _child_preview(sparse)
    assert first == "rows 2 2" and rss - base < 150, (first, rss, base)
    # 1,048,575 tiny rows: refused with a plain message once past the cap.
    tiny = _bomb(
        tmp_path / "tiny.xlsx", last - 1, lambda n: f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
    )
    assert tiny.stat().st_size < 8_000_000
    first, rss = _child_preview(tiny)
    assert first.startswith("refused") and f"more than {MAX_ROWS:,} data rows" in first
    assert "split it" in first and rss - base < 600, (first, rss, base)


def test_numbers_are_looked_up_without_an_unbounded_in_list(tmp_path: Path) -> None:
    """40,000 numbered rows: more than any SQLite allows in one statement (32,766)."""
    open_database(tmp_path / "d.db")
    try:
        from desk_gui.domain.ticket import TicketDraft

        days = [date(2020, 1, 1) + timedelta(days=d) for d in range(100)]
        rows = [
            ImportRow(line=i + 2, number=f"IT{days[i // 400]:%Y%m%d}{i % 400 + 1:03d}",
                      draft=TicketDraft())
            for i in range(40_000)
        ]  # fmt: skip
        preview = ImportPreview("x.xlsx", rows)
        ImportService(Context(operator="t", workstation="w")).check_numbers(preview)
        assert not any(p.code == "number_replaced" for p in preview.problems)
    finally:
        close_database()


# -- item 8: encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("gb18030", b""),
        ("gbk", b""),
    ],
)
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    rows = [HEAD, [*ROW[:4], "张三", *ROW[5:]], [*ROW[:4], "李四丰", *ROW[5:]]]
    text = "\r\n".join(",".join(r) for r in rows) + "\r\n"
    path = tmp_path / "sheet.csv"
    path.write_bytes(prefix + text.encode(encoding))
    preview = preview_file(path)
    assert [r.draft.requester for r in preview.rows] == ["张三", "李四丰"]
    assert [r.draft.department for r in preview.rows] == ["财务部", "财务部"]
    assert not preview.errors and not preview.warnings


def test_a_western_csv_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    head = ["Title", "Department", "Description", "Urgency", "Requester", "Contact", "Submitted"]
    row = [
        "Printer jam",
        "Finance",
        "The HP M404 on floor 3 jams with error 13.1 since 9:00; restart did not help",
        "Medium",
        "José Müller",
        "ext 8123",
        "2024-05-06 09:00",
    ]
    rows = [head, row, [*row[:4], "Renée Dupré", *row[5:]]]
    path = _csv(tmp_path / "latin.csv", rows, "cp1252")  # fmt: skip
    preview = preview_file(path)
    assert [r.draft.requester for r in preview.rows] == ["José Müller", "Renée Dupré"]
    (warning,) = preview.warnings
    assert "Windows-1252" in warning.message("en") and "Windows-1252" in warning.message("zh")
    assert not preview.errors
    assert "\ufffd" not in "".join(r.draft.requester + r.draft.title for r in preview.rows)


def test_gbk_text_is_not_taken_for_western_and_back() -> None:
    assert decode_csv("打印机卡纸，财务部".encode("gbk"))[1][0] == "gb18030"
    assert decode_csv("Josée, Renée, Ångström".encode("cp1252"))[1][0] == "cp1252"
    assert decode_csv("naïve".encode())[1][0] == "utf-8"


def test_import_of_a_gbk_csv_writes_the_chinese(tmp_path: Path) -> None:
    path = _csv(tmp_path / "gbk.csv", [HEAD, [*ROW[:4], "王小明", *ROW[5:]]], "gbk")
    open_database(tmp_path / "d.db")
    try:
        service = ImportService(
            Context(operator="t", workstation="w", clock=lambda: datetime(2024, 6, 1))
        )
        preview = preview_file(path, now=datetime(2024, 6, 1))
        result = service.run(preview)
        assert len(result.created) == 1
        assert service.workflow.get_by_number(result.created[0][1]).requester == "王小明"
    finally:
        close_database()


def test_control_characters_in_cells_are_taken_out_on_import(tmp_path: Path) -> None:
    dirty = ["打印机\x1b[0m卡纸\x07", "财务\x00部", *ROW[2:4], "王\x0b小明", *ROW[5:]]
    path = _csv(tmp_path / "dirty.csv", [HEAD, dirty])
    (row,) = preview_file(path).rows
    assert (row.draft.title, row.draft.department, row.draft.requester) == (
        "打印机[0m卡纸",
        "财务部",
        "王小明",
    )
    assert row.valid
