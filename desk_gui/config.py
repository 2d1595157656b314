"""Paths: the per-user data folder, and resources both in the source tree and a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Desk"
DB_FILENAME = "desk.db"


def resources_dir() -> Path:
    """The ``resources`` folder, from a PyInstaller bundle or from the source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A file under ``resources``."""
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """Per-user data folder (%LOCALAPPDATA%\\Desk on Windows, XDG on Linux); created on demand."""
    override = os.environ.get("DESK_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "desk"
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_database_path() -> Path:
    """Where a first run creates its local database."""
    return data_dir() / DB_FILENAME


def drafts_dir() -> Path:
    """Local folder for unsaved ticket drafts (survives a crash or a lost share)."""
    path = data_dir() / "drafts"
    path.mkdir(parents=True, exist_ok=True)
    return path
