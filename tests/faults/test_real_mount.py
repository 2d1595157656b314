"""The same faults from a real file system (root only): a tiny tmpfs that fills up, then is
remounted read-only, under a workstation process; no acknowledged save may be lost."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_gui.store.database import close_database, open_database
from tests.faults.share import Worker

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None,
    reason="mounting a file system needs root",
)


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def share(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / "share"
    point.mkdir()
    # 4 MB: an empty Desk file takes 1.5 MB with its 16 KiB pages (schema 21), its journal more
    if not _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point)):
        pytest.skip("this machine cannot mount a tmpfs")
    try:
        yield point
    finally:
        _mount("-o", "remount,rw", str(point))
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _fill(folder: Path) -> Path:
    """A file that takes every free byte of the file system."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            try:
                os.write(fd, b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    finally:
        os.close(fd)
    return filler


def test_a_full_and_then_read_only_share_is_told_so_and_loses_nothing(share: Path) -> None:
    db = share / "desk.db"
    open_database(db)
    close_database()
    worker = Worker(None, db)
    try:
        acknowledged = {worker.ask(op="create", title="before")["number"]}
        filler = _fill(share)
        full = worker.ask(op="create", title="on a full share")
        assert full["error"] == "DiskFull", full
        filler.unlink()
        saved = worker.ask(op="create", title="after freeing space")
        assert saved["ok"], saved
        acknowledged.add(saved["number"])
    finally:
        worker.close()
    # Linux refuses to remount a file system read-only while a file is open for writing (a
    # share's server does it anyway): the workstation comes back to a read-only share.
    assert _mount("-o", "remount,ro", str(share))
    worker = Worker(None, db)
    try:
        refused = worker.ask(op="create", title="on a read-only share")
        assert refused["error"] == "DatabaseReadOnly", refused
        assert "read-only" in refused["en"] and "damaged" not in refused["en"]
        assert worker.ask(op="search", text="before")["ok"]  # reading still works
    finally:
        worker.close()
    assert _mount("-o", "remount,rw", str(share))
    worker = Worker(None, db)
    try:
        saved = worker.ask(op="create", title="writable again")
        assert saved["ok"], saved
        acknowledged.add(saved["number"])
    finally:
        worker.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        numbers = {str(r[0]) for r in conn.execute("SELECT number FROM ticket")}
    finally:
        conn.close()
    assert numbers == acknowledged
