"""The log-args step: old lines become template and values, read back exactly, chain intact.

The old-format file is a real demo file as the previous schema stored it: every generated line
as Chinese ``text`` and English ``text_en``, no ``args`` column, the (ticket_id, at) index.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.log_chain import ChainWalker, entry_hash, stored
from desk_gui.domain.log_kind_codes import word_of
from desk_gui.domain.log_render import texts
from desk_gui.exchange.export import ExportOptions, iter_rows
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import schema
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desk_gui.store.search import search_ticket_ids
from desk_gui.store.times import text_sql
from tests.store._log_authors import author_sql, names_back
from tests.store.test_log_chain import _tamper

STEP = next(m for m in MIGRATIONS if "generated log lines" in m.description)
# Lines the old code wrote that no template renders exactly (or that were typed).
ODD_LINES = [
    ("created", "登记工单", "Ticket logged"),  # an early wording
    ("status", "状态：待处理 → 处理中", "Status: Pending → Done"),  # English disagrees
    ("note", "远程协助，已电话告知王小明 13812345678", None),
    ("kb", "应用知识库文章 KB3：打印机卡纸", "Applied KB article KB3: 打印机卡纸"),
    ("status", "状态：待处理 → 处理中", None),  # from before the English column
]
QUERIES = ["工单", "处理中", "打印"]


def _old_format(path: Path, *, odd: bool = True) -> None:
    """The demo file as the schema before STEP stored it (what a workstation upgrades)."""
    conn = sqlite3.connect(path)
    names_back(conn)  # schema 21's log authors
    conn.execute('DROP TRIGGER "log_entry_no_update"')
    rows = conn.execute("SELECT id, text, text_en, args FROM log_entry WHERE args IS NOT NULL")
    old = [(*texts(t, e, a), i) for i, t, e, a in rows.fetchall()]
    conn.executemany("UPDATE log_entry SET text = ?, text_en = ? WHERE id = ?", old)
    # the full 32-byte chain values the old schema kept (the new one keeps a prefix)
    walker = ChainWalker()
    lines = conn.execute(
        "SELECT id, ticket_id, at, author, kind, text, text_en FROM log_entry ORDER BY id"
    )
    full = [(walker.hash(*r[1:]), r[0]) for r in lines.fetchall()]
    conn.executemany("UPDATE log_entry SET chain = ? WHERE id = ?", full)
    conn.execute("ALTER TABLE log_entry DROP COLUMN args")
    conn.execute("DROP INDEX log_entry_ticket_id")
    conn.execute('CREATE INDEX "log_entry_ticket_id_at" ON "log_entry" ("ticket_id", "at")')
    conn.execute(schema.SQLITE_LOG_TRIGGERS[0])
    # odd lines on ticket 1, chained as the old code chained them
    prev = walker.heads[1]
    for n, (kind, text, text_en) in enumerate(ODD_LINES if odd else []):
        at = f"2026-11-20 0{n}:00:00"
        prev = entry_hash(prev, 1, at, "老王", kind, text, text_en)
        conn.execute(
            "INSERT INTO log_entry (ticket_id, at, author, kind, text, text_en, chain) "
            "VALUES (1, ?, '老王', ?, ?, ?, ?)",
            (at, kind, text, text_en, prev),
        )
    conn.execute(f"UPDATE meta SET value = '{STEP.version - 1}' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo file written at the latest schema (generated lines as args)."""
    path = tmp_path_factory.mktemp("logargs") / "demo.db"
    open_database(path)
    generate_demo(300, seed=3, anchor=datetime(2026, 11, 20, 9), parallel=False)
    close_database()
    return path


@pytest.fixture
def old_file(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    path.write_bytes(demo_file.read_bytes())
    _old_format(path)
    return path


def _stored(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(log_entry)")}
        args = "args" if "args" in columns else "NULL"
        rows = conn.execute(
            f"SELECT id, ticket_id, {text_sql('at')}, {author_sql(conn)}, kind, text, text_en, "
            f"chain, {args} "
            "FROM log_entry ORDER BY id"
        ).fetchall()
        return [(*r[:4], word_of(r[4]), *r[5:]) for r in rows]  # a kind's code as its word
    finally:
        conn.close()


def _exported(path: Path, lang: str, mask: bool) -> list[list[object]]:
    open_database(path)
    try:
        ids = [int(r[0]) for r in fetch_all("SELECT id FROM ticket ORDER BY id")]
        now = datetime(2026, 11, 20, 9)
        return list(iter_rows(ids, ExportOptions(lang=lang, mask_requester=mask, now=now)))
    finally:
        close_database()


def test_every_line_reads_back_exactly_and_the_file_shrinks(old_file: Path, tmp_path: Path) -> None:
    before = _stored(old_file)
    assert check_database(old_file) == [
        f"schema version {STEP.version - 1}, this program expects {SCHEMA_VERSION}"
    ]
    open_database(old_file)  # migrates, with a backup
    try:
        hits = {q: search_ticket_ids(q) for q in QUERIES}
    finally:
        close_database()
    after = _stored(old_file)
    assert [r[:5] for r in after] == [r[:5] for r in before]
    assert [r[7] for r in after] == [stored(r[7]) for r in before]  # kept, not recomputed
    for old, new in zip(before, after, strict=True):
        assert texts(new[5], new[6], new[8]) == (old[5], old[6]), old
    converted = [r for r in after if r[8] is not None]
    generated = [r for r in before if r[6] is not None]
    assert len(converted) >= 0.9 * len(generated)
    assert all(r[5] == "" and r[6] is None for r in converted)
    odd = {(r[4], r[5], r[6]) for r in after if r[8] is None}
    assert set(ODD_LINES) <= odd
    assert check_database(old_file) == []
    assert list(tmp_path.glob("old.v*.bak.db"))
    # since schema 19 the search reads what people typed, not a generated line's labels: only
    # ticket 1's lines kept as text (ODD_LINES) still say them
    assert hits["处理中"] == [1] == hits["工单"] and hits["打印"]


def test_exports_read_the_same_as_a_file_written_today(demo_file: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes(demo_file.read_bytes())
    _old_format(old, odd=False)
    for lang in ("zh", "en"):
        for mask in (False, True):
            cells = _exported(old, lang, mask)
            assert cells == _exported(demo_file, lang, mask)
    joined = "\n".join(str(c) for row in _exported(old, "en", False) for c in row)
    assert "Status: Pending → In progress" in joined and "状态：" not in joined


def test_tampering_before_the_migration_stays_detected(old_file: Path) -> None:
    target = _stored(old_file)[5]
    assert target[6] is not None  # a generated line, with its English
    _tamper(
        old_file,
        f"UPDATE log_entry SET text = '状态：待处理 → 已关闭', text_en = 'Status: Pending → Closed' "
        f"WHERE id = {target[0]}",
    )
    open_database(old_file)
    close_database()
    after = {r[0]: r for r in _stored(old_file)}
    assert after[target[0]][8] == "st\x1fp\x1fc"  # converted as it now reads (schema 17's form)
    problems = check_database(old_file)
    assert len(problems) == 1 and "does not match the chain" in problems[0]
    assert str(target[2])[:16] in problems[0]


def test_an_edited_kind_or_value_breaks_the_chain(old_file: Path) -> None:
    open_database(old_file)
    close_database()
    rows = [r for r in _stored(old_file) if r[8] is not None and str(r[8]).startswith("st\x1fp")]
    victim = rows[3]
    edited = "st\x1fr" + str(victim[8])[4:]  # pending → resolved
    _tamper(old_file, f"UPDATE log_entry SET args = '{edited}' WHERE id = {victim[0]}")
    problems = check_database(old_file)
    assert len(problems) == 1 and str(victim[2])[:16] in problems[0]
    _tamper(old_file, f"UPDATE log_entry SET args = '{victim[8]}' WHERE id = {victim[0]}")
    assert check_database(old_file) == []
    _tamper(old_file, f"UPDATE log_entry SET kind = 'note' WHERE id = {victim[0]}")
    assert len(check_database(old_file)) == 1
