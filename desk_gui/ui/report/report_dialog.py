"""Tools → Review report: a period's figures against the previous period, charts, top problems.

The report is computed off the window's thread (``ProgressJob``, with Cancel) whenever the
period or a filter changes; Print, Save PDF and Export xlsx use the report on screen (the xlsx
reads the tickets behind it in the background too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.lang import pick
from desk_gui.domain.review import Report
from desk_gui.exchange.review_xlsx import write_review_xlsx
from desk_gui.printing.review_charts import report_charts
from desk_gui.printing.review_print import paint_review, write_review_pdf
from desk_gui.ui.common.background import Job, Jobs, ProgressJob
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.session import Session
from desk_gui.ui.report.charts_view import ChartsView
from desk_gui.ui.report.kpi_table import KpiTable
from desk_gui.ui.report.named import named
from desk_gui.ui.report.period_bar import PeriodBar
from desk_gui.ui.report.problem_dialog import ProblemDialog

AskPath = Callable[[str, str, str], Path | None]
"""(dialog title, suggested file name, filter) → the chosen file, or None."""
RECOMPUTE_DELAY_MS = 300


class ReviewReportDialog(QDialog):
    """The review report of a period, with its charts, to print, save as PDF or export."""

    computed = Signal(object)  # the Report shown

    def __init__(self, session: Session, jobs: Jobs, *, ask_path: AskPath | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("reviewReportDialog")
        self.setWindowTitle(self.tr("Review report"))
        self.session, self.jobs, self.lang = session, jobs, session.lang
        self._ask_path = ask_path or self._ask_path_plainly
        self.report: Report | None = None
        self._task: ProgressJob | None = None
        self._choices_loaded = False
        self.bar = PeriodBar(self.lang, today or date.today(), self)
        self.figures = KpiTable(self)
        self.charts = ChartsView(self)
        self.problems = self._problem_table()
        self.status = named(QLabel(), "reviewStatus")
        self._timer = QTimer(self, singleShot=True, interval=RECOMPUTE_DELAY_MS)
        self._timer.timeout.connect(self.compute)
        self.bar.changed.connect(self._timer.start)
        self._lay_out()
        self.resize(1200, 760)
        QTimer.singleShot(0, self.compute)

    def _problem_table(self) -> QTableWidget:
        table = named(QTableWidget(0, 2, self), "reviewTopProblems")
        table.setHorizontalHeaderLabels([self.tr("Top recurring problems"), self.tr("Tickets")])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.doubleClicked.connect(lambda *_: self._request_problem())
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.problem_button = named(QPushButton(self.tr("Problem record…")), "reviewProblem")
        self.preview_button = named(QPushButton(self.tr("Print preview…")), "reviewPreview")
        self.print_button = named(QPushButton(self.tr("Print…")), "reviewPrint")
        self.pdf_button = named(QPushButton(self.tr("Save PDF…")), "reviewPdf")
        self.xlsx_button = named(QPushButton(self.tr("Export xlsx…")), "reviewXlsx")
        close = named(QPushButton(self.tr("Close")), "reviewClose")
        self.problem_button.clicked.connect(self._request_problem)
        self.preview_button.clicked.connect(self.print_preview)
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        close.clicked.connect(self.reject)
        row.addWidget(self.problem_button)
        row.addWidget(self.status, 1)
        for button in (self.preview_button, self.print_button, self.pdf_button, self.xlsx_button):
            row.addWidget(button)
        row.addWidget(close)
        return row

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.bar)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QSplitter(Qt.Orientation.Vertical, split)
        left.addWidget(self.figures)
        left.addWidget(self.problems)
        left.setSizes([430, 250])
        split.addWidget(left)
        split.addWidget(self.charts)
        split.setSizes([430, 770])
        column.addWidget(split, 1)
        column.addLayout(self._buttons())
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        for button in (self.preview_button, self.print_button, self.pdf_button,
                       self.xlsx_button, self.problem_button):  # fmt: skip
            button.setEnabled(ready)

    # -- computing ---------------------------------------------------------------------------

    def compute(self) -> None:
        """Compute the report of the period and filters shown, in the background."""
        period, flt = self.bar.period(), self.bar.report_filter()
        workspace = self.session.workspace
        load_choices = not self._choices_loaded
        lang = self.lang

        def work(job: Job) -> tuple[Report, dict[str, list[str]] | None]:
            report = workspace.review_report(period, flt, progress=job.progress)
            report.open_problems = workspace.review_open_items(period, lang)
            return report, workspace.review_filter_values() if load_choices else None

        if self._task is not None:
            self._task.cancel()
        self.status.setText(self.tr("Computing…"))
        label = self.tr("Computing the review report…")
        self._task = ProgressJob(self, self.jobs, "review-report", label, work,
                                 self._on_computed, self._on_failed)  # fmt: skip
        self._task.canceled.connect(lambda: self.status.setText(self.tr("Cancelled.")))

    def _on_computed(self, outcome: tuple[Report, dict[str, list[str]] | None]) -> None:
        self._task = None
        report, choices = outcome
        if choices is not None:
            self._choices_loaded = True
            self.bar.set_choices(choices)
        self.show_report(report)

    def _grouped_titles(self, titles: dict[str, int]) -> str:
        """A top problem's tooltip: the titles grouped in it, most tickets first."""
        ranked = sorted(titles.items(), key=lambda kv: (-kv[1], kv[0]))
        lines = [f"{title}  ×{n:,}" for title, n in ranked[:15]]
        if len(ranked) > 15:
            lines.append(self.tr("… and %1 more").replace("%1", f"{len(ranked) - 15:,}"))
        return self.tr("Titles grouped as this problem:") + "\n" + "\n".join(lines)

    def show_report(self, report: Report) -> None:
        self.report = report
        self.figures.show_report(report, self.lang)
        self.charts.set_charts(report_charts(report, self.lang))
        self.problems.setRowCount(len(report.top_problems))
        for r, group in enumerate(report.top_problems):
            title = QTableWidgetItem(group.title)
            title.setToolTip(self._grouped_titles(group.titles))
            self.problems.setItem(r, 0, title)
            count = QTableWidgetItem(f"{group.count:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.problems.setItem(r, 1, count)
        period = report.period
        problems = sum(1 for item in report.open_problems if item.kind == "problem")
        due = len(report.open_problems) - problems
        text = self.tr(
            "{first} – {last}: {received} received, {resolved} resolved; open problem records: {problems}, actions due: {due}"
        )
        self.status.setText(
            text.format(
                first=period.first, last=period.last, received=report.current["received"],
                resolved=report.current["resolved"], problems=problems, due=due,
            )
        )  # fmt: skip
        self._enable(True)
        self.problem_button.setEnabled(bool(report.top_problems))
        self.computed.emit(report)

    def _on_failed(self, exc: DeskError) -> None:
        self._task = None
        self.status.setText(exc.message(self.lang))
        ErrorDialog.show_error(self, exc, self.lang)

    def _request_problem(self) -> None:
        if self.report is None or not self.report.top_problems:
            return
        row = max(self.problems.currentRow(), 0)
        group = self.report.top_problems[row]
        period = self.report.period
        dialog = ProblemDialog(self.session, self.jobs, title=group.title,
                               titled=(list(group.titles), period.start, period.end),
                               parent=self)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda *_: self._timer.start())  # the open problems listed
        dialog.show()

    # -- output ------------------------------------------------------------------------------

    def _file_name(self, suffix: str) -> str:
        assert self.report is not None
        period = self.report.period
        stem = pick(self.lang, "复盘报告", "review")
        return f"{stem}-{period.first}-{period.last}.{suffix}"

    def print_preview(self) -> None:
        if self.report is None:
            return
        report, lang = self.report, self.lang
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept alive by this frame
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(self.tr("Print preview"))
        preview.paintRequested.connect(lambda device: paint_review(device, report, lang))
        preview.resize(900, 1000)
        preview.exec()

    def print_report(self) -> None:
        if self.report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name("pdf"))
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            paint_review(printer, self.report, self.lang)

    def save_pdf(self) -> Path | None:
        if self.report is None:
            return None
        path = self._ask_path(self.tr("Save PDF"), self._file_name("pdf"), self.tr("PDF (*.pdf)"))
        if path is None:
            return None
        try:
            write_review_pdf(self.report, path, self.lang)
        except OSError as exc:
            self.status.setText(f"{exc.strerror or exc}: {path}")
            return None
        self.status.setText(self.tr("Saved {path}").format(path=path))
        return path

    def export_xlsx(self) -> None:
        if self.report is None:
            return
        path = self._ask_path(
            self.tr("Export xlsx"), self._file_name("xlsx"), self.tr("Excel workbook (*.xlsx)")
        )
        if path is None:
            return
        report, lang = self.report, self.lang

        def work(job: Job) -> Path:
            job.check()
            write_review_xlsx(report, path, lang)
            return path

        ProgressJob(self, self.jobs, "review-xlsx", self.tr("Exporting…"), work,
                    lambda done: self.status.setText(self.tr("Saved {path}").format(path=done)),
                    self._on_failed)  # fmt: skip

    def _ask_path_plainly(self, title: str, name: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, filters)
        return Path(path) if path else None

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
        self._timer.stop()
        super().done(result)
