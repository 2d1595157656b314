"""The queue's columns: order, sort keys, headers, widths, and what each cell shows."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desk_gui.domain.enums import Category, Priority, Status, Urgency, WaitingOn, status_text
from desk_gui.domain.fields import label
from desk_gui.domain.masking import mask_requester
from desk_gui.services.queue import QueueRow, SortKey
from desk_gui.ui.common.ui_language import ui_lang

SOON_SECONDS = 3600
"""A deadline within this many seconds is "due soon" (the store's due-soon filter agrees)."""

_CTX = "TicketTableModel"


class Column(IntEnum):
    """The queue's columns, in display order."""

    NUMBER = 0
    TITLE = 1
    DEPARTMENT = 2
    REQUESTER = 3
    CATEGORY = 4
    PRIORITY = 5
    URGENCY = 6
    STATUS = 7
    ASSIGNEE = 8
    SUBMITTED = 9
    NEXT_DUE = 10


SORT_KEYS: dict[Column, SortKey] = {
    Column.NUMBER: SortKey.NUMBER,
    Column.TITLE: SortKey.TITLE,
    Column.DEPARTMENT: SortKey.DEPARTMENT,
    Column.REQUESTER: SortKey.REQUESTER,
    Column.CATEGORY: SortKey.CATEGORY,
    Column.PRIORITY: SortKey.PRIORITY,
    Column.URGENCY: SortKey.URGENCY,
    Column.STATUS: SortKey.STATUS,
    Column.ASSIGNEE: SortKey.ASSIGNEE,
    Column.SUBMITTED: SortKey.SUBMITTED_AT,
    Column.NEXT_DUE: SortKey.NEXT_DUE,
}

# The declared field each column shows (its header is the field's label); None: the queue's own.
FIELD_KEYS: dict[Column, str | None] = {
    Column.NUMBER: "number",
    Column.TITLE: "title",
    Column.DEPARTMENT: "department",
    Column.REQUESTER: "requester",
    Column.CATEGORY: "category",
    Column.PRIORITY: "priority",
    Column.URGENCY: "urgency",
    Column.STATUS: "status",
    Column.ASSIGNEE: "assignee",
    Column.SUBMITTED: "submitted_at",
    Column.NEXT_DUE: None,
}
NEXT_DUE_HEADER = QT_TRANSLATE_NOOP("TicketTableModel", "Next deadline")

COLUMN_WIDTHS: dict[Column, int] = {
    Column.NUMBER: 145,
    Column.TITLE: 240,
    Column.DEPARTMENT: 150,
    Column.REQUESTER: 90,
    Column.CATEGORY: 80,
    Column.PRIORITY: 60,
    Column.URGENCY: 70,
    Column.STATUS: 170,  # room for "处理中 · 等待其他部门"
    Column.ASSIGNEE: 100,
    Column.SUBMITTED: 130,
    Column.NEXT_DUE: 130,
}
"""Fixed widths: measuring contents of a million-row model would freeze the window."""

OPEN = frozenset((Status.PENDING.value, Status.IN_PROGRESS.value))
_OVERDUE_BG = QColor("#fbd5d3")
_OVERDUE_FG = QColor("#8b1a10")
_SOON_BG = QColor("#ffefc2")
_SOON_FG = QColor("#7a4b00")
_P1_FG = QColor("#b3261e")


def header_text(column: Column) -> str:
    key = FIELD_KEYS[column]
    if key is None:
        return QCoreApplication.translate(_CTX, str(NEXT_DUE_HEADER))
    return label(key, ui_lang())


def format_duration(seconds: int) -> str:
    """A short human duration: "3 d 4 h", "2 h 05 min", "12 min"."""
    minutes = max(0, seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("TicketTableModel", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("TicketTableModel", "{h} h {m:02d} min").format(
            h=hours, m=mins
        )
    return QCoreApplication.translate("TicketTableModel", "{m} min").format(m=mins)


def format_time_left(due: datetime | None, now: datetime) -> str:
    """Time left to a deadline, or how long it is overdue; a dash without a deadline."""
    if due is None:
        return "—"
    seconds = int((due - now).total_seconds())
    if seconds < 0:
        return QCoreApplication.translate("TicketTableModel", "overdue {t}").format(
            t=format_duration(-seconds)
        )
    return QCoreApplication.translate("TicketTableModel", "{t} left").format(
        t=format_duration(seconds)
    )


def due_state(due: datetime | None, now: datetime) -> str:
    """ "overdue", "soon" or "" for a deadline at ``now``."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    if seconds < 0:
        return "overdue"
    return "soon" if seconds <= SOON_SECONDS else ""


def _label(enum: Any, value: str, lang: str) -> str:
    try:
        return str(enum(value).label(lang))
    except ValueError:
        return value


def display(row: QueueRow, column: Column, lang: str, mask: bool, now: datetime) -> str:
    """The text of one cell."""
    if column == Column.NUMBER:
        return row.number
    if column == Column.TITLE:
        return row.title
    if column == Column.DEPARTMENT:
        return row.department
    if column == Column.REQUESTER:
        return mask_requester(row.requester) if mask else row.requester
    if column == Column.CATEGORY:
        return _label(Category, row.category, lang)
    if column == Column.PRIORITY:
        return _label(Priority, row.priority, lang)
    if column == Column.URGENCY:
        return _label(Urgency, row.urgency, lang)
    if column == Column.STATUS:
        try:
            waiting = WaitingOn(row.waiting_on) if row.waiting_on else None
            return status_text(Status(row.status), waiting, lang)
        except ValueError:
            return row.status
    if column == Column.ASSIGNEE:
        return row.assignee or ""
    if column == Column.SUBMITTED:
        return row.submitted_at.strftime("%Y-%m-%d %H:%M")
    if row.status not in OPEN:
        return "—"
    return format_time_left(row.next_due, now)


def tooltip(row: QueueRow, column: Column, lang: str, mask: bool, now: datetime) -> str:
    if column == Column.NEXT_DUE and row.next_due is not None and row.status in OPEN:
        return row.next_due.strftime("%Y-%m-%d %H:%M")
    return display(row, column, lang, mask, now)


def sort_value(row: QueueRow, column: Column) -> Any:
    """The raw value the column sorts by (the SQL applies the same order)."""
    value = getattr(row, SORT_KEYS[column].value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return "" if value is None else value


def row_due_state(row: QueueRow, now: datetime) -> str:
    return due_state(row.next_due, now) if row.status in OPEN else ""


def colour(row: QueueRow, column: Column, role: int, now: datetime) -> QBrush | None:
    """Background/foreground: overdue red, due soon amber, P1 in red."""
    foreground = role == Qt.ItemDataRole.ForegroundRole
    if column == Column.PRIORITY and row.priority == "p1" and foreground:
        return QBrush(_P1_FG)
    if column != Column.NEXT_DUE:
        return None
    state = row_due_state(row, now)
    if state == "overdue":
        return QBrush(_OVERDUE_FG if foreground else _OVERDUE_BG)
    if state == "soon":
        return QBrush(_SOON_FG if foreground else _SOON_BG)
    return None


def font(row: QueueRow, column: Column) -> QFont | None:
    if column == Column.PRIORITY and row.priority == "p1":
        bold = QFont()
        bold.setBold(True)
        return bold
    return None
