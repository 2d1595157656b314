"""A knowledge-base article on A4, in the worksheet's fonts and margins.

``layout_article`` is a pure function from an article to positioned lines (through a
``Measure``, as the worksheet's layout); the painting reuses the worksheet's renderer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from desk_gui.domain.kb import Article
from desk_gui.domain.lang import is_zh, pick
from desk_gui.printing.layout import (
    BODY_BOTTOM,
    CONTENT_W,
    LEFT,
    MEDIUM,
    PAGE_H,
    PAGE_W,
    TOP,
    Measure,
    Page,
    Rule,
    Style,
    Text,
)
from desk_gui.printing.render import PDF_RESOLUTION, QtMeasure, _paint_page, prepare_device
from desk_gui.printing.target import check_pdf_target

GAP = 2.5


def _sections(article: Article, lang: str) -> list[tuple[str, str]]:
    return [
        (pick(lang, "现象", "Symptom"), article.symptom),
        (pick(lang, "原因", "Cause"), article.cause),
        (pick(lang, "解决方法", "Solution"), article.solution),
        (pick(lang, "关键词", "Keywords"), article.keywords),
        (pick(lang, "适用范围", "Applies to"), article.applies_to),
    ]


class _Pages:
    def __init__(self, measure: Measure) -> None:
        self.m = measure
        self.pages: list[Page] = [Page()]
        self.y = TOP

    def line(self, text: str, style: Style, *, x: float = LEFT, tone: int = 0) -> None:
        h = self.m.line_height(style)
        if self.y + h > BODY_BOTTOM:
            self.pages.append(Page())
            self.y = TOP
        self.pages[-1].items.append(Text(x, self.y, PAGE_W - x - LEFT, h, text, style, tone=tone))
        self.y += h

    def para(self, text: str, style: Style, *, x: float = LEFT) -> None:
        for part in self.m.wrap(text, style, PAGE_W - x - LEFT):
            self.line(part, style, x=x)

    def rule(self) -> None:
        self.pages[-1].items.append(Rule(LEFT, self.y, LEFT + CONTENT_W, self.y, MEDIUM))
        self.y += GAP


def layout_article(
    article: Article, measure: Measure, lang: str = "zh", printed_at: datetime | None = None
) -> list[Page]:
    """Every page of one article: heading, facts, then its parts; a footer on each page."""
    out = _Pages(measure)
    out.line(pick(lang, "知识库文章", "Knowledge-base article"), "office")
    out.para(f"KB{article.id}  {article.title}", "title")
    facts = " · ".join(
        (
            article.category.label("zh" if is_zh(lang) else "en"),
            article.status.label(lang),
            pick(lang, "作者 ", "author ") + article.author,
            pick(lang, "更新于 ", "updated ") + article.updated_at.strftime("%Y-%m-%d %H:%M"),
            pick(lang, f"第 {article.version} 版", f"version {article.version}"),
        )
    )
    out.para(facts, "subtitle")
    out.y += GAP
    out.rule()
    for label, text in _sections(article, lang):
        if not text.strip():
            continue
        out.line(label, "label")
        out.para(text, "value", x=LEFT + 4)
        out.y += GAP
    when = (printed_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    total = len(out.pages)
    for n, page in enumerate(out.pages, start=1):
        footer = pick(
            lang, f"打印于 {when}　第 {n}/{total} 页", f"Printed {when}  page {n}/{total}"
        )
        page.items.append(Text(LEFT, PAGE_H - 14, CONTENT_W, 5, footer, "small", tone=90))
    return out.pages


def paint_article(device: QPagedPaintDevice, article: Article, lang: str = "zh") -> int:
    """Paint one article on a printer or PDF writer; the page count."""
    prepare_device(device)
    measure = QtMeasure(device)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the print device")
    try:
        pages = layout_article(article, measure, lang)
        for i, page in enumerate(pages):
            if i and not device.newPage():
                raise OSError("cannot start a new page")
            _paint_page(painter, page, measure)
    finally:
        painter.end()
    return len(pages)


def print_article(printer: QPrinter, article: Article, lang: str = "zh") -> int:
    printer.setDocName(f"KB{article.id}")
    return paint_article(printer, article, lang)


def write_article_pdf(path: str | Path, article: Article, lang: str = "zh") -> int:
    check_pdf_target(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("Desk")
    writer.setTitle(f"KB{article.id} {article.title}")
    return paint_article(writer, article, lang)
