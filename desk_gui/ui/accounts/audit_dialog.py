"""The audit trail as a supervisor reads it: newest first, filtered, exported to CSV."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.services import audit
from desk_gui.services.context import Context
from desk_gui.ui.common.error_dialog import ErrorDialog

_SHOWN = 2000  # newest events shown; the CSV export holds every event the filter matches


class AuditDialog(QDialog):
    """A read-only table of events with a person and an action filter."""

    def __init__(self, ctx: Context, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Audit trail"))
        self.ctx, self.lang = ctx, lang
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("auditUser")
        self.user_edit.setPlaceholderText(self.tr("Desk user or Windows account"))
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("auditAction")
        self.action_combo.addItem(self.tr("All actions"), "")
        for action in audit.AuditAction:
            self.action_combo.addItem(audit.action_label(action.value, lang), action.value)
        show = QPushButton(self.tr("Show"), self)
        show.setObjectName("auditShow")
        show.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Action"), self.tr("Desk user"), self.tr("Windows account"),
             self.tr("Workstation"), self.tr("Target"), self.tr("Detail")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        for w in (self.user_edit, self.action_combo, show, self.export_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)
        self.resize(980, 520)

    def _filter(self, limit: int = _SHOWN) -> audit.AuditFilter:
        return audit.AuditFilter(
            user=self.user_edit.text().strip(),
            action=str(self.action_combo.currentData() or ""),
            limit=limit,
        )

    def refresh(self) -> bool:
        """Read the events (AccessDenied for an agent is shown); False when refused."""
        try:
            events = audit.view_events(self.ctx, self._filter())
        except DeskError as exc:
            ErrorDialog.show_error(self, exc, self.lang)
            return False
        self.table.setRowCount(len(events))
        for i, e in enumerate(events):
            action = audit.action_label(e.action, self.lang) + ("" if e.ok else " ✗")
            cells = (f"{e.at:%Y-%m-%d %H:%M:%S}", action, e.desk_user, e.os_user,
                     e.workstation, e.target, e.detail)  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()  # at most _SHOWN rows
        self.count_label.setText(self.tr("{count} events shown").format(count=len(events)))
        return True

    def export_to(self, path: str) -> int:
        return audit.export_events(self.ctx, path, self._filter(limit=10**9), self.lang)

    def _on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit trail"), "desk-audit.csv", self.tr("CSV (*.csv)")
        )
        if not path:
            return
        try:
            self.export_to(path)
        except (DeskError, OSError) as exc:
            if isinstance(exc, DeskError):
                ErrorDialog.show_error(self, exc, self.lang)
            return

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: Context, lang: str) -> None:
        dialog = cls(ctx, lang, parent)
        if dialog.refresh():
            dialog.exec()
