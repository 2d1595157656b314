"""A layout that places widgets in a row and wraps them onto further rows when narrow."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class _Hint:
    """A visible item's sizes, as the layout asks for them many times before a first paint
    (a plain class: a NamedTuple costs a few tenths of a millisecond to define at start)."""

    __slots__ = ("grows", "height", "item", "least", "width")

    def __init__(self, item: QLayoutItem, least: int, width: int, height: int, grows: bool) -> None:
        self.item = item
        self.least = least  # minimum width
        self.width = width  # preferred width
        self.height = height  # preferred height
        self.grows = grows  # expands horizontally


class FlowLayout(QLayout):
    """Items left to right, wrapping onto further lines; expanding items share each line's rest.

    The items' sizes and the height for each width asked are kept until Qt invalidates the
    layout (an item shown, hidden or resized): the window asks for them dozens of times while it
    is built and shown, each a round trip into Python (issue 11).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._hints: list[_Hint] | None = None
        self._heights: dict[int, int] = {}
        self.setSpacing(6)

    def invalidate(self) -> None:
        self._hints = None
        self._heights.clear()
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return height

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        hints = self._visible()
        width = sum(h.width for h in hints) + self.spacing() * max(0, len(hints) - 1)
        height = max((h.height for h in hints), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for hint in self._visible():
            size = size.expandedTo(hint.item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[_Hint]:
        if self._hints is None:
            self._hints = [self._hint(i) for i in self._items if not i.isEmpty()]
        return self._hints

    @staticmethod
    def _hint(item: QLayoutItem) -> _Hint:
        preferred = item.sizeHint()
        grows = bool(item.expandingDirections() & Qt.Orientation.Horizontal)
        return _Hint(item, item.minimumSize().width(), preferred.width(), preferred.height(), grows)

    def _lines(self, width: int) -> list[list[_Hint]]:
        """Items per line: as many as fit at their minimum widths (like a row layout would)."""
        lines: list[list[_Hint]] = [[]]
        used = 0
        spacing = self.spacing()
        for hint in self._visible():
            least = min(hint.least, width)
            if lines[-1] and used + spacing + least > width:
                lines.append([])
                used = 0
            used += (spacing if lines[-1] else 0) + least
            lines[-1].append(hint)
        return lines

    def _widths(self, line: list[_Hint], width: int) -> list[int]:
        """Minimum widths grown towards the preferred ones; expanding items take the rest."""
        least = [min(h.least, width) for h in line]
        wanted = [max(a, min(h.width, width)) for a, h in zip(least, line, strict=True)]
        rest = width - sum(least) - self.spacing() * max(0, len(line) - 1)
        growth = sum(w - a for a, w in zip(least, wanted, strict=True))
        if rest <= growth:
            return [
                a + (w - a) * max(0, rest) // max(1, growth)
                for a, w in zip(least, wanted, strict=True)
            ]
        rest -= growth
        growing = [n for n, h in enumerate(line) if h.grows]
        for n in growing:
            wanted[n] += rest // len(growing)
        return wanted

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        spacing = self.spacing()
        y = area.y()
        for line in self._lines(area.width()):
            widths = self._widths(line, area.width())
            height = max((h.height for h in line), default=0)
            x = area.x()
            for hint, w in zip(line, widths, strict=True):
                h = min(hint.height, height)
                if apply:
                    hint.item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                x += w + spacing
            y += height + spacing
        return y - spacing - rect.y() + m.bottom()
