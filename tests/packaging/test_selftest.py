"""The ``--self-test`` smoke test, run from source (the frozen build runs it in packaging/build.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk_gui.selftest import needs_offscreen

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_from_source_passes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["DESK_DATA_DIR"] = str(tmp_path / "data")  # the self-test must not need the user's data
    result = subprocess.run(
        [sys.executable, "-m", "desk_gui", "--self-test"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test ok" in result.stdout
    assert result.stderr == ""  # warnings (Python's or Qt's) fail the frozen build: fail here too
    for step in ("sqlite", "database", "save", "search", "resources", "pdf"):
        assert any(line.startswith(step) for line in result.stdout.splitlines()), step
    assert not any((tmp_path / "data").glob("*.db")), "the self-test wrote into the data folder"


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, True),
        ("linux", {"DISPLAY": ":0"}, False),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ("linux", {"QT_QPA_PLATFORM": "xcb"}, False),
        ("win32", {}, False),
        ("darwin", {}, False),
    ],
)
def test_offscreen_only_without_a_display(
    platform: str, environ: dict[str, str], expected: bool
) -> None:
    assert needs_offscreen(platform, environ) is expected
