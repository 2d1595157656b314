"""The frame of every ticket action dialog: a form, messages beside the fields, OK runs it.

A rule the service refuses (RuleViolation) is shown beside its field and the dialog stays
open; any other DeskError (conflict, lock, lost share) closes the dialog and is kept in
``failure`` for the worksheet to show in a message box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError, RuleViolation
from desk_gui.domain.fields import label
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.validation import ValidationError
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.form_fields import (
    ERROR_STYLE,
    FieldBox,
    plain_label,
    required_label,
    ui_lang,
)


class ActionDialog(QDialog):
    """Base of the action dialogs; subclasses add fields and implement ``perform``."""

    def __init__(
        self, parent: QWidget | None, service: WorkflowService, record: TicketRecord, title: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — {record.number}")
        self.service = service
        self.record = record
        self.lang = ui_lang()
        self.result_record: TicketRecord | None = None
        self.failure: DeskError | None = None
        self.boxes: dict[str, FieldBox] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.general_error = QLabel()
        self.general_error.setObjectName("actionError")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(title)
        ok.setObjectName("okButton")
        self.ok_button: QPushButton = ok
        heading = QLabel(f"{record.number}  {record.title}")
        heading.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)

    def add_field(self, key: str, label: str, widget: QWidget, required: bool = False) -> None:
        """A row with its message beside the field; ``key`` is the service's field name."""
        if not widget.objectName():
            widget.setObjectName(f"{key}Edit")
        box = FieldBox(widget)
        self.boxes[key] = box
        make = required_label if required else plain_label
        self.form.addRow(make(label, widget), box)

    def add_declared(self, key: str, widget: QWidget, required: bool = False) -> None:
        """A row for the declared field ``key``, labelled as everywhere else."""
        self.add_field(key, label(key, self.lang), widget, required)

    def clear_when_valid(
        self, key: str, changed: SignalInstance, valid: Callable[[], bool]
    ) -> None:
        """Take the message beside ``key`` away as soon as an edit makes the field valid."""

        def on_changed(*_: object) -> None:
            box = self.boxes.get(key)
            if box is not None and box.error_text() and valid():
                box.clear_error()

        changed.connect(on_changed)

    def add_note(self, text: str) -> None:
        note = QLabel(text)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        self.form.addRow(note)

    def perform(self) -> TicketRecord:
        """Run the action through the service and return the saved ticket."""
        raise NotImplementedError

    def field_error(self, key: str) -> str:
        box = self.boxes.get(key)
        return box.error_text() if box is not None else ""

    def error_text(self) -> str:
        return "" if self.general_error.isHidden() else self.general_error.text()

    def show_error(self, key: str | None, text: str) -> None:
        box = self.boxes.get(key or "")
        if box is not None:
            box.show_error(text)
            box.field.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.general_error.setText(text)
            self.general_error.show()

    def _clear_errors(self) -> None:
        for box in self.boxes.values():
            box.clear_error()
        self.general_error.hide()

    def _on_buttons_accepted(self) -> None:
        self._clear_errors()
        try:
            record = self.perform()
        except ValidationError as exc:
            if not exc.problems:
                first = next(iter(self.boxes), None)
                self.show_error(
                    first, QCoreApplication.translate("ActionDialog", "Enter the text.")
                )
            for problem in exc.problems:
                self.show_error(problem.field, problem.message(self.lang))
            return
        except RuleViolation as exc:
            self.show_error(exc.field, exc.message(self.lang))
            return
        except DeskError as exc:
            self.failure = exc
            self.reject()
            return
        self.result_record = record
        self.accept()
