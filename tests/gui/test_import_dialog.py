"""File → Import spreadsheet: problems by row and column, all-or-valid import, the summary."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from desk_gui.domain.enums import Category, Impact
from desk_gui.services.context import Context
from desk_gui.services.queue import QueueFilter, QueueService
from desk_gui.services.tickets import TicketService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.background import Jobs
from desk_gui.ui.common.session import Session
from desk_gui.ui.exchange.import_dialog import ImportDialog
from desk_gui.ui.exchange.import_problem_model import (
    ERROR_COLOR,
    WARNING_COLOR,
    ImportProblemModel,
    ProblemColumn,
)
from desk_gui.ui.queue.main_window import MainWindow
from tests.exchange.test_exchange_roundtrip import BARE, GOOD, _write_sheet

TS_FILE = Path(__file__).parents[2] / "resources" / "translations" / "desk_import_zh_CN.ts"
LONG_TITLE = "这个标题实在是太长了超过了二十个字的限制真的"


def pending(number: str = "", minute: int = 0, **cells: str) -> list[object]:
    """A valid pending row of the bare template; ``cells`` override by header."""
    row: list[object] = [number, *GOOD[1:7], f"2024-05-01 09:{minute:02d}", "待处理"]
    row += [""] * (len(BARE) - len(row))
    for head, value in cells.items():
        row[BARE.index(head)] = value
    return row


def ticket_count() -> int:
    return QueueService().count(QueueFilter(statuses=None))


@pytest.fixture
def dialog(qtbot: Any, workspace: Workspace, db_file: Path, ctx: Context) -> Iterator[ImportDialog]:
    d = ImportDialog(ctx, "en", jobs=Jobs(workspace.release_thread))
    qtbot.addWidget(d)
    yield d
    d.jobs.shutdown()


def load(qtbot: Any, d: ImportDialog, path: Path) -> bool:
    """Check ``path`` (in the background) and wait for the outcome; True when it was read."""
    d.load(path)
    qtbot.waitUntil(lambda: not d.busy, timeout=10_000)
    return d.preview is not None


def click(qtbot: Any, d: ImportDialog, button: Any) -> None:
    """Click an import button and wait for the import to finish."""
    button.click()
    qtbot.waitUntil(lambda: not d.busy, timeout=10_000)


@pytest.fixture
def bad_sheet(tmp_path: Path) -> Path:
    """Rows 2 and 5 valid; row 3 has a too-long title, row 4 an unreadable time."""
    sheet = tmp_path / "bad.xlsx"
    rows = [
        pending(minute=1),
        pending(minute=2, 问题标题=LONG_TITLE),
        pending(minute=3, 提交时间="昨天上午"),
        pending(minute=4),
    ]
    _write_sheet(sheet, [*BARE, "工位号"], [[*r, "A-1"] for r in rows])
    return sheet


def shown_problems(d: ImportDialog) -> list[tuple[int, str, str]]:
    m = d.table.model()
    return [
        tuple(m.index(r, c).data() for c in (0, 1, 2))  # type: ignore[misc]
        for r in range(m.rowCount())
    ]


def test_invalid_sheet_lists_problems_and_refuses_to_import(
    qtbot: Any, dialog: ImportDialog, bad_sheet: Path
) -> None:
    assert load(qtbot, dialog, bad_sheet)
    problems = shown_problems(dialog)
    assert (3, "问题标题", "Error") in problems and (4, "提交时间", "Error") in problems
    assert (1, "工位号", "Warning") in problems
    model = dialog.table.model()
    colours = {
        model.index(r, 2).data(): model.index(r, 3).data(Qt.ItemDataRole.ForegroundRole).color()
        for r in range(model.rowCount())
    }
    assert colours == {"Error": ERROR_COLOR, "Warning": WARNING_COLOR}
    summary = dialog.summary_label.text()
    assert "Rows read: 4" in summary and "Valid: 2" in summary and "With errors: 2" in summary
    assert "工位号" in dialog.unknown_label.text() and not dialog.unknown_label.isHidden()
    assert not dialog.import_button.isEnabled()
    assert not dialog.import_valid_button.isHidden()
    assert dialog.import_valid_button.text() == "Import only the 2 valid rows"
    click(qtbot, dialog, dialog.import_button)
    assert dialog.imported is None and ticket_count() == 0


def test_import_only_the_valid_rows(qtbot: Any, dialog: ImportDialog, bad_sheet: Path) -> None:
    load(qtbot, dialog, bad_sheet)
    click(qtbot, dialog, dialog.import_valid_button)
    result = dialog.imported
    assert result is not None
    assert [line for line, _ in result.created] == [2, 5] and result.skipped == [3, 4]
    assert ticket_count() == 2
    summary = dialog.summary_label.text()
    assert "Tickets created: 2" in summary and "Rows skipped: 2" in summary
    assert not dialog.import_valid_button.isEnabled() and not dialog.import_button.isEnabled()
    click(qtbot, dialog, dialog.import_valid_button)  # no second import of the same preview
    assert ticket_count() == 2


def test_valid_sheet_imports_and_the_summary_names_the_numbers(
    qtbot: Any, dialog: ImportDialog, tmp_path: Path
) -> None:
    sheet = tmp_path / "good.csv"
    rows = [GOOD, pending("IT20240501001", minute=5), pending(minute=6)]
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([BARE, *rows])
    load(qtbot, dialog, sheet)
    assert shown_problems(dialog) == [(3, "问题编号", "Warning")]  # the repeated number
    assert dialog.import_button.isEnabled() and dialog.import_valid_button.isHidden()
    click(qtbot, dialog, dialog.import_button)
    result = dialog.imported
    assert result is not None and len(result.created) == 3 and not result.skipped
    ((line, old, new),) = result.renumbered
    assert (line, old) == (3, "IT20240501001") and new != old
    summary = dialog.summary_label.text()
    assert "Tickets created: 3. Renumbered: 1. Rows skipped: 0." in summary
    assert f"row 3: IT20240501001 → {new}" in summary
    assert ticket_count() == 3


def test_defaults_for_rows_without_category_or_impact(
    qtbot: Any, dialog: ImportDialog, tmp_path: Path
) -> None:
    sheet = tmp_path / "bare.xlsx"
    _write_sheet(sheet, BARE, [pending()])
    assert Category(dialog.category_combo.currentData()) == Category.OTHER
    assert Impact(dialog.impact_combo.currentData()) == Impact.INDIVIDUAL
    load(qtbot, dialog, sheet)
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("hardware"))
    dialog.impact_combo.setCurrentIndex(dialog.impact_combo.findData("department"))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)  # checked again with them
    click(qtbot, dialog, dialog.import_button)
    assert dialog.imported is not None
    ((_, number),) = dialog.imported.created
    record = TicketService(Context(operator="x")).get_by_number(number)
    assert (record.category, record.impact) == (Category.HARDWARE, Impact.DEPARTMENT)


def test_missing_columns_and_unreadable_files_are_told_plainly(
    qtbot: Any, dialog: ImportDialog, tmp_path: Path
) -> None:
    sheet = tmp_path / "short.xlsx"
    _write_sheet(sheet, BARE[:3], [GOOD[:3]])
    load(qtbot, dialog, sheet)
    assert "lacks required columns" in dialog.summary_label.text()
    assert (1, "问题描述", "Error") in shown_problems(dialog)
    assert not dialog.import_button.isEnabled() and dialog.import_valid_button.isHidden()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    assert not load(qtbot, dialog, broken)
    assert "Cannot import broken.xlsx" in dialog.summary_label.text()
    assert "not an Excel workbook" in dialog.summary_label.text()
    assert dialog.table.model().rowCount() == 0 and not dialog.import_button.isEnabled()


def test_problem_model_passes_the_model_tester(qtmodeltester: Any, bad_sheet: Path) -> None:
    from desk_gui.exchange.importer import preview_file

    model = ImportProblemModel("zh")
    model.set_problems(preview_file(bad_sheet).problems)
    qtmodeltester.check(model)
    index = model.index(0, ProblemColumn.MESSAGE)
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("第 ")


@pytest.fixture
def window(qtbot: Any, session: Session) -> Iterator[MainWindow]:
    w = MainWindow(session)
    qtbot.addWidget(w)
    yield w
    w.close()


def test_file_menu_has_import_next_to_export(window: MainWindow) -> None:
    action = window.action("actionImport")
    assert action.text() == "&Import spreadsheet…"
    file_menu = window.menuBar().actions()[0].menu()
    names = [a.objectName() for a in file_menu.actions()]  # type: ignore[union-attr]
    assert names.index("actionImport") == names.index("actionExport") + 1


@pytest.fixture
def chinese(tmp_path: Path) -> Iterator[None]:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "desk_import_zh_CN.qm"
    subprocess.run([lrelease, str(TS_FILE), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_translations_are_complete_and_load(
    chinese: None, qtbot: Any, workspace: Workspace, db_file: Path, ctx: Context, bad_sheet: Path
) -> None:
    messages = list(ET.parse(TS_FILE).getroot().iter("message"))
    assert messages and all(m.find("translation").text for m in messages)  # type: ignore[union-attr]
    assert QCoreApplication.translate("MainMenus", "&Import spreadsheet…") == "导入表格(&I)…"
    d = ImportDialog(ctx, "zh", jobs=Jobs(workspace.release_thread))
    qtbot.addWidget(d)
    load(qtbot, d, bad_sheet)
    assert d.windowTitle() == "导入表格"
    assert d.import_valid_button.text() == "只导入 2 行有效数据"
    assert (3, "问题标题", "错误") in shown_problems(d)


def test_a_sheet_under_a_title_is_shown_with_the_skipped_rows_first(
    qtbot: Any, dialog: ImportDialog, tmp_path: Path
) -> None:
    path = tmp_path / "titled.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["技术问题解决与支持工作表"])
        out.writerow(BARE)
        out.writerow(pending())
        out.writerow(["合计：1 条"])
    assert load(qtbot, dialog, path)
    model = dialog.table.model()
    rows = [
        (model.index(i, ProblemColumn.ROW).data(), model.index(i, ProblemColumn.MESSAGE).data())
        for i in range(model.rowCount())
    ]
    assert rows[0][0] == "" and "技术问题解决与支持工作表" in rows[0][1]  # about the file: no row
    assert [r[0] for r in rows[1:]] == [4] and "合计：1 条" in rows[1][1]
    assert dialog.import_button.isEnabled()  # the totals row is no error
