"""File size of a demo database, by table and index, against the bytes of what it holds.

Usage: python benchmarks/bench_filesize.py --db /tmp/deskbench/demo-1000000.db
           [--old FILE] [--work /tmp/deskbench/filesize]

``--db``: a file written by this program (generated first if missing). ``--old``: a file an
earlier schema wrote (e.g. one made by an older checkout); it is copied, the copy migrated, and
the two are compared table by table and by content: every ticket value (a time as its text, whether
stored as text or as seconds) and every log line as read in Chinese and in English must be the
same before and after. The baseline is that content
as plain UTF-8 (what a text dump of the same tickets and log would take, without any index).
Originals are never modified.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_store import ensure_demo  # noqa: E402

from desk_gui.domain.log_kind_codes import word_of  # noqa: E402
from desk_gui.domain.log_render import texts  # noqa: E402
from desk_gui.store.database import close_database, open_database  # noqa: E402
from desk_gui.store.log_authors import name_sql  # noqa: E402
from desk_gui.store.times import text_sql  # noqa: E402

MB = 1024 * 1024


def breakdown(path: Path) -> dict[str, int]:
    """Bytes of every table and index (dbstat), largest first."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        return {str(name): int(size) for name, size in rows}
    finally:
        conn.close()


def _as_text(conn: sqlite3.Connection, table: str) -> str:
    """Every column of ``table``, a time as its text whether stored as text or as seconds."""
    columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
    return ", ".join(
        text_sql(f'"{c[1]}"') if str(c[2]).upper() == "DATETIME" else f'"{c[1]}"' for c in columns
    )


def content(path: Path) -> tuple[int, int, str]:
    """(ticket bytes, log bytes, digest) of what the file holds, as people read it."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    digest = hashlib.sha256()
    tickets = log = 0
    try:
        for row in conn.execute(f"SELECT {_as_text(conn, 'ticket')} FROM ticket ORDER BY id"):
            raw = "\x1f".join("" if v is None else str(v) for v in row).encode()
            tickets += len(raw)
            digest.update(raw)
        have = {r[1] for r in conn.execute("PRAGMA table_info(log_entry)")}
        args = "args" if "args" in have else "NULL"
        at = text_sql("at")
        author = name_sql("author_id") if "author_id" in have else "author"  # schema 21: ids
        select = f"SELECT ticket_id, {at}, {author}, kind, text, text_en, {args} FROM log_entry"
        for tid, at, author, kind, text, text_en, a in conn.execute(select + " ORDER BY id"):
            zh, en = texts(text, text_en, a)
            kind = word_of(kind)  # a one-letter code from schema 20 on
            raw = f"{tid}\x1f{at}\x1f{author}\x1f{kind}\x1f{zh}\x1f{en or ''}".encode()
            log += len(raw)
            digest.update(raw)
    finally:
        conn.close()
    return tickets, log, digest.hexdigest()


def tickets_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM ticket").fetchone()[0])
    finally:
        conn.close()


def at_a_million(path: Path) -> str:
    """The file's size scaled to a million tickets (files grow linearly with the tickets: the
    100k and 1M demos measured ×10.0), or as measured when it holds a million."""
    n = tickets_in(path)
    size = path.stat().st_size * 1_000_000 / max(1, n)
    how = "measured" if n == 1_000_000 else f"estimated ×{1_000_000 / max(1, n):g}"
    return f"{size / 1024**3:.2f} GiB, {size / 1e9:.2f} GB at 1M tickets ({how})"


def _print_sizes(label: str, path: Path, parts: dict[str, int], other: dict[str, int]) -> None:
    print(f"\n{label}: {path.stat().st_size / MB:9.1f} MB  ({path})")
    print(f"  {at_a_million(path)}")
    names = sorted(set(parts) | set(other), key=lambda n: -max(parts.get(n, 0), other.get(n, 0)))
    for name in names[:24]:
        mine, theirs = parts.get(name, 0), other.get(name, 0)
        print(f"  {name:<34} {mine / MB:9.1f} MB   (other file {theirs / MB:9.1f} MB)")
    rest = sum(v for n, v in parts.items() if n not in names[:24])
    print(f"  {'(everything else)':<34} {rest / MB:9.1f} MB")


def _migrated_copy(old: Path, work: Path) -> tuple[Path, float]:
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "migrated.db"
    for stale in work.glob("migrated*"):
        stale.unlink()
    shutil.copyfile(old, copy)
    t0 = time.perf_counter()
    open_database(copy, backup_dir=work / "backups")
    close_database()
    seconds = time.perf_counter() - t0
    shutil.rmtree(work / "backups", ignore_errors=True)
    return copy, seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/deskbench/demo-1000000.db"))
    parser.add_argument("--old", type=Path, help="a file from an earlier schema, to migrate")
    parser.add_argument("--work", type=Path, default=Path("/tmp/deskbench/filesize"))
    parser.add_argument("--tickets", type=int, default=1_000_000, help="when --db is missing")
    args = parser.parse_args()
    ensure_demo(args.db, args.tickets)
    today = breakdown(args.db)
    old_parts: dict[str, int] = {}
    failures = 0
    if args.old:
        old_parts = breakdown(args.old)
        _print_sizes("earlier schema", args.old, old_parts, today)
        migrated, seconds = _migrated_copy(args.old, args.work)
        print(f"\nmigration of a copy: {seconds:.0f} s (backup, conversion, VACUUM)")
        _print_sizes("that file migrated", migrated, breakdown(migrated), old_parts)
        before, after = content(args.old), content(migrated)
        same = before == after
        failures += not same
        print(f"  content before/after migration identical: {'yes' if same else 'NO'}")
        plain = (before[0] + before[1]) / MB
        print(f"  that content as plain UTF-8 (tickets, log in zh and en): {plain:.1f} MB")
        print(f"  size after / before: {migrated.stat().st_size / args.old.stat().st_size:.2f}")
        print(f"  at 1M: before {at_a_million(args.old)}")
        print(f"         after  {at_a_million(migrated)}")
        migrated.unlink()
    _print_sizes("written by this program", args.db, today, old_parts)
    tickets, log, _ = content(args.db)
    size = args.db.stat().st_size
    print(f"\nbaseline, the same content as plain UTF-8 (no index): {(tickets + log) / MB:9.1f} MB")
    print(f"  tickets {tickets / MB:.1f} MB, log lines in zh and en {log / MB:.1f} MB")
    million = size * 1_000_000 / max(1, tickets_in(args.db))
    print(f"  file / baseline: ×{size / (tickets + log):.2f};  target at 1M ≤ 2 GB (10^9 B): "
          f"{'met' if million <= 2e9 else 'not met'};  ≤ 2 GiB: "
          f"{'met' if million <= 2 * 1024**3 else 'not met'} ({at_a_million(args.db)})")  # fmt: skip
    return failures


if __name__ == "__main__":
    sys.exit(main())
