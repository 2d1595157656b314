"""A layout that places widgets in a row and wraps them onto further rows when narrow."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping onto further lines; expanding items share each line's rest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(6)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._visible())
        width += self.spacing() * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        """Items per line: as many as fit at their minimum widths (like a row layout would)."""
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            least = min(item.minimumSize().width(), width)
            if lines[-1] and used + self.spacing() + least > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + least
            lines[-1].append(item)
        return lines

    def _widths(self, line: list[QLayoutItem], width: int) -> list[int]:
        """Minimum widths grown towards the preferred ones; expanding items take the rest."""
        least = [min(i.minimumSize().width(), width) for i in line]
        wanted = [
            max(a, min(i.sizeHint().width(), width)) for a, i in zip(least, line, strict=True)
        ]
        rest = width - sum(least) - self.spacing() * max(0, len(line) - 1)
        growth = sum(w - a for a, w in zip(least, wanted, strict=True))
        if rest <= growth:
            return [
                a + (w - a) * max(0, rest) // max(1, growth)
                for a, w in zip(least, wanted, strict=True)
            ]
        rest -= growth
        growing = [
            n for n, i in enumerate(line) if i.expandingDirections() & Qt.Orientation.Horizontal
        ]
        for n in growing:
            wanted[n] += rest // len(growing)
        return wanted

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for line in self._lines(area.width()):
            widths = self._widths(line, area.width())
            height = max((i.sizeHint().height() for i in line), default=0)
            x = area.x()
            for item, w in zip(line, widths, strict=True):
                h = min(item.sizeHint().height(), height)
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                x += w + self.spacing()
            y += height + self.spacing()
        return y - self.spacing() - rect.y() + m.bottom()
