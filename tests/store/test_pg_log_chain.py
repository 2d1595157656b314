"""The handling log's hash chain on PostgreSQL: written, filled by the migration, checked.

Runs against ``DESK_TEST_PG_URL`` like test_postgres.py (skipped, with the reason, without it).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timedelta

import peewee as pw
import pytest

from desk_gui.domain.log_chain import ChainWalker
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import log_append, migrations, schema
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.models import Ticket
from tests.services.conftest import Clock, make_draft
from tests.store.test_postgres import PG_URL, ROOT, _admin, pg_url  # noqa: F401  (skips)

CHAIN_STEP = next(m.version for m in migrations.MIGRATIONS if "hash chain" in m.description)


@pytest.fixture
def server(pg_url: str) -> pw.Database:  # noqa: F811
    """A fresh Desk database on the server, open and bound to the models."""
    return open_database(pg_url)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 5, 6, 9, 15))


@pytest.fixture
def desk(server: pw.Database, clock: Clock) -> WorkflowService:
    return WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))


def _worked(desk: WorkflowService, clock: Clock) -> list[int]:
    ids = []
    for _ in range(3):
        rec = desk.create(make_draft())
        clock.now += timedelta(minutes=5)
        rec = desk.take(rec.id, rec.version)
        rec = desk.resolve(rec.id, rec.version, "更换电源适配器")
        ids.append(rec.id)
    return ids


def _tamper(*statements: str) -> None:
    conn = _admin()
    try:
        with conn.cursor() as cursor:
            cursor.execute('DROP TRIGGER "log_entry_no_update" ON "log_entry"')
            cursor.execute('DROP TRIGGER "log_entry_no_delete" ON "log_entry"')
            for sql in statements:
                cursor.execute(sql)
            for sql in schema.POSTGRES_LOG_TRIGGERS[1:]:
                cursor.execute(sql)
    finally:
        conn.close()


def _entry(ticket: int, nth: int) -> tuple[int, str]:
    rows = fetch_all(
        "SELECT l.id, t.number FROM log_entry l JOIN ticket t ON t.id = l.ticket_id "
        f"WHERE l.ticket_id = {ticket} ORDER BY l.id"
    )
    return int(rows[nth][0]), str(rows[nth][1])


def test_untouched_database_is_ok(desk: WorkflowService, clock: Clock) -> None:
    _worked(desk, clock)
    assert check_database(PG_URL) == []


def test_rewritten_line_is_named_also_by_the_command(desk: WorkflowService, clock: Clock) -> None:
    ids = _worked(desk, clock)
    entry, number = _entry(ids[1], 1)
    close_database()
    _tamper(
        "INSERT INTO log_author (name) VALUES ('某人')",
        "UPDATE log_entry SET text = '已解决', "
        f"author_id = (SELECT id FROM log_author WHERE name = '某人') WHERE id = {entry}",
    )
    problems = check_database(PG_URL)
    assert len(problems) == 1
    assert problems[0].startswith(f"handling log of {number}: entry of 2024-05-06 ")
    assert "by 某人 does not match the chain" in problems[0]
    done = subprocess.run(
        [sys.executable, "-m", "desk_gui", "check", "--db", PG_URL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "by 某人 does not match the chain" in done.stderr
    assert "desk:***@" in done.stderr and "Traceback" not in done.stderr


def test_deleted_line_is_named(desk: WorkflowService, clock: Clock) -> None:
    ids = _worked(desk, clock)
    removed, _ = _entry(ids[0], 1)
    _, number = _entry(ids[0], 2)
    close_database()
    _tamper(f"DELETE FROM log_entry WHERE id = {removed}")
    problems = check_database(PG_URL)
    assert len(problems) == 1 and problems[0].startswith(f"handling log of {number}: entry of")


def test_disabled_guard_is_reported(desk: WorkflowService, clock: Clock) -> None:
    _worked(desk, clock)
    conn = _admin()
    try:
        with conn.cursor() as cursor:
            cursor.execute('ALTER TABLE "log_entry" DISABLE TRIGGER "log_entry_no_delete"')
    finally:
        conn.close()
    assert check_database(PG_URL) == ["log guard trigger missing: log_entry_no_delete"]


def test_concurrent_writers_of_one_ticket_keep_its_chain(server: pw.Database) -> None:
    with server.atomic():
        ticket = Ticket.create(
            number="IT20240506001",
            title="t",
            department="d",
            description="",
            urgency="high",
            requester="r",
            contact="c",
            submitted_at=datetime(2024, 5, 6, 9),
            category="other",
            impact="individual",
            priority="p2",
        )
    errors: list[BaseException] = []

    def write(name: str) -> None:
        try:
            for i in range(25):
                log_append.append(ticket.id, datetime.now(), name, "note", f"{name} {i}", None)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            server.close()

    threads = [threading.Thread(target=write, args=(f"w{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert fetch_all("SELECT count(*) FROM log_entry")[0][0] == 100
    assert check_database(PG_URL) == []


def test_migration_fills_existing_lines(server: pw.Database) -> None:
    # A server database one step back: made at the latest schema, the chain column taken off.
    server.execute_sql('ALTER TABLE "log_entry" DROP COLUMN "chain"')
    # ... and what later steps add (the log-args step)
    server.execute_sql('ALTER TABLE "log_entry" DROP COLUMN "args"')
    server.execute_sql('DROP INDEX "log_entry_ticket_id"')
    server.execute_sql('CREATE INDEX "log_entry_ticket_id_at" ON "log_entry" ("ticket_id", "at")')
    # ... and the authors' names in the log (schema 21 keeps their ids)
    server.execute_sql('ALTER TABLE "log_entry" DROP COLUMN "author_id"')
    server.execute_sql('ALTER TABLE "log_entry" ADD COLUMN "author" VARCHAR(64) NOT NULL')
    server.execute_sql('DROP TABLE "log_author"')
    server.execute_sql(f"UPDATE meta SET value = '{CHAIN_STEP - 1}' WHERE key = 'schema_version'")
    db = server
    with server.atomic():
        Ticket.create(
            number="IT20240506001",
            title="t",
            department="d",
            description="",
            urgency="high",
            requester="r",
            contact="c",
            submitted_at=datetime(2024, 5, 6, 9),
            category="other",
            impact="individual",
            priority="p2",
        )
    tid = fetch_all("SELECT id FROM ticket")[0][0]
    lines = [
        (tid, datetime(2024, 5, 6, 9, 0), "a", "created", "登记工单", "Ticket logged"),
        (tid, datetime(2024, 5, 6, 9, 5, 0, 250000), "b", "note", "远程协助", None),
    ]
    for line in lines:
        db.execute_sql(
            "INSERT INTO log_entry (ticket_id, at, author, kind, text, text_en) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            line,
        )
    migrations.migrate(db)
    walker = ChainWalker()
    expected = [walker.hash(*line) for line in lines]
    stored = [bytes(r[0]) for r in fetch_all("SELECT chain FROM log_entry ORDER BY id")]
    assert stored == expected
    enabled = fetch_all(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'log_entry'::regclass "
        "AND tgname = 'log_entry_no_update' AND tgenabled <> 'D'"
    )
    assert enabled == [(1,)]
    close_database()
    assert check_database(PG_URL) == []
