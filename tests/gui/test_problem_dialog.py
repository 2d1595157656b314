"""The problem record dialog: from a top problem or tickets, 5 Whys, actions, grouping."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidgetItem

from desk_gui.domain.problem import ActionStatus
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.background import Jobs
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.common.session import Session
from desk_gui.ui.report.problem_dialog import ProblemDialog
from tests.gui.test_review_dialog import _open
from tests.services.review_data import insert_week

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def week(workspace: Workspace, prefs: WorkstationPrefs) -> tuple[Session, dict[str, int]]:
    workspace.ctx.clock = lambda: NOW  # suggestions look back from "now"
    return Session(workspace, "zh", prefs), insert_week()


def _dialog(qtbot: Any, session: Session, **kw: Any) -> tuple[ProblemDialog, Jobs]:
    jobs = Jobs(session.workspace.release_thread)
    dialog = ProblemDialog(session, jobs, **kw)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog, jobs


def test_tickets_become_a_problem_with_its_chain_and_actions(qtbot: Any, week: Any) -> None:
    session, ids = week
    dialog, jobs = _dialog(qtbot, session, ticket_ids=[ids["T2"], ids["T7"]])
    assert dialog.record is not None and dialog.record.id is None
    assert dialog.linked.rowCount() == 2
    dialog.whys.setItem(0, 0, QTableWidgetItem("为什么连不上？"))
    dialog.whys.setItem(0, 1, QTableWidgetItem("客户端证书过期"))
    assert "客户端证书过期" in dialog.root_cause.text()
    dialog.workaround.setPlainText("手动导入新证书")
    dialog.action_table.add_action()
    dialog.action_table.setItem(0, 0, QTableWidgetItem("证书到期前自动续期"))
    dialog.action_table.setItem(0, 2, QTableWidgetItem("2026-12-15"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    record = saved.args[0]
    assert record.number.startswith("PRB") and record.root_cause == "客户端证书过期"
    assert record.actions[0].what == "证书到期前自动续期"
    combo = dialog.action_table.cellWidget(0, 3)
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == ["plan", "doing"]  # next step only
    assert session.workspace.problems().load(record.id).actions[0].status is ActionStatus.PLAN
    qtbot.waitUntil(lambda: not jobs.busy)


def test_a_bad_due_date_is_named_not_saved(qtbot: Any, week: Any) -> None:
    session, ids = week
    dialog, _ = _dialog(qtbot, session, title="打印机卡纸", ticket_ids=[ids["T1"]])
    dialog.action_table.add_action()
    dialog.action_table.setItem(0, 0, QTableWidgetItem("购置防潮柜"))
    dialog.action_table.setItem(0, 2, QTableWidgetItem("下周"))
    dialog.save_button.click()
    assert "YYYY-MM-DD" in dialog.message.text()


def test_suggested_tickets_are_grouped_and_recurrence_checked(qtbot: Any, week: Any) -> None:
    session, ids = week
    record = session.workspace.problems().create("打印机卡纸", [ids["T1"]])
    dialog, _ = _dialog(qtbot, session, problem_id=record.id)
    titles = {dialog.suggested.item(r, 1).text() for r in range(dialog.suggested.rowCount())}
    assert titles == {"打印机 卡纸2", "打印机卡纸！"}
    dialog.suggested.selectRow(0)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.link_selected()
    assert dialog.linked.rowCount() == 2 and dialog.suggested.rowCount() == 1
    dialog.check_recurrence()
    qtbot.waitUntil(lambda: "28" in dialog.message.text(), timeout=10_000)


def test_the_report_opens_a_problem_of_its_top_problem(
    qtbot: Any, week: Any, tmp_path: Path
) -> None:
    session, ids = week
    report = _open(qtbot, session, tmp_path, lang="zh")
    report.problems.selectRow(0)
    report.problem_button.click()
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProblemDialog)]
    assert found
    qtbot.waitUntil(lambda: found[0].record is not None, timeout=10_000)
    assert found[0].record is not None
    assert sorted(found[0].record.ticket_ids) == sorted([ids["T1"], ids["T3"], ids["T8"]])
    assert found[0].title_edit.text() == "打印机卡纸"
    found[0].close()
