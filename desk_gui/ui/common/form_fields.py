"""Building blocks of the ticket forms: a field with its message beside it, the title counter,
the description helper, enum combos and the UI language."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import LabelledEnum
from desk_gui.ui.common.ui_language import ui_lang as ui_lang  # (kept importable from here)

E = TypeVar("E", bound=LabelledEnum)

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


def required_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A form label with a red asterisk, the mark of a required field."""
    label = QLabel(f'{text}<span style="color:#b00020"> *</span>')
    label.setTextFormat(Qt.TextFormat.RichText)
    if buddy is not None:
        label.setBuddy(buddy)
        buddy.setAccessibleName(text)
    return label


def plain_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A form label for an optional field."""
    label = QLabel(text)
    if buddy is not None:
        label.setBuddy(buddy)
        buddy.setAccessibleName(text)
    return label


def to_qdatetime(value: datetime) -> QDateTime:
    """A naive local datetime as QDateTime (seconds kept)."""
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def from_qdatetime(value: QDateTime) -> datetime:
    """QDateTime to a naive datetime, to the minute."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def fill_enum_combo(combo: QComboBox, enum: type[LabelledEnum], placeholder: str = "") -> None:
    """Items labelled in the UI language, each carrying its enum value as data."""
    lang = ui_lang()
    combo.clear()
    for member in enum:
        combo.addItem(member.label(lang), member.value)
    if placeholder:
        combo.setPlaceholderText(placeholder)
        combo.setCurrentIndex(-1)


def combo_value(combo: QComboBox, enum: type[E]) -> E | None:
    """The chosen member, or None when nothing is chosen."""
    data = combo.currentData()
    return enum(data) if data else None


def set_combo_value(combo: QComboBox, value: LabelledEnum | str | None) -> None:
    """Select the item whose data is ``value`` (None: no selection)."""
    combo.setCurrentIndex(-1 if value is None else combo.findData(str(value)))


def keyboard_helper(button: QAbstractButton, keys: str, tip: str) -> None:
    """Keep a helper button out of the Tab chain; reach it by ``keys``, named in its tooltip."""
    sequence = QKeySequence(keys)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setShortcut(sequence)
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    # "%1 (%2)": a tooltip and its shortcut (Chinese uses full-width brackets).
    button.setToolTip(
        QCoreApplication.translate("FormFields", "%1 (%2)").replace("%1", tip).replace("%2", shown)
    )


def format_when(value: datetime | None) -> str:
    """A time to the minute, or a dash."""
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


class FieldBox(QWidget):
    """An input with its error message right under it, so the message sits beside the field."""

    def __init__(self, field: QWidget, extra: QWidget | None = None) -> None:
        super().__init__()
        self.field = field
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        if extra is not None:
            row.addWidget(extra)
        self.error_label = QLabel()
        self.error_label.setObjectName(f"{field.objectName()}Error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.error_label)
        self._column = column

    def add_below(self, widget: QWidget) -> None:
        """Put ``widget`` (a hint or a suggestion) under the field and its message."""
        self._column.addWidget(widget)

    def show_error(self, text: str, warning: bool = False) -> None:
        self.error_label.setText(text)
        self.error_label.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.error_label.show()
        self.field.setAccessibleDescription(text)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.field.setAccessibleDescription("")

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""


class TitleCounter(QLabel):
    """ "n/20" beside the title, red once the title is too long."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__()
        self.setObjectName("titleCounter")
        self.setMinimumWidth(44)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.textChanged.connect(self._on_edit_text_changed)
        self._on_edit_text_changed(edit.text())

    def _on_edit_text_changed(self, text: str) -> None:
        from desk_gui.domain.validation import MAX_TITLE, title_length  # (its patterns: issue 11)

        length = title_length(text)
        self.setText(f"{length}/{MAX_TITLE}")
        self.setStyleSheet(ERROR_STYLE if length > MAX_TITLE else "color: palette(mid);")


class DescriptionHelper(QPushButton):
    """Inserts the prompts symptom / impact / time / steps tried into the description."""

    template_inserted = Signal()

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__()
        self.setObjectName("descriptionTemplateButton")
        self._edit = edit
        self.setText(self.tr("Insert prompts"))
        keyboard_helper(
            self, "Ctrl+I", self.tr("Symptom, impact, time of occurrence, steps already tried")
        )
        self.clicked.connect(self._on_self_clicked)

    def prompts(self) -> list[str]:
        return [
            self.tr("Symptom: "),
            self.tr("Impact: "),
            self.tr("Since: "),
            self.tr("Already tried: "),
        ]

    def placeholder(self) -> str:
        return self.tr(
            "What happens (the exact error message), who is affected, since when, "
            "and what was already tried"
        )

    def _on_self_clicked(self) -> None:
        existing = self._edit.toPlainText()
        lines = [p for p in self.prompts() if p.strip() not in existing]
        if not lines:
            return
        prefix = "" if not existing or existing.endswith("\n") else "\n"
        self._edit.moveCursor(self._edit.textCursor().MoveOperation.End)
        self._edit.insertPlainText(prefix + "\n".join(lines))
        # Put the cursor after the first prompt, ready to type the symptom.
        cursor = self._edit.textCursor()
        start = len(existing) + len(prefix) + len(lines[0])
        cursor.setPosition(start)
        self._edit.setTextCursor(cursor)
        self._edit.setFocus()
        self.template_inserted.emit()

    def filled_text(self, text: str) -> str:
        """The description without prompt lines that were left empty."""
        labels = {p.strip() for p in self.prompts()}
        kept = [line for line in text.splitlines() if line.strip() not in labels]
        return "\n".join(kept).strip()
