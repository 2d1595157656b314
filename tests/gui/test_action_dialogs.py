"""Action dialogs: messages beside the field appear on refusal and go once the field is fixed."""

from __future__ import annotations

from collections.abc import Callable

from desk_gui.domain.enums import Satisfaction, Status, Tier
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.transitions import Action
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.worksheet.action_escalate import EscalateDialog
from desk_gui.ui.worksheet.action_feedback import FeedbackDialog
from desk_gui.ui.worksheet.action_resolve import ResolveDialog
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import click_ok

from .test_worksheet_view import chinese, view_of  # noqa: F401  (fixtures)


def _taken(make_tickets: Callable[..., list[TicketRecord]], wf: WorkflowService) -> TicketRecord:
    rec = make_tickets(1)[0]
    return wf.take(rec.id, rec.version)


def _dialog(view: WorksheetView, action: Action) -> object:
    dialog = view.action_bar.action_dialog(action)
    assert dialog is not None
    return dialog


def test_resolve_refuses_a_vague_solution_beside_the_field(
    view_of: Callable[..., WorksheetView],  # noqa: F811
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    rec = _taken(make_tickets, workflow)
    view = view_of(rec.id)
    dialog = _dialog(view, Action.RESOLVE)
    assert isinstance(dialog, ResolveDialog)
    dialog.solution_edit.setPlainText("已解决")
    click_ok(dialog)
    assert dialog.result_record is None
    assert "too vague" in dialog.field_error("solution")
    assert workflow.get(rec.id).status is Status.IN_PROGRESS
    dialog.solution_edit.setPlainText("更换硒鼓")  # says what was done: the message goes
    assert dialog.field_error("solution") == ""
    click_ok(dialog)
    assert dialog.result_record is not None
    assert workflow.get(rec.id).solution == "更换硒鼓"


def test_resolve_vague_solution_message_in_chinese(
    chinese: None,  # noqa: F811
    view_of: Callable[..., WorksheetView],  # noqa: F811
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    rec = _taken(make_tickets, workflow)
    view = view_of(rec.id)
    dialog = _dialog(view, Action.RESOLVE)
    assert isinstance(dialog, ResolveDialog)
    dialog.solution_edit.setPlainText("问题已处理")
    click_ok(dialog)
    assert "解决方案太笼统" in dialog.field_error("solution")


def test_escalate_errors_clear_as_each_field_is_filled(
    view_of: Callable[..., WorksheetView],  # noqa: F811
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    rec = _taken(make_tickets, workflow)
    view = view_of(rec.id)
    dialog = _dialog(view, Action.ESCALATE)
    assert isinstance(dialog, EscalateDialog)
    click_ok(dialog)
    assert dialog.field_error("reason")
    dialog.handover_edit.setPlainText("")
    dialog.reason_edit.setText("30分钟内未解决")
    assert dialog.field_error("reason") == ""
    click_ok(dialog)  # now the handover is the missing one
    assert dialog.field_error("handover")
    dialog.reason_edit.setText("")  # emptied again: its message is not shown until OK
    dialog.handover_edit.setPlainText("已重启服务、检查网络，均无效")
    assert dialog.field_error("handover") == ""
    dialog.reason_edit.setText("30分钟内未解决")
    click_ok(dialog)
    assert dialog.result_record is not None
    assert workflow.get(rec.id).tier is Tier.L2


def test_feedback_keeps_the_rating_the_requester_gave(
    view_of: Callable[..., WorksheetView],  # noqa: F811
    make_tickets: Callable[..., list[TicketRecord]],
    workflow: WorkflowService,
) -> None:
    rec = _taken(make_tickets, workflow)
    rec = workflow.resolve(rec.id, rec.version, "重新安装打印机驱动")
    view = view_of(rec.id)
    dialog = _dialog(view, Action.FEEDBACK)
    assert isinstance(dialog, FeedbackDialog)
    dialog.rating_combo.setCurrentIndex(
        dialog.rating_combo.findData(Satisfaction.DISSATISFIED.value)
    )
    dialog.score_spin.setValue(4)  # a score does not replace the rating chosen
    assert dialog.rating_combo.currentData() == Satisfaction.DISSATISFIED.value
    click_ok(dialog)
    assert dialog.result_record is None
    assert "does not match" in dialog.field_error("satisfaction")
    assert workflow.get(rec.id).satisfaction is None
    dialog.score_spin.setValue(2)
    assert dialog.field_error("satisfaction") == ""
    click_ok(dialog)
    assert dialog.result_record is not None
    view.action_bar.finish_action(dialog)
    assert workflow.get(rec.id).satisfaction is Satisfaction.DISSATISFIED
    assert view.fields.displays["feedback"].text() == "Yes; Dissatisfied (2/5)"
