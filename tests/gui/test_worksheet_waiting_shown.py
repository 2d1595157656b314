"""A ticket on hold says so next to its status, and its wait entry reads cleanly (issue 9)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desk_gui.domain.enums import WaitingOn
from desk_gui.domain.ticket import TicketRecord
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import write_pdf
from desk_gui.services.queue import QueueService
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.queue.ticket_table_model import Column, TicketTableModel
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import settled

from .test_printing import pdf_text, squash

OPTIONS = WorksheetOptions(printed_by="张三", printed_at=datetime(2024, 5, 2, 8, 0))


@pytest.fixture
def waiting(
    make_tickets: Callable[..., list[TicketRecord]], workflow: WorkflowService
) -> TicketRecord:
    """In progress, on hold for the requester: no contact person given, a note."""
    rec = make_tickets(1)[0]
    rec = workflow.take(rec.id, rec.version)
    return workflow.start_wait(rec.id, rec.version, WaitingOn.REQUESTER, note="等提交人回电")


def set_lang(lang: str) -> None:
    """The program's language as the domain labels see it (the autouse fixture resets it)."""
    if lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def _view(qtbot: QtBot, workflow: WorkflowService, ticket_id: int, lang: str) -> WorksheetView:
    set_lang(lang)
    view = WorksheetView(workflow, ticket_id)
    qtbot.addWidget(view)
    return settled(view)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "处理中 · 等待提交人"), ("en", "In progress · waiting on requester")],
)
def test_worksheet_header_and_status_show_the_wait(
    qtbot: QtBot, workflow: WorkflowService, waiting: TicketRecord, lang: str, expected: str
) -> None:
    view = _view(qtbot, workflow, waiting.id, lang)
    assert expected in view.header.text()
    assert view.fields.displays["status"].text() == expected


def test_status_loses_the_wait_when_it_ends(
    qtbot: QtBot, workflow: WorkflowService, waiting: TicketRecord
) -> None:
    workflow.end_wait(waiting.id, waiting.version)
    view = _view(qtbot, workflow, waiting.id, "zh")
    assert view.fields.displays["status"].text() == "处理中"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "处理中 · 等待提交人"), ("en", "In progress · waiting on requester")],
)
def test_queue_status_column_shows_the_wait(
    qtbot: QtBot, workflow: WorkflowService, waiting: TicketRecord, lang: str, expected: str
) -> None:
    set_lang(lang)
    model = TicketTableModel(QueueService(), lang)
    model.reload()
    statuses = {
        model.index(r, Column.NUMBER).data(): model.index(r, Column.STATUS).data()
        for r in range(model.rowCount())
    }
    assert statuses[waiting.number] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "等待提交人。等提交人回电"), ("en", "Waiting on requester. 等提交人回电")],
)
def test_wait_entry_without_contact_has_no_stray_punctuation_on_screen(
    qtbot: QtBot, workflow: WorkflowService, waiting: TicketRecord, lang: str, expected: str
) -> None:
    view = _view(qtbot, workflow, waiting.id, lang)
    model = view.fields.log_view.log_model
    texts = [str(model.index(r, 3).data()) for r in range(model.rowCount())]
    wait = [t for t in texts if "等提交人回电" in t]
    assert wait == [expected + ("。" if lang == "zh" else ".")]
    assert "：。" not in wait[0] and ": ." not in wait[0]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(
    ("lang", "status", "entry"),
    [
        ("zh", "处理中 · 等待提交人", "等待提交人。等提交人回电。"),
        ("en", "In progress · waiting on requester", "Waiting on requester. 等提交人回电."),
    ],
)
def test_printed_sheet_shows_the_wait_cleanly(
    qapp: object,
    workflow: WorkflowService,
    waiting: TicketRecord,
    tmp_path: Path,
    lang: str,
    status: str,
    entry: str,
) -> None:
    out = tmp_path / "ws.pdf"
    write_pdf(out, [workflow.get(waiting.id)], lang, OPTIONS)
    text = squash(pdf_text(out))
    assert squash(status) in text
    assert squash(entry) in text
    assert "：。" not in text


def test_wait_entry_keeps_a_note_own_punctuation(
    workflow: WorkflowService, make_tickets: Callable[..., list[TicketRecord]]
) -> None:
    rec = make_tickets(1)[0]
    rec = workflow.take(rec.id, rec.version)
    rec = workflow.start_wait(
        rec.id, rec.version, WaitingOn.VENDOR, "供应商张经理", note="补丁何时发布？"
    )
    line = rec.log[-1]
    assert line.text == "等待供应商：供应商张经理。补丁何时发布？"
    assert line.text_en == "Waiting on vendor: 供应商张经理. 补丁何时发布？"
