"""Start-up texts and helpers of the launcher: the first-run notice, Qt's own translations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from desk_gui.ui.app import launcher


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    launcher.install_translators(qapp, "zh")
    yield
    launcher.install_translators(qapp, "en")


def _first_run() -> tuple[Path, str]:
    workspace, text = launcher.first_run_notice()
    workspace.close()
    return Path(workspace.target), text


def test_first_run_says_whether_it_created_or_reused(_isolated_data_dir: Path) -> None:
    path, first = _first_run()
    assert "created a new database" in first and str(path) in first
    again, second = _first_run()  # the local file from an earlier run is reused
    assert again == path
    assert "opened the existing database" in second and "created" not in second


def test_first_run_notice_in_chinese(_isolated_data_dir: Path, chinese: None) -> None:
    _, first = _first_run()
    assert "已在本机创建新的数据库" in first
    _, second = _first_run()
    assert "已打开本机上现有的数据库" in second and "创建" not in second


def test_qt_own_dialog_strings_are_translated(chinese: None) -> None:
    # Qt's widgets-based file dialog takes its strings from the qtbase translator.
    assert QCoreApplication.translate("QFileDialog", "File &name:") != "File &name:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
