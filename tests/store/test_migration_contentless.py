"""Migration 7: the search index drops its copy of the text; old files find the same tickets."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desk_gui.store import search, search_rows
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database, write_transaction
from desk_gui.store.models import Ticket
from tests.store.test_migration_reminders import INSERT_TICKET
from tests.store.test_migrations import _migrated_to

TEXTS = [
    ("打印机无法打印", "HP LaserJet 卡纸", ("重置密码后恢复",)),
    ("VPN 断开", "printer offline, C++ 50%_off", ()),
    ("Outlook邮箱打不开", "", ("换线缆", "状态：待处理 → 处理中")),
]
QUERIES = ["打印", "印", "printer", "C++", "50%", "重置密码", "邮箱", "outlook", "处理 线缆", "无"]


def _v6_file(path: Path) -> dict[str, list[int]]:
    """A schema-6 file with indexed tickets; what each query found there."""
    _migrated_to(path, 6)
    conn = sqlite3.connect(path)
    for n, (title, description, log) in enumerate(TEXTS, start=1):
        number = f"IT2026112100{n}"
        conn.execute(
            INSERT_TICKET.replace("IT20261121001", number).replace("'t', 'd', ''", "?, 'd', ?"),
            (title, description),
        )
        ticket = {"id": n, "number": number, "title": title, "description": description}
        row = search.ticket_index_row(
            {**ticket, "solution": "", "requester": "r", "department": "d"}, log
        )
        conn.execute(search_rows.INSERT_SQL, row)
        conn.executemany(  # the log the row was made from (schema 19 indexes it again)
            "INSERT INTO log_entry (ticket_id, at, author, kind, text) "
            "VALUES (?, '2026-11-21 09:00:00', 'a', 'note', ?)",
            [(n, line) for line in log],
        )
    conn.commit()
    found = {
        q: [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid",
                (search.fts_query(q),),
            )
        ]
        for q in QUERIES
    }
    conn.close()
    return found


def test_step_seven_keeps_what_every_query_finds(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    before = _v6_file(path)
    assert before["打印"] == [1] and before["outlook"] == [3]
    size = path.stat().st_size
    shutil.copyfile(path, tmp_path / "v7.db")
    _migrated_to(tmp_path / "v7.db", 7)
    open_database(path, backup_dir=tmp_path / "backups")
    try:
        for query, ids in before.items():
            assert sorted(search.search_ticket_ids(query)) == ids, query
        assert fetch_all("SELECT count(*) FROM ticket_fts_doc") == [(3,)]
        assert fetch_all("SELECT title FROM ticket_fts") == [(None,)] * 3  # no copy of text
        # A row moved over is deleted and replaced like any other when its ticket changes.
        with write_transaction():
            Ticket.update(title="显示器黑屏").where(Ticket.id == 1).execute()
            search.reindex_ticket(1)
        assert search.search_ticket_ids("打印机") == []
        assert search.search_ticket_ids("卡纸") == [1]
        assert search.search_ticket_ids("黑屏") == [1]
        assert fetch_all("INSERT INTO ticket_fts (ticket_fts) VALUES ('integrity-check')") == []
    finally:
        close_database()
    assert check_database(path) == []
    # VACUUM after the step, measured on a copy taken to step 7 alone (later steps add tables).
    assert (tmp_path / "v7.db").stat().st_size <= size
    assert len(list((tmp_path / "backups").iterdir())) == 1
