"""The command line as a user runs it: real processes on real files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.log_render import render
from desk_gui.store.times import kind_word_sql
from tests.raw_sql import file_rows as rows
from tests.store._log_authors import AUTHOR

ANCHOR = "2024-06-28T17:00"


@pytest.fixture(autouse=True)
def _workstation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The verbs read this folder's workstation preferences, never the tester's own."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


def desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_gui", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_demo_is_deterministic_and_covers_the_domain(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path in (a, b):
        done = desk(
            "demo", "--db", str(path), "--tickets", "600", "--seed", "7", "--anchor", ANCHOR
        )
        assert done.returncode == 0, done.stderr
    query = "SELECT number, title, status, priority, assignee, submitted_at FROM ticket ORDER BY id"
    assert rows(a, query) == rows(b, query)
    assert len(rows(a, query)) == 600
    assert {r[0] for r in rows(a, "SELECT DISTINCT category FROM ticket")} == {
        "hardware",
        "software",
        "network",
        "permission",
        "other",
    }
    assert {r[0] for r in rows(a, "SELECT DISTINCT priority FROM ticket")} == {
        "p1",
        "p2",
        "p3",
        "p4",
    }
    assert {r[0] for r in rows(a, "SELECT DISTINCT status FROM ticket")} == {
        "pending",
        "in_progress",
        "resolved",
        "closed",
    }
    kind = kind_word_sql("kind")  # a one-letter code in the file (schema 20)
    kinds = {r[0] for r in rows(a, f"SELECT DISTINCT {kind} FROM log_entry")}
    assert {"escalate", "feedback", "close", "resolve"} <= kinds
    # Generated lines carry English (wholly English where no typed text is quoted in them).
    # (stored once as template and values, rendered per language: domain.log_render)
    english = rows(a, f"SELECT {kind}, count(*), count(args) FROM log_entry GROUP BY kind")
    assert all(
        (n == 0) if kind in ("note", "progress") else (n == total) for kind, total, n in english
    )
    fixed = "('created', 'status', 'tier', 'feedback', 'close')"
    stored = rows(a, f"SELECT DISTINCT args FROM log_entry WHERE {kind} IN {fixed}")
    en = [render(r[0], "en") for r in stored]
    assert en and not [t for t in en if any("\u4e00" <= c <= "\u9fff" for c in t)]
    # Gap-free daily numbers: every day's sequence is 1..n.
    per_day = rows(
        a,
        "SELECT substr(number, 3, 8), count(*), max(CAST(substr(number, 11) AS INT)) FROM ticket GROUP BY 1",
    )
    assert all(count == top for _, count, top in per_day)
    assert desk("check", "--db", str(a)).returncode == 0


def test_check_and_backup(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert desk("demo", "--db", str(db), "--tickets", "50", "--anchor", ANCHOR).returncode == 0
    copy = tmp_path / "backup" / "copy.db"
    copy.parent.mkdir()
    done = desk("backup", "--db", str(db), str(copy))
    assert done.returncode == 0, done.stderr
    assert rows(copy, "SELECT count(*) FROM ticket") == [(50,)]
    assert desk("check", "--db", str(copy)).stdout.strip().endswith("ok")


def test_bad_files_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database " * 100)
    for args in (
        ("check", "--db", str(junk)),
        ("check", "--db", str(tmp_path / "missing.db")),
        ("demo", "--db", str(tmp_path / "no" / "such" / "dir" / "x.db"), "--tickets", "1"),
        ("demo", "--db", str(junk), "--tickets", "1"),
    ):
        done = desk(*args)
        assert done.returncode != 0, args
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stderr.strip(), args


def test_every_demo_scenario_passes_intake_validation() -> None:
    from datetime import datetime

    from desk_gui.domain.enums import Category, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft
    from desk_gui.domain.validation import validate_draft
    from desk_gui.services.demo_data import CONTACTS, DEPARTMENTS, REQUESTERS, SCENARIOS

    now = datetime(2024, 6, 1, 10, 0)
    for sc in SCENARIOS:
        draft = TicketDraft(
            title=sc.title,
            department=DEPARTMENTS[0],
            description=sc.description,
            category=Category(sc.category),
            urgency=Urgency.LOW,
            impact=Impact.INDIVIDUAL,
            requester=REQUESTERS[0],
            contact=CONTACTS[0],
        )
        assert validate_draft(draft, now) == [], sc.title


# The window's own way to remember the language and operator (ui.launcher.launch).
_GUI_PREFS = """
import sys
from PySide6.QtCore import QCoreApplication
from desk_gui.ui.app.launcher import APPLICATION, ORGANIZATION
from desk_gui.ui.common.prefs import WorkstationPrefs
QCoreApplication.setOrganizationName(ORGANIZATION)
QCoreApplication.setApplicationName(APPLICATION)
prefs = WorkstationPrefs()
prefs.set_language_choice(sys.argv[1])
prefs.set_operator(sys.argv[2])
"""


def remember_in_window(config: Path, language: str, operator: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _GUI_PREFS, language, operator],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def one_ticket(path: Path) -> str:
    from desk_gui.domain.enums import Category, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft
    from desk_gui.services.context import Context
    from desk_gui.services.workflow import WorkflowService
    from desk_gui.store.database import close_database, open_database

    open_database(path)
    try:
        draft = TicketDraft(
            title="打印机卡纸无法打印",
            department="财务部/上海总部",
            description="二楼财务室打印机从8点半起卡纸，报错E3，已取出纸张仍报错",
            category=Category.HARDWARE,
            urgency=Urgency.MEDIUM,
            impact=Impact.DEPARTMENT,
            requester="王芳",
            contact="内线6021",
            submitted_at=datetime(2024, 6, 3, 9, 0),
        )
        return WorkflowService(Context(operator="张三")).create(draft).number
    finally:
        close_database()


def pdf_words(path: Path) -> str:
    """The PDF's text without whitespace (pdftotext spaces glyphs unevenly)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


SYSTEM_EN = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "USER": "root"}
SYSTEM_ZH = {**SYSTEM_EN, "LANG": "zh_CN.UTF-8"}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_print_speaks_the_workstations_language_and_names_its_operator(
    tmp_path: Path, _workstation: Path
) -> None:
    db = tmp_path / "desk.db"
    number = one_ticket(db)
    pdf = tmp_path / "ws.pdf"

    def printed(*extra: str, env: dict[str, str] = SYSTEM_EN) -> str:
        done = desk("print", "--db", str(db), number, "--pdf", str(pdf), *extra, env=env)
        assert done.returncode == 0, done.stderr
        return pdf_words(pdf)

    # Nothing chosen on this workstation yet: the system's language, and no printer's name
    # rather than the login's ("Printed by: root").
    text = printed()
    assert "TicketNo." in text and "Printedby" not in text and "root" not in text
    text = printed(env=SYSTEM_ZH)
    assert "问题编号" in text and "打印人" not in text and "root" not in text

    # The window chose Chinese and remembers 王五: the command line follows, on an English system.
    remember_in_window(_workstation, "zh", "王五")
    text = printed()
    assert "问题编号" in text and "打印人：王五" in text and "TicketNo." not in text
    assert "root" not in text
    # The command line's own choices win.
    text = printed("--lang", "en", "--operator", "赵工")
    assert "TicketNo." in text and "Printedby:赵工" in text and "王五" not in text
    done = desk("--lang", "en", "print", "--db", str(db), number, "--pdf", str(pdf), env=SYSTEM_EN)
    assert done.returncode == 0 and "Printedby:王五" in pdf_words(pdf), done.stderr
    # "Follow the system" in the window means the system's language here too.
    remember_in_window(_workstation, "system", "王五")
    assert "Printedby:王五" in printed()
    assert "打印人：王五" in printed(env=SYSTEM_ZH)


def test_cli_reads_the_windows_workstation_settings() -> None:
    from desk_gui.cli import WORKSTATION_SETTINGS
    from desk_gui.ui.app.launcher import APPLICATION, ORGANIZATION

    assert (ORGANIZATION, APPLICATION) == WORKSTATION_SETTINGS


def test_import_writes_as_the_workstations_operator(tmp_path: Path, _workstation: Path) -> None:
    sheet = tmp_path / "old.csv"
    header = "问题编号,问题标题,所属部门/区域,问题描述,紧急程度,提交人,联系方式,提交时间"
    row = ",打印机卡纸,财务部,二楼打印机卡纸报错E3，已取出纸张仍报错,中,王芳,内线6021,2024-06-03 09:00"
    sheet.write_text(f"{header}\n{row}\n", encoding="utf-8-sig")
    db = tmp_path / "desk.db"
    assert desk("import", "--db", str(db), str(sheet)).returncode != 0  # never creates one
    assert not db.exists()
    assert desk("demo", "--db", str(db), "--tickets", "0", "--quiet").returncode == 0
    remember_in_window(_workstation, "en", "王五")
    done = desk("import", "--db", str(db), str(sheet), env=SYSTEM_ZH)
    assert done.returncode == 0, done.stderr
    assert "Imported 1 ticket(s)." in done.stdout  # the workstation's English, not the system's
    authors = {r[0] for r in rows(db, f"SELECT DISTINCT {AUTHOR} FROM log_entry")}
    assert authors == {"王五"}
    done = desk("import", "--db", str(db), str(sheet), "--operator", "赵工", "--lang", "zh")
    assert done.returncode == 0 and "已导入 1 张工单" in done.stdout, done.stderr
    assert {r[0] for r in rows(db, f"SELECT DISTINCT {AUTHOR} FROM log_entry")} == {"王五", "赵工"}
