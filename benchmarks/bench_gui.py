"""GUI benchmarks: start-up vs a bare PySide6 window, queue open/sort, memory scrolled to the end.

Usage: python benchmarks/bench_gui.py --db /tmp/demo100k.db [--db /tmp/demo1m.db] [--runs 5]
Runs on the offscreen platform unless DISPLAY is set (e.g. under xvfb-run). Each start-up is a
fresh process, timed from spawn to the first paint of the table (Desk's with its first page of
tickets in it), for a bare QMainWindow + QTableView and for Desk (its real entry point,
``desk_gui.app.main``) in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Both start-ups watch their table's viewport alone (an application-wide filter would add a
# Python call to each of the thousands of events a full window sends while it is built) and
# stop at its first paint; Desk's must hold rows.
FIRST_PAINT = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def __init__(self, view, need_rows):
        super().__init__(view)
        self.view, self.need_rows = view, need_rows
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            model = self.view.model()
            if not self.need_rows or (model is not None and model.rowCount() > 0):
                print("ready", flush=True)
                os._exit(0)
        return False
"""

BARE = FIRST_PAINT + textwrap.dedent(
    """
    from PySide6.QtWidgets import QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    w = QMainWindow(); view = QTableView(); w.setCentralWidget(view); w.resize(1480, 860)
    spy = FirstPaint(view, need_rows=False)
    w.show()
    app.exec()
    """
)

# What a user runs: ``python -m desk_gui --db FILE --lang LANG`` (desk_gui.app.main), with its
# own QSettings (the bench's XDG_CONFIG_HOME) naming an operator on the staff list. The script
# watches the queue from the moment the launcher shows its window (main_window imports no
# data layer: the window paints its first page before peewee and the services load).
DESK = FIRST_PAINT
DESK += textwrap.dedent(
    """
    app = QApplication(sys.argv[:1])
    from desk_gui.ui.queue.main_window import MainWindow

    shown = MainWindow.show

    def show_watched(window):
        window.first_paint_spy = FirstPaint(window.view, need_rows=True)
        shown(window)

    MainWindow.show = show_watched
    from desk_gui.app import main

    main(["--db", sys.argv[1], "--lang", sys.argv[2]])
    raise SystemExit("the window closed before its first page was painted")
    """
)

# The same start, kept running past the first paint: how long until the window is fully loaded
# (attached to its workspace: data layer imported, database opened, the operator checked, menus'
# account actions, live updates, reminders), and the longest the event loop stood still in
# between (a freeze a user could notice), both in seconds from the first paint.
LOADED = DESK.replace(
    'print("ready", flush=True)\n                os._exit(0)',
    "loaded_after(self.view)",
).replace(
    "class FirstPaint(QObject):",
    textwrap.dedent(
        """
        import time
        from PySide6.QtCore import QTimer

        def loaded_after(view):
            window, painted = view.window(), time.perf_counter()
            ticks = [painted]

            def tick():
                now = time.perf_counter()
                ticks.append(now)
                if getattr(window, "attached", True):
                    stall = max(b - a for a, b in zip(ticks, ticks[1:]))
                    print("ready", now - painted, stall, flush=True)
                    os._exit(0)
                QTimer.singleShot(1, tick)

            QTimer.singleShot(0, tick)

        class FirstPaint(QObject):"""
    ),
)

QUEUE = textwrap.dedent(
    """
    import json, sys, time, tempfile
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication
    from desk_gui.services.queue import QueueFilter
    from desk_gui.services.workspace import Workspace
    from desk_gui.ui.queue.main_window import MainWindow
    from desk_gui.ui.queue.ticket_table_model import Column
    from desk_gui.ui.common.prefs import WorkstationPrefs
    from desk_gui.ui.common.session import Session

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    app = QApplication([])
    workspace = Workspace.open(sys.argv[1], "bench", create=False)
    prefs = WorkstationPrefs(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
    w = MainWindow(Session(workspace, "en", prefs))
    w.live.stop()
    w.show(); app.processEvents()
    out = {"rss_start_mb": rss_mb()}
    model, view = w.model, w.view
    t = time.perf_counter(); model.set_filter(QueueFilter(statuses=None)); app.processEvents()
    out["open_all_s"] = time.perf_counter() - t
    t = time.perf_counter(); count = w.session.queue.count(QueueFilter(statuses=None))
    out["count_all_s"] = time.perf_counter() - t
    out["tickets"] = count
    sorts = {}
    for flt_name, flt in (("open", QueueFilter()), ("all", QueueFilter(statuses=None))):
        model.set_filter(flt)
        for col in Column:
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                t = time.perf_counter()
                view.sortByColumn(col, order); app.processEvents()
                sorts[f"{flt_name}:{col.name}:{order.name[:3]}"] = time.perf_counter() - t
    out["sorts"] = sorts
    model.set_filter(QueueFilter(statuses=None))
    view.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    t = time.perf_counter()
    for _ in range(10):  # the way a user gets there: pages arrive as the view reaches them
        view.scrollToBottom(); app.processEvents()
    out["page_with_repaint_s"] = (time.perf_counter() - t) / 10
    t = time.perf_counter()
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    view.scrollToBottom(); app.processEvents()
    out["scroll_to_end_s"] = time.perf_counter() - t
    out["rows_loaded"] = model.rowCount()
    out["rows_cached"] = model.cached_rows
    out["rss_end_mb"] = rss_mb()
    t = time.perf_counter()
    view.scrollToTop(); app.processEvents()  # evicted pages are read again from their anchors
    view.verticalScrollBar().setValue(model.rowCount() // 2); app.processEvents()
    out["jump_back_s"] = time.perf_counter() - t
    t = time.perf_counter(); w.refresh(); app.processEvents()
    out["live_refresh_at_end_s"] = time.perf_counter() - t
    view.scrollToTop(); model.set_filter(QueueFilter())
    t = time.perf_counter(); w.refresh(); app.processEvents()
    out["live_refresh_first_page_s"] = time.perf_counter() - t
    print(json.dumps(out))
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("DESK_DATA_DIR", "/tmp/desk-bench-data")
    # An installed Desk runs from compiled bytecode: let the warm-up run write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _operator(db: str) -> str:
    """An active staff member of the demo ``db`` (the operator the window starts as)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT name FROM staff WHERE active ORDER BY id LIMIT 1").fetchone()
    finally:
        con.close()
    return str(row[0]) if row else "bench"


def _desk_env(db: str, config: Path) -> dict[str, str]:
    """The environment of a real start: its own settings folder naming the operator."""
    folder = config / "Desk"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Desk.conf").write_text(f"[operator]\nname={_operator(db)}\n", encoding="utf-8")
    return dict(_env(), XDG_CONFIG_HOME=str(config))


def _timed(script: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one start in a fresh process."""
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env or _env(),
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "ready" not in done.stdout:
        raise SystemExit(f"benchmark process failed:\n{done.stderr}")
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return elapsed, cpu


def loaded_detail(db: str, runs: int, lang: str) -> dict[str, list[float]]:
    """Seconds from the first paint to the fully loaded window, and the longest event-loop
    stall in between, over ``runs`` starts."""
    found: dict[str, list[float]] = {"loaded": [], "stall": []}
    with tempfile.TemporaryDirectory(prefix="desk-bench-config-") as config:
        env = _desk_env(db, Path(config))
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-c", LOADED, db, lang],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )
            words = done.stdout.split()
            if done.returncode != 0 or "ready" not in words:
                raise SystemExit(f"benchmark process failed:\n{done.stderr}")
            at = words.index("ready")
            found["loaded"].append(float(words[at + 1]))
            found["stall"].append(float(words[at + 2]))
    return found


def spread(values: list[float]) -> str:
    """median [min–max] in seconds."""
    return f"{statistics.median(values):.3f} s [{min(values):.3f}–{max(values):.3f}]"


def startup_samples(db: str, runs: int, lang: str) -> dict[str, list[float]]:
    """Wall and CPU seconds to a usable window, bare PySide6 and Desk interleaved."""
    samples: dict[str, list[float]] = {"bare": [], "desk": [], "bare_cpu": [], "desk_cpu": []}
    with tempfile.TemporaryDirectory(prefix="desk-bench-config-") as config:
        env = _desk_env(db, Path(config))
        _timed(BARE)  # warm the file cache (and compile Desk's bytecode) for both
        _timed(DESK, db, lang, env=env)
        for _ in range(runs):
            for name, wall_cpu in (
                ("bare", _timed(BARE)),
                ("desk", _timed(DESK, db, lang, env=env)),
            ):
                samples[name].append(wall_cpu[0])
                samples[f"{name}_cpu"].append(wall_cpu[1])
    return samples


def startup_detail(db: str, runs: int, lang: str) -> dict[str, float]:
    """Medians of wall and CPU seconds to a usable window, bare PySide6 and Desk interleaved.

    Desk starts as a user starts it (``desk_gui.app.main``: arguments, settings, translators,
    the database, the operator check, the window) and counts as usable at the first paint of
    the queue with rows in it. CPU time is steadier than wall time on a busy machine.
    """
    samples = startup_samples(db, runs, lang)
    return {name: statistics.median(values) for name, values in samples.items()}


def startup(db: str, runs: int, lang: str) -> tuple[float, float]:
    """Median wall seconds to a usable window: bare PySide6 and Desk, in one run."""
    found = startup_detail(db, runs, lang)
    return found["bare"], found["desk"]


def queue(db: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", QUEUE, db], capture_output=True, text=True, env=_env()
    )
    if done.returncode != 0:
        raise SystemExit(f"queue benchmark failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", action="append", required=True, help="demo database (repeatable)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--startup-only", action="store_true", help="skip the queue measures")
    args = parser.parse_args()
    for db in args.db:
        print(f"== {db}")
        load = os.getloadavg()[0]
        samples = startup_samples(db, args.runs, args.lang)
        found = {name: statistics.median(values) for name, values in samples.items()}
        bare, desk = found["bare"], found["desk"]
        print(
            f"start to usable window ({args.runs} interleaved runs, median [range]): bare "
            f"PySide6 {spread(samples['bare'])}, Desk {spread(samples['desk'])}, "
            f"ratio {desk / bare:.2f}x (goal <= 1.5x); CPU {found['bare_cpu']:.3f} s vs "
            f"{found['desk_cpu']:.3f} s ({found['desk_cpu'] / found['bare_cpu']:.2f}x); "
            f"load {load:.2f} -> {os.getloadavg()[0]:.2f}"
        )
        loaded = loaded_detail(db, args.runs, args.lang)
        print(
            f"first paint -> fully loaded (data layer, workspace, operator check, menus, live "
            f"updates): {spread(loaded['loaded'])}; longest event-loop stall in between "
            f"{spread(loaded['stall'])}"
        )
        if args.startup_only:
            continue
        q = queue(db)
        sorts: dict[str, float] = q.pop("sorts")  # type: ignore[assignment]
        worst = max(sorts, key=lambda k: sorts[k])
        print(f"tickets: {q['tickets']:,}")
        print(
            f"queue open (all statuses, first page): {q['open_all_s']:.3f} s; "
            f"COUNT: {q['count_all_s']:.3f} s"
        )
        print(
            f"sort (header click, re-query): median {statistics.median(sorts.values()):.4f} s, "
            f"worst {sorts[worst]:.4f} s ({worst}); goal <= 0.3 s"
        )
        print(
            f"scrolled to the end: {q['rows_loaded']:,} rows ({q['rows_cached']:,} kept in "
            f"memory) in {q['scroll_to_end_s']:.1f} s, one page + repaint "
            f"{q['page_with_repaint_s'] * 1000:.0f} ms; RSS {q['rss_start_mb']:.0f} MB at start "
            f"-> {q['rss_end_mb']:.0f} MB (goal <= 250 MB); jump back to top and middle "
            f"{q['jump_back_s']:.3f} s"
        )
        print(
            f"live refresh: first page {q['live_refresh_first_page_s']:.4f} s; "
            f"scrolled to the end {q['live_refresh_at_end_s']:.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
