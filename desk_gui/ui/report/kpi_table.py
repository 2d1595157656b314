"""The headline figures beside the previous period's, as a small read-only table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_gui.domain.lang import Lang
from desk_gui.domain.review import Report
from desk_gui.domain.review_text import change_is_better, fmt_change, fmt_value, kpi_label

GOOD, BAD = QColor(30, 130, 40), QColor(190, 40, 40)


def _heads() -> list[str]:
    return [
        QCoreApplication.translate("KpiTable", "Figure"),
        QCoreApplication.translate("KpiTable", "This period"),
        QCoreApplication.translate("KpiTable", "Previous"),
        QCoreApplication.translate("KpiTable", "Change"),
    ]


class KpiTable(QTableWidget):
    """Figure | this period | previous period | change (green better, red worse)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("reviewFigures")
        self.setHorizontalHeaderLabels(_heads())
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_report(self, report: Report, lang: Lang) -> None:
        rows = report.changes()
        self.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, (key, now, before, change) in enumerate(rows):
            cells = [kpi_label(key, lang), fmt_value(key, now), fmt_value(key, before),
                     fmt_change(key, change)]  # fmt: skip
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, key)
                if c:
                    item.setTextAlignment(right)
                if c == 1:
                    item.setFont(bold)
                better = change_is_better(key, change)
                if c == 3 and better is not None:
                    item.setForeground(QBrush(GOOD if better else BAD))
                self.setItem(r, c, item)

    def value_text(self, key: str) -> str:
        """The shown value of one figure (tests compare it with the CLI's JSON)."""
        for r in range(self.rowCount()):
            item = self.item(r, 1)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
                return item.text()
        raise KeyError(key)
