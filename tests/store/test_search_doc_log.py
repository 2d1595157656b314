"""The search index's saved copies: references to the ticket and its log (schema 17), the
fields saved by a trigger when they change before the next indexing, older copies still read."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee as pw

from desk_gui.services.context import Context
from desk_gui.services.demo_load import generate_demo
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import schema, search, search_rows
from desk_gui.store.database import fetch_all
from tests.services.conftest import Clock, make_draft


def _docs() -> dict[int, search_rows.Doc]:
    return {
        int(r[0]): r[1] if isinstance(r[1], str) else bytes(r[1])
        for r in fetch_all(f"SELECT id, doc FROM {schema.FTS_DOC_TABLE}")
    }


def _unpack(tid: int, doc: search_rows.Doc) -> list[str]:
    return search_rows.unpack(doc, tid, search.log_column, search.rebuild_row)


def test_demo_copies_are_references_read_back_from_ticket_and_log(db: pw.Database) -> None:
    generate_demo(40, seed=5, anchor=datetime(2026, 11, 20, 9), parallel=False)
    docs = _docs()
    rows, _ = search._index_rows(sorted(docs))
    counts = dict(fetch_all("SELECT ticket_id, count(*) FROM log_entry GROUP BY ticket_id"))
    assert docs and all(docs[int(str(r[0]))] == b"R%d" % counts[r[0]] for r in rows)
    for row in rows:
        tid = int(str(row[0]))
        assert _unpack(tid, docs[tid]) == [str(v) for v in row[1:]]  # exactly what was indexed


def test_a_field_changed_behind_the_index_is_saved_as_it_was_indexed(db: pw.Database) -> None:
    clock = Clock(datetime(2024, 5, 6, 9, 15))
    desk = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))
    rec = desk.create(
        make_draft(title="量子打印机", description="纠缠态卡纸，打印机每次开机都报错")
    )
    indexed = _unpack(rec.id, _docs()[rec.id])
    # a write that does not index again (another tool, a program killed in between)
    db.execute_sql("UPDATE ticket SET status = 'in_progress' WHERE id = ?", (rec.id,))
    assert _docs()[rec.id] == b"R1"  # no indexed field changed: nothing saved
    for sql in ("UPDATE ticket SET title = '星际打印机' WHERE id = ?",
                "UPDATE ticket SET description = '虫洞卡纸' WHERE id = ?"):  # fmt: skip
        db.execute_sql(sql, (rec.id,))
    doc = _docs()[rec.id]
    assert isinstance(doc, str) and doc.startswith("R1[")  # the first change saved, once
    assert _unpack(rec.id, doc) == indexed
    search.reindex_ticket(rec.id)
    assert search.search_ticket_ids("量子") == [] and search.search_ticket_ids("纠缠") == []
    assert search.search_ticket_ids("星际") == [rec.id] == search.search_ticket_ids("虫洞")
    assert _docs()[rec.id] == b"R1"


def test_a_ticket_removed_behind_the_index_still_leaves_it(db: pw.Database) -> None:
    clock = Clock(datetime(2024, 5, 6, 9, 15))
    desk = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))
    rec = desk.create(make_draft(title="量子打印机"))
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql('DROP TRIGGER "log_entry_no_delete"')
    db.execute_sql("DELETE FROM log_entry WHERE ticket_id = ?", (rec.id,))
    db.execute_sql("DELETE FROM ticket WHERE id = ?", (rec.id,))
    assert str(_docs()[rec.id]).startswith("R1[")
    with db.atomic():  # its log is gone too: the saved copy names only the fields
        search_rows.delete_index_row(db, rec.id, lambda _t, _n: "", search.rebuild_row)
    assert search.search_ticket_ids("量子") == []


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
    assert _docs()[rec.id] == b"R%d" % len(desk.get(rec.id).log)
    assert search.search_ticket_ids("量子纠缠") == []
    for word in ("星际穿越", "虫洞", "曲率引擎", "硒鼓"):
        assert search.search_ticket_ids(word) == [rec.id], word
    assert search.search_ticket_ids("处理中") == []  # a status's label: generated lines only
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
        search_rows.delete_index_row(db, rec.id, search.log_column, search.rebuild_row)
        search_rows.write_index_rows(db, rows)  # an older program's copy: every column
    assert isinstance(_docs()[rec.id], bytes) and not _docs()[rec.id].startswith(b"L")
    desk.update_fields(
        rec.id, rec.version, {"description": "星际穿越打印机无法打印，重启无效，已试过换线"}
    )
    assert search.search_ticket_ids("量子纠缠") == []
    assert search.search_ticket_ids("星际穿越") == [rec.id]


def test_typed_lines_match_across_their_boundary_and_generated_labels_do_not(
    db: pw.Database,
) -> None:
    """A phrase running from one typed line into the next matches, as it always did; the
    words of the generated lines between and around them (schema 19) do not."""
    clock = Clock(datetime(2024, 5, 6, 9, 15))
    desk = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))
    rec = desk.create(make_draft(title="打印机", description="打印机开机报错代码E5，重启无效"))
    rec = desk.take(rec.id, rec.version)
    desk.add_log(rec.id, "已联系星际")
    desk.add_log(rec.id, "穿越小组处理")
    assert search.search_ticket_ids("星际穿越") == [rec.id]  # the end of one, the next's start
    assert search.search_ticket_ids("处理中") == []  # the status change's label
    assert search.search_ticket_ids("李工程师") == []  # assigned to, and author of, every line
