"""Bulk import and streamed export on PostgreSQL give what they give on SQLite.

Runs against ``DESK_TEST_PG_URL`` like tests/store/test_postgres.py (skipped without it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desk_gui.domain.log_render import texts
from desk_gui.exchange.export import ExportOptions, export_tickets
from desk_gui.exchange.importer import preview_file
from desk_gui.services.importing import ImportService
from desk_gui.store.database import close_database, open_database
from desk_gui.store.models import DailySequence, LogEntry, Staff, Ticket
from tests.exchange.test_import_bulk import NOW, ROWS, _ctx, _sheet
from tests.store.test_postgres import pg_url  # noqa: F401  (skips the module without a server)


def _import_and_export(target: str, sheet: Path, out: Path) -> dict[str, Any]:
    open_database(target)
    try:
        result = ImportService(_ctx()).run(preview_file(sheet, now=NOW))
        options = ExportOptions(mask_requester=False, now=NOW)
        for fmt in ("csv", "xlsx"):
            export_tickets(out.with_suffix(f".{fmt}"), options=options)
        return {
            "created": result.created,
            "tickets": list(Ticket.select().order_by(Ticket.id).dicts()),
            "log": [_read(e) for e in LogEntry.select().order_by(LogEntry.id).dicts()],
            "sequences": list(DailySequence.select().order_by(DailySequence.day_key).dicts()),
            "staff": sorted(s.name for s in Staff.select()),
        }
    finally:
        close_database()


def _read(entry: dict[str, Any]) -> dict[str, Any]:
    """A log row as read: PostgreSQL also keeps a generated line's Chinese in ``text``."""
    entry["text"], entry["text_en"] = texts(entry["text"], entry["text_en"], entry["args"])
    return entry


def test_import_and_export_match_sqlite(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    sheet = _sheet(tmp_path / "old.xlsx", ROWS)
    on_pg = _import_and_export(pg_url, sheet, tmp_path / "pg")
    on_sqlite = _import_and_export(str(tmp_path / "x.db"), sheet, tmp_path / "sqlite")
    assert on_pg == on_sqlite
    assert (tmp_path / "pg.csv").read_bytes() == (tmp_path / "sqlite.csv").read_bytes()
    assert _cells(tmp_path / "pg.xlsx") == _cells(tmp_path / "sqlite.xlsx")


def _cells(path: Path) -> list[list[object]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.fixture(autouse=True)
def _no_leftovers() -> None:
    close_database()
