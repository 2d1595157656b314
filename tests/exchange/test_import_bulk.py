"""The bulk import writes what the row-by-row replay wrote, all or nothing."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desk_gui.domain.transitions import TransitionError
from desk_gui.exchange.importer import preview_file
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import search
from desk_gui.store.database import close_database, open_database
from tests.exchange._replay_import import replay_import

NOW = datetime(2024, 5, 6, 17, 0)
DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"
HEADER = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式"]
HEADER += ["提交时间", "当前状态", "负责人", "处理过程记录", "解决方案", "解决时间"]
HEADER += ["提交人反馈", "备注", "问题类型", "影响范围"]


def _row(
    i: int, number: str, status: str, assignee: str, feedback: str, resolved: str
) -> list[object]:
    solution = "重启数据库服务并清理连接池" if status in ("已解决", "已关闭") else ""
    return [number, f"数据库连接错误{i}", "销售部", DESCRIPTION, "高中低"[i % 3], "小明", "内线8888",
            datetime(2024, 5, 1 + i % 5, 9, i % 60), status, assignee, f"09:{i % 60:02d} 检查" if i % 2 else "",
            solution, resolved, feedback, f"备注{i}", "软件" if i % 4 else "", "部门" if i % 3 else ""]  # fmt: skip


ROWS = [
    _row(0, "IT20240501005", "待处理", "", "", ""),
    _row(1, "", "待处理", "张三", "", ""),
    _row(2, "", "处理中", "", "", ""),
    _row(3, "IT20240504002", "处理中", "王五", "", ""),
    _row(4, "", "已解决", "", "", ""),
    _row(5, "bad-number", "已解决", "张三", "是；满意", "2024-05-01 12:00"),
    _row(6, "", "已关闭", "李四", "是；基本满意", "2024-05-02 11:00"),
    _row(7, "IT20240503001", "已关闭", "", "", "2024-05-03 15:00"),
    _row(8, "IT20240501005", "已关闭", "导入员", "是", ""),  # a duplicate number
]


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        tables = ["ticket", "log_entry", "daily_sequence", "staff"]
        out = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
        out["fts"] = con.execute("SELECT rowid, * FROM ticket_fts ORDER BY rowid").fetchall()
        keys = {"report_day": 1, "report_span": 2, "report_value": 3, "report_title": 2}
        for totals, k in keys.items():  # the review totals, rows down to nothing left out
            rows = con.execute(f"SELECT * FROM {totals}").fetchall()
            out[totals] = sorted(r for r in rows if any(v not in (0, None) for v in r[k:]))
        return out
    finally:
        con.close()


def _ctx() -> Context:
    return Context(operator="导入员", workstation="PC-9", clock=lambda: NOW)


def _seed(path: Path) -> None:
    """A ticket already in the file, so numbers and ids do not start from nothing."""
    open_database(path)
    wf = WorkflowService(_ctx())
    from desk_gui.domain.enums import Category, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft

    wf.create(TicketDraft(title="已有工单", department="财务部", description=DESCRIPTION,
                          category=Category.SOFTWARE, urgency=Urgency.LOW, impact=Impact.INDIVIDUAL,
                          requester="老王", contact="8000", submitted_at=datetime(2024, 5, 1, 8, 0)))  # fmt: skip
    close_database()


def test_bulk_import_writes_what_the_row_by_row_replay_wrote(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "old.xlsx", ROWS)
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    for db in (old, new):
        _seed(db)
    open_database(old)
    replayed = replay_import(WorkflowService(_ctx()), preview_file(sheet, now=NOW))
    close_database()
    open_database(new)
    result = ImportService(_ctx()).run(preview_file(sheet, now=NOW))
    close_database()
    assert [n for _, n in result.created] == replayed
    assert result.renumbered == [(7, "BAD-NUMBER", replayed[5]), (10, "IT20240501005", replayed[8])]
    # The replay left a pending ticket's index without its import line (no reindex after it);
    # the bulk import indexes the final log, as rebuilding the index does.
    open_database(old)
    search.rebuild_index()
    close_database()
    assert _dump(new) == _dump(old)


@pytest.mark.parametrize("where", ["plan", "write"])
def test_a_cancel_leaves_the_database_unchanged(tmp_path: Path, where: str) -> None:
    db = tmp_path / "x.db"
    _seed(db)
    before = _dump(db)
    sheet = _sheet(
        tmp_path / "big.xlsx", [_row(i, "", "已关闭", "", "是", "") for i in range(2500)]
    )
    open_database(db)
    preview = preview_file(sheet, now=NOW)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if (where == "plan" and done >= 1000) or (where == "write" and done > total * 3 // 4):
            raise KeyboardInterrupt("cancel")

    with pytest.raises(KeyboardInterrupt):
        ImportService(_ctx()).run(preview, progress=progress)
    close_database()
    assert _dump(db) == before
    assert calls and all(total == 10_000 for _, total in calls)


def test_a_failing_row_leaves_the_database_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _seed(db)
    before = _dump(db)
    rows = [_row(i, "", "待处理", "", "", "") for i in range(1500)]
    rows.append(_row(1500, "", "已关闭", "", "是", ""))
    rows[-1][11] = "已处理"  # a vague solution: the workflow refuses it
    sheet = _sheet(tmp_path / "bad.xlsx", rows)
    open_database(db)
    preview = preview_file(sheet, now=NOW)
    preview.rows[-1].problems.clear()  # as if the check had missed it
    with pytest.raises(TransitionError):
        ImportService(_ctx()).run(preview)
    close_database()
    assert _dump(db) == before
