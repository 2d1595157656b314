"""Editors of the SLA settings dialog: the priority matrix, the targets, a list of dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Impact, Priority, Urgency
from desk_gui.domain.priority import Duration, PriorityMatrix, SlaTarget

MAX_MINUTES = 60 * 24 * 30
MAX_DAYS = 60


class MatrixEditor(QWidget):
    """Impact rows × urgency columns, a priority combo in each of the nine cells."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        corner = QLabel(self.tr("Impact \\ urgency"))
        grid.addWidget(corner, 0, 0)
        for j, urgency in enumerate(Urgency, start=1):
            grid.addWidget(QLabel(urgency.label(lang)), 0, j, Qt.AlignmentFlag.AlignCenter)
        self.combos: dict[tuple[Impact, Urgency], QComboBox] = {}
        for i, impact in enumerate(Impact, start=1):
            grid.addWidget(QLabel(impact.label(lang)), i, 0)
            for j, urgency in enumerate(Urgency, start=1):
                combo = QComboBox()
                combo.setObjectName(f"matrix_{impact.value}_{urgency.value}")
                for p in Priority:
                    combo.addItem(p.label(lang), p.value)
                grid.addWidget(combo, i, j)
                self.combos[(impact, urgency)] = combo
        grid.setRowStretch(len(Impact) + 1, 1)

    def set_matrix(self, matrix: PriorityMatrix) -> None:
        for cell, combo in self.combos.items():
            combo.setCurrentIndex(combo.findData(matrix.cells[cell].value))

    def matrix(self) -> PriorityMatrix:
        return PriorityMatrix(
            {cell: Priority(combo.currentData()) for cell, combo in self.combos.items()}
        )


def _spin(name: str, maximum: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, maximum)
    spin.setSuffix(suffix)
    return spin


class TargetsEditor(QWidget):
    """Per priority: respond and resolve within (business days + minutes), update rhythm, clock."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        heads = (
            self.tr("Priority"),
            self.tr("Respond within"),
            self.tr("Resolve within"),
            self.tr("Update every"),
            self.tr("Updates owed after"),
            self.tr("Around the clock"),
        )
        for j, text in enumerate(heads):
            grid.addWidget(QLabel(text), 0, j)
        days, minutes = self.tr(" business days"), self.tr(" min")
        self.rows: dict[Priority, dict[str, QSpinBox | QCheckBox]] = {}
        for i, p in enumerate(Priority, start=1):
            row: dict[str, QSpinBox | QCheckBox] = {}
            grid.addWidget(QLabel(p.label(lang)), i, 0)
            for j, what in enumerate(("respond", "resolve"), start=1):
                row[f"{what}_days"] = _spin(f"{p.value}_{what}_days", MAX_DAYS, days)
                row[f"{what}_minutes"] = _spin(f"{p.value}_{what}_minutes", MAX_MINUTES, minutes)
                pair = QHBoxLayout()
                pair.addWidget(row[f"{what}_days"])
                pair.addWidget(row[f"{what}_minutes"])
                grid.addLayout(pair, i, j)
            interval = _spin(f"{p.value}_interval", MAX_MINUTES, minutes)
            interval.setMinimum(1)
            row["interval"] = interval
            row["after"] = _spin(f"{p.value}_after", MAX_MINUTES, minutes)
            clock = QCheckBox()
            clock.setObjectName(f"{p.value}_clock")
            row["clock"] = clock
            grid.addWidget(row["interval"], i, 3)
            grid.addWidget(row["after"], i, 4)
            grid.addWidget(clock, i, 5, Qt.AlignmentFlag.AlignCenter)
            self.rows[p] = row
        grid.setRowStretch(len(Priority) + 1, 1)

    def set_targets(self, targets: Mapping[Priority, SlaTarget]) -> None:
        for p, row in self.rows.items():
            t = targets[p]
            values = {
                "respond_days": t.respond.business_days,
                "respond_minutes": t.respond.minutes,
                "resolve_days": t.resolve.business_days,
                "resolve_minutes": t.resolve.minutes,
                "interval": t.update_interval // timedelta(minutes=1),
                "after": t.update_after // timedelta(minutes=1),
            }
            for key, value in values.items():
                spin = row[key]
                assert isinstance(spin, QSpinBox)
                spin.setValue(value)
            clock = row["clock"]
            assert isinstance(clock, QCheckBox)
            clock.setChecked(t.around_the_clock)

    def _value(self, p: Priority, key: str) -> int:
        spin = self.rows[p][key]
        assert isinstance(spin, QSpinBox)
        return spin.value()

    def targets(self) -> dict[Priority, SlaTarget]:
        out: dict[Priority, SlaTarget] = {}
        for p in Priority:
            clock = self.rows[p]["clock"]
            assert isinstance(clock, QCheckBox)
            out[p] = SlaTarget(
                respond=Duration(self._value(p, "respond_minutes"), self._value(p, "respond_days")),
                resolve=Duration(self._value(p, "resolve_minutes"), self._value(p, "resolve_days")),
                update_interval=timedelta(minutes=self._value(p, "interval")),
                around_the_clock=clock.isChecked(),
                update_after=timedelta(minutes=self._value(p, "after")),
            )
        return out


class DateListEditor(QWidget):
    """A sorted list of dates with a date picker, Add and Remove."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}List")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName(f"{name}Date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName(f"{name}Add")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName(f"{name}Remove")
        row = QHBoxLayout()
        row.addWidget(self.date_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._dates: set[date] = set()
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def dates(self) -> frozenset[date]:
        return frozenset(self._dates)

    def set_dates(self, dates: frozenset[date] | set[date]) -> None:
        self._dates = set(dates)
        self.list.clear()
        for d in sorted(self._dates):
            item = QListWidgetItem(d.isoformat())
            item.setData(Qt.ItemDataRole.UserRole, d.isoformat())
            self.list.addItem(item)

    def add_date(self, d: date) -> None:
        self.set_dates(self._dates | {d})

    def _on_add_button_clicked(self) -> None:
        q = self.date_edit.date()
        self.add_date(date(q.year(), q.month(), q.day()))

    def _on_remove_button_clicked(self) -> None:
        for item in self.list.selectedItems():
            self._dates.discard(date.fromisoformat(item.data(Qt.ItemDataRole.UserRole)))
        self.set_dates(self._dates)
