"""The slimming step (schema 17): a smaller file, the same content, the chain and index intact.

The old-format file is a demo file written today, put back as the previous schema stored it:
32-byte chain values on every log entry, every search copy compressed (without its log column,
as schema 14 wrote them, or with every column, as schema 7 did), no triggers saving fields.
The program of that time is played back: a generated log line indexed in Chinese (``_said``,
what ``search.said`` was before schema 19), the file migrated up to this step only.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.log_chain import STORED_LENGTH, ChainWalker, stored
from desk_gui.domain.log_render import decode, texts
from desk_gui.services.demo_load import generate_demo
from desk_gui.store import schema, search
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from desk_gui.store.times import read_time
from tests.raw_sql import file_rows as _read
from tests.store._log_authors import author_sql, names_back
from tests.store.test_log_chain import _tamper


def content(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every ticket value and every log line as people read it, in Chinese and English."""
    conn = sqlite3.connect(path)
    try:
        tickets = conn.execute("SELECT * FROM ticket ORDER BY id").fetchall()
        log = [
            (*r[:4], *texts(*r[4:]))
            for r in conn.execute(
                f"SELECT ticket_id, at, {author_sql(conn)}, kind, text, text_en, args "
                "FROM log_entry ORDER BY id"
            )
        ]
        return tickets, log
    finally:
        conn.close()


STEP = next(m for m in MIGRATIONS if "smaller file" in m.description)
QUERIES = ["工单", "处理中", "打印", "无法 printer", "vpn", "量子"]
FULL_COPY, EDITED = 2, 3  # a ticket with a schema-7 copy, one edited behind the index


def _said(text: str, args: str | None) -> str:
    """A log line as the index read it at this step: a generated line's whole Chinese."""
    return str(text) if args is None else texts(text, None, args)[0]


@pytest.fixture(scope="module", autouse=True)
def _index_as_at_this_step() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "said", _said)
        yield


def _open_at_step(path: Path) -> None:
    """Bind ``path`` migrated up to this step (with a backup), no further."""
    migrate(open_database(path, migrate=False), target=STEP.version)


def _old_format(path: Path) -> None:
    conn = sqlite3.connect(path)
    names_back(conn)  # schema 21's log authors
    conn.execute('DROP TRIGGER "log_entry_no_update"')
    walker = ChainWalker()
    rows = conn.execute(
        "SELECT id, ticket_id, at, author, kind, text, text_en, args FROM log_entry ORDER BY id"
    ).fetchall()
    full = [(walker.hash(r[1], r[2], r[3], r[4], *texts(*r[5:])), r[0]) for r in rows]
    conn.executemany("UPDATE log_entry SET chain = ? WHERE id = ?", full)
    as_json = [(_json(r[7]), r[0]) for r in rows if r[7] is not None]  # schema 14's args
    conn.executemany("UPDATE log_entry SET args = ? WHERE id = ?", as_json)
    conn.execute(schema.SQLITE_LOG_TRIGGERS[0])
    for name in schema.FTS_KEEP_TRIGGERS:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.commit()
    conn.close()
    open_database(path)  # the copies as schema 14 packed them, from the index rows
    try:
        rows_, _ = search._index_rows(None)
        counts = dict(fetch_all("SELECT ticket_id, count(*) FROM log_entry GROUP BY ticket_id"))
    finally:
        close_database()
    log = schema.FTS_COLUMNS.index("log")
    docs = []
    for row in rows_:
        values = [str(v) for v in row[1:]]
        if row[0] != FULL_COPY:
            values[log] = ""
        packed = zlib.compress("\x1f".join(values).encode(), 6)
        head = b"" if row[0] == FULL_COPY else b"L%d:" % counts[row[0]]
        docs.append((head + packed, row[0]))
    conn = sqlite3.connect(path)
    conn.executemany(f"UPDATE {schema.FTS_DOC_TABLE} SET doc = ? WHERE id = ?", docs)
    # a title changed without indexing again: its copy no longer equals the row
    conn.execute(f"UPDATE ticket SET title = '量子打印机' WHERE id = {EDITED}")
    conn.execute(f"UPDATE meta SET value = '{STEP.version - 1}' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def _json(args: str) -> str:
    code, values = decode(args)
    return json.dumps([code, *values], ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slim") / "demo.db"
    open_database(path)
    generate_demo(200, seed=7, anchor=datetime(2026, 11, 20, 9), parallel=False)
    close_database()
    return path


@pytest.fixture
def old_file(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    path.write_bytes(demo_file.read_bytes())
    _old_format(path)
    return path


def _hits(path: Path) -> dict[str, list[int]]:
    _open_at_step(path)
    try:
        return {q: search.search_ticket_ids(q) for q in QUERIES}
    finally:
        close_database()


def test_content_chain_and_search_survive_and_the_file_shrinks(
    old_file: Path, demo_file: Path, tmp_path: Path
) -> None:
    before_chain = _read(old_file, "SELECT chain FROM log_entry ORDER BY id")
    before_args = _read(old_file, "SELECT args FROM log_entry ORDER BY id")
    assert sum(str(r[0]).startswith("[") for r in before_args) > 1000
    before_content, size = content(old_file), old_file.stat().st_size
    assert all(len(bytes(r[0])) == 32 for r in before_chain)  # type: ignore[arg-type]
    hits = _hits(old_file)  # migrates, with a backup
    assert list(tmp_path.glob("old.v*.bak.db"))
    after_chain = _read(old_file, "SELECT chain FROM log_entry ORDER BY id")
    assert [bytes(r[0]) for r in after_chain] == [  # type: ignore[arg-type]
        stored(bytes(r[0]))
        for r in before_chain  # type: ignore[arg-type]
    ]
    assert content(old_file) == before_content
    after_args = [r[0] for r in _read(old_file, "SELECT args FROM log_entry ORDER BY id")]
    assert [a if a is None else _json(a) for a in after_args] == [r[0] for r in before_args]
    assert not any(str(a).startswith("[") for a in after_args)  # every one shortened
    problems = check_database(old_file)  # the one it has: not migrated past this step
    assert problems == [f"schema version {STEP.version}, this program expects {SCHEMA_VERSION}"]
    assert old_file.stat().st_size < size
    assert hits == _hits(demo_file)  # the edited title was never indexed: not found
    docs = dict(_read(old_file, f"SELECT id, doc FROM {schema.FTS_DOC_TABLE}"))
    counts = dict(_read(old_file, "SELECT ticket_id, count(*) FROM log_entry GROUP BY 1"))
    assert docs[FULL_COPY] == b"R%d" % counts[FULL_COPY]  # a schema-7 copy the row reproduces
    assert docs[EDITED][:1] == b"L"  # differs from the row: kept as it was
    assert all(docs[i] == b"R%d" % counts[i] for i in docs if i != EDITED)
    assert _read(old_file, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(STEP.version),)
    ]


def test_a_kept_copy_still_deletes_what_was_indexed(old_file: Path, demo_file: Path) -> None:
    old_title = str(_read(demo_file, f"SELECT title FROM ticket WHERE id = {EDITED}")[0][0])
    _open_at_step(old_file)
    try:
        assert EDITED in search.search_ticket_ids(old_title)
        assert search.search_ticket_ids("量子") == []  # indexed before the title changed
        search.reindex_ticket(EDITED)
        assert search.search_ticket_ids("量子") == [EDITED]
        doc = fetch_all(f"SELECT doc FROM {schema.FTS_DOC_TABLE} WHERE id = {EDITED}")[0][0]
        assert bytes(doc).startswith(b"R")  # indexed again: a reference
        queries = [*QUERIES, old_title, *old_title]  # each character: a token of its own
        before = {q: search.search_ticket_ids(q) for q in queries}  # no stale words left
        search.rebuild_index()
        assert {q: search.search_ticket_ids(q) for q in queries} == before
    finally:
        close_database()


def test_tampering_before_the_migration_stays_detected(old_file: Path) -> None:
    victim = _read(old_file, "SELECT id, at FROM log_entry WHERE ticket_id = 5 ORDER BY id")[2]
    victim = (victim[0], read_time(victim[1]).isoformat(" "))  # text, or seconds (schema 20)
    _tamper(old_file, f"UPDATE log_entry SET author = '无名氏' WHERE id = {victim[0]}")
    open_database(old_file)
    close_database()
    kept = _read(old_file, f"SELECT length(chain) FROM log_entry WHERE id = {victim[0]}")
    assert kept == [(STORED_LENGTH,)]
    problems = check_database(old_file)
    assert len(problems) == 1 and "does not match the chain" in problems[0]
    assert str(victim[1])[:16] in problems[0]
