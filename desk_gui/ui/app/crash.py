"""Crashes of the window: a plain dialog for a DeskError, a log file and a dialog for a bug."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from desk_gui import config
from desk_gui.domain.errors import DeskError

CRASH_LOG = "desk-crash.log"


def write_crash_log(text: str) -> Path | None:
    """Append a crash report to the log file in the data folder; its path (None if unwritable)."""
    try:
        path = config.data_dir() / CRASH_LOG
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"=== {datetime.now().isoformat(sep=' ', timespec='seconds')} ===\n{text}\n")
        return path
    except OSError:
        return None


class CrashHook:
    """``sys.excepthook``: plain dialog for a DeskError, log file + dialog for a bug."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._busy = False

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if self._busy:  # an error inside the dialog itself: only log it
            write_crash_log("".join(traceback.format_exception(kind, exc, tb)))
            return
        self._busy = True
        from desk_gui.ui.common.error_dialog import ErrorDialog  # (only when it is needed)

        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, DeskError):
                ErrorDialog.show_error(parent, exc, self.lang)
                return
            text = "".join(traceback.format_exception(kind, exc, tb))
            sys.stderr.write(text)
            ErrorDialog.show_crash(parent, text, write_crash_log(text))
        finally:
            self._busy = False
