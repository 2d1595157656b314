"""The File menu's print, PDF and export commands, adapted to the printing and exchange modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketRecord
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import print_worksheets, write_pdf
from desk_gui.services.queue import QueueFilter, SortKey
from desk_gui.ui.common.background import Job, Jobs, ProgressJob
from desk_gui.ui.common.prefs import WorkstationPrefs

Records = Sequence[TicketRecord | None]


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Desk")
    return printer


def print_preview(parent: QWidget, records: Records, lang: str, options: WorksheetOptions) -> None:
    """Show the worksheets in Qt's print preview (which can print them)."""
    # The dialog keeps only a C++ pointer to its printer: a temporary QPrinter would be freed by
    # Python and the preview would crash when it paints. Keep it alive for the dialog's life.
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintActions", "Print preview"))
    dialog.paintRequested.connect(lambda printer: print_worksheets(printer, records, lang, options))
    dialog.resize(900, 1000)
    dialog.exec()


def print_records(parent: QWidget, records: Records, lang: str, options: WorksheetOptions) -> bool:
    """Ask for a printer and print; False when cancelled."""
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_worksheets(printer, records, lang, options)
    return True


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintActions", text)


def save_dialog(
    parent: QWidget | None, title: str, prefs: WorkstationPrefs, name: str, filters: str
) -> QFileDialog:
    """A save dialog starting in the remembered folder (else Documents) with ``name`` chosen.

    Its labels are set in our own translations, so Qt's widgets-based dialog reads in the
    program's language even where Qt's qtbase translation is missing (a native dialog
    follows the system's language and ignores them).
    """
    dialog = QFileDialog(parent, title, str(prefs.file_folder()), filters)
    dialog.setObjectName("saveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(name)
    labels = QFileDialog.DialogLabel
    dialog.setLabelText(labels.LookIn, _tr("Look in:"))
    dialog.setLabelText(labels.FileName, _tr("File name:"))
    dialog.setLabelText(labels.FileType, _tr("Save as type:"))
    dialog.setLabelText(labels.Accept, _tr("Save"))
    dialog.setLabelText(labels.Reject, _tr("Cancel"))
    return dialog


def ask_save_path(dialog: QFileDialog, prefs: WorkstationPrefs) -> tuple[Path, str] | None:
    """Run ``dialog``; the chosen file and filter (its folder remembered), or None."""
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    target = Path(dialog.selectedFiles()[0])
    prefs.set_file_folder(target.parent)
    return target, dialog.selectedNameFilter()


def save_pdf(
    parent: QWidget | None,
    records: Records,
    lang: str,
    options: WorksheetOptions,
    suggested: str,
    prefs: WorkstationPrefs,
) -> Path | None:
    """Ask for a file name and write the worksheets as PDF; the file, or None when cancelled."""
    dialog = save_dialog(parent, _tr("Save as PDF"), prefs, suggested, _tr("PDF files (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    chosen = ask_save_path(dialog, prefs)
    if chosen is None:
        return None
    path = chosen[0]
    target = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
    write_pdf(target, records, lang, options)
    return target


def export_to(
    target: Path,
    flt: QueueFilter,
    sort: SortKey,
    descending: bool,
    lang: str,
    mask: bool,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the filtered queue, in queue order, to an .xlsx or .csv file; rows written."""
    from desk_gui.exchange.export import export_tickets

    return export_tickets(
        target,
        flt=flt.replace(now=datetime.now()),
        sort=sort,
        descending=descending,
        lang=lang,
        mask=mask,
        progress=progress,
    )


def ask_export_path(parent: QWidget | None, prefs: WorkstationPrefs) -> Path | None:
    """Ask for the file (xlsx or csv) to export the queue to; None when cancelled."""
    dialog = save_dialog(
        parent,
        _tr("Export the queue"),
        prefs,
        "desk-export.xlsx",
        _tr("Excel workbook (*.xlsx);;CSV file (*.csv)"),
    )
    answer = ask_save_path(dialog, prefs)
    if answer is None:
        return None
    target, chosen = answer
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
    return target


def start_export(
    parent: QWidget | None,
    jobs: Jobs,
    target: Path,
    flt: QueueFilter,
    sort: SortKey,
    descending: bool,
    lang: str,
    mask: bool,
    done: Callable[[Path], None],
    failed: Callable[[DeskError], None],
) -> ProgressJob:
    """Export the filtered queue to ``target`` in the background behind a progress dialog;
    ``done(target)`` when written. Cancel leaves no file (it is written under a temporary name)."""

    def work(job: Job) -> Path:
        export_to(target, flt, sort, descending, lang, mask, job.progress)
        return target

    label = QCoreApplication.translate("PrintActions", "Exporting tickets…")
    return ProgressJob(parent, jobs, "export", label, work, done, failed)
