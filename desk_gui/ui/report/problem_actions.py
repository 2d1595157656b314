"""The improvement actions of a problem as an editable table (what, owner, due, status, check)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desk_gui.domain.lang import Lang
from desk_gui.domain.problem import Action, ActionStatus, allowed_statuses

WHAT, OWNER, DUE, STATUS, CHECK = range(5)


def _heads() -> list[str]:
    return [
        QCoreApplication.translate("ProblemActionsTable", "What"),
        QCoreApplication.translate("ProblemActionsTable", "Owner"),
        QCoreApplication.translate("ProblemActionsTable", "Due (YYYY-MM-DD)"),
        QCoreApplication.translate("ProblemActionsTable", "Status"),
        QCoreApplication.translate("ProblemActionsTable", "Check result"),
    ]


class ProblemActionsTable(QTableWidget):
    """One row per action; the status offers the current step and the next ones only."""

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("problemActions")
        self.lang = lang
        self._ids: list[int | None] = []
        self.setHorizontalHeaderLabels(_heads())
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHECK, QHeaderView.ResizeMode.Stretch)
        for column in (OWNER, DUE, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)

    def set_actions(self, actions: list[Action]) -> None:
        self.setRowCount(0)
        self._ids = []
        for action in actions:
            self.add_action(action)

    def add_action(self, action: Action | None = None) -> None:
        action = action or Action("")
        row = self.rowCount()
        self.insertRow(row)
        self._ids.append(action.id)
        self.setItem(row, WHAT, QTableWidgetItem(action.what))
        self.setItem(row, OWNER, QTableWidgetItem(action.owner))
        self.setItem(row, DUE, QTableWidgetItem(action.due.isoformat() if action.due else ""))
        self.setItem(row, CHECK, QTableWidgetItem(action.check_result))
        combo = QComboBox(self)
        for status in allowed_statuses(action.status):
            combo.addItem(status.label(self.lang), status.value)
        self.setCellWidget(row, STATUS, combo)

    def remove_selected(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            del self._ids[row]

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def edited_actions(self) -> list[Action]:
        """The rows as actions; a due date that is not YYYY-MM-DD raises ValueError."""
        out = []
        for row in range(self.rowCount()):
            combo = self.cellWidget(row, STATUS)
            status = (
                ActionStatus(combo.currentData())
                if isinstance(combo, QComboBox)
                else ActionStatus.PLAN
            )
            due_text = self._text(row, DUE)
            due = date.fromisoformat(due_text) if due_text else None
            out.append(Action(self._text(row, WHAT), self._text(row, OWNER), due, status,
                              self._text(row, CHECK), self._ids[row]))  # fmt: skip
        return [a for a in out if a.what or a.owner or a.due or a.check_result]

    def selected_due(self) -> date | None:
        row = self.currentRow()
        if row < 0:
            return None
        text = self._text(row, DUE)
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            return None

    def set_check_text(self, text: str) -> None:
        row = self.currentRow()
        if row >= 0:
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.ToolTipRole, text)
            self.setItem(row, CHECK, item)
