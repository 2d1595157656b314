"""Worker processes for the multi-process storage tests: ``python -m tests.store._workers``.

Each worker opens the file exactly as the program does (``open_database``) and writes the way
the services will: the DailySequence row and the Ticket insert in one BEGIN IMMEDIATE transaction.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

from desk_gui.store import log_append, search
from desk_gui.store.database import close_database, fetch_all, open_database, write_transaction
from desk_gui.store.models import DailySequence, Ticket

DAY_KEY = "IT20261121"


def create_ticket(text: str = "", log_lines: int = 0) -> str:
    """Number and insert one ticket (plus log lines) in one write transaction."""
    with write_transaction():
        DailySequence.insert(day_key=DAY_KEY, last=0).on_conflict_ignore().execute()
        DailySequence.update(last=DailySequence.last + 1).where(
            DailySequence.day_key == DAY_KEY
        ).execute()
        seq = DailySequence.get_by_id(DAY_KEY).last
        number = f"{DAY_KEY}{seq:03d}"
        now = datetime.now()
        ticket = Ticket.create(
            number=number,
            title=f"打印机 {text}"[:64],
            department="财务部",
            description=f"description {number}",
            urgency="high",
            requester="小明",
            contact="内线8888",
            submitted_at=now,
            category="hardware",
            impact="individual",
            priority="p3",
        )
        for i in range(log_lines):
            log_append.append(ticket.id, now, "w", "note", f"step {i}", None)
        search.reindex_ticket(ticket.id)
    return number


def run_create(path: str, count: int) -> None:
    """Create ``count`` tickets, printing each committed number, then the longest wait."""
    open_database(path)
    worst = 0.0
    for _ in range(count):
        start = time.monotonic()
        number = create_ticket()
        worst = max(worst, time.monotonic() - start)
        print(number, flush=True)
    close_database()
    print(f"worst {worst:.3f}", flush=True)


def run_writer(path: str, ack: str) -> None:
    """Write tickets forever, appending each committed number to ``ack`` (until killed)."""
    open_database(path)
    with Path(ack).open("a", encoding="utf-8") as out:
        while True:
            number = create_ticket("kill", log_lines=3)
            out.write(number + "\n")
            out.flush()


def run_race(path: str, ticket_id: int, rounds: int) -> None:
    """Read-then-conditionally-update a counter; print the version each win was based on."""
    open_database(path)
    for _ in range(rounds):
        version, counter = fetch_all(
            "SELECT version, escalation_count FROM ticket WHERE id = ?", (ticket_id,)
        )[0]
        with write_transaction() as db:
            cursor = db.execute_sql(
                "UPDATE ticket SET escalation_count = ?, version = version + 1 "
                "WHERE id = ? AND version = ?",
                (counter + 1, ticket_id, version),
            )
            won = cursor.rowcount == 1
        if won:
            print(version, flush=True)
    close_database()


def run_busy(path: str, seconds: float) -> None:
    """Write tickets for ``seconds`` (load for the backup test)."""
    open_database(path)
    end = time.monotonic() + seconds
    print("started", flush=True)
    while time.monotonic() < end:
        create_ticket("busy", log_lines=2)
    close_database()


def run_append(path: str, tickets: int, rounds: int) -> None:
    """Log a line on each of tickets 1..``tickets`` in turn, ``rounds`` times (chain contention)."""
    open_database(path)
    for r in range(rounds):
        for ticket_id in range(1, tickets + 1):
            with write_transaction():
                log_append.append(ticket_id, datetime.now(), f"w{path[-5:]}", "note", f"r{r}", None)
    close_database()


def main(argv: list[str]) -> None:
    """Dispatch on the first argument."""
    mode, path, *rest = argv
    if mode == "create":
        run_create(path, int(rest[0]))
    elif mode == "writer":
        run_writer(path, rest[0])
    elif mode == "race":
        run_race(path, int(rest[0]), int(rest[1]))
    elif mode == "busy":
        run_busy(path, float(rest[0]))
    elif mode == "append":
        run_append(path, int(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
