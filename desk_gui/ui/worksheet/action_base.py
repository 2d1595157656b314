"""The frame of every ticket action dialog: a form, messages beside the fields, OK runs it.

OK runs the action off the window's thread and waits a bounded time (``BoundedSave``). A rule
the service refuses (RuleViolation) is shown beside its field; a share that fails, fills up,
goes read-only or hangs is said in the dialog, which keeps what was typed and offers Retry. A
retry is never applied twice: an action carries the version it started from (a first attempt
that got through makes the retry a conflict with our own change, recognised as such), a log
note or progress update the time of its first attempt (the service then finds it logged). A
conflict with someone else, their edit lock or a ticket gone closes the dialog; the error is
kept in ``failure`` for the worksheet to show in a message box.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

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
from desk_gui.services.errors import ConflictError, LockedByOther, NotFound
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded_save import BoundedSave
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
        self._since = service.ctx.now()
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
        self.saver = BoundedSave(self, service.release_thread, ok)
        self.saver.landed.connect(self._on_saver_landed)
        self.saver.failed.connect(self._on_saver_failed)
        layout.addWidget(self.saver.status)
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

    def action(self) -> Callable[[datetime | None], TicketRecord]:
        """What OK does, read from the form here: ``run(since)`` runs it on the save's thread.

        ``since`` is when the dialog's first attempt started: unversioned actions pass it on,
        so that whichever of a first attempt and its retry comes second logs nothing (both may
        wait on a hung share and go on in either order). None when run directly.
        """
        raise NotImplementedError

    def perform(self) -> TicketRecord:
        """Run the action at once on this thread (scripts and tests of the rules)."""
        return self.action()(None)

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
        if self.saver.saving:
            return
        self._clear_errors()
        try:
            run = self.action()
        except DeskError as exc:
            self._on_saver_failed(exc)
            return
        if self.saver.attempts == 0:
            self._since = self.service.ctx.now()
        since, base = self._since, self.record
        self.saver.start(lambda attempt: self._attempt(run, since, base, attempt))

    def _attempt(
        self,
        run: Callable[[datetime | None], TicketRecord],
        since: datetime,
        base: TicketRecord,
        attempt: int,
    ) -> TicketRecord:
        """One attempt, on the save's thread: a retry's conflict with our own earlier attempt
        (the ticket one version on, changed by us) is that attempt having got through."""
        try:
            return run(since)
        except ConflictError as exc:
            if attempt > 1 and exc.changed_by == self.service.ctx.operator:
                fresh = self.service.get(base.id)
                if fresh.version == base.version + 1:
                    return fresh
            raise

    def _on_saver_landed(self, record: TicketRecord) -> None:
        self.result_record = record
        self.accept()

    def _on_saver_failed(self, exc: DeskError) -> None:
        if isinstance(exc, ValidationError):
            if not exc.problems:
                first = next(iter(self.boxes), None)
                self.show_error(
                    first, QCoreApplication.translate("ActionDialog", "Enter the text.")
                )
            for problem in exc.problems:
                self.show_error(problem.field, problem.message(self.lang))
        elif isinstance(exc, RuleViolation):
            self.show_error(exc.field, exc.message(self.lang))
        elif isinstance(exc, ConflictError | LockedByOther | NotFound):
            self.failure = exc  # the ticket is not as the dialog saw it: the worksheet reloads
            self.reject()
        else:  # the share failed: say so here, keep what was typed, offer Retry
            self.show_error(None, exc.message(self.lang))
