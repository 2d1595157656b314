"""The demo generator's bulk path: same rows, same index, same schema as the slow paths."""

from __future__ import annotations

import io
import pickle
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.services import demo_load as demo
from desk_gui.services.context import Context
from desk_gui.services.demo_data import DEPARTMENTS, PEOPLE, SCENARIOS
from desk_gui.services.demo_load import generate_demo
from desk_gui.services.queue import QueueFilter, QueueService
from desk_gui.services.reminders import ReminderService
from desk_gui.store import schema, search
from desk_gui.store.database import close_database, open_database, write_transaction
from desk_gui.store.models import Staff, Ticket
from tests.raw_sql import file_rows as _rows

ANCHOR = datetime(2024, 6, 28, 17, 0)
TABLES = ("ticket", "log_entry", "daily_sequence", "staff")


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        out = {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in TABLES}
        out["fts"] = conn.execute("SELECT rowid, * FROM ticket_fts ORDER BY rowid").fetchall()
        # Contentless: the indexed values are in the saved copies.
        out["fts_doc"] = conn.execute("SELECT id, doc FROM ticket_fts_doc ORDER BY id").fetchall()
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
    written = _dump(path)["fts_doc"]
    open_database(path)
    try:
        with write_transaction():
            assert search.rebuild_index() == 300
    finally:
        close_database()
    assert written == _dump(path)["fts_doc"]
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


# -- what the demo shows: a healthy desk at any size ------------------------------------------

WEDNESDAY = datetime(2024, 6, 26, 11, 0)  # mid-morning, business hours


@dataclass
class DeskPicture:
    """What a supervisor sees at ``now``, measured through the services the window uses."""

    tickets: int
    closed: int
    open: int
    overdue: int
    unassigned: int
    loads: dict[str, int]
    reminders: dict[str, int]


def desk_picture(now: datetime) -> DeskPicture:
    queue = QueueService()
    open_ = frozenset(schema.OPEN_STATUSES)
    staff = [name for (name,) in Staff.select(Staff.name).tuples()]
    return DeskPicture(
        tickets=Ticket.select().count(),
        closed=queue.count(QueueFilter(statuses=frozenset({"closed"}))),
        open=queue.count(QueueFilter(statuses=open_)),
        overdue=queue.count(QueueFilter(statuses=open_, due="overdue", now=now)),
        unassigned=queue.count(QueueFilter(statuses=open_, unassigned=True)),
        loads={n: queue.count(QueueFilter(statuses=open_, assignee=n)) for n in staff},
        reminders={n: len(ReminderService(Context(operator=n)).due(now)) for n in staff},
    )


@pytest.mark.parametrize(
    ("count", "anchor"),
    [(300, WEDNESDAY), (300, ANCHOR), (20_000, WEDNESDAY)],
    ids=["300-wednesday", "300-friday-evening", "20000-wednesday"],
)
def test_the_demo_shows_a_healthy_desk(tmp_path: Path, count: int, anchor: datetime) -> None:
    open_database(tmp_path / "demo.db")
    try:
        assert generate_demo(count, seed=5, anchor=anchor) == count
        seen = desk_picture(anchor)
    finally:
        close_database()
    assert seen.tickets == count
    # Most tickets are old and closed; the open queue is tens of tickets, not thousands.
    assert seen.closed >= 0.8 * count
    assert 10 <= seen.open <= 300, seen
    # Mostly within their deadlines: a handful overdue, a few nobody has taken yet.
    assert seen.overdue <= max(2, seen.open // 10), seen
    assert seen.unassigned <= max(3, seen.open // 4), seen
    # Loads a person can carry, reminders a person can read.
    assert max(seen.loads.values()) <= 30, seen.loads
    assert max(seen.reminders.values()) <= 30, seen.reminders
    assert sum(seen.loads.values()) + seen.unassigned == seen.open


def test_priorities_and_call_times_look_like_a_desk(tmp_path: Path) -> None:
    """P1 (an outage) is rare, and calls do not pile up on the minute the demo is made."""
    open_database(tmp_path / "demo.db")
    try:
        generate_demo(3000, seed=5, anchor=WEDNESDAY)
        p1 = Ticket.select().where(Ticket.priority == "p1").count()
        p1_open = (
            Ticket.select()
            .where(Ticket.priority == "p1", Ticket.status.in_(("pending", "in_progress")))
            .count()
        )
        per_minute = Counter(t.submitted_at for t in Ticket.select(Ticket.submitted_at))
    finally:
        close_database()
    assert 0 < p1 <= 0.08 * 3000
    assert p1_open <= 5
    assert max(per_minute.values()) <= 3, per_minute.most_common(3)


def test_tiny_demo_is_still_a_calm_desk(tmp_path: Path) -> None:
    open_database(tmp_path / "demo.db")
    try:
        generate_demo(20, seed=5, anchor=WEDNESDAY)
        seen = desk_picture(WEDNESDAY)
    finally:
        close_database()
    assert 1 <= seen.open <= 10 and seen.overdue <= 1, seen


def test_descriptions_fit_their_requester_and_department(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    _demo(path, 2000)
    by_title = {sc.title: sc for sc in SCENARIOS}
    people = {(p.name, p.department, p.contact): p for p in PEOPLE}
    query = "SELECT title, description, department, requester, contact FROM ticket"
    for title, description, department, requester, contact in _rows(path, query):
        sc = by_title[title]
        assert description == sc.description
        person = people.get((requester, department, contact))
        assert person is not None, (requester, department, contact)
        assert person.lang == sc.lang, (title, requester)
        assert not sc.departments or department.startswith(sc.departments), (title, department)
    # No description names a department other than the ticket's own.
    zh_departments = {d.split("/")[0] for d in DEPARTMENTS if "/" in d and not d.isascii()}
    for sc in SCENARIOS:
        named = {
            d for d in zh_departments if d in sc.description or d[:-1] + "室" in sc.description
        }
        assert named <= {d for d in sc.departments}, (sc.title, named)
