"""Reminders: what is due when (business hours, 调休), claims once per person, snoozes persist."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from desk_gui.domain.enums import Impact, Tier, Urgency
from desk_gui.domain.reminders import ReminderKind
from desk_gui.services.context import Context
from desk_gui.services.reminders import ReminderService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database

from .conftest import Clock, make_draft

ROOT = Path(__file__).resolve().parents[2]
P2 = {"impact": Impact.INDIVIDUAL, "urgency": Urgency.HIGH}
P3 = {"impact": Impact.INDIVIDUAL, "urgency": Urgency.MEDIUM}


def _service(clock: Clock, operator: str = "李工程师", ws: str = "PC-1") -> ReminderService:
    return ReminderService(Context(operator=operator, workstation=ws, clock=clock))


def _kinds(service: ReminderService) -> list[tuple[str, ReminderKind, datetime]]:
    return [(r.number, r.kind, r.due_at) for r in service.poll().pending]


def test_response_due_shows_fifteen_minutes_ahead_and_goes_when_taken(
    desk: WorkflowService, clock: Clock
) -> None:
    rec = desk.create(make_draft(**P2))  # Monday 09:15: respond by 11:15, resolve by 13:15
    reminders = _service(clock)
    assert _kinds(reminders) == []
    clock.now = datetime(2024, 5, 6, 10, 59)
    assert _kinds(reminders) == []
    clock.now = datetime(2024, 5, 6, 11, 0)
    assert _kinds(reminders) == [(rec.number, ReminderKind.RESPOND, datetime(2024, 5, 6, 11, 15))]
    desk.take(rec.id, rec.version)
    assert _kinds(reminders) == []
    clock.now = datetime(2024, 5, 6, 13, 0)
    due = _kinds(reminders)
    assert (rec.number, ReminderKind.RESOLVE, datetime(2024, 5, 6, 13, 15)) in due
    assert (rec.number, ReminderKind.UPDATE, datetime(2024, 5, 6, 13, 15)) in due


def test_business_days_skip_the_weekend_but_not_a_tiaoxiu_saturday(
    desk: WorkflowService, clock: Clock
) -> None:
    # Friday 2024-05-10 16:00, P3: one business day to respond. Saturday 05-11 is a 调休
    # working day in China, so the hour left on Friday plus 7 h on Saturday: 16:00 Saturday.
    clock.now = datetime(2024, 5, 10, 16, 0)
    rec = desk.create(make_draft(**P3))
    assert rec.respond_due == datetime(2024, 5, 11, 16, 0)
    # A progress update is owed once open 4 business hours: Saturday 12:00.
    reminders = _service(clock)
    clock.now = datetime(2024, 5, 10, 23, 0)
    assert _kinds(reminders) == []
    clock.now = datetime(2024, 5, 11, 11, 45)
    assert [(k, d) for _, k, d in _kinds(reminders)] == [
        (ReminderKind.UPDATE, datetime(2024, 5, 11, 12, 0))
    ]
    clock.now = datetime(2024, 5, 11, 15, 45)
    assert [k for _, k, _ in _kinds(reminders)] == [ReminderKind.UPDATE, ReminderKind.RESPOND]


def test_only_own_and_unassigned_tickets_remind(
    desk: WorkflowService, other: WorkflowService, clock: Clock
) -> None:
    mine = desk.create(make_draft(**P2))
    theirs = other.take(*_pair(other.create(make_draft(**P2))))
    nobody = desk.create(make_draft(**P2))
    clock.now = datetime(2024, 5, 6, 13, 10)
    numbers = {n for n, _, _ in _kinds(_service(clock))}
    assert numbers == {mine.number, nobody.number}
    assert theirs.number in {n for n, _, _ in _kinds(_service(clock, "张三", "PC-2"))}


def test_waiting_ticket_owes_nothing(desk: WorkflowService, clock: Clock) -> None:
    rec = desk.take(*_pair(desk.create(make_draft(**P2))))
    desk.start_wait(rec.id, rec.version, _vendor(), "供应商张经理")
    clock.now = datetime(2024, 5, 6, 16, 0)
    assert _kinds(_service(clock)) == []


def test_thirty_minute_rule_prompts_escalation_until_escalated(
    desk: WorkflowService, clock: Clock
) -> None:
    rec = desk.create(make_draft(**P2))
    clock.now = datetime(2024, 5, 6, 9, 20)
    rec = desk.take(rec.id, rec.version)
    reminders = _service(clock)
    clock.now = datetime(2024, 5, 6, 9, 49)
    assert ReminderKind.ESCALATE not in [k for _, k, _ in _kinds(reminders)]
    clock.now = datetime(2024, 5, 6, 9, 50)
    assert (rec.number, ReminderKind.ESCALATE, datetime(2024, 5, 6, 9, 50)) in _kinds(reminders)
    desk.escalate(rec.id, rec.version, Tier.L2, "30分钟内无法解决", "已重启服务", "赵工")
    assert ReminderKind.ESCALATE not in [k for _, k, _ in _kinds(reminders)]


def test_thirty_minutes_count_in_business_time(desk: WorkflowService, clock: Clock) -> None:
    clock.now = datetime(2024, 5, 6, 16, 50)
    rec = desk.take(*_pair(desk.create(make_draft(**P3))))
    reminders = _service(clock)
    clock.now = datetime(2024, 5, 6, 18, 0)
    assert ReminderKind.ESCALATE not in [k for _, k, _ in _kinds(reminders)]
    clock.now = datetime(2024, 5, 7, 9, 20)
    assert (rec.number, ReminderKind.ESCALATE, datetime(2024, 5, 7, 9, 20)) in _kinds(reminders)


def test_claimed_once_then_listed_quietly_and_acknowledged(
    desk: WorkflowService, clock: Clock
) -> None:
    desk.create(make_draft(**P2))
    clock.now = datetime(2024, 5, 6, 11, 0)
    first, second = _service(clock, ws="PC-1"), _service(clock, ws="PC-7")
    a, b = first.poll(), second.poll()
    assert len(a.fresh) == 1 and b.fresh == [] and len(b.pending) == 1
    assert first.poll().fresh == []
    colleague = _service(clock, "张三", "PC-2").poll()  # unassigned: everyone, once each
    assert len(colleague.fresh) == 1
    second.acknowledge(b.pending[0].key)
    assert first.poll().pending == [] and len(_service(clock, "张三").poll().pending) == 1


def test_snooze_persists_across_a_restart(
    db_path: Path, desk: WorkflowService, clock: Clock
) -> None:
    desk.create(make_draft(**P2))
    clock.now = datetime(2024, 5, 6, 11, 0)
    reminders = _service(clock)
    key = reminders.poll().pending[0].key
    until = reminders.snooze_for(key, timedelta(hours=1))
    assert until == datetime(2024, 5, 6, 12, 0)
    close_database()
    open_database(db_path)
    again = _service(clock, ws="PC-3")
    clock.now = datetime(2024, 5, 6, 11, 59)
    assert again.poll().pending == []
    clock.now = datetime(2024, 5, 6, 12, 0)
    woke = again.poll()
    assert [r.key for r in woke.pending] == [key] and [r.key for r in woke.fresh] == [key]
    assert again.poll().fresh == []


def test_snooze_until_tomorrow_skips_to_the_next_opening(
    desk: WorkflowService, clock: Clock
) -> None:
    clock.now = datetime(2024, 4, 30, 14, 40)  # the eve of the 5-day Labour Day holiday
    desk.create(make_draft(**P2))
    clock.now = datetime(2024, 4, 30, 16, 30)
    reminders = _service(clock)
    key = reminders.poll().pending[0].key
    assert reminders.snooze_until_tomorrow(key) == datetime(2024, 5, 6, 9, 0)


def test_two_processes_claim_each_reminder_once_per_operator(
    db_path: Path, desk: WorkflowService, clock: Clock, tmp_path: Path
) -> None:
    for _ in range(12):
        desk.create(make_draft(**P2))
    close_database()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.services._reminder_worker", str(db_path), op, ws],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for op, ws in (("张三", "PC-1"), ("张三", "PC-2"), ("王五", "PC-3"), ("王五", "PC-4"))
    ]
    claims: list[tuple[str, str]] = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        claims.extend((line.split("\t")[0], line.split("\t")[1]) for line in out.splitlines())
    open_database(db_path)
    per_operator: dict[str, list[str]] = {"张三": [], "王五": []}
    for operator, key in claims:
        per_operator[operator].append(key)
    for keys in per_operator.values():
        assert len(keys) == 12 and len(set(keys)) == 12
    assert json.loads(per_operator["张三"][0])["kind"] == "respond"


def _pair(rec: object) -> tuple[int, int]:
    return rec.id, rec.version  # type: ignore[attr-defined]


def _vendor() -> object:
    from desk_gui.domain.enums import WaitingOn

    return WaitingOn.VENDOR
