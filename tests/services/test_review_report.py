"""The review report's every definition on a hand-built week with known answers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import peewee as pw
import pytest

from desk_gui.domain.review import preset_period
from desk_gui.domain.review_json import report_json
from desk_gui.domain.review_problems import group_titles, normalise
from desk_gui.exchange.importer import preview_file
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.services.review.compute import BusinessClock, Period, ReportFilter, build_report
from tests.services.review_data import CALENDAR, EXPECTED, EXPECTED_PREVIOUS, WEEK, insert_week


def _week_json(flt: ReportFilter | None = None) -> dict[str, Any]:
    insert_week()
    return report_json(build_report(WEEK, CALENDAR, flt))


def test_every_definition_on_the_hand_built_week(db: pw.Database) -> None:
    got = _week_json()
    for key, value in EXPECTED.items():
        if key == "top_problems":
            got_value: Any = [{"title": p["title"], "count": p["count"]} for p in got[key]]
        elif key == "csat":
            got_value = {k: got[key][k] for k in value}
        else:
            got_value = got[key]
        assert got_value == value, key
    for key, value in EXPECTED_PREVIOUS.items():
        assert got["previous"][key] == value, key
    assert got["change"]["received"] == 5
    assert got["csat"]["satisfied_pct"] == 33.3
    assert got["top_problems"][0]["article"] is None


def test_the_days_add_up_and_the_trend_shares_are_per_day(db: pw.Database) -> None:
    got = _week_json()
    days = got["per_day"]
    assert [d["day"] for d in days] == [f"2026-11-{d}" for d in range(16, 23)]
    assert sum(d["received"] for d in days) == 6
    assert sum(d["resolved"] for d in days) == 4
    tuesday = next(t for t in got["trend"] if t["bucket"] == "2026-11-17")
    assert tuesday == {"bucket": "2026-11-17", "resolution_met_pct": 0.0, "fcr_pct": 100.0}


def test_filters_narrow_every_figure(db: pw.Database) -> None:
    got = _week_json(ReportFilter(category="network"))
    assert (got["received"], got["resolved"], got["backlog_end"]) == (2, 2, 1)  # T2 T7 / T2 T4
    assert got["by_category"] == {"network": 2}
    assert got["filters"] == {"category": "network"}


def test_business_clock_equals_the_calendar() -> None:
    clock = BusinessClock(CALENDAR)
    a, b = datetime(2026, 11, 13, 16, 0), datetime(2026, 11, 17, 9, 30)
    assert (
        clock.between(a, b) == CALENDAR.business_seconds_between(a, b) == (1 + 8) * 3600 + 30 * 60
    )  # Fri 16–17, Mon, Tue 9–9:30
    assert clock.between(b, a) == 0


def test_periods_and_the_previous_one() -> None:
    assert WEEK.previous() == Period(date(2026, 11, 9), date(2026, 11, 15))
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert october.previous() == Period(date(2026, 9, 1), date(2026, 9, 30))
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).previous().first == date(2026, 2, 1)
    assert Period(date(2026, 10, 1), date(2026, 10, 15)).previous().first == date(2026, 9, 16)
    today = date(2026, 11, 25)  # a Wednesday
    assert preset_period("this_week", today) == Period(date(2026, 11, 23), date(2026, 11, 29))
    assert preset_period("last_week", today) == Period(date(2026, 11, 16), date(2026, 11, 22))
    assert preset_period("this_month", today) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert preset_period("last_month", date(2026, 1, 5)) == Period(
        date(2025, 12, 1), date(2025, 12, 31)
    )
    with pytest.raises(ValueError):
        Period(date(2026, 1, 2), date(2026, 1, 1))


def test_titles_group_when_alike_and_only_recurring_ones_count() -> None:
    assert normalise("ＶＰＮ 连不上！3") == "vpn连不上"
    groups = group_titles([("CRM登录失败", 4), ("crm 登录失败了", 2), ("显示器不亮", 1)])
    assert [(g.title, g.count) for g in groups] == [("CRM登录失败", 6)]
    linked = group_titles([("A问题", 2)], article=lambda title: f"KB-{title}")
    assert linked[0].article == "KB-A问题"


HEADER = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式",
          "提交时间", "当前状态", "负责人", "处理过程记录", "解决方案", "解决时间", "提交人反馈",
          "备注", "问题类型", "影响范围"]  # fmt: skip
DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"
SOLUTION = "重启数据库服务并清理连接池"


def _old_sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    rows = [
        ["CRM数据库连接错误", datetime(2024, 5, 6, 9), "已解决", SOLUTION, "2024-05-06 12:00", "是；满意"],
        ["CRM数据库连接错误", datetime(2024, 5, 7, 9), "已关闭", SOLUTION, "2024-05-08 09:00", "是；不满意"],
        ["打印机卡纸", datetime(2024, 5, 8, 10), "待处理", "", "", ""],
        ["打印机卡纸", datetime(2024, 4, 30, 10), "已解决", SOLUTION, "2024-05-06 10:00", ""],
    ]  # fmt: skip
    for title, at, status, solution, resolved, feedback in rows:
        ws.append(["", title, "销售部", DESCRIPTION, "中", "小明", "内线8888", at, status,
                   "张三", "", solution, resolved, feedback, "", "软件", "个人"])  # fmt: skip
    wb.save(path)
    return path


def test_history_imported_from_the_old_worksheet_sheet(db: pw.Database, tmp_path: Path) -> None:
    ctx = Context(operator="导入员", workstation="PC-9", clock=lambda: datetime(2024, 5, 20, 9))
    preview = preview_file(_old_sheet(tmp_path / "old.xlsx"), now=ctx.now())
    assert ImportService(ctx).run(preview).created
    got = report_json(build_report(Period(date(2024, 5, 6), date(2024, 5, 12)), CALENDAR))
    assert (got["received"], got["resolved"], got["backlog_end"]) == (3, 3, 1)
    assert got["resolution_hours_mean"] == round((3 + 24 + 144) / 3, 2)  # 4-30 10:00 → 5-06 10:00
    assert got["csat"]["answers"] == 2
    assert (got["csat"]["satisfied"], got["csat"]["dissatisfied"]) == (1, 1)
    assert got["by_category"] == {"software": 3}
    assert got["top_problems"][0] == {
        "title": "CRM数据库连接错误", "count": 2, "titles": {"CRM数据库连接错误": 2}, "article": None
    }  # fmt: skip
    assert got["previous"]["received"] == 1 and got["previous"]["backlog_end"] == 1


def test_a_top_problem_names_the_published_article_that_answers_it(
    db: pw.Database, db_path: Path
) -> None:
    """Workspace.review_report asks the knowledge base: a like article is named, a draft or an
    unrelated one is not."""
    from desk_gui.domain.kb import ArticleDraft
    from desk_gui.services.workspace import Workspace

    insert_week()
    ws = Workspace.open(db_path, Context(operator="周主管"))
    try:
        top = EXPECTED["top_problems"][0]["title"]
        assert ws.review_report(WEEK).top_problems[0].article is None  # nothing published yet
        unrelated = ws.kb.create(ArticleDraft(title="VPN 错误 809", solution="开放 UDP 500 端口"))
        ws.kb.publish(unrelated.id, unrelated.version)
        ws.kb.create(ArticleDraft(title=top, solution="草稿：尚未发布的做法"))  # a draft
        assert ws.review_report(WEEK).top_problems[0].article is None
        answer = ws.kb.create(ArticleDraft(title=f"{top}的处理", solution="按步骤重新配置并测试"))
        ws.kb.publish(answer.id, answer.version)
        assert ws.review_report(WEEK).top_problems[0].article == f"{top}的处理"
    finally:
        ws.close()
