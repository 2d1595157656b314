"""The knowledge-base window's article list: id, title, category, status, last edit."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desk_gui.services.kb import ArticleSummary

_CTX = "ArticleTableModel"
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class ArticleColumn(IntEnum):
    ID = 0
    TITLE = 1
    CATEGORY = 2
    STATUS = 3
    UPDATED = 4


HEADERS: dict[ArticleColumn, object] = {
    ArticleColumn.ID: QT_TRANSLATE_NOOP("ArticleTableModel", "No."),
    ArticleColumn.TITLE: QT_TRANSLATE_NOOP("ArticleTableModel", "Title"),
    ArticleColumn.CATEGORY: QT_TRANSLATE_NOOP("ArticleTableModel", "Category"),
    ArticleColumn.STATUS: QT_TRANSLATE_NOOP("ArticleTableModel", "Status"),
    ArticleColumn.UPDATED: QT_TRANSLATE_NOOP("ArticleTableModel", "Updated"),
}


class ArticleTableModel(QAbstractTableModel):
    """A page of articles (a search's best matches, or the newest edited), held in memory."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[ArticleSummary] = []

    def set_articles(self, rows: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def article(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ArticleColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = ArticleColumn(index.column())
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return {
                ArticleColumn.ID: row.id,
                ArticleColumn.TITLE: row.title,
                ArticleColumn.CATEGORY: row.category.value,
                ArticleColumn.STATUS: row.status.value,
                ArticleColumn.UPDATED: row.updated_at,
            }[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ArticleColumn.ID: f"KB{row.id}",
                ArticleColumn.TITLE: row.title,
                ArticleColumn.CATEGORY: row.category.label(self.lang),
                ArticleColumn.STATUS: row.status.label(self.lang),
                ArticleColumn.UPDATED: row.updated_at.strftime("%Y-%m-%d %H:%M"),
            }[column]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CTX, str(HEADERS[ArticleColumn(section)]))
        return None
