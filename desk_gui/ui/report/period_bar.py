"""The report's period (presets or any range) and its filters."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desk_gui.domain.enums import Category, Priority
from desk_gui.domain.lang import Lang
from desk_gui.domain.review import (
    FIRST_DAY,
    LAST_DAY,
    PRESETS,
    Period,
    ReportFilter,
    preset_period,
)
from desk_gui.ui.report.named import named

CUSTOM = "custom"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PeriodBar(QWidget):
    """Preset, from, to, and the category / department / assignee / priority filters."""

    changed = Signal()

    def __init__(self, lang: Lang, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.today = lang, today
        self.preset = named(QComboBox(), "reviewPreset")
        names = {"this_week": self.tr("This week"), "last_week": self.tr("Last week"),
                 "this_month": self.tr("This month"), "last_month": self.tr("Last month")}  # fmt: skip
        for key in PRESETS:
            self.preset.addItem(names[key], key)
        self.preset.addItem(self.tr("Any range"), CUSTOM)
        self.first = named(QDateEdit(), "reviewFrom")
        self.last = named(QDateEdit(), "reviewTo")
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setDateRange(_qdate(FIRST_DAY), _qdate(LAST_DAY))
        self.filters = {name: named(QComboBox(), f"reviewFilter_{name}")
                        for name in ("category", "department", "assignee", "priority")}  # fmt: skip
        self._lay_out()
        self.preset.setCurrentIndex(PRESETS.index("last_week"))
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._on_date_changed)
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(lambda *_: self.changed.emit())

    def _lay_out(self) -> None:
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        labels = {"category": self.tr("Category"), "department": self.tr("Department"),
                  "assignee": self.tr("Assignee"), "priority": self.tr("Priority")}  # fmt: skip
        row.addWidget(QLabel(self.tr("Period")))
        row.addWidget(self.preset)
        row.addWidget(self.first)
        row.addWidget(QLabel("–"))
        row.addWidget(self.last)
        row.addSpacing(12)
        for name, combo in self.filters.items():
            row.addWidget(QLabel(labels[name]))
            row.addWidget(combo)
        row.addStretch(1)

    def set_choices(self, values: dict[str, list[str]]) -> None:
        """Fill the filters from the values present in the database ("All" first)."""
        labels = {"category": Category, "priority": Priority}
        for name, combo in self.filters.items():
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for value in values.get(name, []):
                enum = labels.get(name)
                text = (
                    enum(value).label(self.lang)
                    if enum and value in enum._value2member_map_
                    else value
                )
                combo.addItem(text, value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def period(self) -> Period:
        first, last = _date(self.first.date()), _date(self.last.date())
        return Period(min(first, last), max(first, last))

    def report_filter(self) -> ReportFilter:
        return ReportFilter(**{name: combo.currentData() for name, combo in self.filters.items()})

    def _apply_preset(self) -> None:
        key = self.preset.currentData()
        if key == CUSTOM:
            return
        period = preset_period(key, self.today)
        for edit, day in ((self.first, period.first), (self.last, period.last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _on_preset_changed(self) -> None:
        self._apply_preset()
        self.changed.emit()

    def _on_date_changed(self) -> None:
        custom = self.preset.findData(CUSTOM)
        if self.preset.currentIndex() != custom:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(custom)
            self.preset.blockSignals(False)
        self.changed.emit()
