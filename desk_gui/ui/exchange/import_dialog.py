"""File → Import spreadsheet: check the old worksheet spreadsheet, show its problems, import it.

Checking and importing run in the background behind a progress dialog with Cancel: a cancelled
check shows nothing, a cancelled import rolls back (it is one transaction) and writes nothing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Category, Impact, LabelledEnum
from desk_gui.domain.errors import DeskError
from desk_gui.domain.lang import pick
from desk_gui.exchange.importer import ImportDefaults, ImportPreview, preview_file
from desk_gui.exchange.table import SheetUnreadable
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportResult, ImportService
from desk_gui.ui.common.background import Job, Jobs, ProgressJob
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.form_fields import ERROR_STYLE
from desk_gui.ui.exchange.import_problem_model import ImportProblemModel, ProblemColumn

UNREADABLE = (OSError, ValueError, KeyError, zipfile.BadZipFile)
"""What reading a damaged or foreign file raises: told in the dialog, not as a crash."""

SHOWN_RENUMBERED = 5
DONE_STYLE = "color: #1b5e20; font-weight: bold;"
SUMMARY_STYLE = "font-weight: bold;"


PROGRESS_EVERY = 20
"""An import reports progress (and notices Cancel) every this many rows."""


class ImportDialog(QDialog):
    """Choose a sheet and its defaults, review every problem, import all or only valid rows."""

    def __init__(
        self, ctx: Context, lang: str, parent: QWidget | None = None, jobs: Jobs | None = None
    ) -> None:
        super().__init__(parent)
        # The window's workers (they close their connections); a dialog alone gets its own.
        self.jobs = jobs if jobs is not None else Jobs(parent=self)
        self._task: ProgressJob | None = None  # the check or import running
        self._importing = False
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import spreadsheet"))
        self.ctx, self.lang = ctx, lang
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.imported: ImportResult | None = None  # the latest import from this dialog
        self._spent = False  # the preview shown has been imported
        self.model = ImportProblemModel(lang, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        layout.addWidget(self._defaults_box())
        layout.addLayout(self._summary_labels())
        layout.addWidget(self._table(), 1)
        layout.addWidget(self._buttons())
        self.resize(860, 560)
        self._show_state()

    # -- building ------------------------------------------------------------------------------

    def _file_row(self) -> QHBoxLayout:
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importFile")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.path_edit.setAccessibleName(self.tr("Spreadsheet"))
        self.choose_button = QPushButton(self.tr("Choose file…"), self)
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.reload_button = QPushButton(self.tr("Check again"), self)
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip(self.tr("Read the file again after changing it"))
        self.reload_button.clicked.connect(self.reload)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Spreadsheet:"), self))
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.reload_button)
        return row

    def _defaults_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("For rows without a category or impact"), self)
        self.category_combo = self._enum_combo("defaultCategory", Category, Category.OTHER)
        self.impact_combo = self._enum_combo("defaultImpact", Impact, Impact.INDIVIDUAL)
        row = QHBoxLayout(box)
        for text, combo in (
            (self.tr("Category:"), self.category_combo),
            (self.tr("Impact:"), self.impact_combo),
        ):
            label = QLabel(text, box)
            label.setBuddy(combo)
            combo.setAccessibleName(text.rstrip(":："))
            row.addWidget(label)
            row.addWidget(combo)
            row.addSpacing(16)
        row.addWidget(QLabel(self.tr("Each ticket's log notes the default it got."), box), 1)
        return box

    def _enum_combo(self, name: str, enum: type[LabelledEnum], default: LabelledEnum) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for member in enum:
            combo.addItem(member.label(self.lang), member.value)
        combo.setCurrentIndex(combo.findData(default.value))
        combo.currentIndexChanged.connect(self._on_defaults_changed)
        return combo

    def _summary_labels(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unknown_label = QLabel(self)
        self.unknown_label.setObjectName("unknownColumns")
        self.unknown_label.setWordWrap(True)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("importHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(ERROR_STYLE)
        for label in (self.summary_label, self.unknown_label, self.hint_label):
            column.addWidget(label)
        return column

    def _table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setObjectName("importProblems")
        self.table.setAccessibleName(self.tr("Problems found"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # Fixed widths: measuring thousands of rows would stall the dialog.
        for column, width in (
            (ProblemColumn.ROW, 60),
            (ProblemColumn.COLUMN, 130),
            (ProblemColumn.SEVERITY, 80),
        ):
            header.resizeSection(column, width)
        header.setSectionResizeMode(ProblemColumn.MESSAGE, QHeaderView.ResizeMode.Stretch)
        return self.table

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))
        self.import_valid_button = QPushButton(self)
        self.import_valid_button.setObjectName("importValidButton")
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importButton")
        role = QDialogButtonBox.ButtonRole.ActionRole  # clicking imports; it does not close
        for button in (self.import_valid_button, self.import_button, self.close_button):
            button.setAutoDefault(False)
        self.buttons.addButton(self.import_valid_button, role)
        self.buttons.addButton(self.import_button, role)
        self.import_button.clicked.connect(self.import_all)
        self.import_valid_button.clicked.connect(self.import_valid)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # -- reading -------------------------------------------------------------------------------

    def defaults(self) -> ImportDefaults:
        category = Category(self.category_combo.currentData())
        return ImportDefaults(category=category, impact=Impact(self.impact_combo.currentData()))

    def choose_file(self) -> bool:
        """Ask for a spreadsheet and check it; False when the user cancelled."""
        start = str(self.path.parent) if self.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self if self.isVisible() else self.parentWidget(),
            self.tr("Choose the spreadsheet to import"),
            start,
            self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
        )
        if not path:
            return False
        self.load(path)
        return True

    @property
    def busy(self) -> bool:
        """A check or an import is running in the background."""
        return self._task is not None

    def load(self, path: str | Path) -> None:
        """Read and check ``path`` in the background (nothing is written); shown when done."""
        if self._task is not None:  # a check still running: this one replaces it
            task, self._task = self._task, None
            task.cancel()
        self.path = Path(path)
        self.path_edit.setText(str(self.path))
        self.preview, self._spent = None, False
        self._show_state()
        source, defaults, ctx, lang = self.path, self.defaults(), self.ctx, self.lang
        unreadable = self.tr("Cannot read {name} as a spreadsheet: {reason}")

        def check(job: Job) -> ImportPreview | str:
            try:
                preview = preview_file(source, defaults)
            except SheetUnreadable as exc:  # what the file is, said plainly
                return exc.message(lang)
            except UNREADABLE as exc:
                return unreadable.format(name=source.name, reason=exc)
            job.check()
            ImportService(ctx).check_numbers(preview)
            return preview

        self._start(
            "import-check",
            self.tr("Checking {name}…").format(name=source.name),
            check,
            self._on_checked,
        )

    def _on_checked(self, outcome: ImportPreview | str) -> None:
        if isinstance(outcome, str):
            self._show_state(outcome)
            return
        self.preview = outcome
        self._show_state()

    def _start(
        self, kind: str, label: str, fn: Callable[[Job], Any], done: Callable[[Any], None]
    ) -> None:
        def finished(result: Any) -> None:
            self._task, self._importing = None, False
            self._set_enabled(True)
            done(result)

        def failed(exc: DeskError) -> None:
            self._task, self._importing = None, False
            self._set_enabled(True)
            self._show_state()
            ErrorDialog.show_error(self, exc, self.lang)

        self._set_enabled(False)
        self._task = ProgressJob(self, self.jobs, kind, label, fn, finished, failed)
        self._task.canceled.connect(self._on_progress_canceled)

    def cancel(self) -> None:
        """Cancel the running check or import (an import then writes nothing)."""
        if self._task is not None:
            self._task.cancel()  # → _on_progress_canceled

    def _on_progress_canceled(self) -> None:
        if self._task is None:
            return
        self._task, self._importing = None, False
        self._set_enabled(True)
        if self.preview is None:
            self.path = None
            self.path_edit.clear()
        self._show_state(self.tr("Cancelled: nothing was imported."))

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.choose_button,
            self.reload_button,
            self.category_combo,
            self.impact_combo,
        ):
            widget.setEnabled(enabled)
        if not enabled:
            self.import_button.setEnabled(False)
            self.import_valid_button.setEnabled(False)

    def reload(self) -> None:
        """Check the same file again (after it was fixed, or with other defaults)."""
        if self.path is not None:
            self.load(self.path)

    def _on_defaults_changed(self, *_: object) -> None:
        if self.path is not None and not self._spent and not self._importing:
            self.reload()  # the defaults are part of each row's draft

    # -- importing -----------------------------------------------------------------------------

    def import_all(self) -> None:
        self._run(only_valid=False)

    def import_valid(self) -> None:
        self._run(only_valid=True)

    def _run(self, only_valid: bool) -> None:
        """Import in the background: all rows in one transaction, none if cancelled."""
        preview = self.preview
        if preview is None or self._spent or self._task is not None:
            return
        count = len(preview.valid_rows) if only_valid else len(preview.rows)
        service = ImportService(self.ctx)

        def write(job: Job) -> ImportResult:
            def progress(done: int, total: int) -> None:
                if done % PROGRESS_EVERY == 0 or done == total:
                    job.progress(done, total)  # raises when cancelled: the import rolls back

            return service.run(preview, only_valid=only_valid, progress=progress)

        label = self.tr("Importing {count} rows…").format(count=count)
        self.summary_label.setText(label)
        self._start("import-write", label, write, self._on_imported)
        self._importing = True

    def _on_imported(self, result: ImportResult) -> None:
        self.imported, self._spent = result, True
        self._show_state()

    # -- showing -------------------------------------------------------------------------------

    def _show_state(self, failure: str = "") -> None:
        preview = self.preview
        self.model.set_problems(preview.problems if preview else [])
        self.reload_button.setEnabled(self.path is not None)
        self.summary_label.setText(self._summary(preview, failure))
        style = DONE_STYLE if self._spent else SUMMARY_STYLE
        self.summary_label.setStyleSheet(ERROR_STYLE if failure else style)
        unknown = preview.unknown_columns if preview else []
        self.unknown_label.setText(
            self.tr("Columns Desk does not know, ignored: {columns}").format(
                columns=pick(self.lang, "、", ", ").join(unknown)
            )
        )
        self.unknown_label.setVisible(bool(unknown))
        valid = len(preview.valid_rows) if preview else 0
        errors = bool(preview and preview.errors)
        done = self._spent
        self.import_button.setEnabled(bool(preview) and not errors and valid > 0 and not done)
        self.import_valid_button.setText(
            self.tr("Import only the {count} valid rows").format(count=valid)
        )
        self.import_valid_button.setVisible(errors and valid > 0)
        self.import_valid_button.setEnabled(not done)
        self.hint_label.setText(self._hint(valid) if errors and not done else "")
        self.hint_label.setVisible(errors and not done)

    def _summary(self, preview: ImportPreview | None, failure: str) -> str:
        if failure:
            return failure
        if self._spent and self.imported is not None:
            return self.result_text(self.imported)
        if preview is None:
            return self.tr("Choose the old worksheet spreadsheet (.xlsx or .csv) to check it.")
        if any(not p.warning for p in preview.file_problems):
            return self.tr("The sheet lacks required columns; no row can be imported.")
        total, valid = len(preview.rows), len(preview.valid_rows)
        return self.tr(
            "Rows read: {total}. Valid: {valid}. With errors: {invalid}. Warnings: {warnings}."
        ).format(total=total, valid=valid, invalid=total - valid, warnings=len(preview.warnings))

    def _hint(self, valid: int) -> str:
        if valid:
            return self.tr(
                "Rows with errors cannot be imported. Fix them in the spreadsheet and check "
                "again, or import only the valid rows."
            )
        return self.tr("Fix the errors in the spreadsheet, then check again.")

    def result_text(self, result: ImportResult) -> str:
        """What the import did, in a sentence or two."""
        text = self.tr(
            "Import finished. Tickets created: {created}. Renumbered: {renumbered}. "
            "Rows skipped: {skipped}."
        ).format(
            created=len(result.created),
            renumbered=len(result.renumbered),
            skipped=len(result.skipped),
        )
        changes = [
            self.tr("row {row}: {old} → {new}").format(row=row, old=old, new=new)
            for row, old, new in result.renumbered[:SHOWN_RENUMBERED]
        ]
        if len(result.renumbered) > SHOWN_RENUMBERED:
            changes.append("…")
        if changes:
            text += "\n" + self.tr("New numbers: {changes}").format(changes="; ".join(changes))
        return text

    def done(self, result: int) -> None:
        self.cancel()  # closing the dialog cancels what runs
        super().done(result)

    @classmethod
    def ask(
        cls, parent: QWidget | None, ctx: Context, lang: str, jobs: Jobs | None = None
    ) -> ImportResult | None:
        """Choose a file, review it and import; what was imported, or None."""
        dialog = cls(ctx, lang, parent, jobs)
        if not dialog.choose_file():
            return None
        dialog.exec()
        return dialog.imported
