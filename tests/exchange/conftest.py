"""The exchange tests run the command line: keep it off the tester's own workstation settings."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _workstation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The verbs read this folder's workstation preferences (language, operator)."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config
