"""SLA settings round trip, the reminder dock and poller, suggestions in assign and escalate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from desk_gui.domain.enums import Category, Impact, Priority, Tier, Urgency
from desk_gui.domain.priority import DEFAULT_MATRIX, DEFAULT_TARGETS, Duration
from desk_gui.domain.reminders import ReminderKind
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.context import Context
from desk_gui.services.directory import StaffMember, save_staff
from desk_gui.services.reminders import ReminderService
from desk_gui.services.settings import load_settings
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.reminders.reminder_panel import ReminderPanel, add_reminder_dock
from desk_gui.ui.reminders.reminders import ReminderNotifier, ReminderPoller
from desk_gui.ui.settings.sla_settings_dialog import SlaSettingsDialog
from desk_gui.ui.worksheet.action_assign import AssignDialog, chosen_name
from desk_gui.ui.worksheet.action_escalate import EscalateDialog

from .conftest import OPERATOR, make_draft


def test_sla_settings_round_trip(qtbot: Any, workflow: WorkflowService) -> None:
    dialog = SlaSettingsDialog(load_settings(), OPERATOR)
    qtbot.addWidget(dialog)
    assert dialog.matrix_editor.matrix() == DEFAULT_MATRIX
    assert dialog.targets_editor.targets() == DEFAULT_TARGETS
    assert dialog.country_combo.currentData() == "CN"
    assert "public holidays" in dialog.public_label.text()

    cell = dialog.matrix_editor.combos[(Impact.INDIVIDUAL, Urgency.LOW)]
    cell.setCurrentIndex(cell.findData("p3"))
    dialog.targets_editor.rows[Priority.P2]["respond_minutes"].setValue(60)  # type: ignore[union-attr]
    dialog.targets_editor.rows[Priority.P3]["clock"].setChecked(True)  # type: ignore[union-attr]
    dialog.open_edit.setTime(dialog.open_edit.time().fromString("08:30", "HH:mm"))
    dialog.day_checks[5].setChecked(True)  # Saturdays too
    dialog.closures_editor.add_date(date(2026, 12, 24))
    dialog.workdays_editor.add_date(date(2026, 12, 27))
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.saver.saving, timeout=10_000)
    assert dialog.result() == dialog.DialogCode.Accepted

    saved = load_settings()
    assert saved.matrix.priority(Impact.INDIVIDUAL, Urgency.LOW) is Priority.P3
    assert saved.targets[Priority.P2].respond == Duration(60)
    assert saved.targets[Priority.P3].around_the_clock
    cal = saved.calendar
    assert cal.open_time == time(8, 30) and 5 in cal.workdays and cal.country == "CN"
    assert not cal.is_working_day(date(2026, 12, 24))
    assert cal.is_working_day(date(2026, 12, 27))
    assert not cal.is_working_day(date(2026, 10, 1))  # National Day, from the library

    again = SlaSettingsDialog(saved, OPERATOR)
    qtbot.addWidget(again)
    assert again.closures_editor.dates() == {date(2026, 12, 24)}
    assert again.workdays_editor.dates() == {date(2026, 12, 27)}
    assert again.settings() == saved
    again.restore_defaults()
    restored = again.settings()
    assert restored.matrix == DEFAULT_MATRIX and restored.targets == DEFAULT_TARGETS
    assert restored.calendar.open_time == time(9, 0) and not again.closures_editor.dates()


def test_another_country_and_a_bad_calendar(qtbot: Any, workflow: WorkflowService) -> None:
    dialog = SlaSettingsDialog(load_settings(), OPERATOR)
    qtbot.addWidget(dialog)
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("US"))
    assert dialog.apply()
    cal = load_settings().calendar
    assert cal.country == "US" and not cal.is_working_day(date(2026, 7, 3))  # observed 4 July
    assert cal.is_working_day(date(2026, 10, 1))
    for check in dialog.day_checks:
        check.setChecked(False)
    assert not dialog.apply() and dialog.error_label.isVisibleTo(dialog)


def _p2_ticket(workflow: WorkflowService, i: int = 0) -> TicketRecord:
    return workflow.create(
        make_draft(
            i,
            impact=Impact.INDIVIDUAL,
            urgency=Urgency.HIGH,
            submitted_at=datetime(2024, 5, 6, 9, 0) + timedelta(minutes=i),
        )
    )


def _poller(clock: Callable[[], datetime], ws: str = "PC-1") -> ReminderPoller:
    return ReminderPoller(ReminderService(Context(operator=OPERATOR, workstation=ws, clock=clock)))


def test_reminder_dock_lists_snoozes_and_acknowledges(
    qtbot: Any, workflow: WorkflowService
) -> None:
    first, second = _p2_ticket(workflow, 0), _p2_ticket(workflow, 1)
    now = [datetime(2024, 5, 6, 10, 50)]
    poller = _poller(lambda: now[0])
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = add_reminder_dock(window, poller)
    panel._now = lambda: now[0]
    opened: list[int] = []
    panel.open_requested.connect(opened.append)
    with qtbot.waitSignal(poller.reminders_arrived) as arrived:
        poller.poll_now()
    assert len(arrived.args[0]) == 2
    assert [r.number for r in panel.reminders] == [first.number, second.number]
    assert panel.table.item(0, 2).text() == "First response due"
    assert panel.table.item(0, 3).text() == "11:00"
    panel.select(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened == [first.id]
    panel.snooze_selected(timedelta(minutes=15))
    assert [r.number for r in panel.reminders] == [second.number]
    panel.select(0)
    panel.acknowledge_selected()
    assert panel.reminders == [] and panel.empty_label.isVisibleTo(panel)
    now[0] = datetime(2024, 5, 6, 11, 6)
    with qtbot.waitSignal(poller.reminders_arrived):
        poller.poll_now()
    assert [r.number for r in panel.reminders] == [first.number]
    assert "(overdue)" in panel.table.item(0, 3).text()


def test_poller_timer_and_toast_without_a_tray(qtbot: Any, workflow: WorkflowService) -> None:
    ticket = _p2_ticket(workflow)
    poller = _poller(lambda: datetime(2024, 5, 6, 11, 30))
    window = QMainWindow()
    window.resize(900, 600)
    qtbot.addWidget(window)
    notifier = ReminderNotifier(window, tray=None, now=lambda: datetime(2024, 5, 6, 11, 30))
    poller.reminders_arrived.connect(notifier.notify)
    opened: list[int] = []
    notifier.open_requested.connect(opened.append)
    with qtbot.waitSignal(poller.reminders_changed, timeout=5000):
        poller.start()
    assert poller.active
    assert ticket.number in notifier.last_text and notifier.toast.isVisibleTo(window)
    qtbot.mouseClick(notifier.toast.open_button, Qt.MouseButton.LeftButton)
    assert opened == [ticket.id] and not notifier.toast.isVisibleTo(window)
    poller.stop()
    assert [r.kind for r in poller.pending] == [ReminderKind.RESPOND]


def test_second_workstation_lists_without_announcing(qtbot: Any, workflow: WorkflowService) -> None:
    _p2_ticket(workflow)
    clock = lambda: datetime(2024, 5, 6, 11, 0)  # noqa: E731
    _poller(clock, "PC-1").poll_now()
    other = _poller(clock, "PC-2")
    panel = ReminderPanel(other)
    qtbot.addWidget(panel)
    with qtbot.assertNotEmitted(other.reminders_arrived):
        other.poll_now()
    assert len(panel.reminders) == 1


def _staff() -> None:
    save_staff(StaffMember("王五", Tier.L1, (Category.HARDWARE,)))
    save_staff(StaffMember("赵工", Tier.L2, (Category.HARDWARE,)))
    save_staff(StaffMember("陈工", Tier.L2, (Category.SOFTWARE,)))


def test_assign_dialog_preselects_the_top_suggestion(qtbot: Any, workflow: WorkflowService) -> None:
    _staff()
    record = workflow.create(make_draft(0, category=Category.HARDWARE))
    dialog = AssignDialog(None, workflow, record)
    qtbot.addWidget(dialog)
    names = [s.name for s in dialog.suggestion_list.suggestions]
    assert names == ["王五", OPERATOR]  # L1 only; hardware skills first
    assert chosen_name(dialog.staff_combo) == "王五"
    dialog.suggestion_list.chosen.emit(OPERATOR)
    assert chosen_name(dialog.staff_combo) == OPERATOR


def test_escalate_dialog_suggests_the_target_tier(qtbot: Any, workflow: WorkflowService) -> None:
    _staff()
    record = workflow.create(make_draft(0, category=Category.SOFTWARE))
    dialog = EscalateDialog(None, workflow, record)
    qtbot.addWidget(dialog)
    assert dialog.tier_combo.currentData() == "l2"
    assert [s.name for s in dialog.suggestion_list.suggestions] == ["陈工", "李工程师", "赵工"]
    assert chosen_name(dialog.assignee_combo) == "陈工"
    dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData("expert"))
    assert dialog.suggestion_list.suggestions == []
    assert chosen_name(dialog.assignee_combo) == ""


def test_reminder_panel_is_a_dock(qtbot: Any, workflow: WorkflowService, db_file: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = add_reminder_dock(window, _poller(lambda: datetime(2024, 5, 6, 9, 0)))
    assert window.dockWidgetArea(panel) == Qt.DockWidgetArea.RightDockWidgetArea
    assert panel.objectName() == "reminderDock"


def test_triage_translations_are_complete(qtbot: Any, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    import pytest
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desk_gui.ui.reminders.reminders import kind_text

    ts = Path(__file__).resolve().parents[2] / "resources/translations/desk_triage_zh_CN.ts"
    messages = list(ET.parse(ts).getroot().iter("message"))
    assert messages and all(m.find("translation").text for m in messages)  # type: ignore[union-attr]
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "desk_triage_zh_CN.qm"
    subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert kind_text(ReminderKind.RESPOND) == "首次响应到期"
    finally:
        QCoreApplication.removeTranslator(translator)
