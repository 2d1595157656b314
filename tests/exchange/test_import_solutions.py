"""An old sheet's resolved row whose solution only says "resolved" is named in the preview."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desk_gui.exchange.importer import preview_file

HEADER = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式"]
HEADER += ["提交时间", "当前状态", "负责人", "解决方案", "解决时间"]
DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"


def sheet(path: Path, solutions: list[str]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i, solution in enumerate(solutions):
            ticket = [f"IT2025050900{i + 1}", f"CRM 报错 {i}", "销售部", DESCRIPTION, "中"]
            contact = ["小明", "内线8888", "2025-05-09 09:00"]
            history = ["已解决", "张三", solution, "2025-05-09 11:00"]
            out.writerow([*ticket, *contact, *history])
    return path


@pytest.mark.parametrize("vague", ["已解决", "好了", "fixed", "OK，处理完毕"])
def test_a_vague_solution_is_named_by_row_and_column(tmp_path: Path, vague: str) -> None:
    preview = preview_file(sheet(tmp_path / "old.csv", ["重启数据库服务并设为开机自启", vague]))
    assert preview.rows[0].problems == []
    problems = preview.rows[1].problems
    assert [(p.code, p.column) for p in problems] == [("solution_vague", "解决方案")]
    assert problems[0].message("zh").startswith("第 3 行，解决方案：解决方案太笼统")
    assert "row 3, 解决方案: The solution is too vague" in problems[0].message("en")
