"""Desk on PostgreSQL: schema, workflow, conflicts, locks, queue, search, change notices, reminders.

Runs against the server named by ``DESK_TEST_PG_URL`` (for example
``postgresql://desk:desk@127.0.0.1:5432/desk_test``; ``.ci/postgres.sh`` sets one up). Every
test starts from an empty ``public`` schema of that database, so use a database of its own.
Without a reachable server the whole module is skipped, with the reason in the summary.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import peewee as pw
import pytest

from desk_gui import __version__
from desk_gui.domain.enums import Impact, LogKind, Satisfaction, Status, Tier, Urgency, WaitingOn
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.reminders import ReminderKind
from desk_gui.services import records
from desk_gui.services.context import Context
from desk_gui.services.reminders import ReminderService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import locks, migrations, schema, search
from desk_gui.store.backup import SqliteOnly, backup_database
from desk_gui.store.changes import ChangeWatcher
from desk_gui.store.database import (
    close_database,
    fetch_all,
    open_database,
    read_transaction,
    write_transaction,
)
from desk_gui.store.errors import ConflictError, LockedByOther, SchemaTooNew
from desk_gui.store.models import ALL_MODELS, LogEntry, Setting, Ticket
from desk_gui.store.queue import QueueFilter, QueueRow, SortKey, count, fetch_page
from desk_gui.store.queue import fetch_rows_by_ids as rows_by_ids
from desk_gui.store.search import search_ticket_ids
from tests.services.conftest import Clock, make_draft
from tests.store.test_queue import NOW, _all_pages, reference_key

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("DESK_TEST_PG_URL", "").strip()
P2 = {"impact": Impact.INDIVIDUAL, "urgency": Urgency.HIGH}


def _redacted(url: str) -> str:
    parsed = urlparse(url)
    return url.replace(f":{parsed.password}@", ":***@") if parsed.password else url


def _admin() -> Any:
    """A plain psycopg2 connection (autocommit) to the test database."""
    import psycopg2

    conn = psycopg2.connect(PG_URL, connect_timeout=5)
    conn.autocommit = True
    return conn


def _unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    if not PG_URL:
        return (
            "DESK_TEST_PG_URL is not set "
            "(e.g. postgresql://desk:desk@127.0.0.1:5432/desk_test; see .ci/postgres.sh)"
        )
    try:
        import psycopg2
    except ImportError:
        return "psycopg2 is not installed (pip install psycopg2-binary)"
    try:
        _admin().close()
    except psycopg2.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"no PostgreSQL server reachable at {_redacted(PG_URL)}: {first}"
    return None


_REASON = _unavailable()
if _REASON is not None:
    pytest.skip(_REASON, allow_module_level=True)


def _reset_schema() -> None:
    conn = _admin()
    try:
        with conn.cursor() as cursor:
            cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    finally:
        conn.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The test server's URL over an empty schema; nothing open yet."""
    close_database()
    _reset_schema()
    yield PG_URL
    close_database()


@pytest.fixture
def pg(pg_url: str) -> pw.Database:
    """A fresh Desk database on the server, open and bound to the models."""
    return open_database(pg_url)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 5, 6, 9, 15))  # a Monday


@pytest.fixture
def desk(pg: pw.Database, clock: Clock) -> WorkflowService:
    return WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))


@pytest.fixture
def other(pg: pw.Database, clock: Clock) -> WorkflowService:
    return WorkflowService(Context(operator="张三", workstation="PC-2", clock=clock))


# -- schema -------------------------------------------------------------------------------------


def test_fresh_database_gets_the_latest_schema(pg_url: str) -> None:
    db = open_database(pg_url)
    assert isinstance(db, pw.PostgresqlDatabase)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    assert {m._meta.table_name for m in ALL_MODELS} <= set(db.get_tables())
    meta = dict(fetch_all('SELECT "key", "value" FROM "meta"'))
    assert meta[migrations.CREATED_BY_KEY] == __version__
    indexes = {i.name for i in db.get_indexes("ticket")}
    assert {f"ticket_q_{k}" for k in schema.SORT_TEMPLATES} <= indexes
    assert {f"ticket_qo_{k}" for k in schema.SORT_TEMPLATES} <= indexes
    assert {"ticket_qo_assignee_due", "ticket_l1_taken"} <= indexes
    close_database()
    again = open_database(pg_url)  # reopening migrates nothing
    assert migrations.schema_version(again) == migrations.SCHEMA_VERSION
    close_database()
    reopened = open_database(pg_url, migrate=False)
    assert migrations.check_version(reopened) == migrations.SCHEMA_VERSION


def test_newer_schema_is_refused(pg: pw.Database, pg_url: str) -> None:
    with write_transaction():
        pg.execute_sql("UPDATE meta SET value = '999' WHERE key = %s", (migrations.VERSION_KEY,))
    close_database()
    with pytest.raises(SchemaTooNew):
        open_database(pg_url)


def test_log_is_append_only(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    with pytest.raises(pw.PeeweeException, match=schema.LOG_GUARD_MESSAGE):
        LogEntry.update(text="forged").where(LogEntry.ticket == rec.id).execute()
    with pytest.raises(pw.PeeweeException, match=schema.LOG_GUARD_MESSAGE):
        LogEntry.delete().where(LogEntry.ticket == rec.id).execute()
    assert [e.text for e in desk.get(rec.id).log] == [e.text for e in rec.log]


@pytest.mark.parametrize("key", list(SortKey))
def test_every_queue_sort_walks_its_index(pg: pw.Database, key: SortKey) -> None:
    """The ORDER BY expressions are exactly the indexed ones (else PostgreSQL would sort)."""
    flt = QueueFilter()
    query = (
        Ticket.select(Ticket.id)
        .where(pw.SQL(schema.OPEN_STATUS_SQL))
        .order_by(pw.SQL(schema.sort_sql(key.value, postgres=True)), Ticket.id)
        .limit(50)
    )
    sql, params = query.sql()
    with write_transaction():
        pg.execute_sql("SET LOCAL enable_seqscan = off")
        pg.execute_sql("SET LOCAL enable_sort = off")
        plan = "\n".join(r[0] for r in fetch_all(f"EXPLAIN {sql}", params))
    assert f"ticket_qo_{key.value}" in plan, plan
    assert "Sort" not in plan.replace("Sort Key", ""), plan
    assert fetch_page(flt, key, False) == []


# -- services -----------------------------------------------------------------------------------


def test_workflow_end_to_end(desk: WorkflowService, clock: Clock) -> None:
    made = [desk.create(make_draft()) for _ in range(3)]
    assert [r.number for r in made] == ["IT20240506001", "IT20240506002", "IT20240506003"]
    rec = made[0]
    clock.now += timedelta(minutes=7)
    rec = desk.take(rec.id, rec.version)
    assert rec.status == Status.IN_PROGRESS and rec.assignee == "李工程师"
    assert rec.first_response_at == datetime(2024, 5, 6, 9, 22)
    rec = desk.escalate(rec.id, rec.version, Tier.L2, "30分钟内无法解决", "已重启电脑", "赵工")
    assert rec.tier == Tier.L2 and rec.assignee == "赵工" and rec.escalation_count == 1
    with pytest.raises(RuleViolation):
        desk.resolve(rec.id, rec.version, "  ")
    rec = desk.resolve(rec.id, rec.version, "更换电源适配器")
    assert rec.status == Status.RESOLVED and rec.resolved_at is not None
    rec = desk.record_feedback(rec.id, rec.version, resolved=False, score=2)
    assert rec.status == Status.IN_PROGRESS and rec.reopen_count == 1
    assert rec.satisfaction == Satisfaction.DISSATISFIED
    rec = desk.resolve(rec.id, rec.version, "更换主板")
    rec = desk.record_feedback(rec.id, rec.version, resolved=True, score=5)
    rec = desk.close(rec.id, rec.version)
    assert rec.status == Status.CLOSED and rec.closed_at is not None
    with pytest.raises(RuleViolation):
        desk.reopen(rec.id, rec.version, "又坏了")
    boss = WorkflowService(
        Context(operator="主管王", workstation="PC-9", supervisor=True, clock=clock)
    )
    rec = boss.reopen(rec.id, rec.version, "提交人来电说问题复现")
    assert rec.status == Status.IN_PROGRESS and rec.version == 9
    kinds = [e.kind for e in rec.log]
    for kind in (LogKind.CREATED, LogKind.ESCALATE, LogKind.TIER, LogKind.RESOLVE, LogKind.CLOSE):
        assert kind in kinds
    line = [e for e in rec.log if e.kind == LogKind.REOPEN][-1]
    assert line.author == "主管王" and "问题复现" in line.text
    assert desk.get_by_number("it20240506001").version == rec.version


def test_waiting_and_progress_update(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.create(make_draft(impact=Impact.INDIVIDUAL, urgency=Urgency.LOW))
    rec = desk.take(rec.id, rec.version)
    waiting = desk.start_wait(rec.id, rec.version, WaitingOn.VENDOR, "供应商张经理")
    assert waiting.waiting_on == WaitingOn.VENDOR
    clock.now += timedelta(hours=3)
    resumed = desk.end_wait(waiting.id, waiting.version)
    assert resumed.resolve_due is not None and rec.resolve_due is not None
    assert resumed.resolve_due - rec.resolve_due == timedelta(hours=3)
    after = desk.progress_update(rec.id, "已电话告知提交人当前进度")
    assert after.next_update_due is not None and after.next_update_due > clock.now


def test_stale_version_is_a_conflict(desk: WorkflowService, other: WorkflowService) -> None:
    rec = desk.create(make_draft())
    taken = desk.take(rec.id, rec.version)
    with pytest.raises(ConflictError) as err:
        other.assign(rec.id, rec.version, "张三")
    assert err.value.changed_by == "李工程师"
    # Both read version 2; the conditional update lets only the first save through.
    with write_transaction():
        first, second = records.load(rec.id), records.load(rec.id)
        records.save(desk.ctx, first, taken.version, {"title": "第一"})
        with pytest.raises(ConflictError):
            records.save(other.ctx, second, taken.version, {"title": "第二"})
    assert desk.get(rec.id).title == "第一"


def test_concurrent_conditional_updates_have_one_winner(desk: WorkflowService) -> None:
    """Two transactions: the second waits on the row lock, then finds the version gone."""
    rec = desk.create(make_draft())
    a, b = _admin(), _admin()
    a.autocommit = b.autocommit = False
    sql = "UPDATE ticket SET title = %s, version = version + 1 WHERE id = %s AND version = %s"
    counts: dict[str, int] = {}
    try:
        with a.cursor() as ca:
            ca.execute(sql, ("one", rec.id, rec.version))
            counts["a"] = ca.rowcount

        def second() -> None:
            with b.cursor() as cb:
                cb.execute(sql, ("two", rec.id, rec.version))
                counts["b"] = cb.rowcount
            b.commit()

        waiter = threading.Thread(target=second)
        waiter.start()
        waiter.join(0.3)
        assert waiter.is_alive()  # blocked on a's row lock
        a.commit()
        waiter.join(10)
    finally:
        a.close()
        b.close()
    assert counts == {"a": 1, "b": 0}
    assert (desk.get(rec.id).title, desk.get(rec.id).version) == ("one", 2)


def test_edit_locks(desk: WorkflowService, other: WorkflowService, clock: Clock) -> None:
    rec = desk.create(make_draft())
    desk.lock(rec.id)
    assert other.lock_holder(rec.id) is not None and desk.lock_holder(rec.id) is None
    with pytest.raises(LockedByOther):
        other.lock(rec.id)
    with pytest.raises(LockedByOther):
        other.take(rec.id, rec.version)
    rec = desk.take(rec.id, rec.version)
    clock.now += timedelta(minutes=4)  # desk's lock lapsed: the other may take it over
    other.lock(rec.id)
    with pytest.raises(LockedByOther):
        desk.lock(rec.id)
    other.unlock(rec.id)
    assert locks.holder_of(rec.id, clock.now) is None


def test_simultaneous_lock_takers_get_one_winner(desk: WorkflowService, clock: Clock) -> None:
    """Threads have their own connections: the ticket row lock queues them, no IntegrityError."""
    rec = desk.create(make_draft())
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def take(n: int) -> None:
        Ticket._meta.database.connect(reuse_if_open=True)  # connected before the race starts
        start.wait()
        try:
            locks.acquire(rec.id, f"op{n}", f"PC-{n}", clock.now)
            outcomes.append("won")
        except LockedByOther:
            outcomes.append("refused")
        except Exception as exc:
            outcomes.append(repr(exc))
        finally:
            desk_db = Ticket._meta.database
            desk_db.close()

    threads = [threading.Thread(target=take, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["refused"] * 5 + ["won"], outcomes


# -- queue --------------------------------------------------------------------------------------


def _random_ticket(rnd: random.Random, n: int) -> int:
    status = rnd.choice(["pending", "in_progress", "resolved", "closed"])
    due = NOW + timedelta(minutes=rnd.choice([-90, -5, 10, 50, 70, 600]))
    ticket = Ticket.create(
        number=f"IT2026112{rnd.randint(0, 9)}{n:03d}",
        title=rnd.choice(["打印机", "网络", "Outlook", "VPN", "邮箱", "b", "B", "ä", "a_b", "a%"]),
        department=rnd.choice(["财务部", "人事部", "IT", "it"]),
        description="",
        requester=rnd.choice(["小明", "小红", "Zed", "zed"]),
        contact="内线8888",
        category=rnd.choice(["hardware", "software", "network"]),
        impact="individual",
        priority=rnd.choice(["p1", "p2", "p3", "p4"]),
        urgency=rnd.choice(["low", "medium", "high"]),
        status=status,
        assignee=rnd.choice([None, "老王", "Alice", "alice", ""]),
        submitted_at=NOW - timedelta(minutes=rnd.choice([0, 1, 30, 30, 600]), seconds=n % 2),
        next_due=None if status in ("resolved", "closed") or n % 7 == 0 else due,
    )
    return int(ticket.id)


@pytest.fixture
def tickets(pg: pw.Database) -> list[QueueRow]:
    """About 120 tickets with many ties, NULL and empty assignees, NULL deadlines, mixed case."""
    rnd = random.Random(42)
    with write_transaction():
        ids = [_random_ticket(rnd, n) for n in range(120)]
    search.rebuild_index()  # written past the services, which index every save
    return rows_by_ids(ids)


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_equal_reference(
    tickets: list[QueueRow], key: SortKey, descending: bool
) -> None:
    ref = reference_key(key)
    for flt in (QueueFilter(statuses=None), QueueFilter()):
        shown = [r for r in tickets if flt.statuses is None or r.status in flt.statuses]
        expected = sorted(shown, key=lambda r: (ref(r), r.id), reverse=descending)
        assert _all_pages(flt, key, descending, size=7) == expected
        assert fetch_page(flt, key, descending, limit=500) == expected
        assert count(flt) == len(expected)


_FILTERS: list[tuple[QueueFilter, Callable[[QueueRow], bool]]] = [
    (QueueFilter(), lambda r: r.status in ("pending", "in_progress")),
    (QueueFilter(statuses=frozenset({"closed"})), lambda r: r.status == "closed"),
    (QueueFilter(statuses=None, assignee="老王"), lambda r: r.assignee == "老王"),
    (QueueFilter(statuses=None, unassigned=True), lambda r: r.assignee is None),
    (
        QueueFilter(statuses=None, priorities=frozenset({"p1", "p2"})),
        lambda r: r.priority in ("p1", "p2"),
    ),
    (
        QueueFilter(statuses=None, categories=frozenset({"network"})),
        lambda r: r.category == "network",
    ),
    (
        QueueFilter(statuses=None, due="overdue", now=NOW),
        lambda r: r.next_due is not None and r.next_due < NOW,
    ),
    (
        QueueFilter(statuses=None, due="soon", now=NOW),
        lambda r: r.next_due is not None and NOW <= r.next_due <= NOW + timedelta(hours=1),
    ),
    (
        QueueFilter(overdue_or_unassigned=True, now=NOW),
        lambda r: (
            r.status in ("pending", "in_progress")
            and ((r.next_due is not None and r.next_due < NOW) or r.assignee is None)
        ),
    ),
    (
        QueueFilter(
            statuses=None,
            submitted_from=NOW - timedelta(minutes=30),
            submitted_to=NOW - timedelta(minutes=1),
        ),
        lambda r: NOW - timedelta(minutes=30) <= r.submitted_at < NOW - timedelta(minutes=1),
    ),
    (
        QueueFilter(text="打印"),
        lambda r: r.title == "打印机" and r.status in ("pending", "in_progress"),
    ),
    (QueueFilter(statuses=None, text="outlook"), lambda r: r.title == "Outlook"),
    (QueueFilter(statuses=None, text="a_b"), lambda r: r.title == "a_b"),
    (QueueFilter(statuses=None, text="a%"), lambda r: r.title == "a%"),
    (
        QueueFilter(
            statuses=frozenset({"pending"}), assignee="Alice", priorities=frozenset({"p1"})
        ),
        lambda r: r.status == "pending" and r.assignee == "Alice" and r.priority == "p1",
    ),
]


@pytest.mark.parametrize(("flt", "keep"), _FILTERS)
def test_filters(
    tickets: list[QueueRow], flt: QueueFilter, keep: Callable[[QueueRow], bool]
) -> None:
    expected = {r.id for r in tickets if keep(r)}
    assert expected, "the filter selects nothing in this corpus: a weak test"
    for key in (SortKey.NEXT_DUE, SortKey.ASSIGNEE):
        assert {r.id for r in _all_pages(flt, key, True, size=9)} == expected
    assert count(flt) == len(expected)


# -- search -------------------------------------------------------------------------------------


@pytest.fixture
def corpus(desk: WorkflowService) -> dict[str, int]:
    """A few tickets, each known by a short name."""
    made = {
        "printer": make_draft(title="打印机无法打印", description="HP LaserJet 卡纸"),
        "network": make_draft(title="网络断开", description="Printer offline, VPN timeout"),
        "percent": make_draft(title="促销页面报错", description="折扣 50%_off 显示错误"),
        "decoy": make_draft(title="促销页面空白", description="5000 off 和 50Xoff 都不显示"),
        "quotes": make_draft(title='引号 "hello"', description="it's a back\\slash"),
        "mixed": make_draft(title="Outlook邮箱打不开", description="重建OST文件后正常"),
    }
    ids = {name: desk.create(draft).id for name, draft in made.items()}
    desk.add_log(ids["mixed"], "已重置密码")
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("印", {"printer"}),  # one Chinese character
        ("打印", {"printer"}),  # two
        ("打印机", {"printer"}),  # three
        ("机无", {"printer"}),  # across a word boundary inside a run of Chinese
        ("印打", set()),
        ("print", {"network"}),
        ("PRINTER offline", {"network"}),  # case-insensitive, words ANDed
        ("printer 财务", set()),
        ("laserjet", {"printer"}),
        ("outlook", {"mixed"}),
        ("Outlook邮箱", {"mixed"}),
        ("重置密码", {"mixed"}),  # in the handling log
        ("IT20240506002", {"network"}),  # number
        ("20240506002", {"network"}),  # number without prefix
        ("50%", {"percent"}),  # % is literal, not "anything"
        ("%", {"percent"}),
        ("50%_off", {"percent"}),
        ("_", {"percent"}),  # _ is literal, not "any one character"
        ("0_o", set()),
        ('"hello"', {"quotes"}),
        ('"', {"quotes"}),
        ("it's", {"quotes"}),
        ("'", {"quotes"}),
        ("back\\slash", {"quotes"}),
        ("\\", {"quotes"}),
        ("促销", {"percent", "decoy"}),
        ("  ", {"printer", "network", "percent", "decoy", "quotes", "mixed"}),  # blank: all
    ],
)
def test_search(corpus: dict[str, int], query: str, expected: set[str]) -> None:
    assert set(search_ticket_ids(query)) == {corpus[name] for name in expected}


def test_search_in_the_queue_and_limit(corpus: dict[str, int]) -> None:
    rows = fetch_page(QueueFilter(text="促销"), SortKey.NUMBER, False)
    assert [r.id for r in rows] == sorted([corpus["percent"], corpus["decoy"]])
    assert search_ticket_ids("促销", limit=1) == [corpus["decoy"]]  # newest first


# -- change notices -----------------------------------------------------------------------------


def test_watcher_sees_another_connections_commit(pg: pw.Database) -> None:
    watcher = ChangeWatcher()
    conn = _admin()
    conn.autocommit = False
    insert = "INSERT INTO setting (key, value, updated_at, updated_by) VALUES (%s, '1', now(), 'x')"
    try:
        assert not watcher.poll()
        with conn.cursor() as cursor:
            cursor.execute(insert, ("a",))
        assert not watcher.poll()  # not committed yet
        conn.commit()
        assert watcher.poll()
        assert not watcher.poll()
        with conn.cursor() as cursor:
            cursor.execute(insert, ("b",))
        conn.rollback()
        assert not watcher.poll()  # a rollback is no change
    finally:
        conn.close()
        watcher.close()


def test_watcher_sees_own_writes_and_forced_changes(desk: WorkflowService) -> None:
    watcher = ChangeWatcher()
    try:
        rec = desk.create(make_draft())
        assert watcher.poll()
        assert not watcher.poll()
        desk.lock(rec.id)  # the edit lock table notifies too
        assert watcher.poll()
        with write_transaction():
            Setting.create(key="k", value="v")
        assert watcher.poll()
        watcher.note_own_write()
        assert watcher.poll()
        assert not watcher.poll()
    finally:
        watcher.close()


def test_watcher_survives_a_lost_connection(pg: pw.Database) -> None:
    watcher = ChangeWatcher()
    try:
        fetch_all(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND (query LIKE 'LISTEN%%' OR query = 'SELECT 1')"
        )
        assert not watcher.poll()  # gone: no change reported, no exception
        assert watcher.poll()  # back: it may have missed something, so it says so
        assert not watcher.poll()
    finally:
        watcher.close()


def test_read_transaction_is_one_snapshot(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    conn = _admin()
    try:
        with read_transaction():
            before = Ticket.get_by_id(rec.id).title
            with conn.cursor() as cursor:
                cursor.execute("UPDATE ticket SET title = 'changed' WHERE id = %s", (rec.id,))
            assert Ticket.get_by_id(rec.id).title == before
        assert Ticket.get_by_id(rec.id).title == "changed"
    finally:
        conn.close()


# -- reminders ----------------------------------------------------------------------------------


def _reminders(clock: Clock, operator: str = "李工程师", ws: str = "PC-1") -> ReminderService:
    return ReminderService(Context(operator=operator, workstation=ws, clock=clock))


def test_reminders_due_claimed_once_snoozed_and_acknowledged(
    desk: WorkflowService, clock: Clock, pg_url: str
) -> None:
    rec = desk.create(make_draft(**P2))  # 09:15, P2: respond by 11:15
    first, second = _reminders(clock, ws="PC-1"), _reminders(clock, ws="PC-7")
    clock.now = datetime(2024, 5, 6, 10, 59)
    assert first.poll().pending == []
    clock.now = datetime(2024, 5, 6, 11, 0)
    a, b = first.poll(), second.poll()
    assert [(r.number, r.kind, r.due_at) for r in a.fresh] == [
        (rec.number, ReminderKind.RESPOND, datetime(2024, 5, 6, 11, 15))
    ]
    assert b.fresh == [] and len(b.pending) == 1
    assert len(_reminders(clock, "张三", "PC-2").poll().fresh) == 1  # unassigned: everyone
    key = a.fresh[0].key
    assert first.snooze_for(key, timedelta(hours=1)) == datetime(2024, 5, 6, 12, 0)
    close_database()
    open_database(pg_url)  # the snooze is in the database, not in the window
    again = _reminders(clock, ws="PC-3")
    clock.now = datetime(2024, 5, 6, 11, 59)
    assert again.poll().pending == []
    clock.now = datetime(2024, 5, 6, 12, 0)
    woke = again.poll()
    assert [r.key for r in woke.fresh] == [key]
    assert second.poll().fresh == []
    again.acknowledge(key)
    assert first.poll().pending == []
    assert len(_reminders(clock, "张三").poll().pending) == 1
    desk.take(rec.id, desk.get(rec.id).version)
    assert _reminders(clock, "张三").poll().pending == []


def test_reminder_processes_claim_each_reminder_once_per_operator(
    desk: WorkflowService, pg_url: str
) -> None:
    for _ in range(12):
        desk.create(make_draft(**P2))
    close_database()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.services._reminder_worker", pg_url, op, ws],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for op, ws in (("张三", "PC-1"), ("张三", "PC-2"), ("王五", "PC-3"), ("王五", "PC-4"))
    ]
    per_operator: dict[str, list[str]] = {"张三": [], "王五": []}
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        for line in out.splitlines():
            operator, key = line.split("\t")
            per_operator[operator].append(key)
    for keys in per_operator.values():
        assert len(keys) == 12 and len(set(keys)) == 12
    assert json.loads(per_operator["张三"][0])["kind"] == "respond"


# -- several workstations -----------------------------------------------------------------------


@pytest.mark.slow
def test_four_processes_create_gap_free_numbers(pg_url: str) -> None:
    # The schema does not exist yet: the four also race to create it.
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.store._pg_workers", pg_url, "25", f"PC-{n}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    acknowledged: list[str] = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        acknowledged.extend(out.split())
    assert len(acknowledged) == len(set(acknowledged)) == 100
    assert sorted(acknowledged) == [f"IT20240506{n:03d}" for n in range(1, 101)]
    open_database(pg_url)
    stored = [str(r[0]) for r in fetch_all("SELECT number FROM ticket ORDER BY number")]
    assert stored == sorted(acknowledged)
    assert fetch_all("SELECT last FROM daily_sequence") == [(100,)]
    per_ticket = fetch_all("SELECT count(*) FROM log_entry GROUP BY ticket_id")
    assert len(per_ticket) == 100 and all(n >= 1 for (n,) in per_ticket)


# -- file-only commands -------------------------------------------------------------------------


def test_backup_refuses_a_server_url(pg: pw.Database, tmp_path: Path) -> None:
    with pytest.raises(SqliteOnly):
        backup_database(tmp_path / "copy.db", src=PG_URL)
    with pytest.raises(SqliteOnly):
        backup_database(tmp_path / "copy.db")  # the open database is PostgreSQL
    for args in (("backup", "--db", PG_URL, str(tmp_path / "c.db")),):
        done = subprocess.run(
            [sys.executable, "-m", "desk_gui", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "SQLite database files only" in done.stderr and "pg_dump" in done.stderr
        assert "Traceback" not in done.stderr


# -- services on PostgreSQL: upserts, explicit ids, concurrent staff names ---


def test_office_settings_save(pg: pw.Database) -> None:
    from desk_gui.services.settings import load_settings, save_settings

    saved = save_settings(load_settings(), "主管王")
    assert load_settings().revision == saved.revision == 1


def test_demo_then_a_new_ticket(desk: WorkflowService) -> None:
    from desk_gui.services.demo_load import generate_demo

    assert generate_demo(30, seed=1, anchor=datetime(2024, 5, 6, 9, 0)) == 30
    rec = desk.create(make_draft())  # the id sequence must be past the demo's ids
    assert rec.id > 30


def test_two_workstations_add_the_same_new_staff_name(desk: WorkflowService) -> None:
    first_inserted, first_may_commit = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with write_transaction():
                desk.ensure_staff("新同事")
                first_inserted.set()
                first_may_commit.wait(10)
        except BaseException as exc:
            errors.append(exc)
        finally:
            Ticket._meta.database.close()

    thread = threading.Thread(target=first)
    thread.start()
    first_inserted.wait(10)
    threading.Timer(0.3, first_may_commit.set).start()  # while we wait on its row
    try:
        with write_transaction():
            desk.ensure_staff("新同事")  # saw no row; its INSERT waits, then collides
    finally:
        first_may_commit.set()
        thread.join(10)
    assert not errors


def test_search_uses_the_token_index(corpus: dict[str, int], pg: pw.Database) -> None:
    from desk_gui.store.models import Ticket
    from desk_gui.store.search import apply_search

    pg.execute_sql("SET enable_seqscan = off")  # a tiny table: make the planner show its index
    try:
        for word in ("印", "打印", "打印机", "laserjet", "VPN 断开"):  # 1, 2, 3+ characters
            sql, params = apply_search(Ticket.select(Ticket.id), word).sql()
            plan = "\n".join(r[0] for r in pg.execute_sql("EXPLAIN " + sql, params).fetchall())
            assert "ticket_search_tokens" in plan, plan
    finally:
        pg.execute_sql("RESET enable_seqscan")


def test_trigram_migration_writes_every_search_row_again(
    corpus: dict[str, int], pg: pw.Database
) -> None:
    (step,) = [m for m in migrations.MIGRATIONS if "CJK trigrams" in m.description]
    # The rows as schema 16 wrote them: no run of three CJK characters among the tokens.
    pg.execute_sql(
        'UPDATE "ticket_search" SET "tokens" = ARRAY(SELECT t FROM unnest("tokens") AS t '
        "WHERE t !~ '^[\u4e00-\u9fff]{3}$')"
    )
    assert search_ticket_ids("打印机") == []  # a trigram: one containment, none there
    step.apply(pg)
    assert search_ticket_ids("打印机") == [corpus["printer"]]
    assert search_ticket_ids("机无法打") == [corpus["printer"]]


def test_quad_migration_writes_narrow_rows_with_four_grams_and_joins(
    corpus: dict[str, int], pg: pw.Database
) -> None:
    step = next(m for m in migrations.MIGRATIONS if "4-grams" in m.description)
    # The rows as schema 18 wrote them: wide, no 4-gram, no word joined to a CJK character.
    pg.execute_sql('ALTER TABLE "ticket_search" RESET (toast_tuple_target)')
    pg.execute_sql(
        'UPDATE "ticket_search" SET "tokens" = ARRAY(SELECT t FROM unnest("tokens") AS t '
        "WHERE t !~ '^[\u4e00-\u9fff]{4}$' AND t !~ ' ')"
    )
    assert search_ticket_ids("机无法打") == []  # a 4-gram: one containment, none there
    assert search_ticket_ids("outlook邮") == []  # a join: one containment, none there
    step.apply(pg)
    assert search_ticket_ids("机无法打") == [corpus["printer"]]
    assert search_ticket_ids("outlook邮") == [corpus["mixed"]]
    assert search_ticket_ids("ost文件") == [corpus["mixed"]]
    options = pg.execute_sql(
        "SELECT reloptions FROM pg_class WHERE relname = 'ticket_search'"
    ).fetchone()[0]
    assert options == ["toast_tuple_target=128"]
    assert "ticket_search_tokens" in {i.name for i in pg.get_indexes("ticket_search")}
