"""Settings dialog, workstation preferences, operator choice and the launcher's startup paths."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from desk_gui import config
from desk_gui.domain.enums import Category, Tier
from desk_gui.services.directory import StaffMember, list_staff
from desk_gui.services.settings import load_settings
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.store.database import close_database, open_database
from desk_gui.store.errors import SchemaTooNew
from desk_gui.ui.app import launcher
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.operator_dialog import OperatorDialog
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.queue.queue_columns import Column, header_text
from desk_gui.ui.settings.settings_dialog import SettingsDialog


def make_dialog(qtbot: Any, prefs: WorkstationPrefs, db_file: Path) -> SettingsDialog:
    dialog = SettingsDialog(prefs, str(db_file), "张三", "en", launcher.probe_database)
    qtbot.addWidget(dialog)
    return dialog


def test_prefs_remember_per_workstation(prefs: WorkstationPrefs) -> None:
    assert prefs.language_choice() == "system"
    prefs.set_language_choice("zh")
    prefs.set_operator("张三")
    prefs.set_last_database("/share/desk.db")
    again = WorkstationPrefs(prefs.qsettings)
    assert (again.language_choice(), again.operator(), again.last_database()) == (
        "zh",
        "张三",
        "/share/desk.db",
    )
    assert again.effective_language() == "zh"
    assert again.effective_language("en") == "en"


def test_office_settings_saved_for_everyone(
    qtbot: Any, prefs: WorkstationPrefs, db_file: Path, workflow: WorkflowService
) -> None:
    dialog = make_dialog(qtbot, prefs, db_file)
    dialog.office_name_edit.setText("北京分公司 IT")
    dialog.prefix_edit.setText("HD")
    dialog.mask_check.setChecked(False)
    outcome = dialog.apply()
    assert outcome.office_changed and outcome.database is None
    saved = load_settings()
    assert (saved.office_name, saved.prefix, saved.mask_requester) == ("北京分公司 IT", "HD", False)


def test_bad_prefix_is_refused_plainly(
    qtbot: Any, prefs: WorkstationPrefs, db_file: Path, workflow: WorkflowService
) -> None:
    dialog = make_dialog(qtbot, prefs, db_file)
    dialog.prefix_edit.setText("12")
    try:
        dialog.apply()
    except Exception as exc:  # the dialog shows this as a plain ErrorDialog
        assert "prefix" in str(exc)
    else:
        raise AssertionError("a numeric prefix was accepted")


def test_staff_list_edit(
    qtbot: Any, prefs: WorkstationPrefs, db_file: Path, workflow: WorkflowService
) -> None:
    dialog = make_dialog(qtbot, prefs, db_file)
    before = dialog.staff_table.rowCount()
    dialog.add_button.click() if hasattr(dialog, "add_button") else dialog._on_add_clicked()
    row = dialog.staff_table.rowCount() - 1
    assert row == before
    dialog.staff_table.item(row, 0).setText("周专家")
    tier = dialog.staff_table.cellWidget(row, 1)
    tier.setCurrentIndex(tier.findData("expert"))
    dialog.staff_table.item(row, 2).setText("network, 权限")
    dialog.apply()
    added = {m.name: m for m in list_staff()}["周专家"]
    assert added == StaffMember("周专家", Tier.EXPERT, (Category.NETWORK, Category.PERMISSION))


def test_language_choice(
    qtbot: Any, prefs: WorkstationPrefs, db_file: Path, workflow: WorkflowService
) -> None:
    dialog = make_dialog(qtbot, prefs, db_file)
    assert dialog.lang_buttons["system"].isChecked()
    dialog.lang_buttons["zh"].click()
    outcome = dialog.apply()
    assert outcome.language_changed
    assert prefs.language_choice() == "zh"


def test_test_connection_button(
    qtbot: Any, prefs: WorkstationPrefs, db_file: Path, workflow: WorkflowService, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, prefs, db_file)
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✔ Connected")
    dialog.db_edit.setText(str(tmp_path / "missing-folder" / "desk.db"))
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✖ The database cannot be reached")
    assert dialog.apply().database == str(tmp_path / "missing-folder" / "desk.db")


def test_operator_dialog_adds_new_name_to_staff(
    qtbot: Any, db_file: Path, workflow: WorkflowService
) -> None:
    dialog = OperatorDialog("张三")
    qtbot.addWidget(dialog)
    assert "张三" in dialog.names
    dialog.name_combo.setEditText("新同事")
    dialog.buttons.accepted.emit()
    assert dialog.result() == OperatorDialog.DialogCode.Accepted
    assert "新同事" in {m.name for m in list_staff()}


def test_remembered_operator_is_not_asked_again(
    prefs: WorkstationPrefs, workflow: WorkflowService
) -> None:
    prefs.set_operator("李工程师")
    assert launcher.choose_operator(prefs) == "李工程师"


def test_first_run_creates_database_where_promised(_isolated_data_dir: Path) -> None:
    workspace = launcher.first_run_database()
    workspace.close()
    path = Path(workspace.target)
    assert path == _isolated_data_dir / "desk.db" == config.default_database_path()
    assert path.is_file()
    assert str(path) in launcher.first_run_message(path)


def newer_schema_db(tmp_path: Path) -> Path:
    path = tmp_path / "newer.db"
    open_database(path)
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    return path


def test_newer_schema_gives_plain_message(tmp_path: Path) -> None:
    path = newer_schema_db(tmp_path)
    opened, message = launcher.open_workspace(str(path), "en")
    assert opened is None and message is not None
    assert message.startswith(SchemaTooNew.en)
    assert "Traceback" not in message
    _, zh = launcher.open_workspace(str(path), "zh")
    assert zh is not None and zh.startswith(SchemaTooNew.zh)
    ok, text = launcher.probe_database(str(path), "en")
    assert not ok and text == SchemaTooNew().message("en")


def test_unreachable_share_gives_plain_message(tmp_path: Path) -> None:
    opened, message = launcher.open_workspace(str(tmp_path / "gone" / "desk.db"), "en")
    assert opened is None
    assert message is not None and message.startswith("The database cannot be reached")


def test_error_dialog_shows_plain_text(qtbot: Any) -> None:
    dialog = ErrorDialog().for_error(SchemaTooNew("schema 999 > 2"), "zh")
    qtbot.addWidget(dialog)
    assert dialog.text().startswith(SchemaTooNew.zh)
    assert not dialog.detailedText()


def test_crash_log_written_to_data_dir(_isolated_data_dir: Path) -> None:
    path = launcher.write_crash_log("Traceback: boom")
    assert path == _isolated_data_dir / launcher.CRASH_LOG
    assert "boom" in path.read_text(encoding="utf-8")


def test_chinese_translators_installed(qapp: Any) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    try:
        installed = launcher.install_translators(app, "zh")
        files = launcher.translation_files("zh")
        if files:  # built by the dev script (pyside6-lrelease); .qm files are not in git
            assert len(installed) >= len(files)
            assert QCoreApplication.translate("TicketTableModel", "Next deadline") == "下一期限"
        assert all(isinstance(t, QTranslator) for t in installed)
        assert header_text(Column.NUMBER) == "问题编号"  # a field label: the declaration's
    finally:
        launcher.install_translators(app, "en")
    assert QCoreApplication.translate("TicketTableModel", "Next deadline") == "Next deadline"
    assert header_text(Column.NUMBER) == "Ticket No."


def test_language_change_reopens_window_translated(
    qtbot: Any, qapp: Any, prefs: WorkstationPrefs, workspace: Workspace, workflow: WorkflowService
) -> None:
    starter = launcher.Launcher(qapp, prefs, "en", launcher.CrashHook("en"))
    first = starter.show_window(workspace)
    qtbot.addWidget(first)
    prefs.set_language_choice("zh")
    try:
        first.restart_requested.emit()
        second = starter.window
        assert second is not None and second is not first
        qtbot.addWidget(second)
        assert second.session.lang == "zh"
        assert second.filter_bar.status_combo.itemText(1) == "待处理"
        second.close()
    finally:
        launcher.install_translators(qapp, "en")


def test_switching_database_opens_a_new_window(
    qtbot: Any,
    qapp: Any,
    prefs: WorkstationPrefs,
    workspace: Workspace,
    tmp_path: Path,
    workflow: WorkflowService,
) -> None:
    def keep(prefs: WorkstationPrefs, parent: object) -> str:
        return "张三"  # the staff list of the new file is empty: no dialog in a test

    starter = launcher.Launcher(qapp, prefs, "en", launcher.CrashHook("en"), keep)
    window = starter.show_window(workspace)
    qtbot.addWidget(window)
    other = tmp_path / "other.db"
    window.database_requested.emit(str(other))
    switched = starter.window
    assert switched is not None and switched is not window
    qtbot.addWidget(switched)
    assert switched.session.database == str(other) and other.is_file()
    assert prefs.last_database() == str(other)
    assert workspace.closed and switched.session.workspace.is_bound
    switched.close()
    switched.session.workspace.close()
