"""A ticket with a realistic life (every step logged) prints on one page and reads back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk_gui.domain.enums import Category, Impact, Satisfaction, Tier, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import write_pdf
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database

from .test_printing import pdf_info, pdf_text, squash

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def test_common_ticket_is_one_page_and_text_reads_back(qapp: object, tmp_path: Path) -> None:
    now = [datetime(2024, 5, 6, 9, 15)]
    open_database(tmp_path / "desk.db")
    try:
        svc = WorkflowService(Context(operator="王五", workstation="PC-1", clock=lambda: now[0]))
        rec = svc.create(
            TicketDraft(
                title="Laptop will not boot",
                department="Sales / Singapore office",
                description="Since 08:30 the sales manager's ThinkPad shows no power LED; "
                "another socket did not help; she travels this afternoon",
                category=Category.HARDWARE,
                urgency=Urgency.MEDIUM,
                impact=Impact.INDIVIDUAL,
                requester="David Lim",
                contact="ext. 4410",
            )
        )
        steps = [
            lambda r: svc.take(r.id, r.version),
            lambda r: svc.add_log(r.id, "Checked the adapter: no output"),
            lambda r: svc.escalate(
                r.id, r.version, Tier.L2, "hardware swap", "adapter dead", "赵工"
            ),
            lambda r: svc.add_log(r.id, "Spare adapter works; laptop boots"),
            lambda r: svc.add_log(r.id, "Ordered a replacement adapter from the vendor"),
            lambda r: svc.add_log(r.id, "Battery health checked: 92 %, fine"),
            lambda r: svc.progress_update(r.id, "Told the requester it works with the spare"),
            lambda r: svc.resolve(r.id, r.version, "Replaced the broken power adapter"),
            lambda r: svc.record_feedback(r.id, r.version, True, Satisfaction.SATISFIED),
            lambda r: svc.close(r.id, r.version),
        ]
        for step in steps:
            now[0] += timedelta(minutes=20)
            rec = step(rec)
            rec = svc.get(rec.id)
    finally:
        close_database()
    assert len(rec.log) >= 16
    out = tmp_path / "ws.pdf"
    pages = write_pdf(out, [rec], "en", WorksheetOptions(printed_by="王五"))
    assert pages == 1
    assert pdf_info(out)["Pages"] == "1"
    text = squash(pdf_text(out))
    assert "Sales/Singaporeoffice" in text  # no "ﬃ" ligature in the text layer
    assert rec.number in text and "Replacedthebrokenpoweradapter" in text
    # The handling log prints the English of every generated line.
    for line in (
        "Status: Pending → In progress",
        "Assignee: — → 王五",
        "Escalated: L1 → L2. Reason: hardware swap. Handover: adapter dead",
        "Solution: Replaced the broken power adapter",
        "Requester feedback: Yes; Satisfied",
        "Closed (the requester confirmed the fix).",
        "Status: Resolved → Closed",
    ):
        assert squash(line) in text, line
    assert "状态：" not in text and "升级：" not in text and "Checkedtheadapter:nooutput" in text
