"""The review charts: the same drawing on screen (a QImage) and in a PDF, Chinese intact."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from desk_gui.printing.charts import PALETTE, Chart, Series, nice_top, paint_chart, render_image

W_MM, H_MM, DPI = 90.0, 55.0, 150

CHARTS = [
    Chart("bars", "受理与解决", ("11-16", "11-17", "11-18", "11-19", "11-20"),
          (Series("受理", (5, 3, 8, 0, 2), PALETTE[0]), Series("解决", (4, 4, 6, 1, 0), PALETTE[1]))),
    Chart("hbars", "按类别受理", ("软件", "网络", "硬件"), (Series("", (12, 7, 3)),)),
    Chart("lines", "达标率与首次解决率趋势", ("W45", "W46", "W47"),
          (Series("解决达标 %", (80, None, 95)), Series("首次解决 %", (60, 70, 65), PALETTE[2])),
          top=100, suffix="%"),
]  # fmt: skip


def _pdf(chart: Chart, path: Path) -> Path:
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setPageSize(QPageSize(QSizeF(W_MM, H_MM), QPageSize.Unit.Millimeter))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    painter = QPainter(writer)
    try:
        paint_chart(painter, chart, QRectF(0, 0, W_MM, H_MM), writer.resolution() / 25.4)
    finally:
        painter.end()
    return path


def _small(image: QImage) -> QImage:
    scaled = image.scaled(180, 110, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    return scaled.convertToFormat(QImage.Format.Format_Grayscale8)


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute grey difference (0–255) of two downscaled images."""
    a, b = _small(a), _small(b)
    total = sum(abs(a.pixelColor(x, y).red() - b.pixelColor(x, y).red())
                for y in range(a.height()) for x in range(a.width()))  # fmt: skip
    return total / (a.width() * a.height())


def _ink(image: QImage) -> int:
    """Non-white pixels of the downscaled image (a blank render has none)."""
    small = _small(image)
    return sum(small.pixelColor(x, y).red() < 200
               for y in range(small.height()) for x in range(small.width()))  # fmt: skip


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils (pdftoppm)")
@pytest.mark.parametrize("chart", CHARTS, ids=[c.kind for c in CHARTS])
def test_screen_and_pdf_draw_the_same_chart(qapp: object, chart: Chart, tmp_path: Path) -> None:
    screen = render_image(chart, W_MM, H_MM, DPI / 25.4)
    pdf = _pdf(chart, tmp_path / "chart.pdf")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    printed = QImage(str(tmp_path / "page.png"))
    assert abs(printed.width() - screen.width()) <= 2
    assert _ink(screen) > 200
    assert _difference(screen, printed) < 6.0
    other = render_image(CHARTS[(CHARTS.index(chart) + 1) % 3], W_MM, H_MM, DPI / 25.4)
    assert _difference(screen, other) > 2 * _difference(screen, printed)  # the measure can tell


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")
def test_chinese_text_survives_in_the_pdf(qapp: object, tmp_path: Path) -> None:
    pdf = _pdf(CHARTS[2], tmp_path / "chart.pdf")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = out.stdout.replace(" ", "")
    assert "达标率与首次解决率趋势" in text and "首次解决%" in text


def test_value_axis_tops_and_an_empty_chart(qapp: object) -> None:
    assert [nice_top(v) for v in (0, 1, 4, 7, 12, 180, 200.5)] == [4, 4, 4, 8, 20, 200, 400]
    blank = render_image(Chart("bars", "", (), ()), 40, 20, 4)
    assert blank.pixelColor(10, 10) == QColor(255, 255, 255)
