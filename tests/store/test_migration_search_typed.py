"""Schema 19: the search index reads what people typed, not a generated log line's labels.

A demo file is written as the program before this step indexed it (every generated line's whole
Chinese, ``_said``), stamped one step back, then opened: the step writes every search row again
(SQLite: with a backup first and a VACUUM after; PostgreSQL: every row replaced). Both engines;
PostgreSQL on ``DESK_TEST_PG_URL`` (its public schema is reset; skipped without one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.domain.log_render import decode, texts
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import search
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.store._log_authors import AUTHOR
from tests.store.test_search_oracle import PG_URL, _reset_pg_schema

STEP = next(m for m in MIGRATIONS if m.description.startswith("search what people typed"))
LABELS = ("优先级", "负责人", "处理中", "登记工单", "一线30分钟内无法解决")
"""Words of generated lines only: a field's name, a status, a phrase the program writes."""


def _said(text: str, args: str | None) -> str:
    """A log line as the index read it before this step: a generated line's whole Chinese."""
    return str(text) if args is None else texts(text, None, args)[0]


def _content() -> list[tuple[object, ...]]:
    tickets = fetch_all("SELECT * FROM ticket ORDER BY id")
    log = fetch_all(f"SELECT ticket_id, at, {AUTHOR}, kind, text, text_en, args FROM log_entry")
    return [*tickets, *((*r[:4], *texts(*r[4:])) for r in log)]


def _handovers() -> list[tuple[int, str]]:
    """(ticket id, handover) of every escalation, in the order written."""
    rows = fetch_all("SELECT ticket_id, args FROM log_entry WHERE args IS NOT NULL ORDER BY id")
    found = [(int(tid), decode(args)) for tid, args in rows]
    return [(tid, str(values[3])) for tid, (code, values) in found if code == "es"]


def _hits(words: tuple[str, ...]) -> dict[str, list[int]]:
    return {w: search.search_ticket_ids(w) for w in words}


@pytest.fixture(params=["sqlite", "postgresql"])
def old(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database indexed as before this step, stamped one step back, closed."""
    close_database()
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("DESK_TEST_PG_URL is not set")
        _reset_pg_schema()
        target = PG_URL
    else:
        target = str(tmp_path / "old.db")
    db = open_database(target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "said", _said)
        generate_demo(300, seed=7, anchor=datetime(2026, 11, 20, 9), parallel=False)
    db.execute_sql(
        f"UPDATE meta SET value = {db.param} WHERE key = 'schema_version'",
        (str(STEP.version - 1),),
    )
    close_database()
    yield target
    close_database()


def test_labels_leave_the_index_and_typed_values_stay(old: str, tmp_path: Path) -> None:
    open_database(old, migrate=False)
    before = _content()
    labelled = _hits(LABELS)
    assert len(labelled["登记工单"]) == 300 and all(labelled.values())  # the log said them
    handovers = _handovers()
    assert handovers
    close_database()

    db = open_database(old, backup_dir=tmp_path / "backups")
    assert fetch_all("SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert _content() == before  # what the file holds reads as it did
    assert _hits(LABELS) == {w: [] for w in LABELS}
    for ticket_id, handover in handovers:  # typed in the escalate dialog
        assert ticket_id in search.search_ticket_ids(handover), handover
    queries = ("检查", "打印", "无法 outlook", "vpn", *LABELS)
    migrated = _hits(queries)
    search.rebuild_index()  # the step left what a rebuild writes today
    assert _hits(queries) == migrated
    if isinstance(db, pw.SqliteDatabase):
        assert list((tmp_path / "backups").glob("old.v*.bak.db"))
        for ticket_id in range(1, 301, 7):  # every row deletes with the values it was indexed by
            search.reindex_ticket(ticket_id)
        db.execute_sql("INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('integrity-check', 1)")
        assert _hits(queries) == migrated


def test_the_step_makes_the_file_smaller(old: str, tmp_path: Path) -> None:
    if not old.endswith(".db"):
        pytest.skip("a SQLite file's size")
    size = Path(old).stat().st_size
    open_database(old, backup_dir=tmp_path / "backups")
    close_database()
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)  # vacuumed
    finally:
        conn.close()
    assert Path(old).stat().st_size < size
