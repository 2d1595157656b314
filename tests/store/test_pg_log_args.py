"""The log-args step on PostgreSQL: old lines converted, read back exactly, chain intact.

Runs against ``DESK_TEST_PG_URL`` like test_postgres.py (skipped, with the reason, without it).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee as pw

from desk_gui.domain.enums import Tier
from desk_gui.domain.log_render import texts
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import migrations
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database
from desk_gui.store.search import search_ticket_ids
from tests.services.conftest import Clock, make_draft
from tests.store._log_authors import AUTHOR
from tests.store.test_pg_log_chain import _tamper
from tests.store.test_postgres import PG_URL, pg_url  # noqa: F401  (skips)

STEP = next(m for m in migrations.MIGRATIONS if "generated log lines" in m.description)
SELECT = (
    f"SELECT id, ticket_id, at, {AUTHOR}, kind, text, text_en, chain FROM log_entry ORDER BY id"
)


def _worked(db: pw.Database) -> None:
    clock = Clock(datetime(2024, 5, 6, 9, 15))
    desk = WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))
    for n in range(3):
        rec = desk.create(make_draft())
        clock.now += timedelta(minutes=5)
        rec = desk.take(rec.id, rec.version)
        rec = desk.escalate(rec.id, rec.version, Tier.L2, "硬件故障", "已换线缆", "王工")
        desk.add_log(rec.id, f"第{n}次远程协助")
        rec = desk.resolve(rec.id, rec.version, "更换电源适配器")


def _old_format(db: pw.Database) -> None:
    """The schema before STEP: generated lines as Chinese and English text, no args."""
    rows = fetch_all("SELECT id, text, text_en, args FROM log_entry WHERE args IS NOT NULL")
    _tamper(
        *(
            f"UPDATE log_entry SET text = {_quoted(zh)}, text_en = {_quoted(en or '')} "
            f"WHERE id = {i}"
            for i, zh, en in ((r[0], *texts(r[1], r[2], r[3])) for r in rows)
        ),
        'ALTER TABLE "log_entry" DROP COLUMN "args"',
        'DROP INDEX "log_entry_ticket_id"',
        'CREATE INDEX "log_entry_ticket_id_at" ON "log_entry" ("ticket_id", "at")',
        f"UPDATE meta SET value = '{STEP.version - 1}' WHERE key = 'schema_version'",
    )


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_old_lines_convert_and_read_back_exactly(pg_url: str) -> None:  # noqa: F811
    db = open_database(pg_url)
    _worked(db)
    close_database()
    db = open_database(pg_url, migrate=False)
    _old_format(db)
    before = fetch_all(SELECT)
    assert all(r[6] is not None for r in before if r[4] != "note")
    close_database()
    db = open_database(pg_url)  # runs the step
    try:
        after = fetch_all(SELECT.replace("chain", "chain, args"))
        assert [r[:5] for r in after] == [r[:5] for r in before]
        assert [bytes(r[7]) for r in after] == [bytes(r[7]) for r in before]
        for old, new in zip(before, after, strict=True):
            assert texts(new[5], new[6], new[8]) == (old[5], old[6])
        converted = [r for r in after if r[8] is not None]
        assert len(converted) == len([r for r in before if r[6] is not None])
        # PostgreSQL keeps the Chinese beside the args: its search reads the column
        assert all(r[5] == texts("", None, r[8])[0] and r[6] is None for r in converted)
        # since schema 19 the search reads what was typed in them (the escalation's reason
        # and handover), not their labels
        assert search_ticket_ids("状态") == [] == search_ticket_ids("升级")
        assert len(search_ticket_ids("硬件故障")) == 3 == len(search_ticket_ids("已换线缆"))
    finally:
        close_database()
    assert check_database(PG_URL) == []


def test_an_edited_value_breaks_the_chain(pg_url: str) -> None:  # noqa: F811
    db = open_database(pg_url)
    _worked(db)
    victim = fetch_all("SELECT id, at FROM log_entry WHERE args LIKE 'ti%%' ORDER BY id")[0]
    close_database()
    assert check_database(PG_URL) == []
    # the JSON form is still read: the tier change rewritten as l1 → expert
    _tamper(f'UPDATE log_entry SET args = \'["ti","l1","expert"]\' WHERE id = {victim[0]}')
    problems = check_database(PG_URL)
    assert len(problems) == 1 and "does not match the chain" in problems[0]
