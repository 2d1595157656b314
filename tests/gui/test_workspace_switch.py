"""Switching databases: the old window, its timers and its workspace never touch the new file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer

from desk_gui.domain.enums import Impact, Urgency
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.app import launcher
from desk_gui.ui.common.prefs import WorkstationPrefs
from tests.gui.conftest import settled, wait_while

from .conftest import OPERATOR, make_draft

FAST_MS = 20


def _snapshot(path: Path) -> tuple[int, int, int, int, int]:
    """(data_version, tickets, log lines, edit locks, reminder rows) read by a connection that
    stays open: data_version moves only when another connection commits to the file."""
    conn = _watchers.setdefault(path, sqlite3.connect(path))
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    counts = [
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("ticket", "log_entry", "edit_lock", "reminder")
    ]
    return (version, *counts)  # type: ignore[return-value]


_watchers: dict[Path, sqlite3.Connection] = {}


def _speed_up(window: Any) -> list[QTimer]:
    """Every timer of the window that reads or writes, firing every few milliseconds."""
    view = window._open_views[0]
    timers = [
        window.live._timer,
        window.triage.poller._timer,
        window.tick_timer,
        view._renew_timer,
        view._refresh_timer,
    ]
    for timer in timers:
        timer.setInterval(FAST_MS)
    return timers


def test_switch_with_a_worksheet_open_and_a_reminder_due_leaves_the_new_file_alone(
    qtbot: Any,
    qapp: Any,
    prefs: WorkstationPrefs,
    workspace: Workspace,
    workflow: WorkflowService,
    tmp_path: Path,
) -> None:
    submitted = datetime(2024, 5, 6, 9, 0)  # a P2 Monday: first response due at 11:00
    workspace.ctx.clock = lambda: datetime(2024, 5, 6, 10, 50)
    ticket = workflow.create(
        make_draft(0, impact=Impact.INDIVIDUAL, urgency=Urgency.HIGH, submitted_at=submitted)
    )
    # The new file is a copy holding the same due ticket: an old timer that reached it would
    # claim the reminder or take the lock there.
    other = workspace.backup(tmp_path / "other.db")
    starter = launcher.Launcher(
        qapp, prefs, "en", launcher.CrashHook("en"), lambda prefs, parent: OPERATOR
    )
    old = starter.show_window(workspace)  # the launcher closes and deletes it on the switch
    old.triage.poller.start()  # polls in the background
    qtbot.waitUntil(lambda: bool(old.triage.poller.pending), timeout=5000)  # one is due there
    old.open_ticket(ticket.id)
    view = settled(old._open_views[0])
    view.edit_button.click()
    wait_while(lambda: view.lease.taking)
    assert view.editing  # holds the edit lock, renewing it on a timer
    timers = _speed_up(old)
    assert all(t.isActive() for t in timers if t is not view._refresh_timer)
    qtbot.wait(4 * FAST_MS)

    old.database_requested.emit(str(other))
    new = starter.window
    assert new is not None and new is not old
    qtbot.addWidget(new)
    assert workspace.closed and new.session.workspace.is_bound
    assert not any(t.isActive() for t in timers), "a timer of the old window still runs"
    # (the reminder toast's own timer only hides it: it reads nothing)
    running = [
        t
        for t in old.findChildren(QTimer)
        if t.isActive() and t.parent().objectName() != "reminderToast"
    ]
    assert not running, [(t.parent().objectName() or type(t.parent()).__name__) for t in running]
    # the edit lock was released in the old file, before it was closed
    assert (
        sqlite3.connect(workspace.target).execute("SELECT count(*) FROM edit_lock").fetchone()[0]
        == 0
    )

    before = _snapshot(other)
    qtbot.wait(25 * FAST_MS)  # well past every shortened interval
    assert _snapshot(other) == before, "the old window touched the new file"
    assert before[1] == 1 and before[3:] == (0, 0)
    new.close()
    new.session.workspace.close()
    for conn in _watchers.values():
        conn.close()
    _watchers.clear()
