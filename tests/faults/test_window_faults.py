"""The window's saves on a share that fails, fills up, goes read-only or hangs.

A real worksheet in a process of its own (``_gui_worker.py``) whose file calls go through the
interposer; the test reads the file directly. For each save (log note, progress update, close,
resolve, Take, the edit lock, an attachment): the fault is said for what it is, the window's
thread stays free (its timer keeps ticking while the save hangs), what was typed stays, and the
retry after the fault saves exactly once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_gui.domain.log_kind_codes import code_of
from desk_gui.store.database import close_database, open_database
from tests.faults.share import FaultyShare, Worker
from tests.faults.test_faulty_share import FAULTS

TARGETS = ["add_log", "progress", "close", "resolve", "take", "edit", "attach"]


@pytest.fixture
def share(tmp_path: Path) -> FaultyShare:
    return FaultyShare(tmp_path)


@pytest.fixture
def window(share: FaultyShare) -> Iterator[Worker]:
    db = share.dir / "desk.db"
    open_database(db)
    close_database()
    w = Worker(share, db, script="_gui_worker.py")
    yield w
    share.set("ok")
    w.close()


def _ask(window: Worker, **cmd: Any) -> dict[str, Any]:
    got = window.ask(**cmd)
    assert got["ok"], got.get("error")
    return got


def _until(window: Worker, test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Poll the window's state until ``test`` holds (a generous cap, not a timing)."""
    end = time.monotonic() + 60
    while True:
        state = _ask(window, op="state")
        if test(state) or time.monotonic() > end:
            return state
        time.sleep(0.05)


def _count(db: Path, target: str, ticket_id: int) -> int:
    """How many times the save under test is in the file (read directly, not interposed)."""
    sql = {
        "add_log": f"SELECT count(*) FROM log_entry WHERE ticket_id=? AND kind='{code_of('note')}'",
        "progress": f"SELECT count(*) FROM log_entry WHERE ticket_id=? AND kind='{code_of('progress')}'",
        "close": "SELECT count(*) FROM ticket WHERE id=? AND status='closed'",
        "resolve": "SELECT count(*) FROM ticket WHERE id=? AND status='resolved'",
        "take": f"SELECT count(*) FROM log_entry WHERE ticket_id=? AND kind='{code_of('assign')}'",
        "edit": "SELECT count(*) FROM edit_lock WHERE ticket_id=?",
        "attach": "SELECT count(*) FROM attachment WHERE ticket_id=?",
    }[target]
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql, (ticket_id,)).fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("target", TARGETS)
def test_a_save_on_a_faulty_share_says_what_happened_and_retries_once(
    share: FaultyShare, window: Worker, target: str
) -> None:
    db = share.dir / "desk.db"
    for fault, (_kind, phrase) in sorted(FAULTS.items()):
        ticket = _ask(window, op="ticket", target=target)["id"]
        before = _count(db, target, ticket)
        _ask(window, op="start", id=ticket, target=target)
        share.set(fault)
        _ask(window, op="go")
        state = _until(window, lambda s: not s["saving"])
        share.set("ok")
        said = " ".join([state["error"], *state["shown"]])
        assert phrase in said, (fault, state)
        assert "damaged" not in said and "backup" not in said.lower()
        assert not state["done"] and _count(db, target, ticket) == before, (fault, state)
        if target in ("add_log", "progress", "close", "resolve"):
            assert state["typed"], "what was typed is kept"
            assert state["button"] == "Retry" and state["enabled"]
        _ask(window, op="click")
        state = _until(window, lambda s: s["done"])
        assert state["done"], (fault, state)
        assert _count(db, target, ticket) == before + 1, fault


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("retry", [False, True], ids=["wait", "retry"])
def test_a_save_on_a_hung_share_keeps_the_window_free_and_lands_once(
    share: FaultyShare, window: Worker, target: str, retry: bool
) -> None:
    db = share.dir / "desk.db"
    ticket = _ask(window, op="ticket", target=target)["id"]
    before = _count(db, target, ticket)
    _ask(window, op="start", id=ticket, target=target)
    share.set("hang")
    _ask(window, op="go")
    start = _ask(window, op="state")
    state = _until(window, lambda s: "has not answered" in s["status"])
    assert "has not answered" in state["status"], state
    assert state["ticks"] > start["ticks"], "the window's timer stopped while the save hung"
    assert not state["done"] and not state["saving"]
    if target in ("add_log", "progress", "close", "resolve"):
        assert state["typed"] and state["button"] == "Retry" and state["enabled"]
    if retry:
        _ask(window, op="click")  # waits on the hung share behind the first attempt
    share.set("ok")
    state = _until(window, lambda s: s["done"] and not s["saving"])
    assert state["done"], state
    time.sleep(0.5)  # whichever attempt answers second must change nothing
    _until(window, lambda s: not s["saving"])
    assert _count(db, target, ticket) == before + 1
