"""Event-loop stalls of the real main window: the longest gap between ticks of a 5 ms QTimer
while the window runs a filter change, a header-click sort, a search for a common word, an
export of 100,000 tickets (csv) and an import of a few thousand rows (check + write).

Usage: python benchmarks/bench_stall.py [--big] [--db FILE] [--baseline REF]
Measures this source tree ("after") and, in the same run, the tree of ``--baseline`` (default:
the commit this branch left main at) extracted with ``git archive`` ("before"). The demo file
(200,000 tickets; 1,000,000 with --big) is made once under /tmp/deskbench. Each import adds its
rows to that file. Target: no stall longer than 50 ms. Offscreen unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIR = Path("/tmp/deskbench")
TARGET_MS = 50
EXPORT_ROWS = 100_000

CHILD = textwrap.dedent(
    """
    import inspect, json, sqlite3, sys, tempfile, time
    from datetime import datetime
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    db, import_file, out_dir, export_rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = QApplication([])
    from desk_gui.services.queue import QueueFilter
    from desk_gui.services.workspace import Workspace
    from desk_gui.ui.queue import print_actions
    from desk_gui.ui.exchange.import_dialog import ImportDialog
    from desk_gui.ui.queue.main_window import MainWindow
    from desk_gui.ui.queue.ticket_table_model import Column
    from desk_gui.ui.common.prefs import WorkstationPrefs
    from desk_gui.ui.common.session import Session

    class Probe:
        # The largest gap between ticks of a 5 ms timer; quits the loop once the step is done.
        def __init__(self):
            self.timer = QTimer()
            self.timer.setInterval(5)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.timeout.connect(self.tick)
            self.loop = None
            self.done = None
            self.reset()
            self.timer.start()

        def reset(self):
            self.worst, self.last = 0.0, time.perf_counter()

        def tick(self):
            now = time.perf_counter()
            self.worst = max(self.worst, now - self.last)
            self.last = now
            if self.done is not None and self.done() and self.loop is not None:
                self.loop.quit()

    probe = Probe()
    results = {}

    def busy(w):
        jobs = getattr(w, "jobs", None)
        return (jobs is not None and jobs.busy) or getattr(w.model, "loading", False)

    def measure(name, start, done):
        state = {"started": False}

        def go():
            start()
            state["started"] = True

        t0 = time.perf_counter()
        probe.reset()
        probe.done = lambda: state["started"] and done()
        probe.loop = QEventLoop()
        QTimer.singleShot(0, go)
        probe.loop.exec()
        probe.tick()
        probe.done = None
        results[name] = {"stall_ms": round(probe.worst * 1000, 1),
                         "took_s": round(time.perf_counter() - t0, 2)}
        print(name, results[name], file=sys.stderr, flush=True)

    workspace = Workspace.open(db, "bench", create=False)
    ini = Path(tempfile.mkdtemp()) / "prefs.ini"
    prefs = WorkstationPrefs(QSettings(str(ini), QSettings.Format.IniFormat))
    w = MainWindow(Session(workspace, "en", prefs))
    w.resize(1480, 860)
    measure("window opens", w.show, lambda: not busy(w) and w._office is not None)
    bar = w.filter_bar
    idle_from = []
    measure("idle 3 s (the machine's noise)", lambda: idle_from.append(time.perf_counter()),
            lambda: time.perf_counter() - idle_from[0] > 3)
    measure("filter: all statuses",
            lambda: bar.status_combo.setCurrentIndex(bar.status_combo.findData("all")),
            lambda: not busy(w))
    measure("header-click sort (requester)",
            lambda: w.view.sortByColumn(int(Column.REQUESTER), Qt.SortOrder.DescendingOrder),
            lambda: not busy(w))

    def search():
        bar.search_edit.setText("无法")
        bar._emit()  # the typing timer, at once

    measure("search a common word", search, lambda: not busy(w))

    with sqlite3.connect(db) as conn:
        (start,) = conn.execute(
            "SELECT submitted_at FROM ticket ORDER BY submitted_at DESC LIMIT 1 OFFSET ?",
            (export_rows - 1,),
        ).fetchone()
    flt = QueueFilter(statuses=None, submitted_from=datetime.fromisoformat(str(start)))
    target = Path(out_dir) / "export.csv"
    exported = []
    if hasattr(print_actions, "start_export"):
        def export():
            print_actions.start_export(w, w.jobs, target, flt, w.model.sort_key, False, "en",
                                       True, exported.append, w.show_error)
    else:  # the code before: on the window's thread, processEvents at each progress step
        def export():
            def progress(done, total):
                QCoreApplication.processEvents()
            print_actions.export_to(target, flt, w.model.sort_key, False, "en", True, progress)
            exported.append(target)
    measure(f"export {export_rows:,} tickets (csv)", export, lambda: bool(exported))

    with_jobs = "jobs" in inspect.signature(ImportDialog.__init__).parameters
    dialog = ImportDialog(workspace.ctx, "en", w, jobs=w.jobs) if with_jobs else ImportDialog(
        workspace.ctx, "en", w)
    idle = lambda: not getattr(dialog, "busy", False)
    measure("import: check the sheet", lambda: dialog.load(import_file), idle)
    rows = len(dialog.preview.valid_rows) if dialog.preview else 0
    measure(f"import: write {rows:,} rows", lambda: dialog._run(only_valid=True), idle)
    assert dialog.imported is not None, "nothing was imported"
    w.close()
    workspace.close()
    print(json.dumps(results), flush=True)
    """
)

MAKE_SHEET = textwrap.dedent(
    """
    import sys
    from desk_gui.services.workspace import Workspace
    db, sheet, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Workspace.open(db, "bench", create=False) as ws:
        ids = ws.ticket_ids()[:rows]
        ws.export(sheet, ids=ids)
    """
)


def _run(tree: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tree, env=env, capture_output=True, text=True
    )


def ensure_demo(db: Path, tickets: int) -> None:
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"making {db} ({tickets:,} tickets)…", flush=True)
    subprocess.run(
        [sys.executable, "-m", "desk_gui", "demo", "--db", str(db), "--tickets", str(tickets)],
        cwd=ROOT,
        check=True,
    )


def baseline_tree(ref: str) -> Path:
    """The source of ``ref``, extracted once (no worktree: nothing else is touched)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    tree = DIR / f"stall-base-{commit}"
    if not (tree / "desk_gui").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def default_baseline() -> str:
    found = subprocess.run(
        ["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True
    )
    return found.stdout.strip() or "HEAD"


def measure(tree: Path, db: Path, sheet: Path, label: str) -> dict[str, dict[str, float]]:
    out = DIR / f"stall-out-{label}"
    out.mkdir(parents=True, exist_ok=True)
    done = _run(tree, CHILD, str(db), str(sheet), str(out), str(EXPORT_ROWS))
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n")
        raise SystemExit(f"the {label} run failed")
    result: dict[str, dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", action="store_true", help="1,000,000 tickets (200,000 without)")
    parser.add_argument("--db", type=Path, help="the demo file (made if missing)")
    parser.add_argument("--baseline", default="", help="git ref of the code before")
    parser.add_argument("--import-rows", type=int, default=2600)
    args = parser.parse_args()
    tickets = 1_000_000 if args.big else 200_000
    db = args.db or DIR / f"stall-{tickets}.db"
    ensure_demo(db, tickets)
    sheet = DIR / f"stall-import-{args.import_rows}.csv"
    DIR.mkdir(parents=True, exist_ok=True)
    if not sheet.exists():
        made = _run(ROOT, MAKE_SHEET, str(db), str(sheet), str(args.import_rows))
        if made.returncode != 0:
            raise SystemExit(made.stderr)
    ref = args.baseline or default_baseline()
    before_tree = baseline_tree(ref)
    before = measure(before_tree, db, sheet, "before")
    after = measure(ROOT, db, sheet, "after")
    print(f"\nLongest event-loop stall, {tickets:,} tickets in {db} (target {TARGET_MS} ms)")
    print(f"before = {ref[:10]} ({before_tree}), after = this tree ({ROOT})")
    print(f"{'step':34} {'before ms':>10} {'after ms':>10} {'before s':>9} {'after s':>8}")
    for step, figures in after.items():
        old = before.get(step) or next(
            (v for k, v in before.items() if k.split(":")[0] == step.split(":")[0]), None
        )
        old_ms = f"{old['stall_ms']:10.1f}" if old else f"{'—':>10}"
        old_s = f"{old['took_s']:9.2f}" if old else f"{'—':>9}"
        print(f"{step:34} {old_ms} {figures['stall_ms']:10.1f} {old_s} {figures['took_s']:8.2f}")
    worst = max(v["stall_ms"] for k, v in after.items() if not k.startswith(("window", "idle")))
    print(
        f"worst after (window open): {worst:.1f} ms", "≤" if worst <= TARGET_MS else ">", "target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
