"""The main window: names for automation, keyboard, filters, search, count, P1 banner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView

from desk_gui.domain.enums import Impact, Urgency
from desk_gui.domain.ticket import TicketRecord
from desk_gui.printing.render import write_pdf
from desk_gui.services.settings import load_settings, save_settings, set_masking
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.session import Session
from desk_gui.ui.queue import print_actions
from desk_gui.ui.queue.main_window import MainWindow
from desk_gui.ui.queue.ticket_table_model import Column

from .conftest import settle


@pytest.fixture
def window(qtbot: Any, session: Session) -> Iterator[MainWindow]:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot, w)
    yield w
    w.close()


@pytest.fixture
def tickets(make_tickets: Callable[..., list[TicketRecord]]) -> list[TicketRecord]:
    return make_tickets(12)


def test_object_and_accessible_names(window: MainWindow) -> None:
    assert window.objectName() == "MainWindow"
    view = window.findChild(QTableView, "queueView")
    assert view is window.view and view.accessibleName()
    search = window.findChild(QLineEdit, "searchEdit")
    assert search is not None and search.accessibleName()
    status = window.findChild(QComboBox, "statusFilter")
    assert status is not None and status.accessibleName()
    assert window.action("actionNewTicket").text()


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("actionNewTicket", "Ctrl+N"),
        ("actionFind", "Ctrl+F"),
        ("actionRefresh", "F5"),
        ("actionPrint", "Ctrl+P"),
    ],
)
def test_shortcuts(window: MainWindow, name: str, keys: str) -> None:
    assert MainWindow.shortcut_of(window.action(name)) == keys


def test_ctrl_f_focuses_search(qtbot: Any, window: MainWindow) -> None:
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filter_bar.search_edit.hasFocus(), timeout=1000)


def test_queue_shows_open_tickets_and_count(
    qtbot: Any, tickets: list[TicketRecord], window: MainWindow
) -> None:
    assert window.model.rowCount() == 12
    assert window.count_label.text() == "12 tickets"


def test_search_filters_and_recounts(
    qtbot: Any, tickets: list[TicketRecord], window: MainWindow
) -> None:
    window.filter_bar.search_edit.setText(tickets[4].number)  # no keyClicks: may hold Chinese
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=2000)
    settle(qtbot, window)
    assert window.model.index(0, Column.NUMBER).data() == tickets[4].number
    assert window.count_label.text() == "1 tickets"
    window.filter_bar.search_edit.setText("打印机")
    qtbot.keyClick(window.filter_bar.search_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.model.rowCount() == 12


def test_status_and_mine_filters(
    qtbot: Any, tickets: list[TicketRecord], window: MainWindow, workflow: WorkflowService
) -> None:
    rec = workflow.get(tickets[2].id)
    workflow.take(rec.id, rec.version)
    bar = window.filter_bar
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("in_progress"))
    settle(qtbot, window)
    assert window.model.rowCount() == 1
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("open"))
    bar.mine_check.click()
    settle(qtbot, window)
    assert window.model.rowCount() == 1
    bar.unassigned_check.click()
    assert not bar.mine_check.isChecked()
    settle(qtbot, window)
    assert window.model.rowCount() == 11
    bar.clear_button.click()
    settle(qtbot, window)
    assert window.model.rowCount() == 12


def test_enter_opens_selected_ticket(
    qtbot: Any, tickets: list[TicketRecord], window: MainWindow
) -> None:
    assert window.select_ticket(tickets[3].id)
    window.view.setFocus()
    with qtbot.waitSignal(window.ticket_opened, timeout=1000) as blocker:
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert blocker.args == [tickets[3].id]
    assert window._open_views and window._open_views[0].ticket_id == blocker.args[0]
    window.close_worksheets()


def test_f5_refreshes(
    qtbot: Any, make_tickets: Callable[..., list[TicketRecord]], window: MainWindow
) -> None:
    window.live.stop()  # only the key refreshes here
    assert window.model.rowCount() == 0
    make_tickets(2)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window)
    assert window.model.rowCount() == 2
    assert window.count_label.text() == "2 tickets"


def test_header_click_sorts(qtbot: Any, tickets: list[TicketRecord], window: MainWindow) -> None:
    header = window.view.horizontalHeader()
    x = header.sectionViewportPosition(Column.NUMBER) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    settle(qtbot, window)
    first = window.model.index(0, Column.NUMBER).data()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    settle(qtbot, window)
    assert window.model.index(0, Column.NUMBER).data() != first
    assert {first, window.model.index(0, Column.NUMBER).data()} == {
        tickets[0].number,
        tickets[-1].number,
    }


def test_p1_banner_opens_ticket(
    qtbot: Any, window: MainWindow, make_tickets: Callable[..., list[TicketRecord]]
) -> None:
    (p1,) = make_tickets(1, urgency=Urgency.HIGH, impact=Impact.COMPANY)
    with qtbot.waitSignal(window.p1_noticed, timeout=2500):
        pass
    assert window.banner.isVisible()
    assert p1.number in window.banner.label.text()
    with qtbot.waitSignal(window.ticket_opened, timeout=1000) as blocker:
        window.banner.open_button.click()
    assert blocker.args == [p1.id]
    assert not window.banner.isVisible()
    assert window._open_views and window._open_views[0].ticket_id == blocker.args[0]
    window.close_worksheets()


def test_window_in_chinese(qtbot: Any, session: Session, tickets: list[TicketRecord]) -> None:
    session.lang = "zh"
    w = MainWindow(session)
    qtbot.addWidget(w)
    settle(qtbot, w)
    assert w.model.index(0, Column.STATUS).data() == "待处理"
    assert w.filter_bar.priority_combo.itemText(1) == "P1"
    w.close()


def test_export_filtered_queue(
    qtbot: Any, tmp_path: Path, tickets: list[TicketRecord], window: MainWindow
) -> None:
    window.filter_bar.search_edit.setText(tickets[2].number)
    qtbot_wait_rows(qtbot, window, 1)
    target = tmp_path / "queue.csv"
    model = window.model
    n = print_actions.export_to(
        target, model.queue_filter, model.sort_key, model.descending, "zh", True
    )
    assert n == 1
    text = target.read_text(encoding="utf-8-sig")
    assert tickets[2].number in text and tickets[3].number not in text
    assert "员工002" not in text  # masked per the office setting


def test_selected_tickets_print_to_pdf(
    qtbot: Any, tmp_path: Path, tickets: list[TicketRecord], window: MainWindow
) -> None:
    window.select_ticket(tickets[1].id)
    got: list[list[TicketRecord | None]] = []
    window.menus.selected_records(got.append)  # read in the background
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    records = got[0]
    assert [r.id for r in records if r] == [tickets[1].id]
    target = tmp_path / "worksheets.pdf"
    pages = write_pdf(target, records, "zh", window.menus.options())
    assert pages >= 1 and target.stat().st_size > 1000


def qtbot_wait_rows(qtbot: Any, window: MainWindow, rows: int) -> None:
    window.filter_bar._emit()  # the search box's debounce, at once
    settle(qtbot, window)
    assert window.model.rowCount() == rows


def test_sort_and_widths_remembered_per_workstation(
    qtbot: Any, session: Session, tickets: list[TicketRecord]
) -> None:
    first = MainWindow(session)
    qtbot.addWidget(first)
    first.view.sortByColumn(Column.NUMBER, Qt.SortOrder.DescendingOrder)
    first.view.horizontalHeader().resizeSection(Column.DEPARTMENT, 222)
    first.close()
    second = MainWindow(session)
    qtbot.addWidget(second)
    settle(qtbot, second)
    assert (second.model.sort_key.value, second.model.descending) == ("number", True)
    assert second.model.index(0, Column.NUMBER).data() == tickets[-1].number
    assert second.view.horizontalHeader().sectionSize(Column.DEPARTMENT) == 222
    second.close()


def test_office_settings_applied_after_first_paint(
    qtbot: Any, session: Session, tickets: list[TicketRecord]
) -> None:
    set_masking(False, "主管")
    save_settings(load_settings().with_changes(office_name="北京IT"), "张三")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "北京IT" in w.windowTitle(), timeout=2000)
    settle(qtbot, w)
    row = w.model.row_of(tickets[0].id)
    assert w.model.index(row or 0, Column.REQUESTER).data() == "员工000"
    w.close()


def _save_through_the_form(
    monkeypatch: pytest.MonkeyPatch, workflow: WorkflowService, draft: Any
) -> None:
    """Ctrl+N's form, filled and saved by the user: the real service creates the ticket."""
    from desk_gui.ui.intake.ticket_form import TicketFormDialog

    monkeypatch.setattr(
        TicketFormDialog,
        "ask",
        classmethod(lambda cls, parent, service, **_kw: service.create(draft)),
    )


@pytest.fixture
def busy_queue(db_file: Path, workflow: WorkflowService) -> int:
    """A few thousand open tickets of the last day (the demo generator): several pages."""
    from desk_gui.services.demo_load import generate_demo

    return generate_demo(3000, seed=1, days=1, parallel=False)


def test_saved_ticket_is_selected_beyond_the_loaded_pages(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    busy_queue: int,
    window: MainWindow,
    workflow: WorkflowService,
) -> None:
    from tests.gui.conftest import make_draft

    assert window.model.sort_key.value == "next_due"  # the default sort
    loaded = window.model.rowCount()
    _save_through_the_form(
        monkeypatch, workflow, make_draft(1, submitted_at=None, urgency=Urgency.LOW)
    )
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    created = workflow.get(max(window.model.loaded_ids()))
    assert window.current_id() == created.id
    row = window.view.currentIndex().row()
    assert row >= loaded  # it was not in the rows loaded before (the test means something)
    assert window.model.index(row, Column.NUMBER).data() == created.number
    rect = window.view.visualRect(window.view.currentIndex())
    assert window.view.viewport().rect().contains(rect.center())  # scrolled into view
    assert [i.row() for i in window.view.selectionModel().selectedRows()] == [row]
    assert not window.hidden_notice.open_button.isVisible()


def test_saved_ticket_hidden_by_the_filters_is_offered(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tickets: list[TicketRecord],
    window: MainWindow,
    workflow: WorkflowService,
) -> None:
    from tests.gui.conftest import make_draft

    window.filter_bar.search_edit.setText(tickets[0].number)
    qtbot_wait_rows(qtbot, window, 1)
    _save_through_the_form(monkeypatch, workflow, make_draft(50))
    created = window.new_ticket()
    assert created is not None
    settle(qtbot, window)
    assert created.number in window.hidden_notice.label.text()
    assert window.hidden_notice.isVisible() and window.hidden_notice.open_button.isVisible()
    with qtbot.waitSignal(window.ticket_opened, timeout=1000) as blocker:
        qtbot.mouseClick(window.hidden_notice.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [created.id]
    assert not window.hidden_notice.open_button.isVisible()
    window.close_worksheets()


def _count_searches(monkeypatch: pytest.MonkeyPatch, window: MainWindow, text: str) -> list[str]:
    """Each first-page read of the queue for ``text`` (a spy on the real service)."""
    seen: list[str] = []
    service = window.session.queue
    real = service.fetch_page

    def spy(flt: Any, *args: Any, **kwargs: Any) -> Any:
        if flt.text == text and kwargs.get("after", args[2] if len(args) > 2 else None) is None:
            seen.append(flt.text)
        return real(flt, *args, **kwargs)

    monkeypatch.setattr(service, "fetch_page", spy)
    return seen


def test_enter_searches_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tickets: list[TicketRecord], window: MainWindow
) -> None:
    window.live.stop()
    seen = _count_searches(monkeypatch, window, "打印机")
    seen_short = _count_searches(monkeypatch, window, "打印")
    window.filter_bar.search_edit.setText("打印机")
    qtbot.keyClick(window.filter_bar.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: seen == ["打印机"], timeout=2000)  # at once
    qtbot.wait(500)  # past the typing timer
    assert seen == ["打印机"]
    window.filter_bar.search_edit.setText("打印")
    qtbot.wait(500)  # the typing timer searches ...
    qtbot.keyClick(window.filter_bar.search_edit, Qt.Key.Key_Return)  # ... Enter: nothing new
    qtbot.wait(400)
    assert seen == ["打印机"] and seen_short == ["打印"]


def test_search_box_enter_and_down_keys(
    qtbot: Any, tickets: list[TicketRecord], window: MainWindow, workflow: WorkflowService
) -> None:
    edit = window.filter_bar.search_edit
    edit.setFocus()
    edit.setText("故障 007")  # exactly one match
    with qtbot.waitSignal(window.ticket_opened, timeout=1000) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == [tickets[7].id]
    window.close_worksheets()
    # A full ticket number opens that ticket even when the filters hide it.
    rec = workflow.get(tickets[5].id)
    workflow.take(rec.id, rec.version)
    bar = window.filter_bar
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("pending"))
    edit.setText(tickets[5].number)
    with qtbot.waitSignal(window.ticket_opened, timeout=1000) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == [tickets[5].id]
    settle(qtbot, window)
    assert window.model.rowCount() == 0
    window.close_worksheets()
    # Down: from the search box into the list, first row selected.
    window.activateWindow()  # the worksheet opened last, from the event loop, was active
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    bar.clear_button.click()
    edit.setFocus()
    edit.setText("打印机")
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    settle(qtbot, window)
    assert window.view.hasFocus()
    assert window.view.currentIndex().row() == 0
    assert [i.row() for i in window.view.selectionModel().selectedRows()] == [0]
    assert window.model.queue_filter.text == "打印机"


def _accelerator_clashes(window: MainWindow) -> list[str]:
    """Letters shared by two visible entries of one menu (the menu bar and every QMenu)."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu, QMenuBar

    clashes: list[str] = []
    seen_menus: set[int] = set()

    def walk(owner: QMenu | QMenuBar, where: str) -> None:
        if id(owner) in seen_menus:
            return
        seen_menus.add(id(owner))
        letters: dict[str, str] = {}
        for action in owner.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            key = QKeySequence.mnemonic(action.text()).toString()
            if key:
                if key in letters:
                    clashes.append(f"{where}: {letters[key]!r} and {action.text()!r} share {key}")
                letters[key] = action.text()
            if action.menu() is not None:
                walk(action.menu(), f"{where} > {action.text()}")  # type: ignore[arg-type]

    walk(window.menuBar(), "menu bar")
    for menu in window.findChildren(QMenu):
        walk(menu, menu.title() or menu.objectName() or "menu")
    popup = window.createPopupMenu()
    if popup is not None:
        walk(popup, "context menu")
    assert len(seen_menus) >= 5  # the bar, File, View, Tools, Help at least
    return clashes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_menu_accelerators_are_unique(qtbot: Any, qapp: Any, session: Session, lang: str) -> None:
    from desk_gui.ui.app import launcher

    session.lang = lang
    launcher.install_translators(qapp, lang)
    try:
        w = MainWindow(session)
        qtbot.addWidget(w)
        if lang == "zh":
            assert w.action("actionOpenDatabase").text().startswith("打开数据库")  # translated
        assert _accelerator_clashes(w) == []
        w.close()
    finally:
        launcher.install_translators(qapp, "en")


def _saved_geometry(qapp: Any, where: str) -> Any:
    """What another screen (larger, less scaled, or unplugged since) saved."""
    from PySide6.QtWidgets import QMainWindow

    other = QMainWindow()
    screen = qapp.primaryScreen().availableGeometry()
    if where == "larger":
        other.setGeometry(screen.x() - 40, screen.y() - 30, screen.width() * 2, screen.height() * 2)
    else:  # on a second monitor to the right and below, no longer there
        other.setGeometry(screen.right() + 300, screen.bottom() + 200, 600, 400)
    saved = other.saveGeometry()
    other.deleteLater()
    return saved


@pytest.mark.parametrize("saved", ["larger", "elsewhere", ""])
def test_window_fits_the_screen(qtbot: Any, qapp: Any, session: Session, saved: str) -> None:
    if saved:
        header = MainWindow(session).view.horizontalHeader().saveState()
        session.prefs.save_layout(_saved_geometry(qapp, saved), b"", header)
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    available = w.screen().availableGeometry()
    assert available.contains(w.frameGeometry()), (w.frameGeometry(), available)
    w.close()
