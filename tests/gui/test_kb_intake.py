"""The intake form's knowledge panel, driven by the keyboard over real services."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desk_gui.domain.enums import Category, LogKind, Status
from desk_gui.domain.kb import ArticleDraft, LinkKind
from desk_gui.services.kb import ArticleHit, KnowledgeService
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.store.errors import DatabaseIOError
from desk_gui.ui.common.background import Jobs
from desk_gui.ui.intake import form_kb
from desk_gui.ui.intake.ticket_form import TicketFormDialog
from tests.gui.test_ticket_form import fill_valid, saved_ticket


@pytest.fixture
def kb(workspace: Workspace) -> KnowledgeService:
    service = workspace.kb
    for title, keywords, solution in (
        ("打印机显示脱机，无法打印", "打印机 离线 脱机", "改打印机端口为新IP"),
        ("CRM系统提示数据库连接错误", "CRM 数据库", "重启数据库服务并设置开机自启"),
        ("VPN连接错误809", "VPN 809", "路由器开启IPSec直通"),
    ):
        art = service.create(ArticleDraft(title=title, keywords=keywords, solution=solution,
                                          category=Category.SOFTWARE))  # fmt: skip
        service.publish(art.id, art.version)
    return service


@pytest.fixture
def jobs(workspace: Workspace) -> Iterator[Jobs]:
    runner = Jobs(workspace.release_thread)
    yield runner
    runner.shutdown()


@pytest.fixture
def form(
    qtbot: QtBot, workflow: WorkflowService, kb: KnowledgeService, jobs: Jobs
) -> TicketFormDialog:
    dialog = TicketFormDialog(workflow, kb=kb, jobs=jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _suggested(qtbot: QtBot, form: TicketFormDialog) -> None:
    panel = form.knowledge.panel  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.suggestions_shown, timeout=5000):
        panel.flush()


def test_typing_suggests_and_keyboard_applies(
    qtbot: QtBot, form: TicketFormDialog, workflow: WorkflowService, kb: KnowledgeService
) -> None:
    fill_valid(form.fields)
    _suggested(qtbot, form)
    panel = form.knowledge.panel  # type: ignore[union-attr]
    assert panel.suggestions.articles[0].title == "CRM系统提示数据库连接错误"
    qtbot.keyClick(form.fields.title_edit, Qt.Key.Key_F4)
    assert panel.list.hasFocus()
    assert isinstance(panel.current(), ArticleHit)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "重启数据库服务" in panel.reader.toPlainText(), timeout=5000)
    qtbot.keyClick(panel.list, Qt.Key.Key_R)  # apply and resolve on this call
    assert "KB" in form.knowledge.applied_label.text()  # type: ignore[union-attr]
    form.save_button.click()
    saved_ticket(form)  # the save runs off the window's thread
    assert form.created is not None
    record = workflow.get(form.created.id)
    assert record.status is Status.RESOLVED and record.solution == "重启数据库服务并设置开机自启"
    assert any(e.kind is LogKind.KB and "KB" in e.text for e in record.log)
    assert [k for _, _, k in kb.articles_of_ticket(record.id)] == [LinkKind.HELPED]


def test_apply_without_resolving(
    qtbot: QtBot, form: TicketFormDialog, workflow: WorkflowService
) -> None:
    fill_valid(form.fields)
    _suggested(qtbot, form)
    form.knowledge.panel.focus_list()  # type: ignore[union-attr]
    qtbot.keyClick(form.knowledge.panel.list, Qt.Key.Key_A)  # type: ignore[union-attr]
    form.save_button.click()
    saved_ticket(form)  # the save runs off the window's thread
    assert form.created is not None
    record = workflow.get(form.created.id)
    assert record.status is Status.PENDING
    assert any("Applied KB article" in (e.text_en or "") for e in record.log)


def test_duplicate_question_adds_the_call(
    qtbot: QtBot, form: TicketFormDialog, workflow: WorkflowService
) -> None:
    fill_valid(form.fields)
    first = workflow.create(form.fields.draft())
    form.save_button.click()
    saved_ticket(form)  # the save runs off the window's thread
    box = form.findChild(QMessageBox, "duplicateQuestion")
    assert box is not None and first.number in box.text()
    box.button(QMessageBox.StandardButton.NoButton)  # buttons are custom: click the default
    box.defaultButton().click()
    saved_ticket(form)  # the call is added off the window's thread
    assert form.created is None and form.added_to == first.number
    log = workflow.get(first.id).log
    assert log[-1].kind is LogKind.KB and "CRM" in log[-1].text


def test_duplicate_question_save_anyway_links(
    qtbot: QtBot, form: TicketFormDialog, workflow: WorkflowService, kb: KnowledgeService
) -> None:
    fill_valid(form.fields)
    first = workflow.create(form.fields.draft())
    form.save_button.click()
    saved_ticket(form)  # the save runs off the window's thread
    box = form.findChild(QMessageBox, "duplicateQuestion")
    new = next(b for b in box.buttons() if "new ticket" in b.text())
    new.click()
    saved_ticket(form)
    assert form.created is not None
    assert kb.linked_tickets(first.id) == [
        (form.created.id, form.created.number, form.created.title)
    ]


def _ask_and_add(form: TicketFormDialog) -> None:
    form.save_button.click()
    saved_ticket(form)  # the duplicate look-up
    box = form.findChild(QMessageBox, "duplicateQuestion")
    assert box is not None
    box.defaultButton().click()  # "Add to …"


def test_adding_the_call_on_a_failing_share_says_so_and_keeps_the_form(
    qtbot: QtBot,
    form: TicketFormDialog,
    workflow: WorkflowService,
    kb: KnowledgeService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_valid(form.fields)
    first = workflow.create(form.fields.draft())

    def failing(ticket_id: int, text: str) -> None:
        raise DatabaseIOError()

    monkeypatch.setattr(kb, "add_call_to", failing)
    _ask_and_add(form)
    saved_ticket(form)
    warning = form.findChild(QMessageBox, "duplicateCallFailed")
    assert warning is not None and "read/write error" in warning.text()
    assert form.isVisible() and form.added_to != first.number
    assert form.fields.title_edit.text() == "CRM系统数据库连接错误"
    assert len(workflow.get(first.id).log) == 1  # nothing added


def test_adding_the_call_on_a_hanging_share_never_holds_the_window(
    qtbot: QtBot,
    form: TicketFormDialog,
    workflow: WorkflowService,
    kb: KnowledgeService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_valid(form.fields)
    first = workflow.create(form.fields.draft())
    release = threading.Event()

    def hanging(ticket_id: int, text: str) -> None:
        release.wait(30)

    monkeypatch.setattr(kb, "add_call_to", hanging)
    monkeypatch.setattr(form_kb, "LIMIT_MS", 200)
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(5)
    _ask_and_add(form)
    qtbot.waitUntil(lambda: form.findChild(QMessageBox, "duplicateCallFailed") is not None)
    warning = form.findChild(QMessageBox, "duplicateCallFailed")
    assert first.number in warning.text() and "has not answered" in warning.text()
    assert ticks[0] > 0 and form.isVisible() and not form.saving
    release.set()
