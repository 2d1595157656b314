"""The staged SQLite import: reserve, stage in a private file, publish in one short transaction."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange.importer import preview_file
from desk_gui.services import importing
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.store import rollup_sql, search, stage_file
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.import_write import write_tickets
from tests.exchange.test_import_bulk import NOW, _dump, _seed
from tests.exchange.test_import_concurrency import DAY, NUMBERED, _sheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Staging files in this test's own temporary folder (children get it through TMPDIR)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def _ctx() -> Context:
    return Context(operator="导入员", workstation="PC-9", clock=lambda: NOW)


def _save_one(title: str = "另一台工作站登记") -> str:
    rec = WorkflowService(Context(operator="另一台", workstation="PC-2")).create(
        TicketDraft(title=title, department="财务部", description="财务室打印机卡纸，三人无法打印报表",
                    category=Category.HARDWARE, urgency=Urgency.LOW, impact=Impact.INDIVIDUAL,
                    requester="老王", contact="8000",
                    submitted_at=datetime.fromisoformat(DAY).replace(hour=14)))  # fmt: skip
    return rec.number


def _stage_files() -> list[Path]:
    return sorted(stage_file.stage_dir().glob("*.stage"))


def _tickets() -> int:
    return int(fetch_all("SELECT COUNT(*) FROM ticket")[0][0])


def test_a_ticket_saved_while_staging_moves_the_staged_ids(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _seed(db)
    open_database(db)
    preview = preview_file(_sheet(tmp_path / "s.csv", 2500))
    n, theirs = len(preview.valid_rows), []

    def progress(done: int, _total: int) -> None:
        if (
            done >= 2 * n and not theirs
        ):  # half the rows staged: another workstation saves meanwhile
            theirs.append(_save_one())

    result = ImportService(_ctx()).run(preview, progress=progress)
    assert theirs and _tickets() == 1 + n + 1
    ids = [int(r[0]) for r in fetch_all("SELECT id FROM ticket ORDER BY id")]
    # The save took id 2, the import's guessed first id: its ids moved past it, leaving room.
    assert ids[:2] == [1, 2] and ids[2] > 3 and ids[2:] == list(range(ids[2], ids[2] + n))
    numbers = {str(r[0]) for r in fetch_all("SELECT number FROM ticket")}
    assert len(numbers) == n + 2 and theirs[0] not in {x for _, x in result.created}
    close_database()
    assert check_database(db) == []  # every log chain worked out again for the moved ids
    assert not _stage_files()


def test_another_import_of_the_same_sheet_meanwhile_renumbers_this_one(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _seed(db)
    open_database(db)
    sheet = _sheet(tmp_path / "s.csv", 1200)
    preview, other = preview_file(sheet), preview_file(sheet)
    n, first = len(preview.valid_rows), []

    def progress(done: int, _total: int) -> None:
        if done >= 2 * n and not first:  # the other import publishes the sheet's numbers
            first.append(ImportService(_ctx()).run(other))

    result = ImportService(_ctx()).run(preview, progress=progress)
    numbers = [str(r[0]) for r in fetch_all("SELECT number FROM ticket")]
    close_database()
    assert len(numbers) == len(set(numbers)) == 1 + 2 * n
    kept = {x for _, x in first[0].created}
    assert not kept & {x for _, x in result.created}
    assert len(result.renumbered) == min(n, NUMBERED)  # each sheet number was taken first
    assert check_database(db) == []


@pytest.mark.parametrize("at", [0.5, 0.999])
def test_a_cancel_while_staging_leaves_the_file_and_no_stage_behind(
    tmp_path: Path, at: float
) -> None:
    db = tmp_path / "x.db"
    _seed(db)
    before = _dump(db)
    open_database(db)
    preview = preview_file(_sheet(tmp_path / "s.csv", 2500))
    n = len(preview.valid_rows)

    def progress(done: int, _total: int) -> None:
        if done >= n + int(2 * n * at):
            assert _stage_files()
            raise KeyboardInterrupt("cancel")

    with pytest.raises(KeyboardInterrupt):
        ImportService(_ctx()).run(preview, progress=progress)
    close_database()
    assert _dump(db) == before  # the reserved numbers given back too
    assert not _stage_files()


@pytest.mark.slow
@pytest.mark.parametrize("at", ["stage", "publish"])
def test_a_killed_import_shows_nothing_and_the_next_import_sweeps_it(
    tmp_path: Path, at: str
) -> None:
    db, mark = tmp_path / "x.db", tmp_path / "mark"
    _seed(db)
    sheet = _sheet(tmp_path / "s.csv", 20_000)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.exchange._import_worker", str(db), str(sheet), str(mark), at],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    while not mark.exists():
        assert child.poll() is None, child.communicate()
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    left = _stage_files()
    assert [p.name.split("-")[0] for p in left] == [str(child.pid)]
    open_database(db)  # a hot journal of a killed publish is rolled back here
    assert _tickets() == 1
    assert fetch_all("SELECT COUNT(*) FROM log_entry WHERE ticket_id > 1")[0][0] == 0
    result = ImportService(_ctx()).run(preview_file(sheet))
    assert not _stage_files()  # swept: its process is gone
    assert _tickets() == 1 + len(result.created) == 1 + 20_000
    close_database()
    assert check_database(db) == []


@pytest.mark.slow
def test_a_kill_before_the_search_rows_is_finished_by_the_next_open(tmp_path: Path) -> None:
    db, mark = tmp_path / "x.db", tmp_path / "mark"
    _seed(db)
    sheet = _sheet(tmp_path / "s.csv", 3000)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.exchange._import_worker", str(db), str(sheet), str(mark),
         "index"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    while not mark.exists():
        assert child.poll() is None, child.communicate()
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()
    open_database(db)
    assert _tickets() == 1 + 3000  # published: the import happened
    assert fetch_all("SELECT COUNT(*) FROM ticket_fts_doc")[0][0] == 1
    close_database()
    workspace = Workspace.open(db, "导入员")  # finishes the search rows
    assert fetch_all("SELECT COUNT(*) FROM ticket_fts_doc")[0][0] == 1 + 3000
    assert not fetch_all("SELECT key FROM meta WHERE key LIKE 'import.%'")
    docs = fetch_all("SELECT id, doc FROM ticket_fts_doc ORDER BY id")
    search.rebuild_index()  # the finished rows are what a full rebuild writes
    assert fetch_all("SELECT id, doc FROM ticket_fts_doc ORDER BY id") == docs
    workspace.close()
    assert check_database(db) == []


def _one_transaction(*args: object, **kwargs: object) -> object:
    """Today's single-transaction write (the PostgreSQL path) with the SQLite index rows."""
    return write_tickets(*args, **kwargs)  # type: ignore[arg-type]


def _staged_and_one_transaction(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: int,
    then: Callable[[], object] | None = None,
) -> list[dict[str, list[tuple[object, ...]]]]:
    """The tables after importing one sheet of ``rows`` staged, then in one transaction (each
    into its own seeded file; ``then()`` runs after each import)."""
    sheet = _sheet(tmp_path / "s.csv", rows)
    dumps = []
    for name in ("staged", "one"):
        db = tmp_path / f"{name}.db"
        _seed(db)
        if name == "one":
            monkeypatch.setattr(importing, "stage_and_publish", _one_transaction)
        open_database(db)
        ImportService(_ctx()).run(preview_file(sheet))
        if then is not None:
            then()
        close_database()
        dumps.append(_dump(db))
    return dumps


def test_a_publish_adds_the_report_totals_at_once_and_keeps_the_trigger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publish adds the tickets' totals in grouped statements with the insert trigger off:
    the same totals as the trigger's row by row, and the trigger is back for the next save."""
    # the save after the import is counted by the trigger, which must be there again
    dumps = _staged_and_one_transaction(tmp_path, monkeypatch, 400, then=_save_one)
    assert dumps[0]["report_day"] and dumps[0]["report_value"] and dumps[0]["report_title"]
    for totals in ("report_day", "report_span", "report_value", "report_title"):
        assert dumps[0][totals] == dumps[1][totals], totals
    con = sqlite3.connect(tmp_path / "staged.db")
    try:
        found = con.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (rollup_sql.TRIGGER_NAMES[0],)
        ).fetchall()
    finally:
        con.close()
    assert found == [(rollup_sql.sqlite_triggers()[0],)]


@pytest.mark.slow
def test_a_50k_staged_import_writes_what_one_transaction_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dumps = _staged_and_one_transaction(tmp_path, monkeypatch, 50_000)
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["ticket"]) == 50_001 and len(dumps[0]["fts"]) == 50_001


def test_stale_stage_files_of_live_processes_are_kept(tmp_path: Path) -> None:
    folder = stage_file.stage_dir()
    folder.mkdir(parents=True)
    mine = folder / f"{os.getpid()}-a.stage"
    dead = folder / "999999999-b.stage"
    for path in (mine, dead):
        sqlite3.connect(path).close()
    assert stage_file.sweep_stale() == [dead]
    assert _stage_files() == [mine]
