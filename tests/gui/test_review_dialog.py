"""Tools → Review report: computed off the window's thread, the CLI's figures, PDF and xlsx."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate

from desk_gui.domain.review_json import report_json
from desk_gui.domain.review_text import fmt_value
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.background import Jobs
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.common.session import Session
from desk_gui.ui.report.report_dialog import ReviewReportDialog
from tests.services.review_data import EXPECTED, WEEK, insert_week
from tests.services.test_cli import desk

TODAY = date(2026, 11, 25)  # "last week" is the hand-built week


@pytest.fixture
def week(workspace: Workspace, prefs: WorkstationPrefs) -> Session:
    insert_week()
    return Session(workspace, "en", prefs)


def _open(qtbot: Any, session: Session, tmp_path: Path, lang: str = "en") -> ReviewReportDialog:
    jobs = Jobs(session.workspace.release_thread)
    answers = iter([tmp_path / "r.pdf", tmp_path / "r.xlsx"])
    dialog = ReviewReportDialog(replace(session, lang=lang), jobs, today=TODAY,
                                ask_path=lambda *_: next(answers))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not jobs.busy, timeout=10_000)
    return dialog


def test_the_window_shows_the_figures_the_cli_writes(
    qtbot: Any, week: Session, tmp_path: Path
) -> None:
    dialog = _open(qtbot, week, tmp_path)
    assert dialog.report is not None and dialog.report.period == WEEK
    assert dialog.figures.value_text("received") == "6"
    assert dialog.figures.value_text("fcr_pct") == "75.0%"
    out = tmp_path / "cli.json"
    done = desk("report", "--db", str(week.workspace.target), "--from", str(WEEK.first),
                "--to", str(WEEK.last), "-o", str(out), "--lang", "en")  # fmt: skip
    assert done.returncode == 0, done.stderr
    cli = json.loads(out.read_text(encoding="utf-8"))  # what `desk-gui report` wrote
    assert cli == json.loads(json.dumps(report_json(dialog.report), ensure_ascii=False))
    for key, *_ in dialog.report.changes():  # every figure the window's table shows
        assert dialog.figures.value_text(key) == fmt_value(key, cli[key]), key
    assert len(dialog.charts.charts) == 4
    assert dialog.problems.item(0, 0).text() == EXPECTED["top_problems"][0]["title"]
    tip = dialog.problems.item(0, 0).toolTip().splitlines()  # which titles it groups
    assert sorted(tip[1:]) == ["打印机 卡纸2  ×1", "打印机卡纸  ×1", "打印机卡纸！  ×1"]
    assert dialog.charts.grab().width() > 0


def test_a_filter_recomputes_in_the_background(qtbot: Any, week: Session, tmp_path: Path) -> None:
    dialog = _open(qtbot, week, tmp_path)
    combo = dialog.bar.filters["category"]
    assert combo.findData("network") > 0  # filled from the database
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        combo.setCurrentIndex(combo.findData("network"))
    assert dialog.figures.value_text("received") == "2"
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.bar.first.setDate(QDate(2026, 11, 9))  # any range
    assert dialog.bar.preset.currentData() == "custom"
    assert dialog.report is not None and dialog.report.period.days == 14


def test_save_pdf_and_export_xlsx(qtbot: Any, week: Session, tmp_path: Path) -> None:
    dialog = _open(qtbot, week, tmp_path, lang="zh")
    assert dialog.save_pdf() == tmp_path / "r.pdf"
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    dialog.export_xlsx()
    qtbot.waitUntil(lambda: "r.xlsx" in dialog.status.text(), timeout=10_000)
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == ["指标", "工单"]
