"""The start-up's first page read with sqlite3 alone (issue 11): the same rows, in the same
order, as the store's queue for every filter and sort; None whenever opening the file would do
more than read (a migration, signing in, asking who works here, a locked or foreign file)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.store import first_page, migrations
from desk_gui.store.database import close_database, make_sqlite_database, write_transaction
from desk_gui.store.first_page import read_first_page, sqlite_file
from desk_gui.store.models import Setting, Staff
from desk_gui.store.queue import QueueFilter, QueueRow, SortKey, fetch_page
from tests.conftest import TicketFactory
from tests.store.test_queue import NOW, tickets  # noqa: F401  (the fixture)

OPERATOR = "老王"
ROOT = Path(__file__).resolve().parents[2]

FILTERS = [
    QueueFilter(),
    QueueFilter(statuses=None),
    QueueFilter(statuses=frozenset({"closed"})),
    QueueFilter(statuses=frozenset({"pending", "resolved"})),
    QueueFilter(statuses=frozenset({"pending"})),
    QueueFilter(assignee="Alice"),
    QueueFilter(statuses=None, unassigned=True),
    QueueFilter(priorities=frozenset({"p1", "p2"}), categories=frozenset({"network"})),
    QueueFilter(due="overdue", now=NOW),
    QueueFilter(due="soon", now=NOW),
    QueueFilter(overdue_or_unassigned=True, now=NOW),
    QueueFilter(
        statuses=None,
        submitted_from=NOW - timedelta(minutes=30),
        submitted_to=NOW - timedelta(seconds=1),
    ),
]


@pytest.fixture
def staffed(db: pw.Database, db_path: Path) -> Path:
    with write_transaction():
        Staff.create(name=OPERATOR, active=True)
        Staff.create(name="离职的人", active=False)
    return db_path


def _read(path: Path, flt: QueueFilter, key: SortKey, descending: bool, limit: int) -> list:
    found = read_first_page(str(path), OPERATOR, flt, key, descending, limit)
    assert found is not None
    return found.rows


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_the_first_page_equals_the_queue_s_for_every_filter_and_sort(
    tickets: list[QueueRow],  # noqa: F811
    staffed: Path,
    key: SortKey,
    descending: bool,
) -> None:
    for flt in FILTERS:
        for limit in (7, 500):
            expected = fetch_page(flt, key, descending, limit=limit)
            assert _read(staffed, flt, key, descending, limit) == expected, flt
    assert fetch_page(QueueFilter(statuses=None), key, descending, limit=500)  # not vacuous


def test_times_are_read_as_peewee_reads_them(make_ticket: TicketFactory, staffed: Path) -> None:
    values = [
        ("2026-11-21 09:00:00", "2026-11-21 10:00:00.5"),
        ("2026-11-21", None),
        ("2026-11-21T09:00:00", "not a time"),
        ("2026-11-21 09:00:00Z", "2026-11-21 09:00:00+08:00"),
    ]
    ids = [make_ticket().id for _ in values]
    con = sqlite3.connect(staffed)
    for ticket_id, (submitted, due) in zip(ids, values, strict=True):
        con.execute(
            "UPDATE ticket SET submitted_at = ?, next_due = ? WHERE id = ?",
            (submitted, due, ticket_id),
        )
    con.commit()
    con.close()
    for key in (SortKey.NUMBER, SortKey.NEXT_DUE, SortKey.SUBMITTED_AT):
        flt = QueueFilter()
        assert _read(staffed, flt, key, False, 10) == fetch_page(flt, key, False, limit=10)
    row = _read(staffed, QueueFilter(), SortKey.NUMBER, False, 10)[2]
    assert row.next_due == "not a time"  # as peewee leaves text it cannot read


def test_the_schema_version_is_the_migrations_one() -> None:
    # When a migration is appended, store/first_page.py's SCHEMA_VERSION moves with it (until
    # then every start takes the full path: correct, only slower).
    from desk_gui.services import access
    from desk_gui.store import database

    assert first_page.SCHEMA_VERSION == migrations.SCHEMA_VERSION
    assert first_page.VERSION_KEY == migrations.VERSION_KEY
    assert first_page.MIN_SQLITE == database.MIN_SQLITE
    assert first_page.ACCESS_KEY == access.ACCESS_KEY


def test_it_steps_aside_for_an_operator_the_window_must_ask_for(staffed: Path) -> None:
    flt, key = QueueFilter(), SortKey.NEXT_DUE
    assert read_first_page(str(staffed), OPERATOR, flt, key, False, 10) is not None
    for name in ("离职的人", "nobody here", ""):
        assert read_first_page(str(staffed), name, flt, key, False, 10) is None


def test_it_steps_aside_when_the_office_requires_signing_in(staffed: Path) -> None:
    flt, key = QueueFilter(), SortKey.NEXT_DUE
    with write_transaction():
        Setting.create(key="access", value=json.dumps({"sign_in_required": False}))
    assert read_first_page(str(staffed), OPERATOR, flt, key, False, 10) is not None
    with write_transaction():
        Setting.update(value=json.dumps({"sign_in_required": True})).where(
            Setting.key == "access"
        ).execute()
    assert read_first_page(str(staffed), OPERATOR, flt, key, False, 10) is None


def test_it_steps_aside_for_a_search_text(staffed: Path) -> None:
    flt = QueueFilter(text="打印")
    assert read_first_page(str(staffed), OPERATOR, flt, SortKey.NUMBER, False, 10) is None


def test_it_steps_aside_for_a_file_to_migrate(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = make_sqlite_database(path)
    db.connect()
    try:
        migrations.migrate(db, target=migrations.SCHEMA_VERSION - 1)
        db.execute_sql("INSERT INTO staff (name, tier, skills, active) VALUES (?, 'l1', '', 1)",
                       (OPERATOR,))  # fmt: skip
    finally:
        db.close()
    flt = QueueFilter()
    assert read_first_page(str(path), OPERATOR, flt, SortKey.NUMBER, False, 10) is None


def test_it_steps_aside_for_a_newer_file_and_a_wal_journal(staffed: Path) -> None:
    flt = QueueFilter()
    con = sqlite3.connect(staffed)
    con.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'",
        (str(migrations.SCHEMA_VERSION + 1),),
    )
    con.commit()
    assert read_first_page(str(staffed), OPERATOR, flt, SortKey.NUMBER, False, 10) is None
    con.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(migrations.SCHEMA_VERSION),)
    )
    con.commit()
    assert read_first_page(str(staffed), OPERATOR, flt, SortKey.NUMBER, False, 10) is not None
    close_database()
    con.execute("PRAGMA journal_mode = wal")
    con.close()
    assert read_first_page(str(staffed), OPERATOR, flt, SortKey.NUMBER, False, 10) is None


def test_it_steps_aside_for_what_is_not_a_sqlite_file(tmp_path: Path) -> None:
    empty, text = tmp_path / "empty.db", tmp_path / "notes.db"
    empty.touch()
    text.write_text("not a database", encoding="utf-8")
    for target in (
        "",
        str(tmp_path / "missing.db"),
        str(empty),
        str(text),
        str(tmp_path),
        "postgresql://desk@localhost/desk",
        f"file:{tmp_path / 'x.db'}",
    ):
        assert sqlite_file(target) is None
        flt = QueueFilter()
        assert read_first_page(target, OPERATOR, flt, SortKey.NUMBER, False, 10) is None


def test_it_steps_aside_for_a_locked_file(staffed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_page, "BUSY_TIMEOUT_S", 0.05)
    close_database()
    writer = sqlite3.connect(staffed)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        flt = QueueFilter()
        assert read_first_page(str(staffed), OPERATOR, flt, SortKey.NUMBER, False, 10) is None
    finally:
        writer.rollback()
        writer.close()


def test_the_module_needs_the_standard_library_alone() -> None:
    code = (
        "import sys; import desk_gui.services.first_page; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('peewee', 'playhouse', 'PySide6', 'psycopg2')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_times_for_a_fresh_filter_use_the_clock(staffed: Path) -> None:
    flt = QueueFilter(due="overdue")  # now=None: the clock when read
    rows = _read(staffed, flt, SortKey.NEXT_DUE, False, 10)
    assert all(r.next_due is not None and r.next_due < datetime.now() for r in rows)


def test_reading_the_first_page_writes_nothing(staffed: Path) -> None:
    close_database()
    before = (staffed.stat().st_mtime_ns, staffed.read_bytes())
    flt = QueueFilter()
    assert read_first_page(str(staffed), OPERATOR, flt, SortKey.NUMBER, False, 10) is not None
    assert (staffed.stat().st_mtime_ns, staffed.read_bytes()) == before
    assert sorted(p.name for p in staffed.parent.iterdir()) == [staffed.name]  # no journal
