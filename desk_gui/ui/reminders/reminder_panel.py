"""The reminder dock: the operator's due reminders, with snooze, done and open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.fields import label
from desk_gui.ui.common.ui_language import ui_lang
from desk_gui.ui.reminders.reminders import ReminderPoller, kind_text, when_text

if TYPE_CHECKING:
    from desk_gui.services.reminders import DueReminder, ReminderKey

OVERDUE = QColor("#b00020")
TITLE_MIN_WIDTH = 140
SNOOZES: tuple[tuple[str, timedelta | None], ...] = (
    ("snooze15", timedelta(minutes=15)),
    ("snooze60", timedelta(hours=1)),
    ("snoozeTomorrow", None),
)


class ReminderPanel(QDockWidget):
    """A dock listing ``poller``'s reminders; ``open_requested`` carries a ticket id."""

    open_requested = Signal(int)

    def __init__(
        self,
        poller: ReminderPoller,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(self.tr("Reminders"), parent)
        self.setObjectName("reminderDock")
        self.poller = poller
        self._now = now
        self._rows: list[DueReminder] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("reminderTable")
        self.table.setAccessibleName(self.tr("Reminders"))
        self.table.setHorizontalHeaderLabels(
            [label("number", ui_lang()), label("title", ui_lang()), self.tr("Due"), self.tr("When")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line a reminder: long titles are elided (the full text is the tooltip) and the
        # number, due and when columns keep the width of their contents (a few rows: cheap).
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.empty_label = QLabel(self.tr("Nothing due."))
        self.empty_label.setObjectName("reminderEmpty")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("reminderOpen")
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("reminderDone")
        self.done_button.setToolTip(self.tr("Acknowledge: this reminder does not come back"))
        self.snooze_button = QToolButton()
        self.snooze_button.setObjectName("reminderSnooze")
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        labels = {
            "snooze15": self.tr("15 minutes"),
            "snooze60": self.tr("1 hour"),
            "snoozeTomorrow": self.tr("Until tomorrow"),
        }
        for name, delta in SNOOZES:
            action = menu.addAction(labels[name])
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, d=delta: self.snooze_selected(d))
        self.snooze_button.setMenu(menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.snooze_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        poller.reminders_changed.connect(self.set_reminders)
        self.set_reminders(poller.pending)

    @property
    def reminders(self) -> list[DueReminder]:
        return list(self._rows)

    def set_reminders(self, rows: list[DueReminder]) -> None:
        """Show ``rows``, keeping the selected reminder selected when it is still there."""
        keep = self.selected_key()
        now = self._now()
        self._rows = list(rows)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.number, r.title, kind_text(r.kind), when_text(r.due_at, now))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if r.overdue(now) and j >= 2:
                    item.setForeground(QBrush(OVERDUE))
                self.table.setItem(i, j, item)
            if r.key == keep:
                self.table.selectRow(i)
        if keep is None and rows:
            self.table.selectRow(0)
        self.empty_label.setVisible(not rows)
        self.setWindowTitle(
            self.tr("Reminders ({count})").format(count=len(rows)) if rows else self.tr("Reminders")
        )
        self._update_buttons()
        self._widen_to_fit()

    def fitting_width(self) -> int:
        """The dock width that shows the number, due and when columns whole beside a title."""
        table = self.table
        header = table.horizontalHeader()
        fixed = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in (0, 2, 3))
        title = max(TITLE_MIN_WIDTH, header.sectionSizeHint(1))
        scroll = table.verticalScrollBar().sizeHint().width()
        frame = 2 * table.frameWidth() + 8  # the table's frame and the body's margins
        return fixed + title + scroll + frame

    def _widen_to_fit(self) -> None:
        # Grow the dock (never shrink it) so a new reminder's columns are not cut off.
        window = self.parentWidget()
        if self._rows and isinstance(window, QMainWindow) and not self.isFloating():
            # At most about half the window: the queue stays the main thing on a small screen.
            wanted = min(self.fitting_width(), window.width() * 9 // 20)
            if self.width() < wanted:
                window.resizeDocks([self], [wanted], Qt.Orientation.Horizontal)

    def selected(self) -> DueReminder | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        i = rows[0].row()
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def selected_key(self) -> ReminderKey | None:
        chosen = self.selected()
        return chosen.key if chosen is not None else None

    def select(self, index: int) -> None:
        self.table.selectRow(index)

    def snooze_selected(self, delta: timedelta | None) -> None:
        """Snooze the selected reminder for ``delta`` (None: until the next opening)."""
        key = self.selected_key()
        if key is not None:
            self.poller.snooze(key, delta)

    def acknowledge_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.poller.acknowledge(key)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in (self.open_button, self.done_button, self.snooze_button):
            button.setEnabled(has)

    def _on_open_button_clicked(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_requested.emit(chosen.ticket_id)

    def _on_done_button_clicked(self) -> None:
        self.acknowledge_selected()

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._rows):
            self.open_requested.emit(self._rows[row].ticket_id)


def add_reminder_dock(window: QWidget, poller: ReminderPoller) -> ReminderPanel:
    """Create the panel and dock it on the right of a QMainWindow."""
    panel = ReminderPanel(poller, window)
    if isinstance(window, QMainWindow):
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    return panel
