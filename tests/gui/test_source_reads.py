"""PySide6's import hook does not read the source of Desk's modules (issue 11): they are
recorded in its table without it, other modules still go through its own check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import inspect, json, sys
import PySide6.QtWidgets
read = []
source = inspect.getsource
def recording(obj):
    read.append(getattr(obj, "__name__", "?"))
    return source(obj)
inspect.getsource = recording  # the hook calls inspect.getsource through the inspect module
import desk_gui.ui.queue.main_window
import desk_gui.ui.app.launcher
import wave  # not Desk's: PySide6 checks it as before
table = sys.modules["shibokensupport.feature"].pyside_feature_dict
print(json.dumps({
    "read": read,
    "ui": table.get("desk_gui.ui.queue.main_window"),
    "domain": table.get("desk_gui.domain.enums"),
    "other": table.get("wave"),
}))
"""


def test_desk_modules_are_recorded_without_reading_their_source() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # (the package itself is imported, and read, before its ui package shortens the hook)
    assert [name for name in found["read"] if name.startswith("desk_gui.")] == []
    assert "wave" in found["read"]  # the hook is still there for everything else
    assert (found["ui"], found["domain"], found["other"]) == (0, -1, -1)
