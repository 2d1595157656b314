"""Painting worksheets with QPainter on a QPrinter or QPdfWriter, in mm on A4 portrait.

``paint_worksheets`` is what a QPrintPreviewDialog's ``paintRequested`` needs;
``print_worksheets`` prints to a configured printer; ``write_pdf`` saves a PDF file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter

from desk_gui.domain.ticket import TicketRecord
from desk_gui.printing.content import WorksheetOptions, worksheet_content
from desk_gui.printing.fonts import print_font
from desk_gui.printing.layout import Page, Rule, Shade, Style, Text, layout_worksheet
from desk_gui.printing.target import check_pdf_target

MM_PER_INCH = 25.4
PDF_RESOLUTION = 600

# Point size and weight of each text style.
STYLES: dict[Style, tuple[float, bool]] = {
    "office": (10.5, True),
    "title": (16.0, True),
    "subtitle": (8.0, False),
    "number": (11.0, True),
    "label": (8.5, True),
    "value": (8.5, False),
    "head": (8.0, True),
    "small": (7.5, False),
}
LINE_FACTOR = 1.18


class QtMeasure:
    """Font metrics of the print fonts on ``device``, in mm."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        self.px_per_mm = device.logicalDpiY() / MM_PER_INCH
        self.fonts: dict[Style, QFont] = {
            style: print_font(size, bold=bold) for style, (size, bold) in STYLES.items()
        }
        self._heights: dict[Style, float] = {}
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def line_height(self, style: Style) -> float:
        if style not in self._heights:
            fm = QFontMetricsF(self.fonts[style], self.device)
            self._heights[style] = fm.height() * LINE_FACTOR / self.px_per_mm
        return self._heights[style]

    def width(self, text: str, style: Style) -> float:
        return (
            QFontMetricsF(self.fonts[style], self.device).horizontalAdvance(text) / self.px_per_mm
        )

    def wrap(self, text: str, style: Style, width: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            lines.extend(self._wrap_paragraph(paragraph, style, width * self.px_per_mm))
        return lines

    def _wrap_paragraph(self, text: str, style: Style, width_px: float) -> list[str]:
        if not text:
            return [""]
        layout = QTextLayout(text, self.fonts[style], self.device)
        layout.setTextOption(self._option)
        layout.beginLayout()
        lines: list[str] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width_px)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
        return lines


def prepare_device(device: QPagedPaintDevice) -> None:
    """A4 portrait, no margins: the layout's mm are measured from the paper's corner."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    if isinstance(device, QPrinter):
        device.setFullPage(True)


def _paint_page(painter: QPainter, page: Page, measure: QtMeasure) -> None:
    k = measure.px_per_mm
    painter.setPen(Qt.PenStyle.NoPen)
    for item in page.items:
        if isinstance(item, Shade):
            painter.setBrush(QColor(item.gray, item.gray, item.gray))
            painter.drawRect(QRectF(item.x * k, item.y * k, item.w * k, item.h * k))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for item in page.items:
        if isinstance(item, Rule):
            pen = QPen(QColor(40, 40, 40), item.width * k)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(item.x1 * k, item.y1 * k), QPointF(item.x2 * k, item.y2 * k))
    align = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter}
    for item in page.items:
        if isinstance(item, Text) and item.text:
            painter.setFont(measure.fonts[item.style])
            painter.setPen(QColor(item.tone, item.tone, item.tone))
            flags = (
                align.get(item.align, Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter
            )
            rect = QRectF(item.x * k, item.y * k, item.w * k, item.h * k)
            painter.drawText(rect, int(flags | Qt.TextFlag.TextSingleLine), item.text)


def layout_pages(
    records: Iterable[TicketRecord | None], options: WorksheetOptions, measure: QtMeasure
) -> list[Page]:
    """Every page of every worksheet (None stands for a blank form)."""
    pages: list[Page] = []
    for record in records:
        pages.extend(layout_worksheet(worksheet_content(record, options), measure))
    return pages


def paint_worksheets(
    device: QPagedPaintDevice,
    records: Sequence[TicketRecord | None],
    lang: str = "zh",
    options: WorksheetOptions | None = None,
) -> int:
    """Paint the worksheets of ``records`` (None: a blank form) on ``device``; the page count."""
    options = _with_defaults(options, lang)
    prepare_device(device)
    measure = QtMeasure(device)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the print device")
    count = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for record in records:
            for page in layout_worksheet(worksheet_content(record, options), measure):
                if count and not device.newPage():
                    raise OSError("cannot start a new page")
                _paint_page(painter, page, measure)
                count += 1
    finally:
        painter.end()
    return count


def _with_defaults(options: WorksheetOptions | None, lang: str) -> WorksheetOptions:
    from dataclasses import replace

    options = options or WorksheetOptions(lang=lang)
    if options.lang != lang:
        options = replace(options, lang=lang)
    if options.printed_at is None:
        options = replace(options, printed_at=datetime.now())
    return options


def print_worksheets(
    printer: QPrinter,
    records: Sequence[TicketRecord | None],
    lang: str = "zh",
    options: WorksheetOptions | None = None,
) -> int:
    """Print worksheets on a printer the user chose (or one set to PDF output); pages printed."""
    printer.setDocName("Desk worksheets")
    return paint_worksheets(printer, records, lang, options)


def write_pdf(
    path: str | Path,
    records: Sequence[TicketRecord | None],
    lang: str = "zh",
    options: WorksheetOptions | None = None,
) -> int:
    """Save the worksheets as one PDF file; the page count."""
    check_pdf_target(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("Desk")
    writer.setTitle("技术问题解决与支持工作表")
    return paint_worksheets(writer, records, lang, options)
