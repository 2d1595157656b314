"""Save dialogs (PDF, export): where they start, what they remember, which language they speak."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from desk_gui.ui.app import launcher
from desk_gui.ui.common.prefs import WorkstationPrefs, documents_folder
from desk_gui.ui.queue import print_actions


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def test_first_start_folder_is_documents_not_the_working_folder(
    qapp: Any, prefs: WorkstationPrefs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # wherever the program was started from
    assert prefs.file_folder() == documents_folder() == _documents()
    dialog = print_actions.save_dialog(None, "PDF", prefs, "T1.pdf", "PDF files (*.pdf)")
    assert Path(dialog.directory().absolutePath()) == _documents()
    assert Path(dialog.directory().absolutePath()) != tmp_path


def test_last_folder_is_remembered_per_workstation(qapp: Any, tmp_path: Path) -> None:
    here = WorkstationPrefs(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    other = WorkstationPrefs(QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat))
    folder = tmp_path / "工单导出"
    folder.mkdir()
    dialog = print_actions.save_dialog(None, "PDF", here, "T1.pdf", "PDF files (*.pdf)")
    dialog.selectFile(str(folder / "T1.pdf"))
    dialog.exec = lambda: QFileDialog.DialogCode.Accepted  # type: ignore[method-assign]
    chosen = print_actions.ask_save_path(dialog, here)  # the user saved into ``folder``
    assert chosen is not None and chosen[0] == folder / "T1.pdf"
    assert here.file_folder() == folder
    again = print_actions.save_dialog(None, "Export", here, "desk.xlsx", "Excel (*.xlsx)")
    assert Path(again.directory().absolutePath()) == folder
    assert other.file_folder() == _documents()  # another workstation's prefs
    folder.rmdir()  # gone (a removed USB stick): back to Documents
    assert here.file_folder() == _documents()


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    launcher.install_translators(qapp, "zh")
    yield
    launcher.install_translators(qapp, "en")


def test_save_dialog_speaks_chinese(prefs: WorkstationPrefs, chinese: None) -> None:
    dialog = print_actions.save_dialog(
        None,
        print_actions._tr("Save as PDF"),
        prefs,
        "T1.pdf",
        print_actions._tr("PDF files (*.pdf)"),
    )
    labels = QFileDialog.DialogLabel
    texts = {label: dialog.labelText(label) for label in labels}
    assert texts[labels.Accept] == "保存(&S)" and texts[labels.Reject] == "取消"
    assert texts[labels.FileName] == "文件名：" and texts[labels.FileType] == "保存类型："
    assert texts[labels.LookIn] == "查找范围："
    assert dialog.windowTitle() == "另存为 PDF"
    assert dialog.nameFilters() == ["PDF 文件 (*.pdf)"]


def test_save_pdf_starts_in_documents_then_in_the_folder_used(
    qapp: Any, prefs: WorkstationPrefs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_gui.printing.content import WorksheetOptions

    started: list[Path] = []
    folder = tmp_path / "pdf"
    folder.mkdir()

    def user_saves(dialog: QFileDialog) -> int:  # the user picks ``folder`` and saves
        started.append(Path(dialog.directory().absolutePath()))
        dialog.selectFile(str(folder / "blank"))
        return int(QFileDialog.DialogCode.Accepted)

    monkeypatch.setattr(QFileDialog, "exec", user_saves)
    monkeypatch.chdir(tmp_path)
    options = WorksheetOptions(lang="en")
    target = print_actions.save_pdf(None, [None], "en", options, "blank.pdf", prefs)
    assert target == folder / "blank.pdf" and target.stat().st_size > 1000
    print_actions.save_pdf(None, [None], "en", options, "blank.pdf", prefs)
    assert started == [_documents(), folder]
