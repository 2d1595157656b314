"""The handling log (处理过程记录) of one ticket: a read-only table, oldest entry first."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desk_gui.domain.ticket import LogEntryRecord

Index = QModelIndex | QPersistentModelIndex


class LogColumn(IntEnum):
    AT = 0
    AUTHOR = 1
    KIND = 2
    TEXT = 3


class HandlingLogModel(QAbstractTableModel):
    """Log entries in time order; append-only, so the model never edits."""

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self._lang = lang
        self._entries: list[LogEntryRecord] = []

    def set_entries(self, entries: tuple[LogEntryRecord, ...] | list[LogEntryRecord]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.at)
        self.endResetModel()

    def entry(self, row: int) -> LogEntryRecord:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LogColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(LogColumn):
            return None
        return (self.tr("Time"), self.tr("Author"), self.tr("Kind"), self.tr("Entry"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = LogColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column is LogColumn.AT:
                return entry.at.strftime("%Y-%m-%d %H:%M")
            if column is LogColumn.AUTHOR:
                return entry.author
            if column is LogColumn.KIND:
                return entry.kind.label(self._lang)
            return entry.text_for(self._lang)
        if role == Qt.ItemDataRole.UserRole:
            return entry.at.isoformat()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class HandlingLogView(QTableView):
    """The log table as the worksheet shows it: no editing, text column stretched."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.setObjectName("handlingLog")
        self.log_model = HandlingLogModel(lang)
        self.setModel(self.log_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(LogColumn.AT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LogColumn.AUTHOR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LogColumn.KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LogColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(140)
