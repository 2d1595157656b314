"""Masking on paper: no requester name or full phone number in a printed worksheet's text
layer (read back with pdftotext), whichever field or log line holds it; masking off prints all.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desk_gui.domain.enums import LogKind, WaitingOn
from desk_gui.domain.ticket import LogEntryRecord, TicketRecord
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import write_pdf
from desk_gui.printing.sample import sample_record
from tests.gui.test_printing import pdf_text
from tests.masking_cases import Case, cases

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdfinfo)"
)

FIXED = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _record(case: Case) -> TicketRecord:
    """The sample ticket with the case's name and texts in every free-text field and the log."""
    base = sample_record()
    description, contact, log_text, other = case.texts
    log = (
        *base.log,
        LogEntryRecord(base.submitted_at + timedelta(hours=1), "李工程师", LogKind.NOTE, log_text),
        LogEntryRecord(base.submitted_at + timedelta(hours=2), "李工程师", LogKind.NOTE, other),
    )
    return replace(
        base,
        requester=case.name,
        description=description,
        contact=contact[:120],
        solution=other,
        remarks=log_text,
        waiting_on=WaitingOn.REQUESTER,
        waiting_contact=contact[:60],
        log=log,
    )


def _printed(case: Case, tmp_path: Path, lang: str, mask: bool) -> str:
    out = tmp_path / f"ws-{lang}-{mask}.pdf"
    write_pdf(out, [_record(case)], lang, WorksheetOptions(lang=lang, mask_requester=mask))
    return pdf_text(out)


@FIXED
@given(cases())
def test_masked_worksheet_shows_no_name_or_full_number(
    qapp: object, tmp_path: Path, case: Case
) -> None:
    for lang in ("zh", "en"):
        assert case.leaks(_printed(case, tmp_path, lang, mask=True)) == []


@FIXED
@given(cases())
def test_unmasked_worksheet_prints_everything(qapp: object, tmp_path: Path, case: Case) -> None:
    text = _printed(case, tmp_path, "zh", mask=False)
    assert case.shown(text) == []
    assert case.leaks(text)  # the check above would see a leak
