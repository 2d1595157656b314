"""The queue model: lazy pages, SQL sorting by every column, filters, in-place refresh."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from desk_gui.domain.enums import Urgency
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.queue import QueueFilter, QueueRow, QueueService
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.queue.ticket_table_model import (
    SORT_KEYS,
    Column,
    TicketTableModel,
    format_time_left,
)

from .conftest import OPERATOR

URGENCY_RANK = {"low": 1, "medium": 2, "high": 3}
STATUS_RANK = {"pending": 1, "in_progress": 2, "resolved": 3, "closed": 4}


def sql_key(row: QueueRow, column: Column) -> Any:
    """The value SQL orders a column by (schema.SORT_TEMPLATES), for checking the order."""
    key = SORT_KEYS[column].value
    value = getattr(row, key)
    if key == "urgency":
        return URGENCY_RANK[value]
    if key == "status":
        return STATUS_RANK[value]
    if key == "assignee":
        return value or ""
    if key == "next_due":
        return value or datetime(9999, 12, 31, 23, 59, 59)
    return value


def all_rows(model: TicketTableModel) -> list[QueueRow]:
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    return [model.queue_row(r) for r in range(model.rowCount())]


def refreshed(model: TicketTableModel) -> bool:
    """Refresh (the model's default runner reads at once) and say whether anything moved."""
    moved: list[bool] = []
    model.refresh(moved.append)
    assert len(moved) == 1
    return moved[0]


def revealed(model: TicketTableModel, ticket_id: int) -> int | None:
    """Reveal a ticket (read at once) and return its row."""
    rows: list[int | None] = []
    model.reveal(ticket_id, rows.append)
    assert len(rows) == 1
    return rows[0]


@pytest.fixture
def model(qtbot: Any, workflow: WorkflowService) -> TicketTableModel:
    return TicketTableModel(QueueService(), "zh", page_size=7)


@pytest.fixture
def varied(
    make_tickets: Callable[..., list[TicketRecord]], workflow: WorkflowService
) -> list[TicketRecord]:
    """25 tickets in every status, some assigned, some not."""
    made = make_tickets(25)
    for rec in made[:6]:
        workflow.take(rec.id, rec.version)
    for rec in made[6:9]:
        workflow.assign(rec.id, rec.version, "李工程师")
    taken = workflow.get(made[0].id)
    workflow.resolve(taken.id, taken.version, "重启打印机并清理卡纸，恢复正常")
    return made


def test_model_passes_qtmodeltester(
    qtmodeltester: Any, model: TicketTableModel, varied: list[TicketRecord]
) -> None:
    model.set_filter(QueueFilter(statuses=None))
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_rows_load_lazily_in_pages(model: TicketTableModel, varied: list[TicketRecord]) -> None:
    model.set_filter(QueueFilter(statuses=None))
    assert model.rowCount() == 7
    assert model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 14
    assert len(all_rows(model)) == 25
    assert not model.canFetchMore(model.index(-1, -1))


@pytest.mark.parametrize("column", list(Column))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_every_column_sorts_in_sql(
    model: TicketTableModel, varied: list[TicketRecord], column: Column, order: Qt.SortOrder
) -> None:
    model.set_filter(QueueFilter(statuses=None))
    model.sort(column, order)
    rows = all_rows(model)
    assert len(rows) == 25
    keys = [(sql_key(r, column), r.id) for r in rows]
    assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
    assert model.index(0, column).data(TicketTableModel.IdRole) == rows[0].id
    assert model.index(0, column).data(TicketTableModel.SortRole) is not None


def test_header_click_requeries(
    qtbot: Any, model: TicketTableModel, varied: list[TicketRecord]
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(Column.NUMBER, Qt.SortOrder.DescendingOrder)
    assert model.index(0, Column.NUMBER).data() == varied[-1].number or model.rowCount() == 0
    view.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    first_open = min((r for r in varied[1:]), key=lambda r: r.number)
    assert model.index(0, Column.NUMBER).data() == first_open.number


def numbers(model: TicketTableModel) -> set[str]:
    return {r.number for r in all_rows(model)}


def test_filters(
    model: TicketTableModel, varied: list[TicketRecord], workflow: WorkflowService
) -> None:
    model.set_filter(QueueFilter())  # open: pending + in progress
    assert len(numbers(model)) == 24
    model.set_filter(QueueFilter(statuses=frozenset({"in_progress"})))
    assert numbers(model) == {r.number for r in varied[1:6]}
    model.set_filter(QueueFilter(statuses=frozenset({"resolved"})))
    assert numbers(model) == {varied[0].number}
    model.set_filter(QueueFilter(assignee=OPERATOR))
    assert numbers(model) == {r.number for r in varied[1:6]}
    model.set_filter(QueueFilter(unassigned=True))
    assert numbers(model) == {r.number for r in varied[9:]}
    p1 = {r.number for r in varied[1:] if r.priority.value == "p1"}
    model.set_filter(QueueFilter(priorities=frozenset({"p1"})))
    assert numbers(model) == p1 and p1
    model.set_filter(QueueFilter(categories=frozenset({"network"})))
    assert numbers(model) == {r.number for r in varied[1:] if r.category.value == "network"}
    model.set_filter(QueueFilter(due="overdue"))  # every fixture ticket was logged in 2024
    assert len(numbers(model)) == 24
    model.set_filter(QueueFilter(text=varied[12].number))
    assert numbers(model) == {varied[12].number}


def test_due_soon_is_coloured(
    model: TicketTableModel, make_tickets: Callable[..., list[TicketRecord]]
) -> None:
    (fresh,) = make_tickets(1, 100, submitted_at=None, urgency=Urgency.HIGH)
    (old,) = make_tickets(1, 101)
    model.set_filter(QueueFilter(due="soon"))
    assert numbers(model) == {fresh.number}
    index = model.index(0, Column.NEXT_DUE)
    assert index.data(TicketTableModel.DueStateRole) == "soon"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "left" in index.data()
    model.set_filter(QueueFilter(text=old.number))
    overdue = model.index(0, Column.NEXT_DUE)
    assert overdue.data(TicketTableModel.DueStateRole) == "overdue"
    assert overdue.data().startswith("overdue")


def test_requester_masked_per_office_setting(
    model: TicketTableModel, varied: list[TicketRecord]
) -> None:
    model.set_filter(QueueFilter(text=varied[3].number))
    assert model.index(0, Column.REQUESTER).data() == "员***3"
    model.set_mask(False)
    assert model.index(0, Column.REQUESTER).data() == "员工003"


def test_labels_follow_language(model: TicketTableModel, varied: list[TicketRecord]) -> None:
    model.set_filter(QueueFilter(text=varied[2].number))
    assert model.index(0, Column.STATUS).data() == "处理中"
    model.set_lang("en")
    assert model.index(0, Column.STATUS).data() == "In progress"


def test_refresh_in_place_keeps_selection(
    qtbot: Any,
    model: TicketTableModel,
    varied: list[TicketRecord],
    workflow: WorkflowService,
    make_tickets: Callable[..., list[TicketRecord]],
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    all_rows(model)
    target = varied[15]
    row = model.row_of(target.id)
    assert row is not None
    view.selectionModel().setCurrentIndex(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    make_tickets(3, 200, submitted_at=datetime(2024, 4, 1, 8, 0))  # sort before every other
    rec = workflow.get(varied[10].id)
    workflow.take(rec.id, rec.version)
    gone = workflow.get(varied[1].id)
    workflow.resolve(gone.id, gone.version, "更换硒鼓后打印正常，已确认")
    with qtbot.assertNotEmitted(model.modelReset):
        assert refreshed(model)
    selected = view.selectionModel().selectedRows()
    assert [model.ticket_id(i.row()) for i in selected] == [target.id]
    assert model.ticket_id(view.currentIndex().row()) == target.id
    # The same number of rows is kept loaded; the ones pushed past it come with the next page.
    assert model.rowCount() == 24
    assert model.row_of(gone.id) is None
    assert model.index(0, Column.NUMBER).data() == "IT20240401001"
    assert len(all_rows(model)) == 26
    assert model.index(model.row_of(rec.id) or 0, Column.STATUS).data() == "处理中"


def test_time_left_text() -> None:
    now = datetime(2024, 5, 1, 9, 0)
    assert format_time_left(None, now) == "—"
    assert format_time_left(datetime(2024, 5, 1, 11, 5), now) == "2 h 05 min left"
    assert format_time_left(datetime(2024, 5, 1, 8, 48), now) == "overdue 12 min"
    assert format_time_left(datetime(2024, 5, 3, 12, 0), now) == "2 d 3 h left"


def test_far_pages_are_evicted_and_read_again(
    qtmodeltester: Any, workflow: WorkflowService, varied: list[TicketRecord]
) -> None:
    model = TicketTableModel(QueueService(), "en", page_size=4, cache_pages=2)
    model.set_filter(QueueFilter(statuses=None))
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 25
    assert model.cached_rows < 25  # only two pages plus one anchor per page stay
    numbers = [model.index(r, Column.NUMBER).data() for r in range(25)]
    assert numbers == sorted(r.number for r in varied)  # evicted rows read back in order
    assert model.cached_rows < 25
    qtmodeltester.check(model)


def test_sparse_refresh_updates_cached_pages(
    workflow: WorkflowService, varied: list[TicketRecord]
) -> None:
    model = TicketTableModel(QueueService(), "en", page_size=4, cache_pages=2)
    model.set_filter(QueueFilter(statuses=None))
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    last = model.rowCount() - 1
    target = model.ticket_id(last)
    rec = workflow.get(target)
    workflow.assign(rec.id, rec.version, "王五")
    assert refreshed(model)
    assert model.index(last, Column.ASSIGNEE).data() == "王五"


def test_reveal_jumps_to_a_far_ticket_and_fills_the_gap(
    qtmodeltester: Any, workflow: WorkflowService, varied: list[TicketRecord]
) -> None:
    model = TicketTableModel(QueueService(), "en", page_size=3, cache_pages=3)
    model.set_filter(QueueFilter(statuses=None))
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    expected = sorted(r.number for r in varied)
    far = next(r for r in varied if r.number == expected[20])
    row = revealed(model, far.id)  # more than NEAR_PAGES pages of 3 past the first page
    assert row == 20
    assert model.index(20, Column.NUMBER).data() == far.number
    assert model.cached_rows < 20  # the rows above were not read
    # The scroll bar dragged into the gap: a page with no neighbour loaded is read by offset.
    assert model.index(7, Column.NUMBER).data() == expected[7]
    # Scrolling back up reads the skipped pages backwards from the page below.
    assert [model.index(r, Column.NUMBER).data() for r in range(19, -1, -1)] == expected[19::-1]
    assert [model.queue_row(r).number for r in range(model.rowCount())] == expected[:21]
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert [model.index(r, Column.NUMBER).data() for r in range(25)] == expected
    qtmodeltester.check(model)


def test_reveal_reads_on_to_a_near_ticket_and_says_when_hidden(
    workflow: WorkflowService, varied: list[TicketRecord]
) -> None:
    model = TicketTableModel(QueueService(), "en", page_size=4)
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    expected = sorted(r.number for r in varied[1:])  # varied[0] is resolved: not open
    near = next(r for r in varied if r.number == expected[9])
    assert revealed(model, near.id) == 9
    assert model.rowCount() == 12 and model.cached_rows == 12
    assert revealed(model, varied[0].id) is None


def test_reveal_finds_a_ticket_in_an_evicted_page(
    workflow: WorkflowService, varied: list[TicketRecord]
) -> None:
    model = TicketTableModel(QueueService(), "en", page_size=3, cache_pages=2)
    model.set_filter(QueueFilter(statuses=None))
    model.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    all_rows(model)  # the early pages are evicted by now
    first = min(varied, key=lambda r: r.number)
    assert model.row_of(first.id) is None
    assert revealed(model, first.id) == 0
