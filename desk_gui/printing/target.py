"""Where a PDF is to be written, checked before Qt is asked to (QPdfWriter only says that it
"cannot paint" when the folder is missing or the name is a folder)."""

from __future__ import annotations

import errno
from pathlib import Path


def check_pdf_target(path: str | Path) -> None:
    """OSError naming the problem: the folder is not there, or the name is a folder's."""
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(target))
