"""A share that fails on demand: the LD_PRELOAD interposer (faultshim.c) built with gcc.

``FaultyShare`` holds a folder whose files fail as its control file says (ok, eio, hang,
enospc, erofs) in every process started with ``share.env()``; the test process itself is never
interposed. ``Worker`` is one such process running ``_worker.py``: a workstation that saves
tickets when told to and reports what it was told back, as JSON lines.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

SOURCE = Path(__file__).with_name("faultshim.c")
ROOT = Path(__file__).resolve().parents[2]


def build_shim() -> Path:
    """The interposer, compiled once per source version (skips the test without gcc)."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None or not sys.platform.startswith("linux"):
        pytest.skip("the fault interposer needs Linux and a C compiler")
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    out = Path(tempfile.gettempdir()) / f"desk-faultshim-{digest}.so"
    if not out.exists():
        tmp = out.with_suffix(f".{os.getpid()}.so")
        subprocess.run(
            [gcc, "-shared", "-fPIC", "-O2", "-o", str(tmp), str(SOURCE), "-ldl"], check=True
        )
        os.replace(tmp, out)
    return out


class FaultyShare:
    """A folder standing for the network share, and the switch that makes it misbehave."""

    def __init__(self, root: Path) -> None:
        self.dir = root / "share"
        self.dir.mkdir()
        self.ctl = root / "share.ctl"
        self.set("ok")
        self.shim = build_shim()

    def set(self, mode: str) -> None:
        tmp = self.ctl.with_suffix(".tmp")
        tmp.write_text(mode, encoding="ascii")
        os.replace(tmp, self.ctl)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["LD_PRELOAD"] = str(self.shim)
        env["DESK_FAULT_DIR"] = str(self.dir)
        env["DESK_FAULT_CTL"] = str(self.ctl)
        env["PYTHONPATH"] = str(ROOT)
        return env


class Worker:
    """A workstation process on the share: send it a command, read back its JSON answer.

    Without a ``FaultyShare`` it runs uninterposed (on a real file system that misbehaves).
    """

    def __init__(
        self,
        share: FaultyShare | None,
        db: Path,
        operator: str = "李四",
        script: str = "_worker.py",
    ) -> None:
        env = share.env() if share is not None else {**os.environ, "PYTHONPATH": str(ROOT)}
        env["DESK_GUI_WORKER_TMP"] = str(db.parent.parent)
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name(script)), str(db), operator],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        ready = self.answer(timeout=60)
        assert ready.get("ready"), ready

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)

    def send(self, **command: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()

    def answer(self, timeout: float = 60) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError("the worker did not answer") from None
        return dict(json.loads(line))

    def pending(self, wait: float) -> bool:
        """True while no answer came within ``wait`` seconds (the call is still blocked)."""
        try:
            line = self._lines.get(timeout=wait)
        except queue.Empty:
            return True
        self._lines.put(line)
        return False

    def ask(self, **command: Any) -> dict[str, Any]:
        self.send(**command)
        return self.answer()

    def close(self) -> str:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=60)
        assert self.proc.stderr is not None
        return self.proc.stderr.read()
