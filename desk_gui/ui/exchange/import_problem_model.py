"""The import preview's problems as a table: spreadsheet row, column, severity and message."""

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
from PySide6.QtGui import QBrush, QColor, QFont

from desk_gui.domain.lang import pick
from desk_gui.exchange.importer import RowProblem

_CTX = "ImportProblemModel"

ERROR_COLOR = QColor("#b00020")
WARNING_COLOR = QColor("#8a5a00")

Index = QModelIndex | QPersistentModelIndex


class ProblemColumn(IntEnum):
    """The problem table's columns, in display order."""

    ROW = 0
    COLUMN = 1
    SEVERITY = 2
    MESSAGE = 3


HEADERS: dict[ProblemColumn, object] = {
    ProblemColumn.ROW: QT_TRANSLATE_NOOP("ImportProblemModel", "Row"),
    ProblemColumn.COLUMN: QT_TRANSLATE_NOOP("ImportProblemModel", "Column"),
    ProblemColumn.SEVERITY: QT_TRANSLATE_NOOP("ImportProblemModel", "Severity"),
    ProblemColumn.MESSAGE: QT_TRANSLATE_NOOP("ImportProblemModel", "Problem"),
}

WARNING_ROLE = Qt.ItemDataRole.UserRole + 1
"""True for a warning (the row still imports), False for an error."""


class ImportProblemModel(QAbstractTableModel):
    """Every problem an import preview found, errors in red and warnings in amber."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._problems: list[RowProblem] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._error_brush = QBrush(ERROR_COLOR)
        self._warning_brush = QBrush(WARNING_COLOR)

    def set_problems(self, problems: list[RowProblem]) -> None:
        self.beginResetModel()
        self._problems = sorted(problems, key=lambda p: p.row)  # the file's notes first
        self.endResetModel()

    def problem(self, row: int) -> RowProblem:
        return self._problems[row]

    # -- Qt overrides --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ProblemColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        p = self._problems[index.row()]
        column = ProblemColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._warning_brush if p.warning else self._error_brush
        if role == Qt.ItemDataRole.FontRole and column == ProblemColumn.SEVERITY:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.message(self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ProblemColumn.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == WARNING_ROLE:
            return p.warning
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ProblemColumn)
        ):
            return QCoreApplication.translate(_CTX, str(HEADERS[ProblemColumn(section)]))
        return None

    # -- helpers -------------------------------------------------------------------------------

    def _display(self, p: RowProblem, column: ProblemColumn) -> str | int:
        if column == ProblemColumn.ROW:
            return p.row or ""  # a note about the whole file has no row
        if column == ProblemColumn.COLUMN:
            return p.column
        if column == ProblemColumn.SEVERITY:
            if p.warning:
                return QCoreApplication.translate("ImportProblemModel", "Warning")
            return QCoreApplication.translate("ImportProblemModel", "Error")
        return pick(self.lang, p.zh, p.en)
