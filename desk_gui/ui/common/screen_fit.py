"""Keeping a top-level window inside the free area of its screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_on_screen(window: QWidget) -> None:
    """Clamp ``window`` to its screen's available area and bring it back on-screen.

    A geometry saved on another screen, or before the scaling changed (150 %), can be larger
    than this screen or lie outside it; a maximised or full-screen window is left alone.
    """
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    free = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())  # the title bar and borders, once shown
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), free.width() - extra_w)
    height = min(window.height(), free.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumSizeHint().width()), height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), free.x()), free.right() + 1 - frame.width())
    y = min(max(frame.y(), free.y()), free.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, free.x()), max(y, free.y()))
