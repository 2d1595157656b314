"""The reminder dock in the main window: whole columns, one line a row, the notice beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from desk_gui.domain.enums import Impact, Urgency
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.app import launcher
from desk_gui.ui.common.session import Session
from desk_gui.ui.queue.main_window import MainWindow

from .conftest import make_draft

NOW = datetime(2024, 5, 6, 11, 20)
TITLES = ("Printer jams daily", "VPN error 809", "Outlook fails")


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reminder_panel_columns_and_notice(
    qtbot: Any, qapp: Any, session: Session, workflow: WorkflowService, lang: str, tmp_path: Any
) -> None:
    for i, title in enumerate(TITLES):
        workflow.create(
            make_draft(
                i,
                title=title if lang == "en" else f"打印机卡纸，销售部第{i}次",
                impact=Impact.INDIVIDUAL,
                urgency=Urgency.HIGH,
                submitted_at=datetime(2024, 5, 6, 9, 0) + timedelta(minutes=40 * i),
            )
        )
    session.lang = lang
    session.ctx.clock = lambda: NOW
    launcher.install_translators(qapp, lang)
    try:
        w = MainWindow(session)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.resize(1300, 760)  # a desk's usual window (the test screen itself is small)
        panel = w.triage.panel
        panel._now = lambda: NOW
        w.triage.notifier._now = lambda: NOW
        w.triage.poller.poll_now()  # in the background
        table = panel.table
        qtbot.waitUntil(lambda: table.rowCount() >= 1, timeout=5000)
        assert not table.wordWrap()
        assert table.rowHeight(0) < 2 * table.fontMetrics().height()  # one line a row
        for column in (0, 2, 3):  # number, what is due, when: never cut
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
        assert table.columnWidth(1) >= 100  # the title keeps a readable width
        assert not table.horizontalScrollBar().isVisible()
        toast = w.triage.notifier.toast
        assert toast.isVisible()
        notice = _in_window(toast, w)
        for button in (panel.open_button, panel.snooze_button, panel.done_button):
            assert not notice.intersects(_in_window(button, w)), button.objectName()
        assert not notice.intersects(_in_window(table, w))
        # The text over the toast's whole width, its buttons in a row under it (beside it, a
        # reminder wrapped into a narrow column of five lines).
        text, margins = toast.label.geometry(), toast.layout().contentsMargins()
        assert text.width() == toast.contentsRect().width() - margins.left() - margins.right()
        for button in (toast.open_button, toast.close_button):
            assert button.geometry().top() > text.bottom(), button.objectName()
        w.grab().save(str(tmp_path / f"reminders_{lang}.png"))
        w.close()
    finally:
        launcher.install_translators(qapp, "en")
