"""Live queue: another process's saves appear within 2 s, selection kept; new P1 notices."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel

from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.queue import QueueService
from desk_gui.ui.common.session import Session
from desk_gui.ui.queue.live import LiveUpdates
from desk_gui.ui.queue.main_window import MainWindow
from desk_gui.ui.queue.ticket_table_model import Column

from .conftest import settle

ROOT = Path(__file__).resolve().parents[2]

OTHER_WORKSTATION = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from desk_gui.domain.enums import Category, Impact, Urgency
    from desk_gui.domain.ticket import TicketDraft
    from desk_gui.services.context import Context
    from desk_gui.services.workflow import WorkflowService
    from desk_gui.store.database import close_database, open_database

    open_database(sys.argv[1], create=False)
    service = WorkflowService(Context(operator="李工程师", workstation="PC-2"))
    if sys.argv[2] == "create":
        p1 = sys.argv[3] == "p1"
        record = service.create(TicketDraft(
            title="全公司网络中断" if p1 else "显示器闪烁",
            department="研发部/深圳",
            description="十点起整层无法访问内网和邮件，重启交换机无效，影响全部门",
            category=Category.NETWORK,
            urgency=Urgency.HIGH if p1 else Urgency.LOW,
            impact=Impact.COMPANY if p1 else Impact.INDIVIDUAL,
            requester="王小明",
            contact="内线8001",
            submitted_at=datetime(2024, 4, 30, 8, 0),
        ))
    else:
        record = service.get(int(sys.argv[3]))
        record = service.take(record.id, record.version)
    print(record.id, record.number)
    close_database()
    """
)


def other_workstation(db: Path, *args: str) -> tuple[int, str]:
    """Run a save in a separate process on the same file, as another workstation would."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", OTHER_WORKSTATION, str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    ticket_id, number = done.stdout.split()
    return int(ticket_id), number


@pytest.fixture
def window(
    qtbot: Any, session: Session, make_tickets: Callable[..., list[TicketRecord]]
) -> Iterator[MainWindow]:
    make_tickets(40)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot, w)
    yield w
    w.close()


def select(window: MainWindow, ticket_id: int) -> None:
    row = window.model.row_of(ticket_id)
    assert row is not None
    window.view.selectionModel().setCurrentIndex(
        window.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


@pytest.mark.slow
def test_ticket_created_elsewhere_appears_keeping_selection(
    qtbot: Any, window: MainWindow, db_file: Path
) -> None:
    window.view.sortByColumn(
        Column.NUMBER, window.view.horizontalHeader().sortIndicatorOrder().AscendingOrder
    )
    settle(qtbot, window)
    chosen = window.model.ticket_id(20)
    select(window, chosen)
    window.view.scrollTo(window.model.index(20, 0))
    scroll = window.view.verticalScrollBar().value()
    new_id, _number = other_workstation(db_file, "create", "normal")
    started = time.monotonic()
    qtbot.waitUntil(lambda: window.model.row_of(new_id) is not None, timeout=2000)
    assert time.monotonic() - started < 2.0
    assert window.model.row_of(new_id) == 0  # submitted earlier than every other: sorts first
    assert window.selected_ids() == [chosen]
    assert window.current_id() == chosen
    top = window.view.indexAt(window.view.viewport().rect().topLeft())
    assert abs(window.view.verticalScrollBar().value() - scroll) <= 1 and top.isValid()
    qtbot.waitUntil(lambda: window.count_label.text() == "41 tickets", timeout=2000)


@pytest.mark.slow
def test_ticket_updated_elsewhere_is_refreshed_in_place(
    qtbot: Any, window: MainWindow, db_file: Path
) -> None:
    target = window.model.ticket_id(5)
    select(window, target)
    other_workstation(db_file, "take", str(target))
    row = lambda: window.model.row_of(target) or 0  # noqa: E731
    qtbot.waitUntil(
        lambda: window.model.index(row(), Column.STATUS).data() == "In progress", timeout=2000
    )
    assert window.model.index(row(), Column.ASSIGNEE).data() == "李工程师"
    assert window.selected_ids() == [target]


@pytest.mark.slow
def test_new_p1_raises_notice(qtbot: Any, window: MainWindow, db_file: Path) -> None:
    with qtbot.waitSignal(window.p1_noticed, timeout=10_000) as blocker:
        _, number = other_workstation(db_file, "create", "p1")
    assert number in blocker.args[0]
    assert window.banner.isVisible()
    assert number in window.banner.label.text()


def test_poll_reports_changes_once(
    qtbot: Any, session: Session, make_tickets: Callable[..., list[TicketRecord]]
) -> None:
    live = LiveUpdates(QueueService())
    live.start()
    try:
        assert not live.poll_now()
        make_tickets(1)
        with qtbot.waitSignal(live.changed, timeout=100):
            assert live.poll_now()
        assert not live.poll_now()
    finally:
        live.stop()
