"""The intake form's knowledge panel: articles, resolved tickets and duplicates as the call is typed.

Matching runs as a background job (kind ``kb-suggest``) a moment after the typing pauses; a
newer keystroke supersedes the older job, so typing never waits. In the list, Enter reads the
current item, A applies an article (R: applies it and resolves the ticket on this call).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.services.kb import ArticleHit, Duplicate, KnowledgeService, Suggestions, TicketHit
from desk_gui.ui.common.background import Job, Runner
from desk_gui.ui.kb.article_view import article_html

DEBOUNCE_MS = 250
SNIPPET = 40
KIND = "kb-suggest"


class SuggestionList(QListWidget):
    """The ranked items; Enter reads, A applies, R applies and resolves."""

    read_requested = Signal()
    apply_requested = Signal(bool)  # resolve on this call

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.read_requested.emit()
        elif key == Qt.Key.Key_A and not event.modifiers():
            self.apply_requested.emit(False)
        elif key == Qt.Key.Key_R and not event.modifiers():
            self.apply_requested.emit(True)
        else:
            super().keyPressEvent(event)


class KnowledgePanel(QWidget):
    """Suggestions beside the intake form; emits ``applied`` when an article is applied."""

    applied = Signal(object, bool)  # ArticleHit, resolve on this call
    suggestions_shown = Signal(object)  # Suggestions

    def __init__(self, kb: KnowledgeService, jobs: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbPanel")
        self._kb, self._jobs = kb, jobs
        self.suggestions = Suggestions()
        self._query: tuple[str, str, str, str] = ("", "", "", "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._submit)
        self.title = QLabel(self.tr("Knowledge base (F4)"))
        self.title.setStyleSheet("font-weight: bold;")
        self.list = SuggestionList(self)
        self.list.setObjectName("kbSuggestions")
        self.list.setAccessibleName(self.tr("Suggested solutions"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.reader = QTextBrowser(self)
        self.reader.setObjectName("kbReader")
        self.reader.setOpenLinks(False)
        self.apply_button = QPushButton(self.tr("Apply (A)"))
        self.apply_button.setObjectName("kbApply")
        self.resolve_button = QPushButton(self.tr("Apply and resolve (R)"))
        self.resolve_button.setObjectName("kbResolve")
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.reader, 2)
        layout.addLayout(buttons)
        self.list.read_requested.connect(self.read_current)
        self.list.apply_requested.connect(self.apply_current)
        self.list.currentItemChanged.connect(lambda *_: self.read_current())
        self.apply_button.clicked.connect(lambda: self.apply_current(False))
        self.resolve_button.clicked.connect(lambda: self.apply_current(True))
        self._show_hint()
        self._enable()

    # -- asking ---------------------------------------------------------------------------

    def request(self, title: str, description: str, requester: str, department: str) -> None:
        """Ask again once typing pauses (nothing when the text did not change)."""
        query = (title.strip(), description.strip(), requester.strip(), department.strip())
        if query == self._query:
            return
        self._query = query
        self._timer.start()

    def flush(self) -> None:
        """Ask now (tests, and saving, which wants the latest duplicates)."""
        if self._timer.isActive():
            self._timer.stop()
            self._submit()

    def _submit(self) -> None:
        title, description, requester, department = self._query
        if not (title or description):
            self.show_suggestions(Suggestions())
            return
        kb = self._kb

        def work(job: Job) -> Suggestions:
            job.check()
            return kb.suggest(title, description, requester=requester, department=department)

        self._jobs.submit(KIND, work, self.show_suggestions, self._on_failed)

    def _on_failed(self, error: DeskError) -> None:
        self.reader.setPlainText(error.message(self._lang()))

    # -- showing --------------------------------------------------------------------------

    def show_suggestions(self, found: Suggestions) -> None:
        self.suggestions = found
        self.list.clear()
        self._section(self.tr("May be the same call"), found.duplicates, self._dup_text)
        self._section(self.tr("Articles"), found.articles, lambda a: a.title)
        self._section(self.tr("Resolved tickets"), found.tickets, self._ticket_text)
        if not (found.articles or found.tickets or found.duplicates):
            self._show_hint()
        self.suggestions_shown.emit(found)

    def _section(self, heading: str, items: Any, text: Any) -> None:
        if not items:
            return
        head = QListWidgetItem(heading)
        head.setFlags(Qt.ItemFlag.NoItemFlags)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        self.list.addItem(head)
        for value in items:
            item = QListWidgetItem("  " + text(value))
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setToolTip(text(value))
            self.list.addItem(item)

    def _dup_text(self, d: Duplicate) -> str:
        who = self.tr("same requester") if d.reason == "requester" else self.tr("same department")
        return self.tr("this may be %1 %2 (%3)").replace("%1", d.number).replace(
            "%2", d.title).replace("%3", who)  # fmt: skip

    @staticmethod
    def _ticket_text(t: TicketHit) -> str:
        solution = " ".join(t.solution.split())
        short = solution if len(solution) <= SNIPPET else solution[: SNIPPET - 1] + "…"
        return f"{t.number} {t.title} — {short}" if short else f"{t.number} {t.title}"

    def _show_hint(self) -> None:
        self.reader.setPlainText(
            self.tr(
                "Matching articles and resolved tickets appear here as the title and "
                "description are typed. F4 moves here; Enter reads; A applies an article; "
                "R applies it and resolves the ticket on this call."
            )
        )

    def current(self) -> Any:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def focus_list(self) -> None:
        """F4: into the list, on its first item."""
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.list.currentRow() < 0 or self.current() is None:
            for row in range(self.list.count()):
                if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                    self.list.setCurrentRow(row)
                    break

    def read_current(self) -> None:
        value = self.current()
        if isinstance(value, ArticleHit):
            self._read_article(value)
        elif isinstance(value, TicketHit):
            self.reader.setHtml(self._ticket_html(value))
        elif isinstance(value, Duplicate):
            self.reader.setHtml(
                f"<b>{html.escape(value.number)}</b> {html.escape(value.title)}<br>"
                + html.escape(value.description).replace("\n", "<br>")
            )
        self._enable()

    def _enable(self) -> None:
        article = isinstance(self.current(), ArticleHit)
        self.apply_button.setEnabled(article)
        self.resolve_button.setEnabled(article)

    def _read_article(self, hit: ArticleHit) -> None:
        kb = self._kb

        def done(article: Any) -> None:
            if self.current() is hit:
                self.reader.setHtml(article_html(article, self._lang()))

        self._jobs.submit("kb-read", lambda job: kb.get(hit.id), done, self._on_failed)

    def _ticket_html(self, t: TicketHit) -> str:
        return (
            f"<b>{html.escape(t.number)} {html.escape(t.title)}</b><br>"
            f"<b>{html.escape(self.tr('Solution'))}</b><br>{html.escape(t.solution)}"
        )

    def apply_current(self, resolve: bool) -> None:
        value = self.current()
        if isinstance(value, ArticleHit):
            self.applied.emit(value, resolve)

    def _lang(self) -> str:
        from desk_gui.ui.common.form_fields import ui_lang

        return ui_lang()
