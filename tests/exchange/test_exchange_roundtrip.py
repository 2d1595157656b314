"""Export and import against real database files: round trip, CSV, formulas, invalid rows."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desk_gui.domain.enums import Category, Impact, LogKind, Satisfaction, Status, Urgency
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.exchange.export import ExportOptions, export_tickets
from desk_gui.exchange.importer import ImportDefaults, preview_file
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportRefused, ImportService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database
from desk_gui.store.models import Ticket

NOW = datetime(2024, 5, 6, 17, 0)
DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"


def draft(**overrides: object) -> TicketDraft:
    values: dict[str, object] = {
        "title": "CRM系统数据库连接错误",
        "department": "销售部/北京分公司",
        "description": DESCRIPTION,
        "category": Category.SOFTWARE,
        "urgency": Urgency.HIGH,
        "impact": Impact.DEPARTMENT,
        "requester": "小明",
        "contact": "内线8888",
        "submitted_at": datetime(2024, 5, 6, 9, 15),
    }
    values.update(overrides)
    return TicketDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Path]:
    """A database with a pending, an in-progress, a resolved and a closed ticket."""
    path = tmp_path / "source.db"
    open_database(path)
    wf = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=lambda: NOW))
    wf.create(draft(remarks='=HYPERLINK("http://x")', assignee="张三"))
    t = wf.create(
        draft(
            title="打印机卡纸",
            description="三楼打印机卡纸，清理后仍然报错E05无法打印",
            category=Category.HARDWARE,
        )
    )
    wf.take(t.id, t.version)
    t = wf.create(draft(title="VPN无法连接", contact="-分机 12", error_code="809"))
    t = wf.take(t.id, t.version)
    wf.add_log(t.id, "+检查客户端证书，已过期")
    t = wf.get(t.id)
    wf.resolve(t.id, t.version, "重新签发证书", resolved_at=datetime(2024, 5, 6, 11, 0))
    t = wf.create(
        draft(
            title="邮箱容量已满", description="邮箱提示容量已满，无法收发邮件，已删除部分邮件仍不行"
        )
    )
    t = wf.take(t.id, t.version)
    t = wf.resolve(t.id, t.version, "扩容邮箱到10GB", resolved_at=datetime(2024, 5, 6, 12, 30))
    t = wf.record_feedback(t.id, t.version, True, Satisfaction.BASIC)
    wf.close(t.id, t.version)
    yield path
    close_database()


def _records(path: Path) -> list[TicketRecord]:
    open_database(path)
    service = WorkflowService(Context(operator="x"))
    return [service.get(t.id) for t in Ticket.select(Ticket.id).order_by(Ticket.id)]


def _import(db: Path, sheet: Path, only_valid: bool = False) -> None:
    open_database(db)
    preview = preview_file(sheet)
    ImportService(Context(operator="导入员")).run(preview, only_valid=only_valid)


def test_xlsx_round_trip_keeps_numbers_fields_status_and_solution(
    source: Path, tmp_path: Path
) -> None:
    before = _records(source)
    out = tmp_path / "out.xlsx"
    assert export_tickets(out, "xlsx", options=ExportOptions(mask_requester=False)) == 4
    target = tmp_path / "target.db"
    _import(target, out)
    after = _records(target)
    assert [r.number for r in after] == [r.number for r in before]
    for a, b in zip(after, before, strict=True):
        for name in ("title", "department", "description", "urgency", "requester", "contact"):
            assert getattr(a, name) == getattr(b, name), name
        for name in ("submitted_at", "status", "solution", "resolved_at", "remarks", "category"):
            assert getattr(a, name) == getattr(b, name), name
        assert (a.impact, a.priority, a.error_code) == (b.impact, b.priority, b.error_code)
        assert (a.feedback_resolved, a.satisfaction) == (b.feedback_resolved, b.satisfaction)
        imported = [e.text for e in a.log if e.kind == LogKind.IMPORT]
        assert imported and "原处理过程记录" in imported[0]
    assert after[0].assignee == "张三" and after[1].assignee == "李工程师"


def test_xlsx_has_real_dates_frozen_header_autofilter_and_no_live_formula(
    source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsx"
    export_tickets(out, "xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:AA5"
    heads = [c.value for c in ws[1]]
    assert heads[:3] == ["问题编号", "问题标题", "所属部门/区域"] and "是否超时" in heads
    assert isinstance(ws.cell(2, heads.index("提交时间") + 1).value, datetime)
    assert ws.cell(2, heads.index("提交人") + 1).value == "小明*"  # masked by default
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    remarks = ws.cell(2, heads.index("备注") + 1)
    assert remarks.value == '\'=HYPERLINK("http://x")' and remarks.data_type == "s"


def test_csv_has_a_bom_and_neutralised_cells(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    export_tickets(out, "csv", options=ExportOptions(lang="en"))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0][:2] == ["Ticket No.", "Title"] and len(rows) > 4
    text = raw.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-分机 12" in text
    assert "2024-05-06 09:15" in text and "李工程师: +检查客户端证书" in text


def _write_sheet(path: Path, header: list[str], rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


BARE = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式"]
BARE += [
    "提交时间",
    "当前状态",
    "负责人",
    "处理过程记录",
    "解决方案",
    "解决时间",
    "提交人反馈",
    "备注",
]
GOOD = ["IT20240501001", "CRM系统数据库连接错误", "销售部", DESCRIPTION, "高", "小明", "内线8888"]
GOOD += [
    "2024/5/1 9:15",
    "已关闭",
    "李工程师",
    "09:30 检查数据库服务器",
    "重启数据库服务",
    "2024-05-0110:30",
    "是；满意",
    "",
]


def test_bare_template_gets_defaults_noted_in_the_log(tmp_path: Path) -> None:
    sheet = tmp_path / "old.xlsx"
    _write_sheet(sheet, [*BARE, "工位号"], [[*GOOD, "A-12"]])
    preview = preview_file(sheet, ImportDefaults())
    assert preview.unknown_columns == ["工位号"] and not preview.errors
    _import(tmp_path / "new.db", sheet)
    (rec,) = _records(tmp_path / "new.db")
    assert rec.number == "IT20240501001" and rec.status == Status.CLOSED
    assert (rec.category, rec.impact) == (Category.OTHER, Impact.INDIVIDUAL)
    assert (
        rec.resolved_at == datetime(2024, 5, 1, 10, 30)
        and rec.satisfaction == Satisfaction.SATISFIED
    )
    log = "\n".join(e.text for e in rec.log)
    assert "默认值：其他" in log and "默认值：个人" in log and "09:30 检查数据库服务器" in log
    # The sheet's history, not the import's clock: responded and closed by the resolution.
    assert rec.first_response_at == rec.closed_at == datetime(2024, 5, 1, 10, 30)


def test_invalid_rows_named_by_row_and_column_and_nothing_imported(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.xlsx"
    bad_title = [*GOOD[:1], "这个标题实在是太长了超过了二十个字的限制真的", *GOOD[2:]]
    bad_date = [*GOOD[:7], "昨天上午", *GOOD[8:]]
    mobile = [*GOOD[:6], "13912345678", *GOOD[7:]]
    _write_sheet(sheet, BARE, [GOOD, bad_title, bad_date, mobile])
    preview = preview_file(sheet)
    where = {(p.row, p.column, p.warning) for p in preview.problems}
    assert (3, "问题标题", False) in where and (4, "提交时间", False) in where
    assert (5, "联系方式", True) in where  # a personal mobile is only a warning on import
    assert "第 3 行，问题标题" in preview.errors[0].message("zh")
    db = tmp_path / "new.db"
    open_database(db)
    with pytest.raises(ImportRefused):
        ImportService(Context(operator="x")).run(preview)
    assert Ticket.select().count() == 0
    ImportService(Context(operator="x")).run(preview, only_valid=True)
    assert Ticket.select().count() == 2
    close_database()


def desk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_gui", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_import_refuses_invalid_file_and_leaves_database_unchanged(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(BARE)
        w.writerow(GOOD)
        w.writerow([*GOOD[:3], "", *GOOD[4:]])
    db = tmp_path / "desk.db"
    assert desk("demo", "--db", str(db), "--tickets", "0", "--quiet").returncode == 0
    done = desk("import", "--db", str(db), str(sheet), "--lang", "zh")
    assert done.returncode == 1
    assert "第 3 行，问题描述" in done.stderr and "Traceback" not in done.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM ticket").fetchone() == (0,)
    assert desk("import", "--db", str(db), str(sheet), "--only-valid").returncode == 0
    assert sqlite3.connect(db).execute("SELECT count(*) FROM ticket").fetchone() == (1,)


def test_cli_export_print_and_blank(source: Path, tmp_path: Path) -> None:
    close_database()
    out = tmp_path / "closed.csv"
    done = desk(
        "export",
        "--db",
        str(source),
        "--format",
        "csv",
        "-o",
        str(out),
        "--status",
        "closed",
        "--from",
        "2024-05-01",
        "--to",
        "2024-05-06",
    )
    assert done.returncode == 0, done.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) >= 2
    number = sqlite3.connect(source).execute("SELECT number FROM ticket LIMIT 1").fetchone()[0]
    pdf = tmp_path / "ws.pdf"
    done = desk("print", "--db", str(source), number, "--pdf", str(pdf), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert desk("print", "--blank", "--pdf", str(tmp_path / "blank.pdf")).returncode == 0
    missing = desk("print", "--db", str(source), "IT19990101001", "--pdf", str(pdf))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


@pytest.mark.slow
def test_two_imports_into_one_file_at_once_both_land(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    open_database(db)
    close_database()
    sheets = []
    for i in range(2):
        sheet = tmp_path / f"ws{i}.xlsx"
        rows = [
            [""] + GOOD[1:7] + [f"2024-05-01 {9 + i}:{m:02d}", "待处理"] + [""] * 6
            for m in range(30)
        ]
        _write_sheet(sheet, BARE, rows)
        sheets.append(sheet)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "desk_gui", "import", "--db", str(db), str(s)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s in sheets
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    numbers = [r[0] for r in sqlite3.connect(db).execute("SELECT number FROM ticket")]
    assert len(numbers) == 60 and len(set(numbers)) == 60


def test_the_queue_as_filtered_and_sorted_as_the_ui_asks(source: Path, tmp_path: Path) -> None:
    from desk_gui.store.queue import QueueFilter, SortKey

    out = tmp_path / "queue.csv"
    flt = QueueFilter(statuses=frozenset({"pending", "in_progress", "resolved"}))
    n = export_tickets(out, flt=flt, sort=SortKey.TITLE, descending=True, lang="en", mask=False)
    assert n == 3
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    titles = [r[1] for r in rows[1:]]
    assert titles == sorted(titles, reverse=True) and "邮箱容量已满" not in titles
    assert rows[1][5] == "小明"  # unmasked on request


def _log_cells(path: Path, lang: str) -> list[str]:
    export_tickets(path, "csv", options=ExportOptions(lang=lang))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    column = rows[0].index("处理过程记录" if lang == "zh" else "Handling log")
    return [r[column] for r in rows[1:]]


def test_log_column_in_the_exports_language(source: Path, tmp_path: Path) -> None:
    zh = "\n".join(_log_cells(tmp_path / "zh.csv", "zh"))
    en = "\n".join(_log_cells(tmp_path / "en.csv", "en"))
    assert "李工程师：状态：待处理 → 处理中" in zh and "关闭（提交人已确认解决）。" in zh
    assert "李工程师: Status: Pending → In progress" in en and "状态：" not in en
    assert "Closed (the requester confirmed the fix)." in en
    assert "Requester feedback: Yes; Fairly satisfied" in en
    assert "李工程师: +检查客户端证书，已过期" in en  # a typed note stays as typed


def test_import_lines_read_in_english(tmp_path: Path) -> None:
    sheet = tmp_path / "old.xlsx"
    no_feedback = ["IT20240501002", *GOOD[1:13], "", ""]
    _write_sheet(sheet, BARE, [GOOD, no_feedback])
    _import(tmp_path / "new.db", sheet)
    rec, closed = _records(tmp_path / "new.db")
    assert closed.log[-2].text_for("en") == "Closed. Reason: Import: closed in the original sheet"
    assert closed.log[-2].text == "关闭。原因：导入：原表状态为已关闭"
    en = "\n".join(e.text_for("en") for e in rec.log)
    assert "Imported from old.xlsx, row 2" in en
    assert "Category not given in the import; default used: Other" in en
    assert "Original handling log:\n09:30 检查数据库服务器" in en
    assert "导入自 old.xlsx 第 2 行" in [e.text for e in rec.log]
