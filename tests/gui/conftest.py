"""Fixtures for the window tests: offscreen Qt, a fresh database file, real services."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from desk_gui.domain.enums import Category, Impact, Tier, Urgency
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.services.context import Context
from desk_gui.services.directory import StaffMember, save_staff
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.store.database import close_database
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.common.session import Session
from desk_gui.ui.queue.main_window import MainWindow
from desk_gui.ui.worksheet.worksheet_view import WorksheetView

OPERATOR = "张三"
ROOT = Path(__file__).resolve().parents[2]


def run_start(
    script: str, args: list[str], config: Path, operator: str = OPERATOR
) -> subprocess.CompletedProcess[str]:
    """``script`` run in a child process (offscreen, this checkout first on its path) with its
    own settings folder ``config`` naming ``operator``, as a real start finds them."""
    folder = config / "Desk"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Desk.conf").write_text(f"[operator]\nname={operator}\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def pytest_configure(config: pytest.Config) -> None:
    # The offscreen platform's own notice when a main window is shown; not our warning.
    config.addinivalue_line("qt_log_ignore", "This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user data folder (drafts, crash log, first-run database)."""
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_DATA_DIR", str(data))
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return data


@pytest.fixture
def workspace(tmp_path: Path, ctx: Context) -> Iterator[Workspace]:
    """A fresh, migrated database file, open (and bound) for this process."""
    opened = Workspace.open(tmp_path / "t.db", ctx)
    yield opened
    # A window a test left open must not read after its database closed (in the program the
    # launcher closes the window before the workspace).
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.stop_timers()
        # A worksheet's problem look-up runs on a process-wide worker: one left running failed
        # against the next test's database, half migrated, in that test's event loop.
        views = widget.findChildren(WorksheetView)
        for view in [widget, *views] if isinstance(widget, WorksheetView) else views:
            view.shutdown()
    opened.close()
    close_database()  # whatever a test switched to


@pytest.fixture
def db_file(workspace: Workspace) -> Path:
    return Path(workspace.target)


@pytest.fixture
def prefs(tmp_path: Path) -> WorkstationPrefs:
    return WorkstationPrefs(
        QSettings(str(tmp_path / "workstation.ini"), QSettings.Format.IniFormat)
    )


@pytest.fixture
def ctx() -> Context:
    return Context(operator=OPERATOR)


@pytest.fixture
def workflow(db_file: Path, ctx: Context) -> WorkflowService:
    save_staff(StaffMember(OPERATOR, Tier.L1, (Category.SOFTWARE,)))
    save_staff(StaffMember("李工程师", Tier.L2, (Category.NETWORK,)))
    return WorkflowService(ctx)


def make_draft(i: int, **changes: object) -> TicketDraft:
    """A valid intake draft; ``i`` varies the sortable fields."""
    categories = list(Category)
    urgencies = list(Urgency)
    impacts = list(Impact)
    draft = TicketDraft(
        title=f"打印机故障 {i:03d}",
        department=f"销售部/{'北京上海广州深圳'[i % 4 * 2 : i % 4 * 2 + 2]}",
        description=f"上午9点打印机卡纸，第{i}次出现，已重启打印机无效，影响3人打印合同",
        category=categories[i % len(categories)],
        urgency=urgencies[i % len(urgencies)],
        impact=impacts[(i // 3) % len(impacts)],
        requester=f"员工{i:03d}",
        contact=f"内线{8000 + i}",
        submitted_at=datetime(2024, 5, 1, 9, 0) + timedelta(minutes=7 * i),
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


@pytest.fixture
def make_tickets(workflow: WorkflowService) -> Callable[..., list[TicketRecord]]:
    def make(count: int, start: int = 0, **changes: object) -> list[TicketRecord]:
        return [workflow.create(make_draft(start + i, **changes)) for i in range(count)]

    return make


def settle(qtbot: Any, window: MainWindow, timeout: int = 5000) -> None:
    """Wait until the window's background reads have all delivered (never a fixed sleep)."""
    qtbot.waitUntil(lambda: not window.jobs.busy and not window.model.loading, timeout=timeout)


@pytest.fixture
def session(workflow: WorkflowService, workspace: Workspace, prefs: WorkstationPrefs) -> Session:
    return Session(workspace, "en", prefs)


def click_ok(dialog: Any, timeout_s: float = 10.0) -> None:
    """Press a dialog's OK and let its save (off the window's thread) come back."""
    import time

    dialog.ok_button.click()
    end = time.monotonic() + timeout_s
    while dialog.saver.saving and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.002)
    QApplication.processEvents()


def wait_while(busy: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Spin the event loop while ``busy()`` (a save off the window's thread) and a bit after."""
    import time

    end = time.monotonic() + timeout_s
    while busy() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.002)
    QApplication.processEvents()


def settled(view: Any) -> Any:
    """``view`` (a worksheet) once its reads and saves off the window's thread are back."""
    from desk_gui.ui.common.bounded import BoundedCall

    wait_while(lambda: BoundedCall.live > 0 or view.loading or view.problems.jobs.busy)
    return view
