"""Starting the window (issue 11): what the real entry point imports before the first page is
painted, and the work it leaves for after that page."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desk_gui.app import window_arguments
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.session import Session
from desk_gui.ui.queue.live import LiveUpdates
from desk_gui.ui.queue.main_window import MainWindow
from tests.gui.conftest import make_draft, run_start, settle

ROOT = Path(__file__).resolve().parents[2]

# The real start (``python -m desk_gui --db FILE``) in a child process: at the first paint of
# the queue with rows in it, it prints the modules loaded so far and stops.
CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.objectName() == "qt_scrollarea_viewport":
            model = getattr(watched.parent(), "model", lambda: None)()
            if model is not None and model.rowCount() > 0:
                print(json.dumps(sorted(sys.modules)), flush=True)
                os._exit(0)
        return False

app = QApplication(sys.argv[:1])
spy = FirstPaint(); app.installEventFilter(spy)
from desk_gui.app import main
main(["--db", sys.argv[1], "--lang", "zh"])
os._exit(3)
"""

NOT_BEFORE_FIRST_PAINT = (
    "desk_gui.cli",  # every verb's parser: the window needs --db and --lang only
    "desk_gui.store.pg_search",  # PostgreSQL only
    "desk_gui.store.search",  # the first search, not the first page
    "desk_gui.store.import_stage",  # an interrupted import is finished after the first page
    "desk_gui.services.accounts",  # sign-in, only when the office requires it
    "desk_gui.domain.review",
    "desk_gui.exchange",
    "openpyxl",
    "playhouse.db_url",  # server URLs only
    "psycopg2",  # PostgreSQL only: peewee is imported without it (store.pg_driver)
    # The first page is read with sqlite3 alone; the data layer loads after it is painted.
    "peewee",
    "desk_gui.store.database",
    "desk_gui.store.models",
    "desk_gui.services.workspace",
    "desk_gui.services.workflow",
    # Defining a dataclass execs generated code: the queue's and the fields' value classes
    # before the first paint are plain ones (domain.plain).
    "dataclasses",
)


def _first_paint_modules(db: Path, config: Path) -> set[str]:
    done = run_start(CHILD, [str(db)], config)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the child's settings are found by XDG_CONFIG_HOME"
)
def test_the_first_page_is_painted_before_search_accounts_and_exchange_are_imported(
    make_tickets: Callable[..., list[TicketRecord]], workspace: Workspace, tmp_path: Path
) -> None:
    make_tickets(3)
    target = Path(workspace.target)
    workspace.close()
    loaded = _first_paint_modules(target, tmp_path / "config")
    assert "desk_gui.ui.queue.main_window" in loaded  # the window did paint its first page
    early = sorted(
        m
        for m in loaded
        for name in NOT_BEFORE_FIRST_PAINT
        if m == name or m.startswith(name + ".")
    )
    assert early == []


# The same start, watching the window alone (an application-wide filter has every object
# that gets an event wrapped, the style among them): the QtWidgets classes PySide made (it
# makes each when first used) by the window's first paint.
CLASSES_CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps(sorted(vars(sys.modules["PySide6.QtWidgets"]))), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
from desk_gui.ui.queue.main_window import MainWindow
shown = MainWindow.show
def show(window):
    window.spy = FirstPaint(window); window.installEventFilter(window.spy); shown(window)
MainWindow.show = show
from desk_gui.app import main
main(["--db", sys.argv[1], "--lang", "zh"])
os._exit(3)
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the child's settings are found by XDG_CONFIG_HOME"
)
def test_the_first_paint_does_not_make_qstyle_s_python_class(
    make_tickets: Callable[..., list[TicketRecord]], workspace: Workspace, tmp_path: Path
) -> None:
    # Making it (its enums) costs 5-6 ms: the application's children, its style among them,
    # are not wrapped (launcher.install_translators), and the toolbar's icons are asked of the
    # style just after the first paint (MainMenus.show_icons).
    make_tickets(3)
    target = Path(workspace.target)
    workspace.close()
    done = run_start(CLASSES_CHILD, [str(target)], tmp_path / "config")
    assert done.returncode == 0, done.stderr
    made = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert {"QMainWindow", "QTableView", "QToolBar"} <= made  # the window was made
    assert "QStyle" not in made and "QCommonStyle" not in made


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--db", "x.db"], True),
        (["--db=x.db", "--lang", "zh"], True),
        (["--self-test"], True),
        (["demo", "--db", "x.db"], False),
        (["--db", "x.db", "check"], False),
        (["--lang", "fr"], False),  # the full parser says what is wrong
        (["--db"], False),
        (["--help"], False),
        (["--version"], False),
    ],
)
def test_only_window_options_skip_the_verbs_parser(argv: list[str], window: bool) -> None:
    assert (window_arguments(argv) is not None) is window


def test_the_window_finishes_an_interrupted_import_off_its_thread_after_its_first_page(
    qtbot: Any,
    session: Session,
    make_tickets: Callable[..., list[TicketRecord]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_tickets(2)
    calls: list[tuple[bool, int]] = []

    def finish(_self: Workspace) -> None:
        calls.append((threading.current_thread() is threading.main_thread(), window_rows()))

    monkeypatch.setattr(Workspace, "finish_interrupted_import", finish)
    window = MainWindow(session)
    qtbot.addWidget(window)

    def window_rows() -> int:
        return window.model.rowCount()

    window.show()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(calls))
    settle(qtbot, window)
    assert calls == [(False, 2)]  # once, on a worker, with the first page already shown


def test_a_ticket_saved_while_the_first_page_loads_still_reaches_the_queue(
    qtbot: Any,
    session: Session,
    workflow: WorkflowService,
    make_tickets: Callable[..., list[TicketRecord]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Live updates start after the first page: a commit between the page's read and the
    # watcher's start (another workstation saving) must not be missed.
    make_tickets(2)
    start = LiveUpdates.start

    def start_after_a_save(live: LiveUpdates) -> None:
        workflow.create(make_draft(7))
        start(live)

    monkeypatch.setattr(LiveUpdates, "start", start_after_a_save)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    qtbot.waitUntil(lambda: window.count_label.text() == "3 tickets", timeout=5000)


def test_the_data_layer_imports_without_qt() -> None:
    # The database side must not import Qt itself (a CLI verb never loads it).
    code = (
        "import sys; from desk_gui.app import import_data_layer; import_data_layer(); "
        "print('desk_gui.services.workspace' in sys.modules, "
        "any(m.startswith('PySide6') for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.stdout.split() == ["True", "False"], done.stderr


def test_main_hands_the_data_layer_to_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # The window imports it after its first paint when it can (ui.app.first_paint), so main
    # itself does not.
    import desk_gui.app
    import desk_gui.ui.app.launcher

    handed: list[object] = []
    monkeypatch.setattr(
        desk_gui.ui.app.launcher, "launch", lambda _args, load: handed.append(load) or 0
    )
    desk_gui.app.main(["--db", "x.db"])
    assert handed == [desk_gui.app.import_data_layer]


def test_pyside_learns_which_modules_use_it_without_reading_them_through_inspect() -> None:
    # PySide's __feature__ support asks, for each module imported after it, whether its source
    # holds "PySide6"; through inspect.getsource that cost 4-8 ms before the first paint.
    code = (
        "import inspect, json, sys\n"
        "read = []\n"
        "real = inspect.getsource\n"
        "inspect.getsource = lambda obj: read.append(getattr(obj, '__name__', '?')) or real(obj)\n"
        "import PySide6.QtWidgets\n"
        "import desk_gui.ui.queue.main_window\n"
        "found = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
        "print(json.dumps([read, found.get('desk_gui.ui.queue.filter_bar'),"
        " found.get('desk_gui.domain.fields')]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    read, filter_bar, fields = json.loads(done.stdout.strip().splitlines()[-1])
    assert [name for name in read if name.startswith("desk_gui")] == []
    assert (filter_bar, fields) == (0, -1)  # what the scan answers: uses PySide, does not
