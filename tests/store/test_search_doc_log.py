"""The search index's saved copies leave the log column out and read it back from the log."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee as pw

from desk_gui.services.context import Context
from desk_gui.services.demo_load import generate_demo
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import schema, search, search_rows
from desk_gui.store.database import fetch_all
from tests.services.conftest import Clock, make_draft


def _docs() -> dict[int, bytes]:
    return {
        int(r[0]): bytes(r[1]) for r in fetch_all(f"SELECT id, doc FROM {schema.FTS_DOC_TABLE}")
    }


def test_demo_copies_leave_the_log_out_and_read_it_back(db: pw.Database) -> None:
    generate_demo(40, seed=5, anchor=datetime(2026, 11, 20, 9), parallel=False)
    docs = _docs()
    assert docs and all(doc.startswith(b"L") for doc in docs.values())
    rows, _ = search._index_rows(sorted(docs))
    for row in rows:
        tid = int(str(row[0]))
        values = search_rows.unpack(docs[tid], tid, search.log_column)
        assert values == [str(v) for v in row[1:]]  # exactly what was indexed


def test_edits_replace_the_row_without_stale_words(db: pw.Database) -> None:
    clock = Clock(datetime(2024, 5, 6, 9, 15))
    desk = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))
    long = "打印机无法打印，" * 6 + "量子纠缠"  # past what an edit line quotes (40 characters)
    rec = desk.create(make_draft(description=long))
    clock.now += timedelta(minutes=5)
    rec = desk.take(rec.id, rec.version)
    rec = desk.add_log(rec.id, "虫洞方向已校准")
    assert search.search_ticket_ids("量子纠缠") == [rec.id]
    rec = desk.update_fields(
        rec.id, rec.version, {"description": "星际穿越打印机无法打印，重启无效，已试过换线"}
    )
    rec = desk.add_log(rec.id, "曲率引擎检查完毕")
    rec = desk.resolve(rec.id, rec.version, "更换硒鼓")
    assert _docs()[rec.id].startswith(b"L")
    assert search.search_ticket_ids("量子纠缠") == []
    for word in ("星际穿越", "虫洞", "曲率引擎", "硒鼓", "处理中"):
        assert search.search_ticket_ids(word) == [rec.id], word
    # the index equals one rebuilt from scratch
    before = {w: search.search_ticket_ids(w) for w in ("打印", "状态", "负责人", "纠缠")}
    search.rebuild_index()
    assert {w: search.search_ticket_ids(w) for w in before} == before


def test_a_copy_with_every_column_still_deletes(db: pw.Database) -> None:
    clock = Clock(datetime(2024, 5, 6, 9, 15))
    desk = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))
    rec = desk.create(make_draft(description="打印机无法打印，" * 6 + "量子纠缠"))
    rows, _ = search._index_rows([rec.id])
    with db.atomic():
        search_rows.delete_index_row(db, rec.id, search.log_column)
        search_rows.write_index_rows(db, rows)  # an older program's copy: every column
    assert not _docs()[rec.id].startswith(b"L")
    desk.update_fields(
        rec.id, rec.version, {"description": "星际穿越打印机无法打印，重启无效，已试过换线"}
    )
    assert search.search_ticket_ids("量子纠缠") == []
    assert search.search_ticket_ids("星际穿越") == [rec.id]
