"""A problem record (问题管理): its tickets, the 5-Why chain, workaround, fix and actions.

Opened from the review report's top problems or from tickets selected in the queue; an open
problem alike the title is opened (and the tickets linked to it) instead of a second record.
Every read and write runs in the background; alike tickets not yet grouped are suggested.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Status
from desk_gui.domain.errors import DeskError
from desk_gui.domain.problem import MAX_WHYS, ProblemRecord, ProblemStatus, Why
from desk_gui.services.problems import CHECK_DAYS, ProblemService
from desk_gui.ui.common.background import Job, Jobs
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.session import Session
from desk_gui.ui.report.named import named
from desk_gui.ui.report.problem_actions import ProblemActionsTable

JOB_KINDS = ("problem-load", "problem-save", "problem-link", "problem-check")
Brief = tuple[int, str, str, datetime, str]  # id, number, title, submitted, status
Loaded = tuple[ProblemRecord, list[Brief], list[Brief]]


class ProblemDialog(QDialog):
    """Edit one problem record; ``saved`` carries the record as stored."""

    saved = Signal(object)
    loaded = Signal(object)

    def __init__(self, session: Session, jobs: Jobs, *, problem_id: int | None = None,
                 title: str = "", ticket_ids: Sequence[int] = (),
                 titled: tuple[Sequence[str], datetime, datetime] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("problemDialog")
        self.setWindowTitle(self.tr("Problem record"))
        self.session, self.jobs, self.lang = session, jobs, session.lang
        self.record: ProblemRecord | None = None
        self._suggested: list[int] = []
        self._build()
        self.resize(1100, 860)
        self._load(problem_id, title, list(ticket_ids), titled)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.number = named(QLabel(), "problemNumber")
        self.title_edit = named(QLineEdit(), "problemTitle")
        self.status = named(QComboBox(), "problemStatus")
        for s in ProblemStatus:
            self.status.addItem(s.label(self.lang), s.value)
        self.whys = named(QTableWidget(5, 2, self), "problemWhys")
        self.whys.setHorizontalHeaderLabels([self.tr("Why?"), self.tr("Because…")])
        self.whys.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row_h = self.fontMetrics().height() + 8
        self.whys.verticalHeader().setDefaultSectionSize(row_h)
        self.whys.setMinimumHeight(row_h * 6 + 4)
        self.whys.itemChanged.connect(lambda *_: self._show_root_cause())
        self.root_cause = named(QLabel(), "problemRootCause")
        self.workaround = named(QPlainTextEdit(), "problemWorkaround")
        self.fix = named(QPlainTextEdit(), "problemFix")
        for edit in (self.workaround, self.fix):
            edit.setMaximumHeight(60)
        self.action_table = ProblemActionsTable(self.lang, self)
        self.linked = self._ticket_table("problemLinked")
        self.suggested = self._ticket_table("problemSuggested")
        self.message = named(QLabel(), "problemMessage")
        self.status_line = DialogStatus()
        self._saver: BoundedSave | None = None
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        column = QVBoxLayout(self)
        column.addLayout(self._head())
        column.addWidget(self._analysis(), 4)
        column.addWidget(self._action_box(), 2)
        column.addWidget(self._ticket_box(), 3)
        column.addWidget(self.status_line)
        column.addLayout(self._buttons())

    def _head(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.number)
        row.addWidget(QLabel(self.tr("Title")))
        row.addWidget(self.title_edit, 1)
        row.addWidget(QLabel(self.tr("Status")))
        row.addWidget(self.status)
        return row

    def _analysis(self) -> QGroupBox:
        box = QGroupBox(self.tr("Root cause: 5 Whys"), self)
        grid = QGridLayout(box)
        grid.addWidget(self.whys, 0, 0, 1, 2)
        add = named(QPushButton(self.tr("Another why")), "problemAddWhy")
        add.clicked.connect(self._add_why)
        grid.addWidget(add, 1, 0)
        grid.addWidget(self.root_cause, 1, 1)
        form = QFormLayout()
        form.addRow(self.tr("Workaround"), self.workaround)
        form.addRow(self.tr("Permanent fix"), self.fix)
        grid.addLayout(form, 2, 0, 1, 2)
        return box

    def _action_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Improvement actions (plan → doing → checking → done)"), self)
        column = QVBoxLayout(box)
        column.addWidget(self.action_table)
        row = QHBoxLayout()
        for text, name, slot in (
            (self.tr("Add action"), "problemAddAction", lambda: self.action_table.add_action()),
            (self.tr("Remove action"), "problemRemoveAction", self.action_table.remove_selected),
            (self.tr("Check: did alike tickets go down?"), "problemCheck", self.check_recurrence),
        ):
            button = named(QPushButton(text), name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    def _ticket_table(self, name: str) -> QTableWidget:
        table = named(QTableWidget(0, 4, self), name)
        table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("Title"), self.tr("Submitted"), self.tr("Status")]
        )
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _ticket_box(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        left = QGroupBox(self.tr("Tickets of this problem"), box)
        QVBoxLayout(left).addWidget(self.linked)
        right = QGroupBox(self.tr("Alike tickets not yet grouped"), box)
        layout = QVBoxLayout(right)
        layout.addWidget(self.suggested)
        link = named(QPushButton(self.tr("Group the selected")), "problemLink")
        link.clicked.connect(self.link_selected)
        layout.addWidget(link)
        row.addWidget(left)
        row.addWidget(right)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        self.save_button = named(QPushButton(self.tr("Save")), "problemSave")
        close = named(QPushButton(self.tr("Close")), "problemClose")
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        row.addWidget(self.save_button)
        row.addWidget(close)
        return row

    # -- reading ------------------------------------------------------------------------------

    def _load(self, problem_id: int | None, title: str, ticket_ids: list[int],
              titled: tuple[Sequence[str], datetime, datetime] | None) -> None:  # fmt: skip
        """Read the record (``titled``: also group the tickets of these titles in a span)."""
        service = self.session.workspace.problems()

        def work(job: Job) -> Loaded:
            if titled is not None:
                ticket_ids.extend(service.tickets_titled(*titled))
            if problem_id is not None:
                record = service.load(problem_id)
            elif ticket_ids and not title:
                record = service.draft_from_tickets(ticket_ids)
            else:
                record = service.draft(title, ticket_ids)
            return _with_tickets(service, record)

        self.message.setText(self.tr("Reading…"))
        self.jobs.submit("problem-load", work, self._on_loaded, self._on_failed)

    def _on_loaded(self, loaded: Loaded) -> None:
        record, linked, suggested = loaded
        self.record = record
        self.number.setText(record.number or self.tr("(new)"))
        self.title_edit.setText(record.title)
        self.status.setCurrentIndex(max(self.status.findData(record.status.value), 0))
        self.whys.setRowCount(max(5, len(record.whys)))
        for r in range(self.whys.rowCount()):
            why = record.whys[r] if r < len(record.whys) else Why("", "")
            self.whys.setItem(r, 0, QTableWidgetItem(why.why))
            self.whys.setItem(r, 1, QTableWidgetItem(why.because))
        self.workaround.setPlainText(record.workaround)
        self.fix.setPlainText(record.permanent_fix)
        self.action_table.set_actions(record.actions)
        self._fill(self.linked, linked)
        self._fill(self.suggested, suggested)
        self._suggested = [t[0] for t in suggested]
        self.save_button.setEnabled(True)
        self.message.setText("")
        self._show_root_cause()
        self.loaded.emit(record)

    def _fill(self, table: QTableWidget, rows: list[Brief]) -> None:
        table.setRowCount(len(rows))
        for r, (_, number, title, submitted, status) in enumerate(rows):
            when = f"{submitted:%Y-%m-%d %H:%M}"
            try:
                status_text = Status(status).label(self.lang)
            except ValueError:
                status_text = status
            for c, text in enumerate((number, title, when, status_text)):
                table.setItem(r, c, QTableWidgetItem(text))

    def _chain(self) -> list[Why]:
        chain = []
        for r in range(self.whys.rowCount()):
            cells = [self.whys.item(r, c) for c in (0, 1)]
            why, because = (c.text().strip() if c is not None else "" for c in cells)
            if why or because:
                chain.append(Why(why, because))
        return chain

    def _show_root_cause(self) -> None:
        found = [w.because for w in self._chain() if w.because]
        text = found[-1] if found else self.tr("(not found yet)")
        self.root_cause.setText(self.tr("Root cause: {cause}").format(cause=text))

    def _add_why(self) -> None:
        if self.whys.rowCount() < MAX_WHYS:
            self.whys.insertRow(self.whys.rowCount())

    # -- writing ------------------------------------------------------------------------------

    def edited(self) -> ProblemRecord | None:
        """The record as edited; None (with a message) when a due date is not a date."""
        if self.record is None:
            return None
        try:
            actions = self.action_table.edited_actions()
        except ValueError:
            self.message.setText(self.tr("A due date is written YYYY-MM-DD."))
            return None
        record = self.record
        record.title = self.title_edit.text().strip()
        record.status = ProblemStatus(self.status.currentData())
        record.whys = self._chain()
        record.workaround = self.workaround.toPlainText().strip()
        record.permanent_fix = self.fix.toPlainText().strip()
        record.actions = actions
        return record

    def save(self) -> None:
        """Save off the window's thread, waited for a bounded time (``BoundedSave``). A retry
        of a new record joins the open problem its first attempt made."""
        record = self.edited()
        if record is None or (self._saver is not None and self._saver.saving):
            return
        record = copy.deepcopy(record)  # a failed create must not leave its id in the form
        service = self.session.workspace.problems()
        saver = self._saver
        if saver is None or saver.done:
            release = self.session.workspace.release_thread
            saver = BoundedSave(self, release, self.save_button, self.status_line)
            saver.slow_ms, saver.limit_ms = self.slow_ms, self.limit_ms
            saver.landed.connect(self._on_saver_landed)
            saver.failed.connect(self._on_failed)
            self.status_line.clear()
            self._saver = saver
        self.message.setText(self.tr("Saving…"))

        def work(_attempt: int) -> Loaded:
            # Every attempt at a new record joins the open problem the others may have made.
            return _with_tickets(service, service.save_or_create(record, join_open=True))

        saver.start(work)

    def _on_saver_landed(self, loaded: Loaded) -> None:
        self._on_loaded(loaded)
        self.message.setText(self.tr("Saved {number}").format(number=loaded[0].number))
        self.saved.emit(loaded[0])

    @property
    def saving(self) -> bool:
        return self._saver is not None and self._saver.saving

    def link_selected(self) -> None:
        rows = sorted({i.row() for i in self.suggested.selectedIndexes()})
        if self.record is None or not rows:
            return
        ids = [self._suggested[r] for r in rows]
        self.record.ticket_ids = sorted(set(self.record.ticket_ids) | set(ids))
        if self.record.id is None:
            self.message.setText(self.tr("Grouped when saved."))
            return
        service, problem_id = self.session.workspace.problems(), self.record.id

        def work(job: Job) -> Loaded:
            service.link(problem_id, ids)
            return _with_tickets(service, service.load(problem_id))

        self.jobs.submit("problem-link", work, self._on_loaded, self._on_failed)

    def check_recurrence(self) -> None:
        """For the selected action: alike tickets in the weeks before and after its due date."""
        if self.record is None or self.record.id is None:
            return
        around = self.action_table.selected_due() or date.today()
        service, problem_id = self.session.workspace.problems(), self.record.id

        def work(job: Job) -> tuple[int, int]:
            return service.recurrence(problem_id, around)

        def done(counts: tuple[int, int]) -> None:
            before, after = counts
            text = self.tr("{days} days before {day}: {before}; after: {after}").format(
                days=CHECK_DAYS, day=around, before=before, after=after
            )
            self.message.setText(text)
            if self.action_table.currentRow() >= 0:
                self.action_table.set_check_text(text)

        self.jobs.submit("problem-check", work, done, self._on_failed)

    def done(self, result: int) -> None:
        for kind in JOB_KINDS:  # a closed dialog takes no result
            self.jobs.cancel(kind)
        super().done(result)

    def _on_failed(self, exc: DeskError) -> None:
        self.save_button.setEnabled(self.record is not None)
        self.message.setText(exc.message(self.lang))
        ErrorDialog.show_error(self, exc, self.lang)


def _with_tickets(service: ProblemService, record: ProblemRecord) -> Loaded:
    linked = service.briefs(record.ticket_ids)
    suggested = service.suggested_tickets(record.id) if record.id is not None else []
    return record, linked, suggested
