"""The report's four charts on screen, drawn by the same code as the printed report."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_gui.printing.charts import Chart, paint_chart

GAP_MM = 4.0


class ChartsView(QWidget):
    """Charts in a grid of two columns, scaled to the widget (mm at the screen's density)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCharts")
        self._charts: list[Chart] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_charts(self, charts: list[Chart]) -> None:
        self._charts = list(charts)
        self.update()

    @property
    def charts(self) -> list[Chart]:
        return list(self._charts)

    def sizeHint(self) -> QSize:
        return QSize(760, 480)

    def minimumSizeHint(self) -> QSize:
        return QSize(480, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(255, 255, 255))
            if not self._charts:
                return
            # Charts are laid out for ~90 × 55 mm; the screen shows them at the widget's size.
            k = min(self.width() / (2 * 90 + 3 * GAP_MM), self.height() / (2 * 55 + 3 * GAP_MM))
            w_mm = (self.width() / k - 3 * GAP_MM) / 2
            h_mm = (self.height() / k - 3 * GAP_MM) / 2
            for i, chart in enumerate(self._charts[:4]):
                x = GAP_MM + (i % 2) * (w_mm + GAP_MM)
                y = GAP_MM + (i // 2) * (h_mm + GAP_MM)
                paint_chart(painter, chart, QRectF(x, y, w_mm, h_mm), k)
        finally:
            painter.end()
