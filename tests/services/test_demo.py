"""The demo generator's bulk path: same rows, same index, same schema as the slow paths."""

from __future__ import annotations

import io
import pickle
import sqlite3
from datetime import datetime
from pathlib import Path

from desk_gui.services import demo_load as demo
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import search
from desk_gui.store.database import close_database, open_database, write_transaction

ANCHOR = datetime(2024, 6, 28, 17, 0)
TABLES = ("ticket", "log_entry", "daily_sequence", "staff")


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        out = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in TABLES}
        out["fts"] = conn.execute("SELECT rowid, * FROM ticket_fts ORDER BY rowid").fetchall()
        out["master"] = sorted(
            conn.execute(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                "WHERE name NOT LIKE 'sqlite_%'"
            )
        )
        return out
    finally:
        conn.close()


def _demo(path: Path, count: int, parallel: bool | None = None) -> None:
    open_database(path)
    try:
        assert generate_demo(count, seed=3, anchor=ANCHOR, parallel=parallel) == count
    finally:
        close_database()


def test_demo_leaves_the_schema_of_a_fresh_file(tmp_path: Path) -> None:
    fresh, demo = tmp_path / "fresh.db", tmp_path / "demo.db"
    open_database(fresh)
    close_database()
    _demo(demo, 300)
    assert _dump(demo)["master"] == _dump(fresh)["master"]


def test_demo_index_equals_a_rebuilt_index(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    _demo(path, 300)
    written = _dump(path)["fts"]
    open_database(path)
    try:
        with write_transaction():
            assert search.rebuild_index() == 300
    finally:
        close_database()
    assert written == _dump(path)["fts"]
    assert len(written) == 300


def test_generating_in_a_child_process_writes_the_same(tmp_path: Path) -> None:
    here, child = tmp_path / "here.db", tmp_path / "child.db"
    for path in (here, child):  # a second run continues numbering after the first
        _demo(path, 120, parallel=path == child)
        _demo(path, 80, parallel=path == child)
    a, b = _dump(here), _dump(child)
    assert a == b
    assert len(a["ticket"]) == 200


def test_a_failing_child_reports_its_traceback() -> None:
    out = io.BytesIO()
    demo._generate_in_child(out, (1, ANCHOR, 180, "not json", 10, 1, {}))
    message = pickle.loads(out.getvalue())
    assert isinstance(message, str) and "Traceback" in message
