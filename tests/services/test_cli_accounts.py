"""The accounts command line as a user runs it: real processes, passwords on standard input."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ADMIN_PW, AGENT_PW, SUPER_PW = "admin-pass-1", "agent-pass-1", "super-pass-1"


@pytest.fixture(autouse=True)
def _workstation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def desk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_gui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )


def ok(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A demo file with an administrator, a supervisor and an agent."""
    db = tmp_path / "desk.db"
    ok(desk("demo", "--db", str(db), "--tickets", "30", "--quiet"))
    ok(
        desk(
            "staff",
            "add",
            "--db",
            str(db),
            "--name",
            "王管理",
            "--role",
            "admin",
            stdin=ADMIN_PW + "\n",
        )
    )
    for name, role, pw in (("周主管", "supervisor", SUPER_PW), ("李坐席", "agent", AGENT_PW)):
        ok(
            desk(
                "staff",
                "add",
                "--db",
                str(db),
                "--name",
                name,
                "--role",
                role,
                "--user",
                "王管理",
                stdin=f"{pw}\n{ADMIN_PW}\n",
            )
        )
    return db


def test_first_account_needs_no_user_later_ones_an_administrator(office: Path) -> None:
    db = str(office)
    refused = desk(
        "staff", "add", "--db", db, "--name", "黑客", "--role", "admin", stdin="hack-pass-1\n"
    )
    assert refused.returncode != 0 and "--user" in refused.stderr
    wrong = desk(
        "staff", "add", "--db", db, "--name", "黑客", "--role", "admin", "--user", "王管理",
        stdin="hack-pass-1\nnot-the-password\n",
    )  # fmt: skip
    assert wrong.returncode != 0 and "password" in wrong.stderr.lower()
    by_agent = desk(
        "staff", "add", "--db", db, "--name", "黑客", "--role", "admin", "--user", "李坐席",
        stdin=f"hack-pass-1\n{AGENT_PW}\n",
    )  # fmt: skip
    assert by_agent.returncode != 0 and "administrator" in by_agent.stderr
    listed = ok(desk("staff", "list", "--db", db)).stdout
    assert "王管理\tadmin" in listed and "李坐席\tagent" in listed and "黑客" not in listed


def test_data_verbs_need_a_user_and_a_role_that_allows(office: Path, tmp_path: Path) -> None:
    db, out = str(office), str(tmp_path / "out.csv")
    bare = desk("export", "--db", db, "-o", out, "--lang", "en")
    assert bare.returncode != 0 and "--user" in bare.stderr and not Path(out).exists()
    unmasked = desk("export", "--db", db, "-o", out, "--no-mask", "--user", "李坐席", "--lang", "en",
                    stdin=AGENT_PW + "\n")  # fmt: skip
    assert unmasked.returncode != 0 and "your role is agent" in unmasked.stderr
    assert not Path(out).exists()
    ok(desk("export", "--db", db, "-o", out, "--user", "李坐席", stdin=AGENT_PW + "\n"))
    ok(
        desk(
            "export", "--db", db, "-o", out, "--no-mask", "--user", "周主管", stdin=SUPER_PW + "\n"
        )
    )
    pdf = str(tmp_path / "w.pdf")
    noprint = desk("print", "--db", db, "--pdf", pdf, "--blank", "--no-mask", "--lang", "en")
    assert noprint.returncode != 0 and "--user" in noprint.stderr


def test_staff_reset_disable_and_the_audit_verb(office: Path, tmp_path: Path) -> None:
    db = str(office)
    ok(desk("staff", "reset", "--db", db, "--name", "李坐席", "--user", "王管理",
            stdin=f"temporary-9\n{ADMIN_PW}\n"))  # fmt: skip
    ok(
        desk(
            "staff",
            "disable",
            "--db",
            db,
            "--name",
            "李坐席",
            "--user",
            "王管理",
            stdin=ADMIN_PW + "\n",
        )
    )
    out = str(tmp_path / "x.csv")
    gone = desk(
        "export", "--db", db, "-o", out, "--user", "李坐席", "--lang", "en", stdin="temporary-9\n"
    )
    assert gone.returncode != 0 and "disabled" in gone.stderr
    agent_audit = desk("audit", "--db", db, "--user", "周主管", "--lang", "en", stdin="wrong\n")
    assert agent_audit.returncode != 0
    trail = tmp_path / "audit.csv"
    ok(
        desk(
            "audit",
            "--db",
            db,
            "-o",
            str(trail),
            "--user",
            "周主管",
            "--lang",
            "en",
            stdin=SUPER_PW + "\n",
        )
    )
    with trail.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    actions = [(r["action"], r["desk user"], r["ok"]) for r in rows]
    assert ("password reset", "王管理", "yes") in actions
    assert ("account disabled", "王管理", "yes") in actions
    assert ("failed sign-in", "周主管", "no") in actions
    assert all(r["windows account"] and r["workstation"] for r in rows)
