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
