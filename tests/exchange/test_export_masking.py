"""Masking in exports: no requester name or full phone number in any cell of a masked .xlsx or
.csv, whichever field or log line holds it; an unmasked export keeps everything."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime
from pathlib import Path

import openpyxl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange.export import export_tickets
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database
from tests.masking_cases import Case, Phone, cases

NOW = datetime(2024, 5, 6, 17, 0)


def _tickets(cases_: list[Case]) -> list[int]:
    wf = WorkflowService(Context(operator="李工", workstation="PC-1", clock=lambda: NOW))
    ids = []
    for i, case in enumerate(cases_):
        description, contact, log_text, other = case.texts
        t = wf.create(
            TicketDraft(
                title=f"打印机故障{i}",
                department="财务部",
                description=description[:250],  # the fields' maximum lengths
                category=Category.SOFTWARE,
                urgency=Urgency.HIGH,
                impact=Impact.DEPARTMENT,
                requester=case.name,
                contact=contact[:50],
                submitted_at=datetime(2024, 5, 6, 9, i),
                remarks=other[:100],
            ),
            confirm_mobile=True,  # a confirmed personal mobile: printed and exported masked
        )
        t = wf.take(t.id, t.version)
        wf.add_log(t.id, log_text)
        t = wf.get(t.id)
        solution = ("更换硒鼓并清理进纸器 " + other)[:200]
        wf.resolve(t.id, t.version, solution, resolved_at=datetime(2024, 5, 6, 12, 30))
        ids.append(t.id)
    return ids


def _rows(path: Path) -> list[str]:
    """Each ticket's cells joined, in export order (the header row left out). A bar between
    cells: a number cannot run on from one cell into the next (a contact cut short at its
    field's length, followed by a date, once read as one long run of digits)."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))[1:]
    else:
        ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = [[str(v) for v in r if v is not None] for r in ws.iter_rows(values_only=True)][1:]
    return ["\n|\n".join(r) for r in rows]


_CUT_CONTACT = [  # the contact's number cut at 50 characters, a date in the next cell
    Case(
        "王丽",
        (Phone("13000000000", "13000000000", "0000"),),
        ("王丽 13000000000", "上", "上", "上"),
    ),
    Case(
        "Lucy Tom",
        (Phone("+86-138 0715 9952", "13807159952", "9952"),),
        (
            "Lucy Tom +86-138 0715 9952，上",
            "called，Lucy Tom，Lucy Tom，络知安后驱连件网，+86-138 0715 9952，",
            "上，",
            "上，",
        ),
    ),
]


@settings(max_examples=15, deadline=None)
@given(st.lists(cases(), min_size=2, max_size=4))
@example(_CUT_CONTACT)
def test_masked_export_shows_no_name_or_full_number(cases_: list[Case]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        open_database(folder / "x.db")
        try:
            ids = _tickets(cases_)
            for fmt in ("xlsx", "csv"):
                masked, plain = folder / f"m.{fmt}", folder / f"p.{fmt}"
                export_tickets(masked, ids=ids, mask=True)
                export_tickets(plain, ids=ids, mask=False)
                for case, shown, full in zip(cases_, _rows(masked), _rows(plain), strict=True):
                    assert case.leaks(shown) == [], (fmt, shown)
                    assert case.shown(full) == [], (fmt, full)
        finally:
            close_database()
