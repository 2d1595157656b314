"""The command line on a share that is missing, unreadable or failing: one plain line, no
traceback, a non-zero exit, and nothing created where the share should be."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desk_gui.store.database import close_database, open_database
from desk_gui.store.errors import DatabaseUnreachable
from tests.faults.share import ROOT, FaultyShare

UNREACHABLE = DatabaseUnreachable().message("en").split(":")[0]  # "The database cannot be reached"


@pytest.fixture(autouse=True)
def _workstation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_gui", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )


def _plain_failure(done: subprocess.CompletedProcess[str], phrase: str) -> None:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert phrase in lines[0], lines[0]


def _verbs(db: Path, tmp: Path) -> dict[str, tuple[str, ...]]:
    sheet = tmp / "old.csv"
    header = "问题编号,问题标题,所属部门/区域,问题描述,紧急程度,提交人,联系方式,提交时间"
    row = ",打印机卡纸,财务部,二楼打印机卡纸报错E3，已取出纸张仍报错,中,王芳,内线6021,2024-06-03 09:00"
    sheet.write_text(f"{header}\n{row}\n", encoding="utf-8-sig")
    return {
        "print": ("print", "--db", str(db), "IT20240603001", "--pdf", str(tmp / "out.pdf")),
        "export": ("export", "--db", str(db), "-o", str(tmp / "out.xlsx")),
        "export-csv": ("export", "--db", str(db), "-o", str(tmp / "out.csv")),
        "import": ("import", "--db", str(db), str(sheet), "--operator", "王五"),
        "import-dry": ("import", "--db", str(db), str(sheet), "--dry-run"),
        "check": ("check", "--db", str(db)),
        "backup": ("backup", "--db", str(db), str(tmp / "copy.db")),
    }


@pytest.mark.parametrize(
    "verb", ["print", "export", "export-csv", "import", "import-dry", "check", "backup"]
)
@pytest.mark.parametrize("where", ["missing file", "empty file"])
def test_no_verb_but_demo_creates_a_database_where_the_share_should_be(
    tmp_path: Path, verb: str, where: str
) -> None:
    mount = tmp_path / "mnt" / "share"  # an unmounted share: an empty folder
    mount.mkdir(parents=True)
    db = mount / "desk.db"
    if where == "empty file":
        db.touch()
    done = desk(*_verbs(db, tmp_path)[verb])
    _plain_failure(done, UNREACHABLE)
    assert sorted(p.name for p in mount.iterdir()) == (["desk.db"] if where == "empty file" else [])
    if where == "empty file":
        assert db.stat().st_size == 0
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "copy.db").exists()


def test_demo_still_creates_one(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    done = desk("demo", "--db", str(db), "--tickets", "3", "--quiet")
    assert done.returncode == 0, done.stderr
    assert db.stat().st_size > 0


def _desk_file(tmp: Path) -> Path:
    db = tmp / "desk.db"
    open_database(db)
    close_database()
    return db


def test_check_of_a_schema_version_that_is_not_a_number(tmp_path: Path) -> None:
    db = _desk_file(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = 'seven' WHERE key = 'schema_version'")
    conn.close()
    done = desk("check", "--db", str(db))
    _plain_failure(done, "schema version 'seven' is not a number")


def test_check_of_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"PK\x03\x04 a spreadsheet, not a database " * 50)
    _plain_failure(desk("check", "--db", str(junk)), "not a database")


@pytest.mark.parametrize(
    ("fault", "phrase"),
    [("eio", "read/write error"), ("eacces", "permission")],
)
def test_check_of_a_file_that_cannot_be_read(tmp_path: Path, fault: str, phrase: str) -> None:
    share = FaultyShare(tmp_path)
    db = _desk_file(share.dir)
    share.set(fault)
    _plain_failure(desk("check", "--db", str(db), env=share.env()), phrase)
    share.set("ok")
    done = desk("check", "--db", str(db), env=share.env())
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr
