"""``desk-gui report`` as a user runs it: JSON figures, a refused missing file, PDF and xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_gui.domain.review_json import report_json
from desk_gui.services.review.compute import build_report
from desk_gui.services.settings import load_settings
from desk_gui.store.database import close_database, open_database
from tests.services.review_data import EXPECTED, WEEK, insert_week
from tests.services.test_cli import desk

REQUIRED = ("received", "resolved", "backlog_end", "by_category", "csat", "resolution_hours_mean",
            "first_response_minutes_mean", "response_met_pct", "resolution_met_pct", "fcr_pct",
            "reopen_rate_pct", "top_problems")  # fmt: skip


@pytest.fixture
def week_db(tmp_path: Path) -> Path:
    path = tmp_path / "week.db"
    open_database(path)
    try:
        insert_week()
    finally:
        close_database()
    return path


def _run(db: Path, out: Path, *extra: str) -> None:
    done = desk("report", "--db", str(db), "--from", "2026-11-16", "--to", "2026-11-22",
                "-o", str(out), *extra)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_json_holds_the_figures_the_window_computes(week_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.json"
    _run(week_db, out, "--lang", "en")
    got = json.loads(out.read_text(encoding="utf-8"))
    assert all(key in got for key in REQUIRED)
    assert got["received"] == EXPECTED["received"]
    assert got["by_category"] == EXPECTED["by_category"]
    assert got["top_problems"][0]["title"] == "打印机卡纸"
    open_database(week_db)
    try:  # the window's figures: the same services on the office's own calendar
        window = report_json(build_report(WEEK, load_settings().calendar))
    finally:
        close_database()
    assert got == json.loads(json.dumps(window, ensure_ascii=False))


def test_a_missing_database_is_refused_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    done = desk("report", "--db", str(missing), "--from", "2026-11-16", "--to", "2026-11-22",
                "-o", str(tmp_path / "r.json"), "--lang", "en")  # fmt: skip
    assert done.returncode == 2
    assert "nope.db" in done.stderr
    assert not missing.exists() and not (tmp_path / "r.json").exists()


def test_reversed_dates_are_refused(week_db: Path, tmp_path: Path) -> None:
    done = desk("report", "--db", str(week_db), "--from", "2026-11-22", "--to", "2026-11-16",
                "-o", str(tmp_path / "r.json"))  # fmt: skip
    assert done.returncode == 2 and "before" in done.stderr


def _pdf_text(path: Path) -> str:
    import subprocess

    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", ("服务台复盘报告", "受理", "首次解决率", "口径说明", "打印机卡纸", "本期受理分布")),
    ("en", ("Service desk review report", "First-contact resolution", "Definitions", "VPN连不上")),
])  # fmt: skip
def test_pdf_is_two_a4_pages_with_figures_and_definitions(
    week_db: Path, tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    out = tmp_path / f"week-{lang}.pdf"
    _run(week_db, out, "--lang", lang)
    text = _pdf_text(out)
    assert text.count("\f") == 2  # two pages
    for word in words:
        assert word in text.replace("  ", " "), word
    assert "66.7%" in text and "−33.3 pt" in text  # response met, and its change


def test_xlsx_has_the_figures_and_the_tickets_behind_them(week_db: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "week.xlsx"
    _run(week_db, out, "--lang", "en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Figures", "Tickets"]
    figures = {row[0]: row[1:] for row in wb["Figures"].iter_rows(values_only=True) if row[0]}
    assert figures["Received"][:3] == (6, 1, 5)
    assert figures["First-contact resolution %"][0] == 75.0
    tickets = list(wb["Tickets"].iter_rows(values_only=True))
    head, body = tickets[0], tickets[1:]
    assert len(body) == 8  # received, resolved or open at the end: all but none of the week
    received = head.index("Received in period")
    assert sum(row[received] == "Yes" for row in body) == 6
    backlog = head.index("Backlog at end")
    assert sum(row[backlog] == "Yes" for row in body) == 4
    assert {row[head.index("Category")] for row in body} >= {"Network", "Software"}


def test_json_and_pdf_list_open_problem_records_and_actions_due(
    week_db: Path, tmp_path: Path
) -> None:
    from datetime import date, datetime

    from desk_gui.domain.problem import Action
    from desk_gui.services.context import Context
    from desk_gui.services.problems import ProblemService

    open_database(week_db)
    try:
        service = ProblemService(Context(operator="王主管", clock=lambda: datetime(2026, 11, 23)))
        record = service.create("打印机卡纸")
        record.actions = [
            Action("购置防潮柜", "行政部", date(2026, 11, 27)),
            Action("更换打印机", "IT部", date(2027, 3, 1)),
        ]  # not due yet
        service.save(record)
    finally:
        close_database()
    out = tmp_path / "week.json"
    _run(week_db, out, "--lang", "zh")
    got = json.loads(out.read_text(encoding="utf-8"))["open_problems"]
    assert [(i["kind"], i["number"], i["title"]) for i in got] == [
        ("problem", record.number, "打印机卡纸"),
        ("action", record.number, "购置防潮柜"),
    ]
    assert got[1]["due"] == "2026-11-27" and got[1]["owner"] == "行政部"
    pdf = tmp_path / "week.pdf"
    _run(week_db, pdf, "--lang", "zh")
    text = _pdf_text(pdf)
    assert record.number in text and "购置防潮柜" in text and "更换打印机" not in text
