"""The worksheet's page layout: a pure function from content to positioned items, in mm on A4.

Text is wrapped here through a ``Measure`` (Qt's font metrics in production, a fake in tests),
so the renderer only paints single lines. Rows too tall for the rest of a page split between
lines and continue on the next page under the repeated header: nothing is ever clipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from desk_gui.printing.content import FieldRow, LogTable, WorksheetContent

Style = Literal["office", "title", "subtitle", "number", "label", "value", "head", "small"]
Align = Literal["left", "center", "right"]

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 15.0, 15.0, 12.0, 10.0
CONTENT_W = PAGE_W - LEFT - RIGHT
PAD_X, PAD_Y = 2.0, 1.0
LOG_COLS = (33.0, 21.0)  # time, author; the entry takes the rest
HEADER_H = 25.5
FOOTER_H = 8.0
SIGNATURE_H = 15.0
BODY_TOP = TOP + HEADER_H
BODY_BOTTOM = PAGE_H - BOTTOM - FOOTER_H
BLANK_LOG_ROW_H = 7.0

THIN, MEDIUM, THICK = 0.2, 0.35, 0.6
LABEL_SHADE, HEAD_SHADE = 232, 244


class Measure(Protocol):
    """Font metrics in mm: how a text wraps in a width, and a line's height."""

    def wrap(self, text: str, style: Style, width: float) -> list[str]: ...

    def line_height(self, style: Style) -> float: ...

    def width(self, text: str, style: Style) -> float: ...


@dataclass(frozen=True)
class Text:
    """One line of text; ``tone`` 0 is black, higher is lighter grey."""

    x: float
    y: float
    w: float
    h: float
    text: str
    style: Style
    align: Align = "left"
    tone: int = 0


@dataclass(frozen=True)
class Rule:
    """A straight line ``width`` mm thick."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = THIN


@dataclass(frozen=True)
class Shade:
    """A filled rectangle in grey ``gray`` (255 white)."""

    x: float
    y: float
    w: float
    h: float
    gray: int = LABEL_SHADE


Item = Text | Rule | Shade


@dataclass
class Page:
    """The items of one printed page."""

    items: list[Item] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [i.text for i in self.items if isinstance(i, Text)]


class _Pager:
    """Places blocks top-down, starting a new page (with the header) when one does not fit."""

    def __init__(self, content: WorksheetContent, measure: Measure) -> None:
        self.content = content
        self.m = measure
        self.pages: list[Page] = []
        self.y = 0.0
        self.table_top: float | None = None
        self.label_w = content.label_width
        self.value_x = LEFT + self.label_w
        self.value_w = CONTENT_W - self.label_w
        self.new_page()

    @property
    def items(self) -> list[Item]:
        return self.pages[-1].items

    def room(self) -> float:
        return BODY_BOTTOM - self.y

    def new_page(self) -> None:
        if self.pages:
            self.close_table()
        self.pages.append(Page())
        self.y = _header(self.items, self.content, self.m)

    def open_table(self) -> None:
        if self.table_top is None:
            self.table_top = self.y

    def close_table(self) -> None:
        if self.table_top is not None and self.y > self.table_top:
            top, bottom = self.table_top, self.y
            self.items.append(Rule(LEFT, top, LEFT + CONTENT_W, top, MEDIUM))
            self.items.append(Rule(LEFT, bottom, LEFT + CONTENT_W, bottom, MEDIUM))
            self.items.append(Rule(LEFT, top, LEFT, bottom, MEDIUM))
            self.items.append(Rule(LEFT + CONTENT_W, top, LEFT + CONTENT_W, bottom, MEDIUM))
        self.table_top = None

    def lines(self, text: str, style: Style, width: float) -> list[str]:
        return self.m.wrap(text, style, width - 2 * PAD_X) if text else []


def _text_lines(
    items: list[Item], lines: Iterable[str], x: float, y: float, w: float, style: Style, lh: float
) -> None:
    for i, line in enumerate(lines):
        items.append(Text(x + PAD_X, y + PAD_Y + i * lh, w - 2 * PAD_X, lh, line, style))


def _header(items: list[Item], c: WorksheetContent, m: Measure) -> float:
    """The title block, repeated on every page; returns where the body starts."""
    y = TOP
    oh = m.line_height("office")
    items.append(Text(LEFT, y, CONTENT_W * 0.6, oh, c.office, "office"))
    number = c.number_label + (c.number or "__________________")
    items.append(Text(LEFT + CONTENT_W * 0.4, y, CONTENT_W * 0.6, oh, number, "number", "right"))
    y += oh + 2.0
    th = m.line_height("title")
    items.append(Text(LEFT, y, CONTENT_W, th, c.title, "title", "center"))
    y += th + 0.5
    sh = m.line_height("subtitle")
    items.append(Text(LEFT, y, CONTENT_W, sh, c.subtitle, "subtitle", "center", tone=90))
    y = TOP + HEADER_H - 3.5
    items.append(Rule(LEFT, y, LEFT + CONTENT_W, y, THICK))
    items.append(Rule(LEFT, y + 0.9, LEFT + CONTENT_W, y + 0.9, THIN))
    return BODY_TOP


def _cell_row(p: _Pager, label: str, lines: list[str], height: float) -> None:
    """One label | value row at the pager's position."""
    lh = p.m.line_height("value")
    y = p.y
    p.items.append(Shade(LEFT, y, p.label_w, height))
    _text_lines(p.items, p.lines(label, "label", p.label_w), LEFT, y, p.label_w, "label", lh)
    _text_lines(p.items, lines, p.value_x, y, p.value_w, "value", lh)
    p.items.append(Rule(p.value_x, y, p.value_x, y + height))
    p.items.append(Rule(LEFT, y + height, LEFT + CONTENT_W, y + height))
    p.y += height


def _field_row(p: _Pager, row: FieldRow) -> None:
    """A field row, split between lines across pages when it does not fit."""
    lh = p.m.line_height("value")
    lines = p.lines(row.value, "value", p.value_w)
    label_lines = len(p.lines(row.label, "label", p.label_w))
    label = row.label
    while True:
        need = max(len(lines), row.min_lines, label_lines, 1)
        height = need * lh + 2 * PAD_Y
        if height <= p.room():
            p.open_table()
            _cell_row(p, label, lines, height)
            return
        fit = int((p.room() - 2 * PAD_Y) // lh)
        if fit >= max(2, label_lines) and fit < len(lines):
            p.open_table()
            _cell_row(p, label, lines[:fit], fit * lh + 2 * PAD_Y)
            lines = lines[fit:]
            label = row.label + p.content.continued
            row = FieldRow(row.key, row.label, "", 1)
        p.new_page()


def _log_widths(p: _Pager) -> tuple[float, float, float]:
    return LOG_COLS[0], LOG_COLS[1], p.value_w - LOG_COLS[0] - LOG_COLS[1]


def _log_row(
    p: _Pager, cells: tuple[list[str], list[str], list[str]], h: float, head: bool
) -> None:
    x = p.value_x
    y = p.y
    if head:
        p.items.append(Shade(p.value_x, y, p.value_w, h, HEAD_SHADE))
    lh = p.m.line_height("value")
    for width, lines in zip(_log_widths(p), cells, strict=True):
        _text_lines(p.items, lines, x, y - 0.4 * PAD_Y, width, "head" if head else "value", lh)
        x += width
        if x < LEFT + CONTENT_W - 0.1:
            p.items.append(Rule(x, y, x, y + h))
    p.items.append(Rule(p.value_x, y + h, LEFT + CONTENT_W, y + h))
    p.y += h


class _LogSegment:
    """The log rows on one page, with the label cell spanning them at the left."""

    def __init__(self, p: _Pager, table: LogTable, label: str) -> None:
        self.p, self.table = p, table
        p.open_table()
        self.top = p.y
        self.label = label
        cols = tuple([c] for c in table.columns)
        self.head_h = p.m.line_height("value") + 1.2 * PAD_Y
        _log_row(p, cols, self.head_h, head=True)  # type: ignore[arg-type]

    def close(self) -> None:
        p = self.p
        lh = p.m.line_height("value")
        p.items.insert(0, Shade(LEFT, self.top, p.label_w, p.y - self.top))
        _text_lines(
            p.items, p.lines(self.label, "label", p.label_w), LEFT, self.top, p.label_w, "label", lh
        )
        p.items.append(Rule(p.value_x, self.top, p.value_x, p.y))
        p.items.append(Rule(LEFT, p.y, p.value_x, p.y))


def _log_table(p: _Pager, table: LogTable) -> None:
    """The timed log table; a long log continues on further pages with its column heads."""
    lh = p.m.line_height("value")
    widths = _log_widths(p)
    rows: list[tuple[list[str], list[str], list[str]]] = [
        (
            p.lines(t, "value", widths[0]),
            p.lines(a, "value", widths[1]),
            p.lines(e, "value", widths[2]),
        )
        for t, a, e in table.entries
    ]
    rows.extend(([], [], []) for _ in range(table.blank_rows))
    if not rows:
        rows.append((["—"], [], []))
    min_h = BLANK_LOG_ROW_H if table.blank_rows else 0.0
    if p.room() < 3 * lh + 4 * PAD_Y:
        p.new_page()
    seg = _LogSegment(p, table, table.label)
    while rows:
        cells = rows.pop(0)
        n = max(len(c) for c in cells)
        height = max(n * lh + 1.2 * PAD_Y, min_h)
        if height > p.room():
            fit = int((p.room() - 1.2 * PAD_Y) // lh)
            if fit >= 2:  # split a very long entry between its lines
                cells, rest = _split_cells(cells, fit)
                rows.insert(0, rest)
                height = fit * lh + 1.2 * PAD_Y
            else:
                rows.insert(0, cells)
                seg.close()
                p.new_page()
                seg = _LogSegment(p, table, table.label + p.content.continued)
                continue
        _log_row(p, cells, height, head=False)
    seg.close()


def _split_cells(
    cells: tuple[list[str], list[str], list[str]], n: int
) -> tuple[tuple[list[str], list[str], list[str]], tuple[list[str], list[str], list[str]]]:
    first = (cells[0][:n], cells[1][:n], cells[2][:n])
    rest = (cells[0][n:], cells[1][n:], cells[2][n:])
    return first, rest


def _signatures(p: _Pager) -> None:
    """Signature and date lines for the requester and the handler."""
    p.close_table()
    if p.room() < SIGNATURE_H:
        p.new_page()
    requester, handler, date = p.content.signatures
    who_w = max(p.m.width(requester, "label"), p.m.width(handler, "label")) + 1.5
    date_w = p.m.width(date, "label") + 1.5
    date_x = LEFT + CONTENT_W - 45.0 - date_w
    for i, who in enumerate((requester, handler)):
        y = p.y + 2.0 + (SIGNATURE_H - 2.0) / 2 * (i + 1) - 0.5
        p.items.append(Text(LEFT, y - 5.0, who_w, 5.0, who, "label"))
        p.items.append(Rule(LEFT + who_w, y, date_x - 8.0, y, THIN))
        p.items.append(Text(date_x, y - 5.0, date_w, 5.0, date, "label"))
        p.items.append(Rule(date_x + date_w, y, LEFT + CONTENT_W, y, THIN))
    p.y += SIGNATURE_H


def _footer(page: Page, content: WorksheetContent, number: int, total: int) -> None:
    y = PAGE_H - BOTTOM - FOOTER_H + 3.0
    page.items.append(Rule(LEFT, y, LEFT + CONTENT_W, y, THIN))
    label = content.page_label.format(page=number, pages=total)
    page.items.append(
        Text(LEFT, y + 1.2, CONTENT_W * 0.75, 4.0, content.footer_left, "small", tone=60)
    )
    page.items.append(
        Text(
            LEFT + CONTENT_W * 0.6, y + 1.2, CONTENT_W * 0.4, 4.0, label, "small", "right", tone=60
        )
    )


def layout_worksheet(content: WorksheetContent, measure: Measure) -> list[Page]:
    """The pages of one worksheet: header on each, fields, log, signatures, footer with x / y."""
    p = _Pager(content, measure)
    for section in content.sections:
        if isinstance(section, LogTable):
            _log_table(p, section)
        else:
            _field_row(p, section)
    _signatures(p)
    for i, page in enumerate(p.pages, start=1):
        _footer(page, content, i, len(p.pages))
    return p.pages
