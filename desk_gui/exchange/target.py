"""Where a file is to be written, checked before a writer opens it (openpyxl, on a missing
folder, fails inside a generator and prints its traceback while exiting)."""

from __future__ import annotations

import errno
from pathlib import Path


def check_target(path: str | Path) -> None:
    """OSError naming the problem: the folder is not there, or the name is a folder's."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(target))
