"""Every path a desk agent takes: each main-window action and worksheet button, both languages.

The clicks run in a child process (tests/gui/_every_action_child.py) on a copy of a demo file, so
a crash in Qt (the print preview's freed printer was one) fails this test instead of ending the
run. Each dialog an action opens is painted and closed; the program must still be alive and must
have printed no Qt warning.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 600

# Actions whose dialog must have been opened (and painted) by triggering them.
EXPECTED_DIALOGS = {
    "actionNewTicket": "TicketFormDialog",
    "actionOpenTicket": "QDialog",  # the worksheet window
    "actionPrintPreview": "QPrintPreviewDialog",
    "actionBlankWorksheet": "QPrintPreviewDialog",
    "actionPrint": "QPrintDialog",
    "actionSavePdf": "QFileDialog",
    "actionExport": "QFileDialog",
    "actionImport": "QFileDialog",
    "actionOpenDatabase": "QFileDialog",
    "actionOperator": "OperatorDialog",
    "actionSettings": "SettingsDialog",
    "actionAbout": "QMessageBox",
    "actionSlaSettings": "SlaSettingsDialog",
    "actionStaffAccounts": "StaffAccountsDialog",
    "actionAuditTrail": "AuditDialog",
    # Accounts (issue 14): the first administrator, sign-in, then signed in as that admin.
    "accounts:first-admin": "AccountFormDialog",
    "accounts:sign-in": "SignInDialog",
    "admin:actionChangePassword": "PasswordDialog",
    "admin:actionStaffAccounts": "StaffAccountsDialog",
    "admin:actionAuditTrail": "AuditDialog",
    "admin:actionSignOut": "SignInDialog",
    "actionKnowledgeBase": "KnowledgeBaseWindow",
    "actionReviewReport": "ReviewReportDialog",
    "actionProblemRecord": "ProblemDialog",
}
# The review report window's buttons and the dialog each opens.
EXPECTED_REVIEW_DIALOGS = {
    "reviewPreview": "QPrintPreviewDialog",
    "reviewPrint": "QPrintDialog",
    "reviewPdf": "QFileDialog",
    "reviewXlsx": "QFileDialog",
    "reviewProblem": "ProblemDialog",
}
# Worksheet buttons whose dialog must have been opened by clicking them.
EXPECTED_WORKSHEET_DIALOGS = {
    "action_assign",
    "action_escalate",
    "action_add_log",
    "action_progress",
    "action_wait",
    "action_close",
    "action_resolve",
    "action_feedback",
    "action_reopen",
    "action_follow_up",
    "archiveToKb",
}
# Knowledge-base window buttons whose dialog must have been opened by clicking them.
EXPECTED_KB_DIALOGS = {
    "kbNew": "ArticleEditorDialog",
    "kbEdit": "ArticleEditorDialog",
    "kbPrint": "QPrintDialog",
    "kbPdf": "QFileDialog",
    "kbExport": "QFileDialog",
    "kbImport": "QFileDialog",
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "desk_gui", "demo", "--db", str(path), "--tickets", "300"],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return path


def run_child(demo_file: Path, tmp_path: Path, lang: str) -> dict[str, Any]:
    db = tmp_path / "desk.db"
    shutil.copy(demo_file, db)
    report = tmp_path / "report.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESK_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.gui._every_action_child",
            "--db",
            str(db),
            "--lang",
            lang,
            "--report",
            str(report),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    assert result.returncode == 0, (
        f"the program died (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    data: dict[str, Any] = json.loads(report.read_text("utf-8"))
    data["stderr"] = result.stderr
    return data


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_action_opens_its_dialog_and_the_program_lives(
    demo_file: Path, tmp_path: Path, lang: str
) -> None:
    report = run_child(demo_file, tmp_path, lang)
    assert report["alive"], "the main window disappeared"
    assert report["qt_messages"] == []
    opened: dict[str, set[str]] = {}
    for seen in report["dialogs"]:
        opened.setdefault(seen["context"], set()).add(seen["dialog"])
    for action, dialog in EXPECTED_DIALOGS.items():
        assert action in report["actions"], f"{action} was not found in the window"
        assert dialog in opened.get(action, set()), f"{action} opened {opened.get(action)}"
    for button in EXPECTED_WORKSHEET_DIALOGS:
        assert opened.get(f"worksheet:{button}"), f"the worksheet's {button} opened no dialog"
    for button, dialog in EXPECTED_KB_DIALOGS.items():
        assert dialog in opened.get(f"kb:{button}", set()), f"{button} opened no {dialog}"
    for button, dialog in EXPECTED_REVIEW_DIALOGS.items():
        assert button in report["review_buttons"], f"the review report's {button} was not clicked"
        assert dialog in opened.get(f"review:{button}", set()), f"review {button}: {opened}"
    assert report["closed_by_quit"], "File → Quit did not close the window"
    assert report["signed_out_closes"], "signing out with nobody signing in kept the window"
