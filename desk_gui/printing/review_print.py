"""The printed review report: two A4 pages, painted with QPainter on a printer or a PDF.

Page 1: heading, every headline figure beside the previous period's with the change, the four
charts. Page 2: satisfaction, breakdowns, top problems, open problem records and actions due,
and the definitions the figures follow. Text is sized in device pixels from points, so the
print preview, the printer and the PDF show one layout.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPagedPaintDevice, QPainter, QPdfWriter, QPen

from desk_gui.domain.lang import Lang
from desk_gui.domain.review import Report
from desk_gui.domain.review_text import text
from desk_gui.printing.charts import Chart, paint_chart
from desk_gui.printing.fonts import print_font
from desk_gui.printing.render import PDF_RESOLUTION, prepare_device
from desk_gui.printing.review_pages import page_one, page_two
from desk_gui.printing.target import check_pdf_target

MM_PER_POINT = 25.4 / 72
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 14.0
ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "right": Qt.AlignmentFlag.AlignRight,
    "center": Qt.AlignmentFlag.AlignHCenter,
}


class Sheet:
    """A page to paint on in mm from the paper's corner; text sized in points."""

    def __init__(self, painter: QPainter, px_per_mm: float, lang: Lang) -> None:
        self.painter = painter
        self.k = px_per_mm
        self.lang = lang
        self._fonts: dict[tuple[float, bool], QFont] = {}

    def font(self, points: float, bold: bool = False) -> QFont:
        key = (points, bold)
        if key not in self._fonts:
            font = print_font(8, bold=bold)
            font.setPixelSize(max(1, round(points * MM_PER_POINT * self.k)))
            self._fonts[key] = font
        return self._fonts[key]

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.k, y * self.k, w * self.k, h * self.k)

    def text(self, x: float, y: float, w: float, h: float, value: str, points: float = 8.5,
             *, bold: bool = False, align: str = "left", gray: int = 30,
             color: tuple[int, int, int] | None = None) -> None:  # fmt: skip
        p = self.painter
        p.setFont(self.font(points, bold))
        p.setPen(QColor(*color) if color else QColor(gray, gray, gray))
        flags = ALIGN[align] | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        p.drawText(self.rect(x, y, w, h), int(flags), value)

    def wrapped(self, x: float, y: float, w: float, value: str, points: float = 7.5) -> float:
        """Word-wrapped text from ``y``; the height it took, in mm."""
        p = self.painter
        p.setFont(self.font(points))
        p.setPen(QColor(50, 50, 50))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        bounds = p.boundingRect(self.rect(x, y, w, 200), flags, value)
        p.drawText(bounds, flags, value)
        return bounds.height() / self.k

    def rule(self, x1: float, y: float, x2: float, width: float = 0.25, gray: int = 120) -> None:
        self.painter.setPen(QPen(QColor(gray, gray, gray), width * self.k))
        self.painter.drawLine(QPointF(x1 * self.k, y * self.k), QPointF(x2 * self.k, y * self.k))

    def shade(self, x: float, y: float, w: float, h: float, gray: int = 238) -> None:
        self.painter.fillRect(self.rect(x, y, w, h), QColor(gray, gray, gray))

    def chart(self, chart: Chart, x: float, y: float, w: float, h: float) -> None:
        paint_chart(self.painter, chart, QRectF(x, y, w, h), self.k)

    def footer(self, page: int, pages: int, generated: datetime) -> None:
        stamp = f"Desk · {text('generated', self.lang)} {generated:%Y-%m-%d %H:%M} · {page}/{pages}"
        self.text(MARGIN, PAGE_H - 10, PAGE_W - 2 * MARGIN, 5, stamp, 7, align="right", gray=110)


def paint_review(
    device: QPagedPaintDevice, report: Report, lang: Lang, generated: datetime | None = None
) -> int:
    """Paint the review report on ``device`` (a printer or a PDF writer); the page count."""
    generated = generated or datetime.now()
    prepare_device(device)
    device.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the print device")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        sheet = Sheet(painter, device.logicalDpiY() / 25.4, lang)
        page_one(sheet, report)
        sheet.footer(1, 2, generated)
        if not device.newPage():
            raise OSError("cannot start a new page")
        page_two(sheet, report)
        sheet.footer(2, 2, generated)
    finally:
        painter.end()
    return 2


def write_review_pdf(report: Report, path: str | Path, lang: Lang) -> int:
    """Save the review report as a PDF; the page count."""
    check_pdf_target(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("Desk")
    writer.setTitle(text("title", lang))
    return paint_review(writer, report, lang)
