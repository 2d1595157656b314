"""The knowledge-base window: search and filter articles, read, edit, publish, retire, print,
export and import. Lists and reads run as background jobs; a newer search supersedes the older.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Category
from desk_gui.domain.errors import DeskError
from desk_gui.domain.kb import Article, ArticleStatus
from desk_gui.exchange.kb_sheet import read_articles, write_articles
from desk_gui.printing.article import print_article, write_article_pdf
from desk_gui.services.kb import ArticleConflict, KnowledgeService
from desk_gui.services.threads import release_thread
from desk_gui.ui.common.background import Job, Runner
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.form_fields import ui_lang
from desk_gui.ui.kb.article_editor import ArticleEditorDialog
from desk_gui.ui.kb.article_model import ArticleColumn, ArticleTableModel
from desk_gui.ui.kb.article_view import article_html

DEBOUNCE_MS = 200


class KnowledgeBaseWindow(QDialog):
    """Every article, searchable as the queue is; the selected one is read on the right."""

    def __init__(self, kb: KnowledgeService, jobs: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbWindow")
        self.setWindowTitle(self.tr("Knowledge base"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self._kb, self._jobs, self._lang = kb, jobs, ui_lang()
        self.article: Article | None = None
        self.model = ArticleTableModel(self._lang, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self._build()
        self._enable()
        self.reload()

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("kbSearch")
        self.search_edit.setPlaceholderText(
            self.tr("Search: words, error codes, pinyin initials (dyj)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("kbCategory")
        self.category_combo.addItem(self.tr("All categories"), "")
        for cat in Category:
            self.category_combo.addItem(cat.label(self._lang), cat.value)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("kbStatus")
        self.status_combo.addItem(self.tr("All statuses"), "")
        for status in ArticleStatus:
            self.status_combo.addItem(status.label(self._lang), status.value)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.category_combo)
        top.addWidget(self.status_combo)
        self.table = QTableView()
        self.table.setObjectName("kbTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        self.reader = QTextBrowser()
        self.reader.setObjectName("kbArticle")
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.reader)
        split.setSizes([560, 520])
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.save_status = DialogStatus()
        self._status_save: BoundedSave | None = None
        self._status_key: tuple[int, int, ArticleStatus] | None = None
        layout.addWidget(self.save_status)
        layout.addLayout(self._buttons())
        self.search_edit.textChanged.connect(lambda *_: self._timer.start())
        self.category_combo.currentIndexChanged.connect(lambda *_: self.reload())
        self.status_combo.currentIndexChanged.connect(lambda *_: self.reload())
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.resize(1180, 680)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.count_label)
        row.addStretch(1)
        specs = (
            ("kbNew", self.tr("New…"), self.new),
            ("kbEdit", self.tr("Edit…"), self.edit),
            ("kbPublish", self.tr("Publish"), self.publish),
            ("kbRetire", self.tr("Retire"), self.retire),
            ("kbPrint", self.tr("Print…"), self.print_current),
            ("kbPdf", self.tr("Save as PDF…"), self.save_pdf),
            ("kbExport", self.tr("Export…"), self.export),
            ("kbImport", self.tr("Import…"), self.import_file),
        )
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in specs:
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda *_, s=slot: s())
            row.addWidget(button)
            self.buttons[name] = button
        return row

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """List the articles for the search and filters (off the window's thread)."""
        text = self.search_edit.text()
        cat = self.category_combo.currentData()
        status = self.status_combo.currentData()
        kb = self._kb

        def work(job: Job) -> Any:
            return kb.list(
                text,
                statuses=(ArticleStatus(status),) if status else (),
                category=Category(cat) if cat else None,
            )

        self._jobs.submit("kb-list", work, self._on_listed, self._on_failed)

    def _on_listed(self, rows: Any) -> None:
        keep = self.article.id if self.article else None
        self.model.set_articles(rows)
        self.count_label.setText(self.tr("%1 article(s)").replace("%1", str(len(rows))))
        row = self.model.row_of(keep) if keep is not None else -1
        self.table.selectRow(row if row >= 0 else 0) if rows else self._show(None)

    def _on_table_selection_changed(self, *_: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._show(None)
            return
        article_id = self.model.article(rows[0].row()).id
        kb = self._kb
        self._jobs.submit("kb-open", lambda job: kb.get(article_id), self._show, self._on_failed)

    def _show(self, article: Article | None) -> None:
        self.article = article
        self.reader.setHtml(article_html(article, self._lang) if article else "")
        self._enable()

    def _enable(self) -> None:
        a = self.article
        for name in ("kbEdit", "kbPrint", "kbPdf"):
            self.buttons[name].setEnabled(a is not None)
        self.buttons["kbPublish"].setEnabled(a is not None and a.status != ArticleStatus.PUBLISHED)
        self.buttons["kbRetire"].setEnabled(a is not None and a.status == ArticleStatus.PUBLISHED)

    def _on_failed(self, error: DeskError) -> None:
        QMessageBox.warning(self, self.tr("Knowledge base"), error.message(self._lang))

    # -- writing ----------------------------------------------------------------------------

    def new(self) -> None:
        if ArticleEditorDialog.ask(self, self._kb) is not None:
            self.reload()

    def edit(self) -> None:
        if self.article is not None and ArticleEditorDialog.ask(
            self, self._kb, article=self.article
        ):
            self.reload()

    def publish(self) -> None:
        self._status_change(self._kb.publish, ArticleStatus.PUBLISHED)

    def retire(self) -> None:
        self._status_change(self._kb.retire, ArticleStatus.RETIRED)

    def _status_change(self, change: Any, status: ArticleStatus) -> None:
        """Off the window's thread, waited for a bounded time; pressing again after a give-up
        is a retry from the same version, so it cannot apply twice."""
        article = self.article
        if article is None or self.status_saving:
            return
        key = (article.id, article.version, status)
        if self._status_save is None or self._status_key != key or self._status_save.done:
            saver = BoundedSave(self, release_thread, None, self.save_status)
            saver.landed.connect(self._on_status_landed)
            saver.failed.connect(self._on_status_failed)
            self._status_save, self._status_key = saver, key
        kb = self._kb

        def work(attempt: int) -> Article:
            try:
                return change(article.id, article.version)
            except ArticleConflict as exc:
                if attempt > 1 and exc.changed_by == kb.ctx.operator:
                    fresh = kb.get(article.id)
                    if fresh.status == status:
                        return fresh
                raise

        self._status_save.start(work)

    @property
    def status_saving(self) -> bool:
        return self._status_save is not None and self._status_save.saving

    def _on_status_landed(self, article: Article) -> None:
        self._show(article)
        self.reload()

    def _on_status_failed(self, exc: DeskError) -> None:
        self._on_failed(exc)
        self.reload()

    # -- printing and exchange --------------------------------------------------------------

    def print_current(self) -> None:
        if self.article is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_article(printer, self.article, self._lang)

    def save_pdf(self) -> None:
        if self.article is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save article as PDF"), f"KB{self.article.id}.pdf", "PDF (*.pdf)"
        )
        if path:
            write_article_pdf(path, self.article, self._lang)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export articles"), "kb.xlsx", self.tr("Spreadsheet (*.xlsx *.csv)")
        )
        if not path:
            return
        try:
            n = write_articles(path, self._kb.all_articles(), self._lang)
        except (DeskError, OSError) as exc:
            text = exc.message(self._lang) if isinstance(exc, DeskError) else str(exc)
            QMessageBox.warning(self, self.tr("Export articles"), text)
            return
        self.count_label.setText(self.tr("Exported %1 article(s)").replace("%1", str(n)))

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import articles"), "", self.tr("Spreadsheet (*.xlsx *.csv)")
        )
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> int:
        """Import a sheet: nothing when any row is invalid (the problems are shown)."""
        sheet = read_articles(path)
        if sheet.errors:
            text = "\n".join(p.message(self._lang) for p in sheet.problems[:30])
            QMessageBox.warning(self, self.tr("Nothing was imported"), text)
            return 0
        try:
            ids = self._kb.import_sheet(sheet)
        except DeskError as exc:
            self._on_failed(exc)
            return 0
        self.count_label.setText(self.tr("Imported %1 article(s)").replace("%1", str(len(ids))))
        self.reload()
        return len(ids)
