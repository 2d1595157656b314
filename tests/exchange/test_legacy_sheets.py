"""Old sheets as offices really kept them: a title above the headers, a totals row under the
tickets, the words people typed for the choices, times written with 上午/下午 or AM/PM."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LabelledEnum,
    Satisfaction,
    Status,
    Urgency,
)
from desk_gui.exchange.dates import parse_datetime
from desk_gui.exchange.feedback import parse_feedback
from desk_gui.exchange.importer import preview_file
from desk_gui.exchange.kb_sheet import read_articles
from desk_gui.exchange.sheet_words import read_choice
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database

NOW = datetime(2024, 6, 1, 12, 0)
HEAD = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式",
        "提交时间", "当前状态", "负责人", "处理过程记录", "解决方案", "解决时间", "提交人反馈",
        "备注"]  # fmt: skip
DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"


def _ticket(number: str, title: str, **cells: str) -> list[object]:
    row: dict[str, object] = dict.fromkeys(HEAD, "")
    row.update({"问题编号": number, "问题标题": title, "所属部门/区域": "销售部/北京分公司",
                "问题描述": DESCRIPTION, "紧急程度": "高", "提交人": "小明",
                "联系方式": "内线8888", "提交时间": "2024-05-01 09:15", "当前状态": "待处理"})  # fmt: skip
    row.update(cells)
    return [row[h] for h in HEAD]


def _titled_xlsx(path: Path, tickets: list[list[object]], footer: bool = True) -> Path:
    """The paper template's title merged across the top, the office and period under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["技术问题解决与支持工作表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD) + 1)
    ws.append(["填表部门：信息部", None, None, "统计周期：2024年5月"])
    ws.append([])
    ws.append(["序号", *HEAD])
    for i, cells in enumerate(tickets, 1):
        ws.append([i, *cells])
    if footer:
        ws.append([f"合计：{len(tickets)} 条"])
    wb.save(path)
    return path


def _import(db: Path, sheet: Path) -> WorkflowService:
    open_database(db)
    preview = preview_file(sheet, now=NOW)
    assert not preview.errors, [p.message("en") for p in preview.problems]
    ImportService(Context(operator="导入员", clock=lambda: NOW)).run(preview)
    return WorkflowService(Context(operator="x"))


def test_a_title_above_the_headers_and_a_totals_row_are_skipped_with_a_note(
    tmp_path: Path,
) -> None:
    sheet = _titled_xlsx(
        tmp_path / "may.xlsx",
        [
            _ticket("IT20240501001", "CRM系统数据库连接错误", 当前状态="处理中", 负责人="李工程师"),
            _ticket("IT20240501002", "打印机卡纸", 紧急程度="中"),
        ],
    )
    preview = preview_file(sheet, now=NOW)
    assert [r.line for r in preview.rows] == [5, 6]  # the sheet's own row numbers
    messages = [p.message("en") for p in preview.problems]
    assert not preview.errors, messages
    assert any("Rows 1–2 above the column headers (row 4)" in m and "技术问题解决与支持工作表" in m
               for m in messages)  # fmt: skip
    assert any(m.startswith("row 4, 序号: Unknown column") for m in messages)
    assert any(m.startswith("row 7: ") and "合计：2 条" in m for m in messages)
    try:
        service = _import(tmp_path / "d.db", sheet)
        kept = service.get_by_number("IT20240501001")  # the old numbers are kept
        assert (kept.title, kept.status, kept.assignee) == (
            "CRM系统数据库连接错误",
            Status.IN_PROGRESS,
            "李工程师",
        )
        assert service.get_by_number("IT20240501002").urgency is Urgency.MEDIUM
    finally:
        close_database()


def test_a_problem_in_a_row_under_a_title_names_that_row(tmp_path: Path) -> None:
    sheet = _titled_xlsx(
        tmp_path / "bad.xlsx",
        [_ticket("IT20240501001", "好的"), _ticket("", "打印机卡纸", 紧急程度="看情况")],
        footer=False,
    )
    errors = [p.message("zh") for p in preview_file(sheet, now=NOW).errors]
    assert errors == ["第 6 行，紧急程度：“看情况”不是可选值（高/中/低）。"]


def test_a_csv_with_a_title_line_is_read_from_its_headers(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    with open(path, "w", encoding="gb18030", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["IT部 2024年5月 问题登记表"])
        out.writerow(HEAD)
        out.writerow(_ticket("IT20240502007", "邮箱容量已满"))
    preview = preview_file(path, now=NOW)
    assert not preview.errors and [r.number for r in preview.rows] == ["IT20240502007"]
    assert [r.line for r in preview.rows] == [3]


def test_a_sheet_without_ticket_headers_is_still_refused_at_its_first_row(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "工号", "部门"])
    wb.active.append(["小明", "1001", "销售部"])
    wb.save(tmp_path / "staff.xlsx")
    errors = preview_file(tmp_path / "staff.xlsx", now=NOW).errors
    assert errors and {p.row for p in errors} == {1}
    assert {p.code for p in errors} == {"missing_column"}


def test_a_title_row_that_names_two_columns_is_not_taken_for_the_header(tmp_path: Path) -> None:
    """“问题标题 / 问题描述” in a caption must not win over the real header below it."""
    path = tmp_path / "caption.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["问题标题", "问题描述"])  # a two-word caption row
        out.writerow(HEAD)
        out.writerow(_ticket("IT20240503001", "打印机卡纸"))
    preview = preview_file(path, now=NOW)
    assert not preview.errors, [p.message("en") for p in preview.problems]
    assert [r.line for r in preview.rows] == [3]


def test_a_knowledge_sheet_under_a_title_is_read_from_its_headers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["IT 知识库（2024 版）"])
    ws.append(["标题", "现象", "解决方法"])
    ws.append(["打印机卡纸", "打印时提示卡纸", "打开后盖取出纸张，清洁搓纸轮"])
    wb.save(tmp_path / "kb.xlsx")
    sheet = read_articles(tmp_path / "kb.xlsx")
    assert not sheet.errors, [p.message("en") for p in sheet.problems]
    assert [(r.line, r.draft.title) for r in sheet.rows] == [(3, "打印机卡纸")]


WORDS: list[tuple[type[LabelledEnum], str, str]] = [
    (Urgency, "紧急", "high"), (Urgency, "非常紧急", "high"), (Urgency, "高（紧急）", "high"),
    (Urgency, "H", "high"), (Urgency, "一般", "medium"), (Urgency, "普通", "medium"),
    (Urgency, "中", "medium"), (Urgency, "Medium", "medium"), (Urgency, "不急", "low"),
    (Urgency, "L", "low"),
    (Status, "已完成", "resolved"), (Status, "完成", "resolved"), (Status, "已处理", "resolved"),
    (Status, "处理完毕", "resolved"), (Status, "关闭", "closed"), (Status, "已结束", "closed"),
    (Status, "已归档", "closed"), (Status, "未处理", "pending"), (Status, "新建", "pending"),
    (Status, "进行中", "in_progress"), (Status, "处理中（二线）", "in_progress"),
    (Status, "In progress", "in_progress"), (Status, "Closed", "closed"),
    (Category, "硬件问题", "hardware"), (Category, "硬件故障", "hardware"),
    (Category, "软件类", "software"), (Category, "网络故障", "network"),
    (Category, "网络问题", "network"), (Category, "账号权限", "permission"),
    (Category, "权限问题", "permission"), (Category, "账号", "permission"),
    (Category, "其它", "other"), (Category, "Hardware", "hardware"),
    (Impact, "单人", "individual"), (Impact, "多人", "department"),
    (Impact, "部门", "department"), (Impact, "公司", "company"), (Impact, "全公司", "company"),
    (Channel, "微信", "im"), (Channel, "企业微信", "im"), (Channel, "电子邮件", "email"),
    (Channel, "来电", "phone"), (Channel, "到访", "walk_in"), (Channel, "告警", "monitoring"),
    (Satisfaction, "非常满意", "satisfied"), (Satisfaction, "比较满意", "basic"),
    (Satisfaction, "很不满意", "dissatisfied"),
]  # fmt: skip


@pytest.mark.parametrize(("enum", "word", "value"), WORDS)
def test_the_words_old_sheets_use_are_read_as_the_choice(
    enum: type[LabelledEnum], word: str, value: str
) -> None:
    assert read_choice(enum, word) == enum(value)


@pytest.mark.parametrize(
    ("enum", "word"),
    [(Urgency, "看情况"), (Status, "不知道"), (Category, "打印机"), (Impact, "问题"),
     (Urgency, "高低"), (Status, "（处理中）x")],
)  # fmt: skip
def test_a_word_nobody_agreed_on_stays_an_error(enum: type[LabelledEnum], word: str) -> None:
    with pytest.raises(ValueError):
        read_choice(enum, word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024/05/01 上午 09:15", datetime(2024, 5, 1, 9, 15)),
        ("2024/5/1 下午 3:15", datetime(2024, 5, 1, 15, 15)),
        ("2024/5/1 下午3:15", datetime(2024, 5, 1, 15, 15)),
        ("2024年5月1日下午3点15分", datetime(2024, 5, 1, 15, 15)),
        ("2024/5/1 晚上 11:59", datetime(2024, 5, 1, 23, 59)),
        ("2024/5/1 中午 12:30", datetime(2024, 5, 1, 12, 30)),
        ("2024/5/1 中午 1:30", datetime(2024, 5, 1, 13, 30)),
        ("2024/5/1 下午 15:00", datetime(2024, 5, 1, 15, 0)),
        ("2024-05-01 3:15 PM", datetime(2024, 5, 1, 15, 15)),
        ("2024-05-01 12:05 AM", datetime(2024, 5, 1, 0, 5)),
        ("2024-05-01 12:05 p.m.", datetime(2024, 5, 1, 12, 5)),
        ("2024-05-01 09:15", datetime(2024, 5, 1, 9, 15)),
    ],
)
def test_times_written_with_morning_or_afternoon_are_read(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["2024/5/1 下午 25:00", "2024/5/1 13:15 PM x", "5/1/2024 9:15"])
def test_times_that_cannot_be_read_stay_errors(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("非常满意", (True, Satisfaction.SATISFIED)),
        ("是，比较满意", (True, Satisfaction.BASIC)),
        ("否；很不满意", (False, Satisfaction.DISSATISFIED)),
        ("是/满意", (True, Satisfaction.SATISFIED)),
    ],
)
def test_feedback_in_other_words_is_read(text: str, expected: tuple[bool, Satisfaction]) -> None:
    assert parse_feedback(text) == expected


def test_a_sheet_in_its_own_words_imports_every_row(tmp_path: Path) -> None:
    sheet = _titled_xlsx(
        tmp_path / "words.xlsx",
        [
            _ticket(
                "IT20240501001",
                "打印机卡纸",
                紧急程度="紧急",
                当前状态="已完成",
                解决方案="清理搓纸轮",
                解决时间="2024/5/1 下午 3:15",
            ),
            _ticket(
                "IT20240501002",
                "邮箱容量已满",
                紧急程度="一般",
                当前状态="关闭",
                解决方案="扩容邮箱",
                解决时间="2024/5/1 下午 4:00",
                提交人反馈="是，非常满意",
            ),
        ],
    )
    try:
        service = _import(tmp_path / "d.db", sheet)
        first = service.get_by_number("IT20240501001")
        assert (first.urgency, first.status, first.resolved_at) == (
            Urgency.HIGH,
            Status.RESOLVED,
            datetime(2024, 5, 1, 15, 15),
        )
        second = service.get_by_number("IT20240501002")
        assert (second.status, second.satisfaction) == (Status.CLOSED, Satisfaction.SATISFIED)
    finally:
        close_database()


def test_totals_rows_are_skipped_but_a_half_filled_ticket_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "totals.csv"
    half = [""] * len(HEAD)
    half[HEAD.index("问题标题")] = "打印机坏了"
    titled = _ticket("", "合计金额显示错误")  # a real ticket whose title starts with 合计
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerows([HEAD, _ticket("", "打印机卡纸"), titled, half])
        out.writerows([["共 2 条"], ["合计", "2"], ["Total: 2"], ["小计：2"]])
    preview = preview_file(path, now=NOW)
    assert [r.line for r in preview.rows] == [2, 3, 4]
    assert {p.row for p in preview.errors} == {4}  # the half-filled row says what is missing
    skipped = [p.row for p in preview.warnings if p.code == "not_a_ticket"]
    assert skipped == [5, 6, 7, 8]


def test_a_workbook_of_several_sheets_reads_the_tickets_and_names_the_others(
    tmp_path: Path,
) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填写说明"
    notes.append(["1. 每个问题一行"])
    notes.append(["2. 紧急程度填 高/中/低"])
    for month, number in (("5月", "IT20240501001"), ("6月", "IT20240601001")):
        ws = wb.create_sheet(month)
        ws.append([f"{month}问题登记"])
        ws.append(HEAD)
        ws.append(_ticket(number, f"{month}打印机卡纸"))
    wb.create_sheet("统计").append(["类别", "数量"])
    wb.save(tmp_path / "year.xlsx")
    preview = preview_file(tmp_path / "year.xlsx", now=NOW)
    assert [(r.line, r.number) for r in preview.rows] == [(3, "IT20240501001")]
    said = " ".join(p.message("en") for p in preview.warnings)
    assert "Read the sheet “5月”; “填写说明” before it has no ticket columns" in said
    assert "more sheets of tickets: “6月”; only “5月” is read now" in said
    assert not preview.errors


def test_a_workbook_whose_first_sheet_holds_the_tickets_says_nothing_of_sheets(
    tmp_path: Path,
) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(HEAD)
    wb.active.append(_ticket("IT20240501001", "打印机卡纸"))
    wb.create_sheet("图表数据").append(["月份", "数量"])
    wb.save(tmp_path / "one.xlsx")
    preview = preview_file(tmp_path / "one.xlsx", now=NOW)
    assert [r.number for r in preview.rows] == ["IT20240501001"]
    assert not preview.problems


@pytest.mark.parametrize(
    "head",
    [
        ["序号", "单号", "问题简述", "报修部门", "故障描述", "紧急度", "报修人", "分机",
         "报修时间", "处理状态", "工程师", "处理情况", "处理结果", "解决日期", "满意度",
         "故障类型", "影响程度", "报修方式"],
        ["No", "Ticket ID", "Subject", "Dept", "Details", "Urgency", "Reporter", "Phone",
         "Created", "State", "Assigned to", "Work notes", "Resolution", "Resolved on",
         "Satisfaction", "Type", "Impact", "Source"],
    ],
)  # fmt: skip
def test_other_headers_for_the_same_columns_are_recognised(tmp_path: Path, head: list[str]) -> None:
    row = ["1", "IT20240501009", "VPN连不上", "销售部/北京分公司", DESCRIPTION, "紧急", "小明",
           "8888", "2024/5/1 下午 2:05", "已完成", "李工程师", "14:10 重置证书", "重新签发证书",
           "2024/5/1 下午 3:00", "非常满意", "网络故障", "部门", "微信"]  # fmt: skip
    path = tmp_path / "other.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([head, row])
    preview = preview_file(path, now=NOW)
    assert not preview.errors, [p.message("en") for p in preview.problems]
    unknown = [p.column for p in preview.warnings if p.code == "unknown_column"]
    assert unknown == [head[0]]  # only the row count is not a ticket column
    (got,) = preview.rows
    d = got.draft
    assert (got.number, d.title, d.department, d.requester, d.contact) == (
        "IT20240501009", "VPN连不上", "销售部/北京分公司", "小明", "8888",
    )  # fmt: skip
    assert (d.urgency, d.category, d.impact, d.channel) == (
        Urgency.HIGH, Category.NETWORK, Impact.DEPARTMENT, Channel.IM,
    )  # fmt: skip
    assert (got.status, got.assignee, got.solution, got.satisfaction) == (
        Status.RESOLVED, "李工程师", "重新签发证书", Satisfaction.SATISFIED,
    )  # fmt: skip
    assert (d.submitted_at, got.resolved_at) == (
        datetime(2024, 5, 1, 14, 5),
        datetime(2024, 5, 1, 15, 0),
    )
    assert got.log_text == "14:10 重置证书"


def test_a_knowledge_sheet_with_other_headers_is_read(tmp_path: Path) -> None:
    path = tmp_path / "kb.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [
                ["主题", "故障现象", "原因分析", "处理步骤", "类别", "标签"],
                ["打印机脱机", "打印时显示脱机", "网络中断", "重启打印机并重新连接", "硬件", "打印机 脱机"],
            ]
        )  # fmt: skip
    sheet = read_articles(path)
    assert not sheet.problems, [p.message("en") for p in sheet.problems]
    (row,) = sheet.rows
    assert (row.draft.title, row.draft.symptom, row.draft.cause, row.draft.solution) == (
        "打印机脱机", "打印时显示脱机", "网络中断", "重启打印机并重新连接",
    )  # fmt: skip
    assert (row.draft.category, row.draft.keywords) == (Category.HARDWARE, "打印机 脱机")
