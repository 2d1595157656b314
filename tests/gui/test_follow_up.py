"""A closed ticket offers a follow-up: a new linked ticket, shown and printed on both sheets."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_gui.domain.enums import Impact, Satisfaction, Status, Urgency
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.domain.transitions import Action
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import write_pdf
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.worksheet.action_follow_up import FollowUpDialog
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import click_ok, settled

from .test_printing import pdf_info, pdf_text, squash
from .test_worksheet_view import chinese  # noqa: F401  (fixture)

OPTIONS = WorksheetOptions(printed_by="张三", printed_at=datetime(2024, 5, 2, 8, 0))
NEW_TITLE = "打印机再次卡纸"
NEW_DESCRIPTION = "下午3点同一台打印机又卡纸，换纸盒无效，销售部5人无法打印合同"


def _closed(
    make_tickets: Callable[..., list[TicketRecord]], workflow: WorkflowService
) -> TicketRecord:
    rec = make_tickets(1)[0]
    rec = workflow.take(rec.id, rec.version)
    rec = workflow.add_log(rec.id, "检查进纸器，取出卡住的纸")
    rec = workflow.resolve(rec.id, rec.version, "清理进纸辊并更换磨损的分页器")
    rec = workflow.record_feedback(rec.id, rec.version, True, Satisfaction.SATISFIED, 5)
    return workflow.close(rec.id, rec.version)


def _view(qtbot: QtBot, workflow: WorkflowService, ticket_id: int) -> WorksheetView:
    view = WorksheetView(workflow, ticket_id)
    qtbot.addWidget(view)
    view.show()
    return settled(view)


def _follow_up_by_dialog(view: WorksheetView) -> FollowUpDialog:
    assert view.action_buttons[Action.FOLLOW_UP].isVisible()
    assert view.action_buttons[Action.FOLLOW_UP].isEnabled()
    dialog = view.action_bar.action_dialog(Action.FOLLOW_UP)
    assert isinstance(dialog, FollowUpDialog)
    dialog.title_edit.setText(NEW_TITLE)
    dialog.description_edit.setPlainText(NEW_DESCRIPTION)
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData(Urgency.MEDIUM.value))
    dialog.impact_combo.setCurrentIndex(dialog.impact_combo.findData(Impact.DEPARTMENT.value))
    click_ok(dialog)
    assert dialog.result_record is not None, dialog.error_text()
    view.action_bar.finish_action(dialog)
    settled(view)  # the sheet read again: it now names the follow-up
    return dialog


def test_follow_up_from_a_closed_worksheet_links_both_sheets(
    qtbot: QtBot,
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    closed = _closed(make_tickets, workflow)
    view = _view(qtbot, workflow, closed.id)
    dialog = _follow_up_by_dialog(view)
    new = dialog.result_record
    assert new is not None and new.status is Status.PENDING
    assert (new.requester, new.department, new.category) == (
        closed.requester,
        closed.department,
        closed.category,
    )
    assert view.record is not None and view.record.status is Status.CLOSED
    related = view.fields.displays["related"].text()
    assert "Follow-up tickets: " in related and new.number in related and "(Pending)" in related
    assert new.number in view.header.text()
    # the new ticket's worksheet opened, naming the closed one
    assert len(view.linked_views) == 1
    opened = view.linked_views[0]
    assert opened.ticket_id == new.id
    back = opened.fields.displays["related"].text()
    assert "Follow-up of: " in back and closed.number in back and "(Closed)" in back
    opened.window().close()


def test_follow_up_refuses_a_vague_description_beside_the_field(
    qtbot: QtBot,
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    closed = _closed(make_tickets, workflow)
    view = _view(qtbot, workflow, closed.id)
    dialog = view.action_bar.action_dialog(Action.FOLLOW_UP)
    assert isinstance(dialog, FollowUpDialog)
    dialog.title_edit.setText(NEW_TITLE)
    dialog.description_edit.setPlainText("又坏了")
    click_ok(dialog)
    assert dialog.result_record is None
    assert dialog.field_error("description")
    assert dialog.field_error("urgency") and dialog.field_error("impact")
    assert workflow.get(closed.id).follow_ups == ()
    dialog.description_edit.setPlainText(NEW_DESCRIPTION)  # each message goes once fixed
    dialog.urgency_combo.setCurrentIndex(0)
    assert dialog.field_error("description") == "" and dialog.field_error("urgency") == ""
    assert dialog.field_error("impact")


def test_follow_up_links_in_chinese(
    qtbot: QtBot,
    chinese: None,  # noqa: F811
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    closed = _closed(make_tickets, workflow)
    view = _view(qtbot, workflow, closed.id)
    assert view.action_buttons[Action.FOLLOW_UP].text() == "登记跟进工单…"
    new = _follow_up_by_dialog(view).result_record
    assert new is not None
    assert view.fields.label_widgets["related"].text() == "关联工单"
    related = view.fields.displays["related"].text()
    assert "跟进工单：" in related and f"{new.number} {NEW_TITLE}（待处理）" in related
    back = view.linked_views[0].fields.displays["related"].text()
    assert "跟进自：" in back and "（已关闭）" in back
    view.linked_views[0].window().close()


def _sample_pair(
    make_tickets: Callable[..., list[TicketRecord]], workflow: WorkflowService
) -> tuple[TicketRecord, TicketRecord]:
    closed = _closed(make_tickets, workflow)
    new = workflow.follow_up(
        closed.id,
        TicketDraft(
            title=NEW_TITLE,
            description=NEW_DESCRIPTION,
            urgency=Urgency.MEDIUM,
            impact=Impact.DEPARTMENT,
        ),
    )
    return workflow.get(closed.id), new


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(
    ("lang", "label", "back", "forward"),
    [
        (
            "zh",
            "关联工单",
            "跟进自：{n}打印机故障000（已关闭）",
            "跟进工单：{m}打印机再次卡纸（待处理）",
        ),
        (
            "en",
            "Related tickets",
            "Follow-up of: {n} 打印机故障 000 (Closed)",
            "Follow-up ticket: {m} 打印机再次卡纸 (Pending)",
        ),
    ],
)
def test_both_printed_sheets_name_the_other_on_one_page(
    qapp: object,
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
    tmp_path: Path,
    lang: str,
    label: str,
    back: str,
    forward: str,
) -> None:
    closed, new = _sample_pair(make_tickets, workflow)
    for record, expected in ((new, back), (closed, forward)):
        out = tmp_path / f"{record.number}-{lang}.pdf"
        assert write_pdf(out, [record], lang, OPTIONS) == 1
        assert pdf_info(out)["Pages"] == "1"
        text = squash(pdf_text(out))
        assert squash(label) in text
        assert squash(expected.format(n=closed.number, m=new.number)) in text


def test_a_ticket_without_links_prints_no_related_row(
    qapp: object, make_tickets: Callable[..., list[TicketRecord]], tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    out = tmp_path / "plain.pdf"
    write_pdf(out, [make_tickets(1)[0]], "zh", OPTIONS)
    assert "关联工单" not in pdf_text(out)
