"""Several processes on one file: numbering, crash safety and the conditional update."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import peewee as pw
import pytest

from desk_gui.store.backup import check_database
from desk_gui.store.database import (
    close_database,
    fetch_all,
    make_sqlite_database,
    open_database,
    write_transaction,
)
from desk_gui.store.models import Ticket
from tests.conftest import TicketFactory

ROOT = Path(__file__).resolve().parents[2]


def _spawn(*args: object, stdout: int | None = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store._workers", *map(str, args)],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
    )


def _numbers(path: Path) -> list[str]:
    open_database(path)
    try:
        return [str(r[0]) for r in fetch_all("SELECT number FROM ticket ORDER BY id")]
    finally:
        close_database()


@pytest.mark.slow
def test_sixteen_processes_number_gap_free(db_path: Path) -> None:
    # No file yet: the sixteen also race to create the schema.
    procs = [_spawn("create", db_path, 100) for _ in range(16)]
    acknowledged: list[str] = []
    worst = 0.0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert err == ""
        *numbers, last = out.splitlines()
        acknowledged.extend(numbers)
        worst = max(worst, float(last.removeprefix("worst ")))
    print(f"longest create under 16-way contention: {worst:.2f} s")
    assert len(acknowledged) == 1600
    assert sorted(acknowledged) == sorted(_numbers(db_path))
    assert sorted(int(a.removeprefix("IT20261121")) for a in acknowledged) == list(range(1, 1601))
    assert check_database(db_path) == []


@pytest.mark.slow
def test_sigkill_mid_transaction_keeps_file_healthy(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path)
    close_database()
    rnd = random.Random(7)
    acks = []
    for rnd_no in range(5):
        round_acks = [tmp_path / f"ack-{rnd_no}-{i}.txt" for i in range(4)]
        acks.extend(round_acks)
        procs = [_spawn("writer", db_path, ack, stdout=subprocess.DEVNULL) for ack in round_acks]
        # Kill once they are writing (a busy machine starts them slowly), at a random moment.
        started = time.monotonic()
        while not any(a.exists() and a.read_text().strip() for a in round_acks):
            assert time.monotonic() - started < 120, "no writer committed within two minutes"
            time.sleep(0.02)
        time.sleep(rnd.random() * 0.8)
        for proc in procs:
            time.sleep(rnd.random() * 0.05)
            os.kill(proc.pid, signal.SIGKILL)
        for proc in procs:
            proc.wait(timeout=30)
            assert proc.returncode == -signal.SIGKILL
    acknowledged = {line for ack in acks if ack.exists() for line in ack.read_text().split()}
    assert acknowledged, "the writers never committed"
    stored = _numbers(db_path)
    assert acknowledged <= set(stored)
    seqs = sorted(int(n.removeprefix("IT20261121")) for n in stored)
    assert seqs == list(range(1, len(seqs) + 1))  # rolled-back numbers were not consumed
    assert check_database(db_path) == []


@pytest.mark.slow
def test_conditional_update_has_one_winner_per_version(
    make_ticket: TicketFactory, db_path: Path
) -> None:
    ticket = make_ticket()
    close_database()
    rounds = 40
    procs = [_spawn("race", db_path, ticket.id, rounds) for _ in range(4)]
    based_on: list[int] = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        based_on.extend(int(v) for v in out.split())
    assert len(based_on) == len(set(based_on))  # no version was won twice
    open_database(db_path)
    version, counter = fetch_all(
        "SELECT version, escalation_count FROM ticket WHERE id = ?", (ticket.id,)
    )[0]
    assert counter == len(based_on) == version - 1  # no lost update
    # A win spoils at most the three other pending reads, so wins >= attempts / 4.
    assert len(based_on) >= rounds


def test_conditional_update_two_connections(make_ticket: TicketFactory, db_path: Path) -> None:
    ticket = make_ticket()
    first, second = make_sqlite_database(db_path), make_sqlite_database(db_path)
    try:
        read = [
            d.execute_sql("SELECT version FROM ticket WHERE id = ?", (ticket.id,)).fetchone()[0]
            for d in (first, second)
        ]
        assert read == [1, 1]
        counts = []
        for d, title in ((first, "one"), (second, "two")):
            with d.atomic():
                cursor = d.execute_sql(
                    "UPDATE ticket SET title = ?, version = version + 1 WHERE id = ? AND version = ?",
                    (title, ticket.id, read[0]),
                )
                counts.append(cursor.rowcount)
        assert counts == [1, 0]
        row = Ticket.select(Ticket.title, Ticket.version).where(Ticket.id == ticket.id).get()
        assert (row.title, row.version) == ("one", 2)
    finally:
        first.close()
        second.close()


def test_begin_immediate_is_issued(db: pw.Database) -> None:
    statements: list[str] = []
    db.connection().set_trace_callback(statements.append)
    with write_transaction():
        db.execute_sql("SELECT 1")
    db.connection().set_trace_callback(None)
    assert [s for s in statements if not s.startswith("PRAGMA")] == [
        "BEGIN IMMEDIATE",
        "SELECT 1",
        "COMMIT",
    ]
