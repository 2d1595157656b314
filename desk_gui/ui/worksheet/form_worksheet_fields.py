"""The worksheet's fields for one ticket: the template's 15 in order, then the extra ones.

Read mode shows text; edit mode swaps the editable fields for editors, each with its error
message beside it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desk_gui.domain.enums import YES_NO, LabelledEnum, status_text
from desk_gui.domain.fields import Kind, beside_fields, field
from desk_gui.domain.lang import pick
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.validation import Problem
from desk_gui.ui.common.form_fields import (
    FieldBox,
    TitleCounter,
    combo_value,
    fill_enum_combo,
    format_when,
    from_qdatetime,
    set_combo_value,
    to_qdatetime,
)
from desk_gui.ui.worksheet.form_log import HandlingLogView

DUE_SOON = timedelta(hours=1)
OVERDUE_STYLE = "color:#ffffff; background:#b00020; padding:1px 4px; border-radius:3px;"
SOON_STYLE = "color:#000000; background:#ffc04d; padding:1px 4px; border-radius:3px;"


def deadline_state(due: datetime | None, now: datetime) -> str:
    """ "overdue", "soon" (within an hour) or "" for a deadline still far or absent."""
    if due is None:
        return ""
    if due <= now:
        return "overdue"
    return "soon" if due - now <= DUE_SOON else ""


LINK_SCHEME = "ticket:"


def ticket_link_id(href: str) -> int | None:
    """The ticket id of a ``ticket:<id>`` link, None for anything else."""
    if href.startswith(LINK_SCHEME) and href[len(LINK_SCHEME) :].isdigit():
        return int(href[len(LINK_SCHEME) :])
    return None


def _enum(key: str) -> type[LabelledEnum]:
    enum = field(key).enum
    assert enum is not None, key
    return enum


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class WorksheetFieldsPanel(QWidget):
    """Label and value of every field; editors for the editable ones in edit mode."""

    ticket_link_activated = Signal(int)  # the id of a linked ticket the user clicked

    def __init__(self, lang: str, labels: dict[str, str]) -> None:
        super().__init__()
        self.setObjectName("worksheetFields")
        self._lang = lang
        self._labels = labels
        self.label_widgets: dict[str, QLabel] = {}
        self.displays: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self.log_view = HandlingLogView(lang)
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(1, 1)
        self._grid.setHorizontalSpacing(14)
        self._row = 0
        self._rows: dict[str, int] = {}

    def add_field(self, key: str, editable: bool) -> None:
        """Append the row of ``key`` (a label of ``labels``), with an editor if editable."""
        label = QLabel(self._labels[key])
        label.setObjectName(f"label_{key}")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setStyleSheet("font-weight: bold; padding-top: 2px;")
        self.label_widgets[key] = label
        self._rows[key] = self._row
        self._grid.addWidget(label, self._row, 0)
        if key == "log":
            self._grid.addWidget(self.log_view, self._row, 1)
            self._row += 1
            return
        display = QLabel()
        display.setObjectName(f"value_{key}")
        display.setWordWrap(True)
        display.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        display.setAccessibleName(self._labels[key])
        self.displays[key] = display
        self._grid.addWidget(display, self._row, 1)
        if key == "related":
            display.setTextFormat(Qt.TextFormat.RichText)
            display.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            display.linkActivated.connect(self._on_related_link_activated)
        if editable:
            editor = self._make_editor(key)
            editor.setAccessibleName(self._labels[key])
            self.editors[key] = editor
            extra = (
                TitleCounter(editor) if isinstance(editor, QLineEdit) and key == "title" else None
            )
            box = FieldBox(editor, extra)
            box.hide()
            self.boxes[key] = box
            self._grid.addWidget(box, self._row, 1)
        self._row += 1

    def add_heading(self, text: str) -> None:
        heading = QLabel(text)
        heading.setStyleSheet("font-weight: bold; color: palette(mid); padding-top: 8px;")
        self._grid.addWidget(heading, self._row, 0, 1, 2)
        self._row += 1

    def add_wide(self, widget: QWidget) -> None:
        self._grid.addWidget(widget, self._row, 0, 1, 2)
        self._row += 1

    def build(self, template_keys: list[str]) -> None:
        """The 15 template rows, then the declared fields beside the template."""
        for key in template_keys:
            self.add_field(key, field(key).editable)
        self.add_heading(self._labels["_extra"])
        for f in beside_fields():
            if f.screen:
                self.add_field(f.key, f.editable)

    def _make_editor(self, key: str) -> QWidget:
        name = "".join(p.capitalize() if i else p for i, p in enumerate(key.split("_"))) + "Edit"
        editor: QWidget
        kind = field(key).kind
        if kind is Kind.ENUM:
            combo = QComboBox()
            fill_enum_combo(combo, _enum(key))
            editor = combo
            name = name.removesuffix("Edit") + "Combo"
        elif kind is Kind.DATETIME:
            when = QDateTimeEdit()
            when.setDisplayFormat("yyyy-MM-dd HH:mm")
            when.setCalendarPopup(True)
            editor = when
            name = name.removesuffix("AtEdit") + "Edit"  # submittedEdit, as on the intake form
        elif kind is Kind.MULTILINE:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMaximumHeight(110)
            editor = text
        else:
            editor = QLineEdit()
        editor.setObjectName(name)
        return editor

    # -- values -----------------------------------------------------------------------------

    def show_record(self, record: TicketRecord, now: datetime) -> None:
        """Fill displays and editors from ``record``."""
        for key, display in self.displays.items():
            display.setText(self.display_text(record, key))
            display.setStyleSheet("")
        for key in ("respond_due", "resolve_due", "next_update_due"):
            self._colour_deadline(record, key, now)
        self.log_view.log_model.set_entries(record.log)
        self.set_values({k: getattr(record, k) for k in self.editors})

    def _colour_deadline(self, record: TicketRecord, key: str, now: datetime) -> None:
        due: datetime | None = getattr(record, key)
        running = record.status.is_open and record.waiting_on is None
        if key == "respond_due" and record.first_response_at is not None:
            running = False
        state = deadline_state(due, now) if running else ""
        display = self.displays[key]
        if state == "overdue":
            display.setStyleSheet(OVERDUE_STYLE)
            display.setText(display.text() + "  " + self._labels["_overdue"])
        elif state == "soon":
            display.setStyleSheet(SOON_STYLE)
            display.setText(display.text() + "  " + self._labels["_soon"])
        display.setProperty("deadlineState", state)

    def _on_related_link_activated(self, href: str) -> None:
        ticket_id = ticket_link_id(href)
        if ticket_id is not None:
            self.ticket_link_activated.emit(ticket_id)

    def related_lines(self, record: TicketRecord) -> list[tuple[int, str, str]]:
        """(ticket id, lead-in, description) of the followed-up ticket and each follow-up."""
        lines = []
        if record.follow_up_of is not None:
            link = record.follow_up_of
            lines.append((link.id, self._labels["_follow_up_of"], link.describe(self._lang)))
        for link in record.follow_ups:
            lines.append((link.id, self._labels["_follow_ups"], link.describe(self._lang)))
        return lines

    def related_html(self, record: TicketRecord) -> str:
        """The related tickets as clickable lines (empty when there are none)."""
        colon = pick(self._lang, "：", ": ")
        return "<br>".join(
            f'{_html(lead)}{colon}<a href="{LINK_SCHEME}{i}">{_html(text)}</a>'
            for i, lead, text in self.related_lines(record)
        )

    def display_text(self, record: TicketRecord, key: str) -> str:
        lang = self._lang
        if key == "related":
            return self.related_html(record) or "—"
        if key == "feedback":
            if record.feedback_resolved is None:
                return "—"
            parts = [pick(lang, *YES_NO[record.feedback_resolved])]
            if record.satisfaction is not None:
                parts.append(record.satisfaction.label(lang))
            text = pick(lang, "；", "; ").join(parts)
            if record.feedback_score is not None:
                text += f" ({record.feedback_score}/5)"
            return text
        if key == "waiting":
            if record.waiting_on is None:
                return "—"
            bits = [record.waiting_on.label(lang)]
            if record.waiting_contact:
                bits.append(record.waiting_contact)
            if record.waiting_until:
                bits.append(self._labels["_expected"] + " " + format_when(record.waiting_until))
            return " · ".join(bits)
        if key == "status":
            return status_text(record.status, record.waiting_on, lang)
        value: Any = getattr(record, key)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime):
            return format_when(value)
        if hasattr(value, "label"):
            return str(value.label(lang))
        return str(value)

    def set_values(self, values: dict[str, Any]) -> None:
        """Put values into the editors (keys not edited here are ignored)."""
        for key, value in values.items():
            editor = self.editors.get(key)
            if isinstance(editor, QComboBox):
                set_combo_value(editor, value)
            elif isinstance(editor, QDateTimeEdit):
                editor.setDateTime(to_qdatetime(value))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(str(value or ""))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value or ""))

    def values(self) -> dict[str, Any]:
        """The editors' current values, enums as members."""
        result: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                result[key] = combo_value(editor, _enum(key))
            elif isinstance(editor, QDateTimeEdit):
                result[key] = from_qdatetime(editor.dateTime())
            elif isinstance(editor, QPlainTextEdit):
                result[key] = editor.toPlainText().strip()
            elif isinstance(editor, QLineEdit):
                result[key] = editor.text().strip()
        return result

    def changes(self, base: TicketRecord) -> dict[str, Any]:
        """Edited values that differ from ``base``."""
        changed: dict[str, Any] = {}
        for key, value in self.values().items():
            old = getattr(base, key)
            if isinstance(old, datetime):
                old = old.replace(second=0, microsecond=0)
            if value != old:
                changed[key] = value
        return changed

    def set_editing(self, editing: bool) -> None:
        for key, box in self.boxes.items():
            box.setVisible(editing)
            self.displays[key].setVisible(not editing)
            if not editing:
                box.clear_error()

    def show_problems(self, problems: list[Problem]) -> bool:
        """Each problem beside its field; focus the first. False if none had a field here."""
        for box in self.boxes.values():
            box.clear_error()
        shown = [p for p in problems if p.field in self.boxes]
        for problem in shown:
            self.boxes[problem.field].show_error(problem.message(self._lang), problem.warning)
        if shown:
            self.boxes[shown[0].field].field.setFocus(Qt.FocusReason.OtherFocusReason)
        return bool(shown)

    def field_error(self, key: str) -> str:
        box = self.boxes.get(key)
        return box.error_text() if box is not None else ""

    def template_labels(self, keys: list[str]) -> list[str]:
        """The label texts of ``keys`` in grid order (for checks and screenshots)."""

        ordered = sorted(keys, key=lambda k: self._rows[k])
        return [self.label_widgets[k].text() for k in ordered]
