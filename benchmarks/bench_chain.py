"""Handling-log hash chain: the schema-9 migration and ``check``, against raw baselines.

Usage: python benchmarks/bench_chain.py --db /tmp/deskbench/v8-100000.db [--work /tmp/deskbench/chain]

``--db`` is a demo file, copied, never changed: at the schema before the chain (e.g. written by
an older checkout: ``PYTHONPATH=… python -m desk_gui demo --db … --tickets 100000``) or at the
latest one, whose copy then has the chain column dropped and the version stamped one back.
Rows, each beside a baseline measured in the same run:
- the migration step alone (filling every line's value in one UPDATE) vs the same UPDATE
  writing a constant 32-byte value (the I/O without the hashing);
- opening the old file (backup copy + migration) vs the backup copy alone;
- verifying the chain vs reading the same columns of every line in id order;
- the whole ``check`` (integrity check, search index, chain) vs ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from desk_gui.store import log_chain, schema
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, make_sqlite_database, open_database
from desk_gui.store.migrations import MIGRATIONS
from desk_gui.store.sqlite_file import connect_file, copy_database_file


def clock(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def row(name: str, secs: float, base: float, base_name: str) -> None:
    print(
        f"  {name:<44} {secs:8.2f} s   baseline {base:7.2f} s ({base_name})   ×{secs / base:5.2f}",
        flush=True,
    )


def _step_only(path: Path, fill: Callable[[object], None]) -> float:
    """The chain column added and filled on ``path`` (guard lifted), in one transaction."""
    db = make_sqlite_database(path)
    db.connect()
    try:
        with db.atomic():
            db.execute_sql('ALTER TABLE "log_entry" ADD COLUMN "chain" BLOB')
            db.execute_sql('DROP TRIGGER "log_entry_no_update"')
            secs = clock(lambda: fill(db))
            db.execute_sql(schema.SQLITE_LOG_TRIGGERS[0])
        return secs
    finally:
        db.close()


def _constant(db: object) -> None:
    db.execute_sql('UPDATE "log_entry" SET "chain" = zeroblob(32)')  # type: ignore[attr-defined]


def _raw_scan(path: Path) -> None:
    conn = connect_file(path, readonly=True)
    try:
        for _ in conn.execute(f"SELECT {log_chain.COLUMNS} FROM log_entry ORDER BY id"):
            pass
    finally:
        conn.close()


def _chain_only(path: Path) -> None:
    conn = connect_file(path, readonly=True)
    try:
        assert log_chain.check_sqlite(conn) == []
    finally:
        conn.close()


def _integrity(path: Path) -> None:
    conn = connect_file(path, readonly=True)
    try:
        conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def _one_step_back(src: Path, dest: Path) -> None:
    """``src`` as it was before the chain, in ``dest``."""
    shutil.copyfile(src, dest)
    conn = sqlite3.connect(dest)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(log_entry)")}
    if "chain" in columns:
        conn.execute('ALTER TABLE "log_entry" DROP COLUMN "chain"')
        step = MIGRATIONS[-1].version  # this bench measures the last step: the chain's
        conn.execute(f"UPDATE meta SET value = '{step - 1}' WHERE key = 'schema_version'")
        conn.commit()
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/deskbench/chain"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    source = args.work / "source.db"
    _one_step_back(args.db, source)
    conn = sqlite3.connect(source)
    lines = conn.execute("SELECT count(*) FROM log_entry").fetchone()[0]
    tickets = conn.execute("SELECT count(*) FROM ticket").fetchone()[0]
    conn.close()
    print(f"\n== hash chain: {tickets:,} tickets, {lines:,} log lines ==", flush=True)

    a, b = args.work / "step.db", args.work / "const.db"
    shutil.copyfile(source, a)
    shutil.copyfile(source, b)
    step = _step_only(a, log_chain.fill_sqlite)  # type: ignore[arg-type]
    const = _step_only(b, _constant)
    row("migration step (fill every line's value)", step, const, "UPDATE of a constant blob")

    old = args.work / "old.db"
    shutil.copyfile(source, old)
    backup = args.work / "backup-copy.db"
    copy = clock(lambda: copy_database_file(old, backup))
    backup.unlink()
    whole = clock(lambda: open_database(old, backup_dir=args.work))
    close_database()
    row("open the old file (backup + migration)", whole, copy, "the backup copy alone")

    scan = clock(lambda: _raw_scan(old))
    verify = clock(lambda: _chain_only(old))
    row("verify the chain", verify, scan, "reading the same columns")
    integrity = clock(lambda: _integrity(old))
    full = clock(lambda: check_database(old))
    row("desk-gui check (all of it)", full, integrity, "PRAGMA integrity_check")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:.0f} MB", flush=True)
    for leftover in args.work.glob("*.db"):
        leftover.unlink()


if __name__ == "__main__":
    main()
