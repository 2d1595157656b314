"""A share that returns I/O errors, fills up, goes read-only and hangs, under a workstation.

The workstation is a real process (``_worker.py``) whose file calls go through the interposer
of ``share.py``; the test process reads the file directly. Each fault must be told as what it
is (never "damaged"), the retry after it must work, and no acknowledged save may be lost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_gui.store.database import close_database, open_database
from tests.faults.share import FaultyShare, Worker

# What each fault must be called, and a phrase its English message must carry.
FAULTS = {
    "eio": ("DatabaseIOError", "read/write error"),
    "enospc": ("DiskFull", "is full"),
    "erofs": ("DatabaseReadOnly", "read-only"),
}


@pytest.fixture
def share(tmp_path: Path) -> FaultyShare:
    return FaultyShare(tmp_path)


@pytest.fixture
def worker(share: FaultyShare) -> Iterator[Worker]:
    db = share.dir / "desk.db"
    open_database(db)
    close_database()
    w = Worker(share, db)
    yield w
    share.set("ok")
    w.close()


def _numbers(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {str(r[0]) for r in conn.execute("SELECT number FROM ticket")}
    finally:
        conn.close()


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_is_named_for_what_it_is_and_the_retry_works(
    share: FaultyShare, worker: Worker, fault: str
) -> None:
    acknowledged = [worker.ask(op="create", title="before the fault")["number"]]
    share.set(fault)
    failed = worker.ask(op="create", title="during the fault")
    kind, phrase = FAULTS[fault]
    assert not failed["ok"] and failed["error"] == kind, failed
    assert phrase in failed["en"]
    assert "damaged" not in failed["en"] and "已损坏" not in failed["zh"]
    assert "backup" not in failed["en"].lower()
    share.set("ok")
    retried = worker.ask(op="create", title="after the fault")
    assert retried["ok"], retried
    acknowledged.append(retried["number"])
    note = worker.ask(op="note", id=retried["id"], text="回访：打印恢复")
    assert note["ok"], note
    assert set(acknowledged) <= _numbers(share.dir / "desk.db")


def test_reads_during_an_io_error_are_not_called_damage(share: FaultyShare, worker: Worker) -> None:
    # SQLite reports a read failing with EIO as "database disk image is malformed".
    assert worker.ask(op="create", title="打印机卡纸")["ok"]
    share.set("eio")
    found = worker.ask(op="search", text="打印机")
    assert found["error"] == "DatabaseIOError", found
    assert "SQLITE_CORRUPT" in found["code"]  # what SQLite said, kept for the log
    share.set("ok")
    assert worker.ask(op="search", text="打印机") == {"ok": True, "count": 1}


def test_a_hung_share_holds_the_save_until_it_answers_and_loses_nothing(
    share: FaultyShare, worker: Worker
) -> None:
    first = worker.ask(op="create", title="before the hang")["number"]
    share.set("hang")
    worker.send(op="create", title="during the hang")
    assert worker.pending(1.0), "the save waits on the hung share"
    share.set("ok")
    landed = worker.answer()
    assert landed["ok"], landed
    assert {first, landed["number"]} <= _numbers(share.dir / "desk.db")


def test_every_fault_in_a_row_keeps_every_acknowledged_save(
    share: FaultyShare, worker: Worker
) -> None:
    acknowledged: set[str] = set()
    for round_ in range(3):
        for fault in ("eio", "enospc", "erofs", "eio"):
            share.set(fault)
            refused = worker.ask(op="create", title=f"{fault} {round_}")
            assert not refused["ok"] and refused["error"] != "bug", refused
            share.set("ok")
            saved = worker.ask(op="create", title=f"retry {fault} {round_}")
            assert saved["ok"], saved
            acknowledged.add(saved["number"])
    numbers = _numbers(share.dir / "desk.db")
    assert acknowledged <= numbers
    assert len(numbers) == len(acknowledged)  # and no refused save landed after all
