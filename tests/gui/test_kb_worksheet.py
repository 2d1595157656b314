"""The worksheet's knowledge-base line: archive a resolved ticket, linked tickets both ways."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desk_gui.domain.kb import LinkKind
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.kb.article_editor import ArticleEditorDialog
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.gui.conftest import settled, wait_while
from tests.services.conftest import make_draft


def test_archive_from_the_worksheet(
    qtbot: QtBot, workflow: WorkflowService, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = workflow.create(make_draft())
    rec = workflow.take(rec.id, rec.version)
    workflow.resolve(rec.id, rec.version, "重启数据库服务并设置开机自启")
    opened: list[int] = []
    monkeypatch.setattr(
        ArticleEditorDialog,
        "ask",
        classmethod(lambda cls, p, kb, **kw: opened.append(kw["article"].id)),
    )
    view = settled(WorksheetView(workflow, rec.id))
    qtbot.addWidget(view)
    strip = view.knowledge
    assert strip.archive_button.isVisibleTo(view)
    strip.archive_button.click()
    wait_while(lambda: not opened)
    settled(view)  # the sheet reads its knowledge line again
    kb = workspace.kb
    assert kb.articles_of_ticket(rec.id) == [(opened[0], rec.title, LinkKind.SOURCE)]
    assert not strip.archive_button.isVisibleTo(view)  # archived once
    assert f"KB{opened[0]}" in strip.label.text()


def test_linked_tickets_show_each_other(
    qtbot: QtBot, workflow: WorkflowService, workspace: Workspace
) -> None:
    a = workflow.create(make_draft())
    b = workflow.create(make_draft(title="CRM又连不上"))
    workspace.kb.link_tickets(a.id, b.id)
    for mine, other in ((a, b), (b, a)):
        view = settled(WorksheetView(workflow, mine.id))
        qtbot.addWidget(view)
        assert other.number in view.knowledge.label.text()
        assert not view.knowledge.archive_button.isVisibleTo(view)  # still open
        with qtbot.waitSignal(view.knowledge.ticket_link_activated) as got:
            view.knowledge.label.linkActivated.emit(f"desk-ticket:{other.id}")
        assert got.args == [other.id]
        for linked in view.linked_views:  # the other ticket's worksheet opened: let it read
            settled(linked)
