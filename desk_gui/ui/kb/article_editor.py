"""Writing or editing one article; a save from a stale copy is refused and can be reloaded."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Category
from desk_gui.domain.errors import DeskError
from desk_gui.domain.kb import Article, ArticleDraft
from desk_gui.services.kb import ArticleConflict, KnowledgeService
from desk_gui.services.threads import release_thread
from desk_gui.ui.common.bounded import LIMIT_MS, BoundedCall, start_bounded
from desk_gui.ui.common.bounded_save import BoundedSave
from desk_gui.ui.common.form_fields import ui_lang

RENEW_MS = 60_000
BANNER_STYLE = "background:#fdecea; color:#7a0010; border:1px solid #e8a3a8; padding:6px;"


LOCK_LIMIT_MS = LIMIT_MS
"""How long the editor waits for its edit lock before opening read-only."""
RELEASE_WAIT_S = 2.0
"""How long closing waits for the lock's release (it expires by itself otherwise)."""


class ArticleEditorDialog(QDialog):
    """The article's text; Save creates a draft or saves an edit (Ctrl+S)."""

    def __init__(
        self,
        kb: KnowledgeService,
        parent: QWidget | None = None,
        *,
        article: Article | None = None,
        draft: ArticleDraft | None = None,
        source_ticket: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleEditor")
        self._kb = kb
        self._lang = ui_lang()
        self.article = article
        self._source_ticket = source_ticket
        self.saved: Article | None = None
        self.setWindowTitle(
            self.tr("Edit article KB%1").replace("%1", str(article.id))
            if article
            else self.tr("New article")
        )
        self._locked = False  # this workstation holds the article's edit lock
        self._locking: BoundedCall | None = None
        self._since = kb.ctx.now()  # when the first attempt to save started
        self._renew = QTimer(self)
        self._renew.setInterval(RENEW_MS)
        self._renew.timeout.connect(self._take_lock)
        self._build()
        self.set_draft(article.draft() if article else draft or ArticleDraft())
        if article is not None:
            self.save_button.setEnabled(False)  # until the lock is taken
            self._take_lock()

    def _take_lock(self) -> None:
        """Hold the edit lock while the editor is open; read-only while another holds it.

        Taken and renewed off the window's thread, waited for a bounded time (a share that
        hangs is said in the banner); never two attempts at once. Save waits for the lock."""
        assert self.article is not None
        if self._locking is not None:
            return
        self.save_button.setEnabled(self._locked)
        kb, article_id = self._kb, self.article.id

        def finished(_result: object, error: object) -> None:
            self._locking = None
            if isinstance(error, DeskError):
                self._lock_lost(error.message(self._lang))
            else:
                self._locked = True
                self.save_button.setEnabled(True)
                self._renew.start()

        def gave_up() -> None:
            self._locking = None
            self._lock_lost(
                self.tr(
                    "The database has not answered (the share may be hanging): the article's "
                    "edit lock could not be taken, so it opens read-only. Close and open it "
                    "again to retry."
                )
            )

        self._locking = start_bounded(
            lambda: kb.lock(article_id), release_thread, self, finished, gave_up,
            limit_ms=LOCK_LIMIT_MS,
        )  # fmt: skip

    def _lock_lost(self, message: str) -> None:
        self._locked = False
        self._renew.stop()
        self.show_banner(message)
        self.save_button.setEnabled(False)

    @property
    def locking(self) -> bool:
        """Whether the lock is being taken or renewed (tests wait on it)."""
        return self._locking is not None

    def done(self, result: int) -> None:
        self._renew.stop()
        if self._locking is not None:
            self._locking.forget()
            self._locking = None
        if self._locked and self.article is not None:
            kb, article_id = self._kb, self.article.id

            def unlock() -> None:
                with contextlib.suppress(Exception):  # else it expires on its own
                    kb.unlock(article_id)

            release = BoundedCall(unlock, release_thread)
            release.start(timed=False)
            release.wait(RELEASE_WAIT_S)  # a moment, so the next opening finds it free
            release.forget()
            self._locked = False
        super().done(result)

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("articleTitle")
        self.category_combo = QComboBox()
        for cat in Category:
            self.category_combo.addItem(cat.label(self._lang), cat.value)
        self.keywords_edit = QLineEdit()
        self.keywords_edit.setPlaceholderText(self.tr("words callers use, error codes, English"))
        self.applies_edit = QLineEdit()
        self.applies_edit.setPlaceholderText(self.tr("device, system or software version"))
        self.symptom_edit, self.cause_edit, self.solution_edit = (
            self._text("articleSymptom"), self._text("articleCause"), self._text("articleSolution")
        )  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Title *"), self.title_edit)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("Keywords"), self.keywords_edit)
        form.addRow(self.tr("Applies to"), self.applies_edit)
        form.addRow(self.tr("Symptom"), self.symptom_edit)
        form.addRow(self.tr("Cause"), self.cause_edit)
        form.addRow(self.tr("Solution *"), self.solution_edit)
        self.banner = QLabel()
        self.banner.setObjectName("articleBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.reload_button = QPushButton(self.tr("Reload their version"))
        self.reload_button.setObjectName("articleReload")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("articleSave")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.saver = BoundedSave(self, release_thread, self.save_button)
        self.saver.landed.connect(self._on_saver_landed)
        self.saver.failed.connect(self._on_saver_failed)
        layout.addWidget(self.saver.status)
        layout.addWidget(buttons)
        self.resize(720, 640)

    @staticmethod
    def _text(name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        return edit

    def set_draft(self, draft: ArticleDraft) -> None:
        self.title_edit.setText(draft.title)
        self.category_combo.setCurrentIndex(
            max(0, self.category_combo.findData(draft.category.value))
        )
        self.keywords_edit.setText(draft.keywords)
        self.applies_edit.setText(draft.applies_to)
        self.symptom_edit.setPlainText(draft.symptom)
        self.cause_edit.setPlainText(draft.cause)
        self.solution_edit.setPlainText(draft.solution)

    def draft(self) -> ArticleDraft:
        return ArticleDraft(
            title=self.title_edit.text(),
            symptom=self.symptom_edit.toPlainText(),
            cause=self.cause_edit.toPlainText(),
            solution=self.solution_edit.toPlainText(),
            category=Category(self.category_combo.currentData()),
            keywords=self.keywords_edit.text(),
            applies_to=self.applies_edit.text(),
        )

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def save(self) -> None:
        """Save off the window's thread, waited for a bounded time (``BoundedSave``).

        A retry never saves twice: a new article carries the time of the first attempt (the
        service returns the article that attempt made); an edit carries its base version, and
        a conflict with our own change one version on is that attempt having got through.
        """
        if self.saver.saving:
            return
        self.show_banner("")
        if self.saver.attempts == 0:
            self._since = self._kb.ctx.now()
        kb, article, draft = self._kb, self.article, self.draft()
        source, since = self._source_ticket, self._since

        def work(attempt: int) -> Article:
            if article is None:
                return kb.create(draft, source_ticket=source, since=since)
            try:
                return kb.update(article.id, article.version, draft)
            except ArticleConflict as exc:
                if attempt > 1 and exc.changed_by == kb.ctx.operator:
                    fresh = kb.get(article.id)
                    if fresh.version == article.version + 1:
                        return fresh
                raise

        self.saver.start(work)

    def _on_saver_landed(self, article: Article) -> None:
        self.saved = article
        self.accept()

    def _on_saver_failed(self, exc: DeskError) -> None:
        self.show_banner(exc.message(self._lang))
        if isinstance(exc, ArticleConflict):
            self.reload_button.show()

    def reload(self) -> None:
        """Take the saved version (theirs) into the form; what was typed here is replaced."""
        if self.article is None:
            return
        try:
            self.article = self._kb.get(self.article.id)
        except DeskError as exc:
            self.show_banner(exc.message(self._lang))
            return
        self.set_draft(self.article.draft())
        self.reload_button.hide()
        self.show_banner("")

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        kb: KnowledgeService,
        *,
        article: Article | None = None,
        draft: ArticleDraft | None = None,
        source_ticket: int | None = None,
    ) -> Article | None:
        """Show the editor modally; the saved article or None."""
        dialog = cls(kb, parent, article=article, draft=draft, source_ticket=source_ticket)
        dialog.exec()
        saved = dialog.saved
        dialog.deleteLater()
        return saved
