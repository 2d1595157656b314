"""Work off the window's thread: superseded searches, Cancel, errors and a database switch."""

from __future__ import annotations

import csv
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.queue import QueueFilter, SortKey
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.store.database import current_database
from desk_gui.store.errors import DatabaseLocked
from desk_gui.ui.app import launcher
from desk_gui.ui.common.background import Job, Jobs
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.common.session import Session
from desk_gui.ui.exchange.import_dialog import ImportDialog
from desk_gui.ui.queue import print_actions
from desk_gui.ui.queue.main_window import MainWindow

from .conftest import OPERATOR, settle
from .test_import_dialog import BARE, pending, ticket_count


@pytest.fixture
def window(qtbot: Any, session: Session) -> Iterator[MainWindow]:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot, w)
    w.live.stop()  # only what the test does reads the queue
    yield w
    w.close()


@pytest.fixture
def tickets(make_tickets: Callable[..., list[TicketRecord]]) -> list[TicketRecord]:
    return make_tickets(6)


def _shown_ids(window: MainWindow) -> list[int]:
    return [window.model.ticket_id(r) for r in range(window.model.rowCount())]


def test_a_superseded_search_never_shows_its_rows(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: MainWindow, tickets: list[TicketRecord]
) -> None:
    older, newer = tickets[1], tickets[2]
    service = window.session.queue
    real = service.fetch_page
    newer_shown = threading.Event()

    def slow_for_the_older(flt: QueueFilter, *args: Any, **kwargs: Any) -> Any:
        if flt.text == older.number:
            newer_shown.wait(10)  # the older search answers only after the newer was shown
        return real(flt, *args, **kwargs)

    monkeypatch.setattr(service, "fetch_page", slow_for_the_older)
    shown: list[list[int]] = []
    window.model.reloaded.connect(lambda: shown.append(_shown_ids(window)))
    bar = window.filter_bar
    bar.search_edit.setText(older.number)
    bar._emit()  # the typing timer, at once
    bar.search_edit.setText(newer.number)
    bar._emit()
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] == [newer.id], timeout=5000)
    newer_shown.set()  # now the older search's rows arrive ...
    settle(qtbot, window)
    assert all(older.id not in rows for rows in shown)  # ... and are dropped, never shown
    assert _shown_ids(window) == [newer.id]
    assert window.count_label.text() == "1 tickets"


@pytest.fixture
def three_hundred(db_file: Path, workflow: WorkflowService) -> int:
    from desk_gui.services.demo_load import generate_demo

    return generate_demo(300, seed=1, days=1, parallel=False)


def _cancel_when(reached: int, seen: list[list[str]], folder: Path) -> Callable[..., None]:
    """Job.progress that cancels its job once ``reached`` rows are done (the user's Cancel
    landing mid-job), noting the folder's files at that moment."""
    real = Job.progress

    def progress(self: Job, done: int, total: int) -> None:
        if done >= reached and not self.cancelled:
            seen.append(sorted(p.name for p in folder.iterdir()))
            self.cancel()
        real(self, done, total)

    return progress


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_cancelled_export_leaves_no_file(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    three_hundred: int,
    tmp_path: Path,
    suffix: str,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"queue.{suffix}"
    seen: list[list[str]] = []
    monkeypatch.setattr(Job, "progress", _cancel_when(100, seen, folder))
    finished: list[Path] = []
    task = print_actions.start_export(
        window, window.jobs, target, QueueFilter(statuses=None), SortKey.NUMBER, False,
        "zh", True, finished.append, window.show_error,
    )  # fmt: skip
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=20_000)
    # It was being written when cancelled: under temporary names only, never the target's.
    assert len(seen) == 1 and seen[0]
    assert all(name.startswith(f".queue.{suffix}.part") for name in seen[0]), seen
    assert list(folder.iterdir()) == [] and finished == []
    assert task.job.cancelled


def test_the_progress_dialog_cancel_button_cancels_the_export(
    qtbot: Any, window: MainWindow, three_hundred: int, tmp_path: Path
) -> None:
    target = tmp_path / "queue.csv"
    finished: list[Path] = []
    task = print_actions.start_export(
        window, window.jobs, target, QueueFilter(statuses=None), SortKey.NUMBER, False,
        "en", True, finished.append, window.show_error,
    )  # fmt: skip
    task.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert task.job.cancelled
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=20_000)
    assert not target.exists() and finished == []


def _table_counts(path: Path) -> tuple[int, ...]:
    with sqlite3.connect(path) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("ticket", "log_entry", "daily_sequence")
        )


def test_a_cancelled_import_leaves_the_database_unchanged(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_file: Path,
    tickets: list[TicketRecord],
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "many.csv"
    rows = [pending(minute=i % 60) for i in range(50)]
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([BARE, *rows])
    dialog = ImportDialog(workspace.ctx, "en", jobs=Jobs(workspace.release_thread))
    qtbot.addWidget(dialog)
    dialog.load(sheet)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.preview is not None and len(dialog.preview.valid_rows) == 50
    before = _table_counts(db_file)
    seen: list[list[str]] = []
    monkeypatch.setattr(Job, "progress", _cancel_when(40, seen, tmp_path))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.jobs.busy, timeout=20_000)
    assert seen, "the import was cancelled midway, 40 tickets written in its transaction"
    assert dialog.imported is None and "Cancelled" in dialog.summary_label.text()
    assert _table_counts(db_file) == before and ticket_count() == len(tickets)
    dialog.jobs.shutdown()


def test_an_error_in_a_background_read_reaches_the_user(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: MainWindow, tickets: list[TicketRecord]
) -> None:
    told: list[Exception] = []
    monkeypatch.setattr(
        ErrorDialog, "show_error", classmethod(lambda cls, parent, exc, lang: told.append(exc))
    )

    def locked(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseLocked("held by another workstation")

    monkeypatch.setattr(window.session.queue, "count", locked)
    monkeypatch.setattr(window.session.queue, "fetch_page", locked)
    window.refresh()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=5000)  # the rows and the count
    assert all(isinstance(exc, DatabaseLocked) for exc in told)
    assert window.statusBar().currentMessage() == told[0].message("en")


def test_a_database_switch_waits_for_a_running_job_and_leaves_the_new_file_alone(
    qtbot: Any,
    qapp: Any,
    prefs: WorkstationPrefs,
    workspace: Workspace,
    workflow: WorkflowService,
    tickets: list[TicketRecord],
    tmp_path: Path,
) -> None:
    other = workspace.backup(tmp_path / "other.db")
    starter = launcher.Launcher(
        qapp, prefs, "en", launcher.CrashHook("en"), lambda prefs, parent: OPERATOR
    )
    old = starter.show_window(workspace)
    settle(qtbot, old)
    files: list[str] = []
    delivered: list[object] = []
    queue = old.session.queue

    def count_until_cancelled(job: Job) -> int:
        n = 0
        while not job.cancelled:  # a long read still running when the switch comes
            n = queue.count(QueueFilter(statuses=None))
            files.append(str(current_database().database))
        return n

    old.jobs.submit("long-count", count_until_cancelled, delivered.append)
    qtbot.waitUntil(lambda: len(files) > 2, timeout=5000)
    watcher = sqlite3.connect(other)
    version = watcher.execute("PRAGMA data_version").fetchone()[0]

    old.database_requested.emit(str(other))
    new = starter.window
    assert new is not None and new is not old
    qtbot.addWidget(new)
    assert not old.jobs.busy  # the switch waited for it (cancelled) before closing the file
    assert workspace.closed and new.session.workspace.is_bound
    ran = len(files)
    settle(qtbot, new)
    assert len(files) == ran and set(files) == {str(Path(workspace.target).absolute())}
    assert delivered == []  # a cancelled job's result is never delivered
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == version
    watcher.close()
    new.close()
    new.session.workspace.close()
