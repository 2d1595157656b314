"""The knowledge-base window over real services: search, filters, edit conflicts, status, files."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desk_gui.domain.enums import Category
from desk_gui.domain.kb import ArticleDraft, ArticleStatus
from desk_gui.services.context import Context
from desk_gui.services.kb import KnowledgeService
from desk_gui.services.workspace import Workspace
from desk_gui.ui.common.background import Immediate
from desk_gui.ui.kb import article_editor
from desk_gui.ui.kb.article_editor import ArticleEditorDialog
from desk_gui.ui.kb.kb_window import KnowledgeBaseWindow
from tests.gui.conftest import wait_while

EVAL = Path(__file__).parents[1] / "kb" / "eval_articles.csv"


@pytest.fixture
def kb(workspace: Workspace) -> KnowledgeService:
    return workspace.kb


@pytest.fixture
def window(qtbot: QtBot, kb: KnowledgeService) -> KnowledgeBaseWindow:
    for title, cat in (("打印机显示脱机", Category.HARDWARE), ("VPN错误809", Category.NETWORK)):
        art = kb.create(ArticleDraft(title=title, solution="步骤", category=cat, keywords=title))
        kb.publish(art.id, art.version)
    kb.create(ArticleDraft(title="草稿：邮箱已满", solution="归档", category=Category.SOFTWARE))
    win = KnowledgeBaseWindow(kb, Immediate())
    qtbot.addWidget(win)
    win.show()
    return win


def _titles(win: KnowledgeBaseWindow) -> list[str]:
    return [win.model.article(r).title for r in range(win.model.rowCount())]


def test_search_and_filters(window: KnowledgeBaseWindow) -> None:
    assert len(_titles(window)) == 3 and window.article is not None
    window.search_edit.setText("dyj 离线")
    window.reload()
    assert _titles(window)[0] == "打印机显示脱机"
    window.search_edit.setText("")
    window.status_combo.setCurrentIndex(window.status_combo.findData("draft"))
    assert _titles(window) == ["草稿：邮箱已满"]
    window.status_combo.setCurrentIndex(0)
    window.category_combo.setCurrentIndex(window.category_combo.findData("network"))
    assert _titles(window) == ["VPN错误809"]
    assert "VPN错误809" in window.reader.toPlainText()


def test_publish_and_retire(window: KnowledgeBaseWindow, kb: KnowledgeService) -> None:
    window.status_combo.setCurrentIndex(window.status_combo.findData("draft"))
    assert window.buttons["kbPublish"].isEnabled() and not window.buttons["kbRetire"].isEnabled()
    draft_id = window.article.id  # type: ignore[union-attr]
    window.buttons["kbPublish"].click()
    wait_while(lambda: window.status_saving)
    assert kb.get(draft_id).status is ArticleStatus.PUBLISHED
    window.status_combo.setCurrentIndex(0)
    window.table.selectRow(window.model.row_of(draft_id))
    window.buttons["kbRetire"].click()
    wait_while(lambda: window.status_saving)
    assert kb.get(draft_id).status is ArticleStatus.RETIRED


def test_editor_conflict_then_reload(
    qtbot: QtBot, window: KnowledgeBaseWindow, kb: KnowledgeService, workspace: Workspace
) -> None:
    article = window.article
    assert article is not None
    other = KnowledgeService(Context(operator="王五", workstation="PC-9"))
    other.update(
        article.id, article.version, ArticleDraft(title=article.title, solution="他们的步骤")
    )
    editor = ArticleEditorDialog(kb, window, article=article)  # opened from the stale copy
    qtbot.addWidget(editor)
    editor.solution_edit.setPlainText("我的步骤")
    editor.save()
    qtbot.waitUntil(lambda: not editor.saver.saving, timeout=10_000)
    assert editor.saved is None and "王五" in editor.banner.text()
    assert kb.get(article.id).solution == "他们的步骤"
    editor.reload_button.click()
    assert editor.solution_edit.toPlainText() == "他们的步骤"
    editor.solution_edit.setPlainText("合并后的步骤")
    editor.save()
    qtbot.waitUntil(lambda: not editor.saver.saving, timeout=10_000)
    assert editor.saved is not None and kb.get(article.id).solution == "合并后的步骤"
    assert [r.solution for r in kb.get(article.id).revisions][-1] == "他们的步骤"


def test_import_export_and_pdf(
    window: KnowledgeBaseWindow,
    kb: KnowledgeService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert window.import_path(str(EVAL)) == 64
    assert window.model.rowCount() == 67
    bad = tmp_path / "bad.csv"
    bad.write_text("标题,解决方法\n,x\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert window.import_path(str(bad)) == 0 and "row 2" in shown[0]
    out = tmp_path / "kb.csv"
    monkeypatch.setattr(
        "desk_gui.ui.kb.kb_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )
    window.export()
    assert out.read_text(encoding="utf-8-sig").count("\n") == 68
    pdf = tmp_path / "a.pdf"
    monkeypatch.setattr(
        "desk_gui.ui.kb.kb_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(pdf), "")
    )
    window.save_pdf()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert window.article is not None and window.article.title in text


def test_editor_takes_the_edit_lock(qtbot: QtBot, window: KnowledgeBaseWindow) -> None:
    article = window.article
    assert article is not None
    other = KnowledgeService(Context(operator="王五", workstation="PC-9"))
    mine = ArticleEditorDialog(window._kb, window, article=article)
    qtbot.addWidget(mine)
    assert not mine.save_button.isEnabled()  # not before the lock is taken
    qtbot.waitUntil(lambda: not mine.locking)  # taken off the window's thread
    theirs = ArticleEditorDialog(other, window, article=article)
    qtbot.addWidget(theirs)
    qtbot.waitUntil(lambda: not theirs.locking)
    assert mine.save_button.isEnabled()
    assert not theirs.save_button.isEnabled() and "张三" in theirs.banner.text()
    mine.reject()  # closing releases the lock
    again = ArticleEditorDialog(other, window, article=article)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: not again.locking)
    assert again.save_button.isEnabled()


def test_editor_on_a_hanging_share_opens_read_only_and_never_holds_the_window(
    qtbot: QtBot, window: KnowledgeBaseWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = window.article
    assert article is not None
    release = threading.Event()
    monkeypatch.setattr(window._kb, "lock", lambda article_id: release.wait(30))
    monkeypatch.setattr(article_editor, "LOCK_LIMIT_MS", 200)
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(5)
    editor = ArticleEditorDialog(window._kb, window, article=article)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: "has not answered" in editor.banner.text())
    assert ticks[0] > 0 and not editor.save_button.isEnabled()
    assert editor.title_edit.text() == article.title  # the article is still there to read
    release.set()
