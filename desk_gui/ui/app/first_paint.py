"""A start that paints the window before the data layer is imported (issue 11).

When the file's first page can be read with the standard library alone (``store.first_page``:
a current SQLite file, no sign-in, the remembered operator on the staff list), the real window
is built and shows that page at once; peewee, the store and the services are imported and the
workspace opened just after its first paint, and the window is then attached to it (menus'
account actions, live updates, reminders, the count). Otherwise the start takes the full path:
migrations, sign-in, asking who works here and every error dialog are the launcher's as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.queue.main_window import MainWindow, WindowStart

SAFETY_MS = 1000
"""Attach this long after showing even if no paint was seen (a window shown minimised)."""


def start_window(target: str, lang: str, prefs: WorkstationPrefs) -> MainWindow | None:
    """The window on ``target`` with its first page read, not yet shown or attached; None
    when the start must take the full path."""
    from desk_gui.services.first_page import sqlite_file  # stdlib only: no peewee

    operator = prefs.operator()
    if not target or not operator or sqlite_file(target) is None:
        return None
    window = MainWindow(start=WindowStart(lang, prefs, operator, target))
    if window.read_first_page(target):
        return window
    window.deleteLater()
    return None


class AfterFirstPaint(QObject):
    """Calls ``then`` once, in the event loop's next turn after ``widget`` first painted (or
    ``SAFETY_MS`` after it was shown, whichever comes first).

    Given the window, that is after its whole first frame (its children, the queue's rows
    among them, are painted in the same pass). The window rather than the queue's viewport:
    asking a view for its viewport (a plain QWidget made in C++) has PySide look through every
    QWidget subclass it knows for the best wrapper, creating each one's Python enums, 8 ms
    before a first paint (issue 11).
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._view = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        self._safety = QTimer(self)
        self._safety.setSingleShot(True)
        self._safety.setInterval(SAFETY_MS)
        self._safety.timeout.connect(self._run)
        self._safety.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Paint and self._then:
            self._view.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after this paint reaches the screen
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        self._safety.stop()
        if then is not None:
            then()
