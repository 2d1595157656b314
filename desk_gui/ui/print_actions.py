"""The File menu's print, PDF and export commands, adapted to the printing and exchange modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from desk_gui.domain.ticket import TicketRecord
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import print_worksheets, write_pdf
from desk_gui.services.queue import QueueFilter, SortKey

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


def save_pdf(
    parent: QWidget, records: Records, lang: str, options: WorksheetOptions, suggested: str
) -> Path | None:
    """Ask for a file name and write the worksheets as PDF; the file, or None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PrintActions", "Save as PDF"),
        suggested,
        QCoreApplication.translate("PrintActions", "PDF files (*.pdf)"),
    )
    if not path:
        return None
    target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
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
        flt=replace(flt, now=datetime.now()),
        sort=sort,
        descending=descending,
        lang=lang,
        mask=mask,
        progress=progress,
    )


def export_queue(
    parent: QWidget, flt: QueueFilter, sort: SortKey, descending: bool, lang: str, mask: bool
) -> Path | None:
    """Ask for a file (xlsx or csv) and export the filtered queue to it, showing progress."""
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PrintActions", "Export the queue"),
        "desk-export.xlsx",
        QCoreApplication.translate("PrintActions", "Excel workbook (*.xlsx);;CSV file (*.csv)"),
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
    dialog = QProgressDialog(
        QCoreApplication.translate("PrintActions", "Exporting tickets…"), "", 0, 0, parent
    )
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(500)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        QCoreApplication.processEvents()

    try:
        export_to(target, flt, sort, descending, lang, mask, progress)
    finally:
        dialog.close()
    return target
