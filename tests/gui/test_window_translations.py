"""Every string of the window's modules has a Simplified Chinese translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = (
    "desk_gui/ui/common/background.py",
    "desk_gui/ui/queue/main_window.py",
    "desk_gui/ui/queue/main_menus.py",
    "desk_gui/ui/queue/main_triage.py",
    "desk_gui/ui/app/launcher.py",
    "desk_gui/ui/queue/print_actions.py",
    "desk_gui/ui/reminders/reminders.py",
    "desk_gui/ui/queue/filter_bar.py",
    "desk_gui/ui/reminders/reminder_panel.py",
    "desk_gui/ui/queue/main_notice_banner.py",
    "desk_gui/ui/queue/hidden_ticket_notice.py",
    "desk_gui/ui/intake/kb_panel.py",
    "desk_gui/ui/intake/form_kb.py",
    "desk_gui/ui/kb/article_editor.py",
    "desk_gui/ui/kb/article_model.py",
    "desk_gui/ui/kb/article_view.py",
    "desk_gui/ui/kb/kb_window.py",
    "desk_gui/ui/kb/ticket_knowledge.py",
    "desk_gui/ui/report/report_dialog.py",
    "desk_gui/ui/report/period_bar.py",
    "desk_gui/ui/report/kpi_table.py",
    "desk_gui/ui/report/problem_dialog.py",
    "desk_gui/ui/report/problem_actions.py",
    "desk_gui/ui/common/bounded_save.py",
    "desk_gui/ui/worksheet/form_lock.py",
    "desk_gui/ui/accounts/password_check.py",
    "desk_gui/ui/worksheet/form_attachment_panel.py",
    "desk_gui/ui/intake/form_problem.py",
    "desk_gui/ui/worksheet/problem_strip.py",
)


def _messages(ts: Path) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            unfinished = translation is not None and translation.get("type") == "unfinished"
            text = "" if translation is None or unfinished else translation.text or ""
            found[(name, message.findtext("source") or "")] = text
    return found


def test_window_strings_are_translated(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    scanned = tmp_path / "scanned.ts"
    subprocess.run(
        [lupdate, *(str(ROOT / m) for m in MODULES), "-ts", str(scanned)],
        check=True,
        capture_output=True,
    )
    shipped: dict[tuple[str, str], str] = {}
    for ts in sorted((ROOT / "resources/translations").glob("desk_*_zh_CN.ts")):
        shipped.update(_messages(ts))
    wanted = _messages(scanned)
    assert len(wanted) > 50
    missing = sorted(key for key in wanted if not shipped.get(key))
    assert missing == []
