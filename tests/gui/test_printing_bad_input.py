"""Stored text never breaks an export or a printout; maximum-length fields print on one page
(issue 15, items 9 and 11)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.fields import field
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange.export import export_tickets
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import write_pdf
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import search
from desk_gui.store.database import (
    close_database,
    current_database,
    open_database,
    write_transaction,
)
from desk_gui.store.log_authors import id_of
from desk_gui.store.models import LogEntry, Ticket

from .test_printing import pdf_info

NASTY = "Jam\x1b[31m\x07 on\x00 floor 3\x0b\x0c\x1f\ufffe\uffff"
NOW = datetime(2024, 5, 6, 9, 15)


def _service() -> WorkflowService:
    return WorkflowService(Context(operator="王五", workstation="PC-1", clock=lambda: NOW))


def _draft(**kw: object) -> TicketDraft:
    values: dict[str, object] = {
        "title": "打印机卡纸",
        "department": "财务部",
        "description": "三楼打印机HP M404卡纸，报错13.1，已重启无效，影响5人打印报表",
        "category": Category.HARDWARE,
        "urgency": Urgency.MEDIUM,
        "impact": Impact.INDIVIDUAL,
        "requester": "王小明",
        "contact": "内线8123",
    }
    values.update(kw)
    return TicketDraft(**values)  # type: ignore[arg-type]


def test_text_stored_with_control_characters_exports_and_prints(
    qapp: object, tmp_path: Path
) -> None:
    """A file written before the rules (or by another program) holds ESC, BEL, NUL."""
    open_database(tmp_path / "desk.db")
    try:
        svc = _service()
        rec = svc.create(_draft())
        with write_transaction():
            Ticket.update(title=NASTY, description=NASTY * 3, requester=NASTY).where(
                Ticket.id == rec.id
            ).execute()
            who = id_of(current_database(), "x\x1b")  # the log keeps the name's id (schema 21)
            LogEntry.create(ticket=rec.id, at=NOW, author_id=who, kind="note", text=NASTY)
            search.reindex_ticket(rec.id)
        for fmt in ("xlsx", "csv"):
            out = tmp_path / f"out.{fmt}"
            assert export_tickets(out, fmt, mask=False) == 1
        sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
        assert sheet.cell(2, 2).value == "Jam[31m on floor 3"
        with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as fh:
            assert list(csv.reader(fh))[1][1] == "Jam[31m on floor 3"
        pdf = tmp_path / "t.pdf"
        assert write_pdf(pdf, [svc.get(rec.id)], "zh", WorksheetOptions(lang="zh")) == 1
    finally:
        close_database()


def test_services_store_typed_text_without_control_characters(tmp_path: Path) -> None:
    open_database(tmp_path / "desk.db")
    try:
        svc = _service()
        rec = svc.create(_draft(title="Jam\x1b\x07 3F", remarks="line 1\r\nline 2\x00"))
        assert (rec.title, rec.remarks) == ("Jam 3F", "line 1\nline 2")
        rec = svc.add_log(rec.id, "called\x1b back\x07")
        assert rec.log[-1].text == "called back"
        rec = svc.update_fields(rec.id, rec.version, {"department": "财务\t部\n三楼"})
        assert rec.department == "财务 部 三楼"
    finally:
        close_database()


def _longest(key: str, unit: str = "宽") -> str:
    limit = field(key).max_length
    assert limit is not None
    return (unit * limit)[:limit]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_five_tickets_at_maximum_lengths_print_five_pages(qapp: object, tmp_path: Path) -> None:
    open_database(tmp_path / "desk.db")
    try:
        svc = _service()
        keys = ("title", "department", "description", "requester", "contact", "remarks")
        records = []
        for i in range(5):
            draft = _draft(**{k: _longest(k) for k in keys})
            draft.description = (f"第{i}台打印机卡纸，报错13.1，" + _longest("description"))[
                : field("description").max_length
            ]
            draft.contact = ("内线" + "8" * 100)[: field("contact").max_length]
            rec = svc.create(draft, confirm_mobile=True)
            rec = svc.take(rec.id, rec.version)
            rec = svc.assign(rec.id, rec.version, _longest("assignee", "工"))
            solution = ("更换了定影组件" + _longest("solution"))[: field("solution").max_length]
            rec = svc.resolve(rec.id, rec.version, solution)
            records.append(rec)
        assert len(records[0].department) == field("department").max_length
        pdf = tmp_path / "five.pdf"
        options = WorksheetOptions(lang="zh", office_name="信息中心" * 10)
        assert write_pdf(pdf, records, "zh", options) == 5
        assert pdf_info(pdf)["Pages"] == "5"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
            check=True,
        )
        assert any(p.name.startswith("p") for p in tmp_path.glob("*.png"))
    finally:
        close_database()
