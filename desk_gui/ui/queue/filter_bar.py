"""The queue's filter row: search, status, priority, category, deadline, mine/unassigned, dates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desk_gui.domain.enums import Category, Priority, Status
from desk_gui.domain.fields import label
from desk_gui.services.queue import QueueFilter
from desk_gui.ui.queue.flow_layout import FlowLayout

SEARCH_DELAY_MS = 300
STATUS_OPEN = "open"
STATUS_ALL = "all"
_OPEN = frozenset((Status.PENDING.value, Status.IN_PROGRESS.value))


class FilterBar(QWidget):
    """Builds a QueueFilter from its controls; ``filter_changed`` after every change."""

    filter_changed = Signal(object)  # QueueFilter
    search_submitted = Signal(object)  # QueueFilter: Enter in the search box
    list_requested = Signal()  # Down in the search box: into the queue

    def __init__(self, lang: str = "en", operator: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._lang = lang
        self._operator = operator
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()

    # -- construction --------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self._lang
        self.search_edit = QLineEdit(self)
        self._name(self.search_edit, "searchEdit", self.tr("Search"))
        self.search_edit.setPlaceholderText(self.tr("Search number, title, text… (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.installEventFilter(self)

        self.status_combo = QComboBox(self)
        self._name(self.status_combo, "statusFilter", label("status", lang))
        self.status_combo.addItem(self.tr("Open"), STATUS_OPEN)
        for status in Status:
            self.status_combo.addItem(status.label(lang), status.value)
        self.status_combo.addItem(self.tr("All statuses"), STATUS_ALL)

        self.priority_combo = QComboBox(self)
        self._name(self.priority_combo, "priorityFilter", label("priority", lang))
        self.priority_combo.addItem(self.tr("Any priority"), "")
        for priority in Priority:
            self.priority_combo.addItem(priority.label(lang), priority.value)

        self.category_combo = QComboBox(self)
        self._name(self.category_combo, "categoryFilter", label("category", lang))
        self.category_combo.addItem(self.tr("Any category"), "")
        for category in Category:
            self.category_combo.addItem(category.label(lang), category.value)

        self.due_combo = QComboBox(self)
        self._name(self.due_combo, "dueFilter", self.tr("Deadline"))
        self.due_combo.addItem(self.tr("Any deadline"), "")
        self.due_combo.addItem(self.tr("Due soon"), "soon")
        self.due_combo.addItem(self.tr("Overdue"), "overdue")

        self.mine_check = QCheckBox(self.tr("Mine"), self)
        self._name(self.mine_check, "mineFilter", self.tr("Only my tickets"))
        self.unassigned_check = QCheckBox(self.tr("Unassigned"), self)
        self._name(self.unassigned_check, "unassignedFilter", self.tr("Only unassigned tickets"))

        self.dates_check = QCheckBox(label("submitted_at", lang), self)
        self._name(self.dates_check, "dateFilter", self.tr("Filter by submission date"))
        today = QDate.currentDate()
        self.from_date = self._date_edit("fromDate", self.tr("Submitted from"), today.addDays(-7))
        self.to_date = self._date_edit("toDate", self.tr("Submitted to"), today)
        self.dash = QLabel("–", self)

        self.clear_button = QToolButton(self)
        self._name(self.clear_button, "clearFilters", self.tr("Clear filters"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Show all open tickets again"))
        self.clear_button.clicked.connect(self._on_clear_button_clicked)

        # Wraps onto a second line on a narrow (or 150 %-scaled) screen instead of forcing
        # the window wider than the screen; the search box takes what is left of its line.
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search_edit.setSizePolicy(
            QSizePolicy.Policy.Expanding, self.search_edit.sizePolicy().verticalPolicy()
        )
        layout.addWidget(self.search_edit)
        for widget in (
            self.status_combo,
            self.priority_combo,
            self.category_combo,
            self.due_combo,
            self.mine_check,
            self.unassigned_check,
            self.dates_check,
            self._dates_range(),
            self.clear_button,
        ):
            layout.addWidget(widget)

        for combo in (self.status_combo, self.priority_combo, self.category_combo, self.due_combo):
            combo.currentIndexChanged.connect(self._on_control_changed)
        self.mine_check.toggled.connect(self._on_mine_check_toggled)
        self.unassigned_check.toggled.connect(self._on_unassigned_check_toggled)
        self.dates_check.toggled.connect(self._on_dates_check_toggled)
        self.from_date.dateChanged.connect(self._on_control_changed)
        self.to_date.dateChanged.connect(self._on_control_changed)
        self._on_dates_check_toggled(False)

    def _dates_range(self) -> QWidget:
        """From – to as one piece, so that a wrapping filter row never splits it."""
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.from_date, self.dash, self.to_date):
            row.addWidget(widget)
        return box

    def _date_edit(self, name: str, accessible: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        self._name(edit, name, accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    @staticmethod
    def _name(widget: QWidget, name: str, accessible: str) -> None:
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)

    # -- state ---------------------------------------------------------------------------------

    def set_operator(self, operator: str) -> None:
        self._operator = operator
        if self.mine_check.isChecked():
            self._emit()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def current_filter(self) -> QueueFilter:
        """The QueueFilter the controls describe."""
        status = self.status_combo.currentData()
        if status == STATUS_OPEN:
            statuses: frozenset[str] | None = _OPEN
        elif status == STATUS_ALL:
            statuses = None
        else:
            statuses = frozenset((str(status),))
        priority = self.priority_combo.currentData()
        category = self.category_combo.currentData()
        flt = QueueFilter(
            statuses=statuses,
            assignee=self._operator if self.mine_check.isChecked() and self._operator else None,
            unassigned=self.unassigned_check.isChecked(),
            priorities=frozenset((priority,)) if priority else None,
            categories=frozenset((category,)) if category else None,
            due=self.due_combo.currentData() or None,
            text=self.search_edit.text().strip(),
        )
        if self.dates_check.isChecked():
            start: date = self.from_date.date().toPython()  # type: ignore[assignment]
            end: date = self.to_date.date().toPython()  # type: ignore[assignment]
            flt.submitted_from = datetime.combine(min(start, end), time.min)
            flt.submitted_to = datetime.combine(max(start, end), time.min) + timedelta(days=1)
        return flt

    def is_default(self) -> bool:
        return self.current_filter() == QueueFilter()

    def reset(self) -> None:
        """Back to all open tickets, without a search."""
        widgets = (
            self.status_combo,
            self.priority_combo,
            self.category_combo,
            self.due_combo,
            self.mine_check,
            self.unassigned_check,
            self.dates_check,
            self.search_edit,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.status_combo.setCurrentIndex(0)
        self.priority_combo.setCurrentIndex(0)
        self.category_combo.setCurrentIndex(0)
        self.due_combo.setCurrentIndex(0)
        self.mine_check.setChecked(False)
        self.unassigned_check.setChecked(False)
        self.dates_check.setChecked(False)
        self.search_edit.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._on_dates_check_toggled(False)

    def cancel_pending_search(self) -> None:
        """Drop a search still waiting for the typing to settle (the window is closing)."""
        self._search_timer.stop()

    def _emit(self) -> None:
        self._search_timer.stop()
        self.filter_changed.emit(self.current_filter())

    # -- slots ---------------------------------------------------------------------------------

    def _on_control_changed(self, *_: object) -> None:
        self._emit()

    def _on_mine_check_toggled(self, checked: bool) -> None:
        if checked and self.unassigned_check.isChecked():
            self.unassigned_check.blockSignals(True)
            self.unassigned_check.setChecked(False)
            self.unassigned_check.blockSignals(False)
        self._emit()

    def _on_unassigned_check_toggled(self, checked: bool) -> None:
        if checked and self.mine_check.isChecked():
            self.mine_check.blockSignals(True)
            self.mine_check.setChecked(False)
            self.mine_check.blockSignals(False)
        self._emit()

    def _on_dates_check_toggled(self, checked: bool) -> None:
        self.from_date.setEnabled(checked)
        self.to_date.setEnabled(checked)
        if self.sender() is self.dates_check:
            self._emit()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()  # typing settles before the search runs

    def _on_search_edit_return_pressed(self) -> None:
        # The window runs the search now (once: the typing timer must not run it again).
        self._search_timer.stop()
        self.search_submitted.emit(self.current_filter())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            if self._search_timer.isActive():
                self._emit()  # the list shows what was typed before focus moves to it
            self.list_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def _on_search_timer_timeout(self) -> None:
        self._emit()

    def _on_clear_button_clicked(self) -> None:
        self.reset()
        self._emit()
