"""The command line as a user runs it: real processes on real files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

ANCHOR = "2024-06-28T17:00"


def desk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_gui", *args], capture_output=True, text=True, timeout=300
    )


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_demo_is_deterministic_and_covers_the_domain(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path in (a, b):
        done = desk(
            "demo", "--db", str(path), "--tickets", "600", "--seed", "7", "--anchor", ANCHOR
        )
        assert done.returncode == 0, done.stderr
    query = "SELECT number, title, status, priority, assignee, submitted_at FROM ticket ORDER BY id"
    assert rows(a, query) == rows(b, query)
    assert len(rows(a, query)) == 600
    assert {r[0] for r in rows(a, "SELECT DISTINCT category FROM ticket")} == {
        "hardware",
        "software",
        "network",
        "permission",
        "other",
    }
    assert {r[0] for r in rows(a, "SELECT DISTINCT priority FROM ticket")} == {
        "p1",
        "p2",
        "p3",
        "p4",
    }
    assert {r[0] for r in rows(a, "SELECT DISTINCT status FROM ticket")} == {
        "pending",
        "in_progress",
        "resolved",
        "closed",
    }
    kinds = {r[0] for r in rows(a, "SELECT DISTINCT kind FROM log_entry")}
    assert {"escalate", "feedback", "close", "resolve"} <= kinds
    # Generated lines carry English (wholly English where no typed text is quoted in them).
    english = rows(a, "SELECT kind, count(*), count(text_en) FROM log_entry GROUP BY kind")
    assert all(
        (n == 0) if kind in ("note", "progress") else (n == total) for kind, total, n in english
    )
    fixed = "('created', 'status', 'tier', 'feedback', 'close')"
    en = [r[0] for r in rows(a, f"SELECT DISTINCT text_en FROM log_entry WHERE kind IN {fixed}")]
    assert en and not [t for t in en if any("\u4e00" <= c <= "\u9fff" for c in t)]
    # Gap-free daily numbers: every day's sequence is 1..n.
    per_day = rows(
        a,
        "SELECT substr(number, 3, 8), count(*), max(CAST(substr(number, 11) AS INT)) FROM ticket GROUP BY 1",
    )
    assert all(count == top for _, count, top in per_day)
    assert desk("check", "--db", str(a)).returncode == 0


def test_check_and_backup(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert desk("demo", "--db", str(db), "--tickets", "50", "--anchor", ANCHOR).returncode == 0
    copy = tmp_path / "backup" / "copy.db"
    copy.parent.mkdir()
    done = desk("backup", "--db", str(db), str(copy))
    assert done.returncode == 0, done.stderr
    assert rows(copy, "SELECT count(*) FROM ticket") == [(50,)]
    assert desk("check", "--db", str(copy)).stdout.strip().endswith("ok")


def test_bad_files_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database " * 100)
    for args in (
        ("check", "--db", str(junk)),
        ("check", "--db", str(tmp_path / "missing.db")),
        ("demo", "--db", str(tmp_path / "no" / "such" / "dir" / "x.db"), "--tickets", "1"),
        ("demo", "--db", str(junk), "--tickets", "1"),
    ):
        done = desk(*args)
        assert done.returncode != 0, args
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stderr.strip(), args


def test_every_demo_scenario_passes_intake_validation() -> None:
    from datetime import datetime

    from desk_gui.domain.enums import Category, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft
    from desk_gui.domain.validation import validate_draft
    from desk_gui.services.demo_data import CONTACTS, DEPARTMENTS, REQUESTERS, SCENARIOS

    now = datetime(2024, 6, 1, 10, 0)
    for sc in SCENARIOS:
        draft = TicketDraft(
            title=sc.title,
            department=DEPARTMENTS[0],
            description=sc.description,
            category=Category(sc.category),
            urgency=Urgency.LOW,
            impact=Impact.INDIVIDUAL,
            requester=REQUESTERS[0],
            contact=CONTACTS[0],
        )
        assert validate_draft(draft, now) == [], sc.title
