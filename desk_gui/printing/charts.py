"""Bar and line charts drawn with QPainter: one drawing for the screen, the printer and the PDF.

A chart is plain data (``Chart``); ``paint_chart`` draws it into a rectangle given in mm on any
paint device. Inside, the painter works in tenths of a millimetre with fonts sized in those
units (``setPixelSize``), so the same chart looks the same at 96 dpi on screen and 600 dpi in
a PDF: nothing depends on the device's resolution but the sharpness (FIELD_NOTES, Review
reports: no QtCharts, no matplotlib).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from desk_gui.printing.fonts import print_font

Kind = Literal["bars", "hbars", "lines"]
Rgb = tuple[int, int, int]

PALETTE: tuple[Rgb, ...] = ((52, 101, 164), (115, 170, 60), (230, 140, 40), (150, 150, 150))
INK: Rgb = (40, 40, 40)
GRID: Rgb = (215, 215, 215)
TITLE_H, AXIS_W, LABEL_H, PAD = 50, 80, 45, 12  # tenths of a mm


@dataclass(frozen=True)
class Series:
    """One row of values (None: no value, a gap in a line)."""

    label: str
    values: tuple[float | None, ...]
    color: Rgb = PALETTE[0]


@dataclass(frozen=True)
class Chart:
    """What to draw: a kind, a title, the category labels and one or more series."""

    kind: Kind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    top: float | None = None  # fixed top of the value axis (100 for shares)
    suffix: str = ""  # after axis values ("%")
    notes: tuple[str, ...] = field(default=())


def _font(size: int, bold: bool = False) -> QFont:
    font = print_font(8, bold=bold)
    font.setPixelSize(size)
    return font


def nice_top(value: float) -> float:
    """Four whole gridline steps of 1, 2 or 5 × 10ⁿ (at least 1) reaching ``value``."""
    need = max(value / 4, 1.0)
    power = 10 ** math.floor(math.log10(need))
    step = next(k * power for k in (1, 2, 5, 10) if k * power >= need)
    return float(4 * step)


def _top(chart: Chart) -> float:
    if chart.top is not None:
        return chart.top
    values = [v for s in chart.series for v in s.values if v is not None]
    return nice_top(max(values, default=0.0))


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.1f}"


def _legend_width(p: QPainter, chart: Chart) -> float:
    return sum(p.fontMetrics().horizontalAdvance(s.label) + 74 for s in chart.series)


def _head(p: QPainter, chart: Chart, w: float) -> None:
    """The title, and the legend beside it (below it when both do not fit on one line)."""
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    p.setPen(QColor(*INK))
    p.setFont(_font(34, bold=True))
    p.drawText(QRectF(0, 0, w, TITLE_H), left, chart.title)
    title_w = p.fontMetrics().horizontalAdvance(chart.title)
    if len(chart.series) < 2:
        return
    p.setFont(_font(28))
    top = 0.0 if title_w + _legend_width(p, chart) + 20 <= w else TITLE_H - 8
    x = w
    for s in reversed(chart.series):
        width = p.fontMetrics().horizontalAdvance(s.label) + 10
        x -= width
        p.drawText(QRectF(x, top, width, TITLE_H), left, s.label)
        x -= 34
        p.fillRect(QRectF(x, top + TITLE_H / 2 - 10, 24, 20), QColor(*s.color))
        x -= 30


def _axis(p: QPainter, chart: Chart, plot: QRectF, top: float) -> None:
    p.setFont(_font(26))
    for i in range(5):
        y = plot.bottom() - plot.height() * i / 4
        p.setPen(QPen(QColor(*GRID), 2))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor(*INK))
        label = _number(top * i / 4) + chart.suffix
        rect = QRectF(0, y - 20, plot.left() - 10, 40)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
    p.setPen(QPen(QColor(*INK), 3))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())


def _category_labels(p: QPainter, chart: Chart, plot: QRectF) -> None:
    n = len(chart.categories)
    if n == 0:
        return
    slot = plot.width() / n
    p.setFont(_font(26))
    widest = max(p.fontMetrics().horizontalAdvance(c) for c in chart.categories) + 8
    every = max(1, math.ceil(widest / slot))
    p.setPen(QColor(*INK))
    for i, label in enumerate(chart.categories):
        if i % every:
            continue
        rect = QRectF(
            plot.left() + slot * i + slot / 2 - widest / 2, plot.bottom() + 4, widest, LABEL_H - 8
        )
        p.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)


def _bars(p: QPainter, chart: Chart, plot: QRectF, top: float) -> None:
    n, m = len(chart.categories), len(chart.series)
    if n == 0:
        return
    slot = plot.width() / n
    bar = slot * 0.8 / m
    p.setPen(Qt.PenStyle.NoPen)
    show_values = n * m <= 16
    for j, s in enumerate(chart.series):
        for i, value in enumerate(s.values):
            if not value:
                continue
            h = plot.height() * min(value, top) / top
            rect = QRectF(plot.left() + slot * i + slot * 0.1 + bar * j, plot.bottom() - h, bar, h)
            p.fillRect(rect, QColor(*s.color))
            if show_values:
                p.setPen(QColor(*INK))
                p.setFont(_font(24))
                above = QRectF(rect.left() - 40, rect.top() - 32, rect.width() + 80, 30)
                p.drawText(
                    above,
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                    _number(value),
                )
                p.setPen(Qt.PenStyle.NoPen)


def _lines(p: QPainter, chart: Chart, plot: QRectF, top: float) -> None:
    n = len(chart.categories)
    if n == 0:
        return
    slot = plot.width() / n
    for s in chart.series:
        path, pen_down = QPainterPath(), False
        points = []
        for i, value in enumerate(s.values):
            if value is None:
                pen_down = False
                continue
            pt = QPointF(
                plot.left() + slot * (i + 0.5),
                plot.bottom() - plot.height() * min(value, top) / top,
            )
            if pen_down:
                path.lineTo(pt)
            else:
                path.moveTo(pt)
            pen_down = True
            points.append(pt)
        pen = QPen(QColor(*s.color), 7)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(*s.color))
        for pt in points:
            p.drawEllipse(pt, 9, 9)
    p.setBrush(Qt.BrushStyle.NoBrush)


def _hbars(p: QPainter, chart: Chart, w: float, h: float) -> None:
    s = chart.series[0] if chart.series else Series("", ())
    n = len(chart.categories)
    if n == 0:
        return
    top = max((v or 0 for v in s.values), default=0) or 1
    p.setFont(_font(28))
    label_w = max(p.fontMetrics().horizontalAdvance(c) for c in chart.categories) + 16
    value_w = 90
    row = min((h - TITLE_H - PAD) / n, 70.0)
    for i, (label, value) in enumerate(zip(chart.categories, s.values, strict=False)):
        y = TITLE_H + PAD + row * i
        p.setPen(QColor(*INK))
        p.drawText(
            QRectF(0, y, label_w - 10, row),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
        length = (w - label_w - value_w) * (value or 0) / top
        p.fillRect(QRectF(label_w, y + row * 0.15, length, row * 0.7), QColor(*s.color))
        rect = QRectF(label_w + length + 8, y, value_w, row)
        p.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _number(value or 0),
        )


def _draw(p: QPainter, chart: Chart, w: float, h: float) -> None:
    _head(p, chart, w)
    if not chart.categories:
        return
    if chart.kind == "hbars":
        _hbars(p, chart, w, h)
        return
    plot = QRectF(AXIS_W, TITLE_H + PAD + 30, w - AXIS_W - PAD, h - TITLE_H - PAD - 30 - LABEL_H)
    top = _top(chart)
    _axis(p, chart, plot, top)
    (_lines if chart.kind == "lines" else _bars)(p, chart, plot, top)
    _category_labels(p, chart, plot)


def paint_chart(painter: QPainter, chart: Chart, rect_mm: QRectF, px_per_mm: float) -> None:
    """Draw ``chart`` in ``rect_mm`` (mm on a device of ``px_per_mm`` pixels per mm)."""
    painter.save()
    try:
        painter.translate(rect_mm.left() * px_per_mm, rect_mm.top() * px_per_mm)
        painter.scale(px_per_mm / 10, px_per_mm / 10)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(QRectF(0, 0, rect_mm.width() * 10, rect_mm.height() * 10))
        _draw(painter, chart, rect_mm.width() * 10, rect_mm.height() * 10)
    finally:
        painter.restore()


def render_image(chart: Chart, width_mm: float, height_mm: float, px_per_mm: float) -> QImage:
    """The chart on a white image (for the screen and for tests)."""
    image = QImage(
        round(width_mm * px_per_mm), round(height_mm * px_per_mm), QImage.Format.Format_RGB32
    )
    image.fill(QColor(255, 255, 255))
    dots = round(px_per_mm * 1000)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    painter = QPainter(image)
    try:
        paint_chart(painter, chart, QRectF(0, 0, width_mm, height_mm), px_per_mm)
    finally:
        painter.end()
    return image
