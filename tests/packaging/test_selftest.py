"""The ``--self-test`` smoke test, run from source (the frozen build runs it in packaging/build.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk_gui.selftest import needs_offscreen, qt_arguments

ROOT = Path(__file__).resolve().parents[2]


def run_self_test(
    tmp_path: Path, env: dict[str, str], *wrapper: str
) -> subprocess.CompletedProcess[str]:
    env["DESK_DATA_DIR"] = str(tmp_path / "data")  # the self-test must not need the user's data
    return subprocess.run(
        [*wrapper, sys.executable, "-m", "desk_gui", "--self-test"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )


def test_self_test_from_source_passes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = run_self_test(tmp_path, env)
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


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (.ci/run installs it)")
def test_self_test_with_a_display(tmp_path: Path) -> None:
    """With a display and no QT_QPA_PLATFORM (a desktop, or Windows) Qt picks its own platform.

    The self-test once passed ``-platform ""`` there and Qt aborted (exit 134; 0xC0000409 on
    Windows), so the Windows build could never pass its frozen self-test.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "QT_"))}
    env.pop("DISPLAY", None)
    result = run_self_test(tmp_path, env, "xvfb-run", "-a")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test ok" in result.stdout


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["desk", "-platform", "offscreen"]),
        ({"DISPLAY": ":0"}, ["desk"]),
        ({"QT_QPA_PLATFORM": "xcb"}, ["desk", "-platform", "xcb"]),
    ],
)
def test_qt_never_gets_an_empty_platform(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: list[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "argv", ["desk"])
    monkeypatch.setattr(sys, "platform", "linux")
    assert qt_arguments() == expected
