"""The ticket queue as a Qt table: pages fetched lazily in SQL order, refreshed in place.

Rows arrive page by page through ``fetchMore`` (keyset paging: each page starts after the last
row of the one before). Past ``CACHE_PAGES`` pages only the most recently used pages keep their
rows; the others keep just their last row, the keyset anchor from which the next page is read
again when it scrolls back into view. So memory stays flat however far the user scrolls.

``reveal`` jumps to a ticket far down the queue without reading the rows above it: the
database counts the rows before it (an index range scan), the page holding it is read around
it, and the pages skipped stay empty until shown, read then backwards from the page below
(keyset again) or, with no neighbour loaded, by offset.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desk_gui.domain.errors import DeskError
from desk_gui.services.queue import QueueFilter, QueueRow, QueueService, SortKey
from desk_gui.ui.models import queue_columns as cells
from desk_gui.ui.models.queue_columns import (
    COLUMN_WIDTHS,
    SORT_KEYS,
    Column,
    due_state,
    format_time_left,
)

__all__ = [
    "COLUMN_WIDTHS",
    "SORT_KEYS",
    "Column",
    "TicketTableModel",
    "due_state",
    "format_time_left",
]

PAGE_SIZE = 200
CACHE_PAGES = 40
"""Pages whose rows stay in memory once the queue is scrolled far (about 8,000 rows)."""
NEAR_PAGES = 5
"""A ticket this few pages past the loaded rows is reached by reading on; farther, by a jump."""

ModelIndex = QModelIndex | QPersistentModelIndex


class TicketTableModel(QAbstractTableModel):
    """Queue rows for one filter and sort, read page by page with keyset paging."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    DueStateRole = Qt.ItemDataRole.UserRole + 3

    error_raised = Signal(object)  # a DeskError met while fetching
    reloaded = Signal()

    def __init__(
        self,
        service: QueueService,
        lang: str = "en",
        *,
        mask: bool = True,
        clock: Callable[[], datetime] = datetime.now,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._lang = lang
        self._mask = mask
        self._clock = clock
        self._page_size = page_size
        self._cache_pages = max(2, cache_pages)
        self._filter = QueueFilter()
        self._sort = SortKey.NEXT_DUE
        self._descending = False
        self._rows: list[QueueRow | None] = []  # None: evicted, read again on demand
        self._pages: OrderedDict[int, None] = OrderedDict()  # full pages, least recent first
        self._sparse = False  # some rows were evicted
        self._exhausted = True
        self._now = clock()

    # -- state ---------------------------------------------------------------------------------

    @property
    def queue_filter(self) -> QueueFilter:
        return self._filter

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def cached_rows(self) -> int:
        """Rows held in memory (the rest are read again when shown)."""
        return sum(1 for r in self._rows if r is not None)

    def set_lang(self, lang: str) -> None:
        self._lang = lang
        self._emit_all_changed()

    def set_mask(self, mask: bool) -> None:
        if mask != self._mask:
            self._mask = mask
            self._emit_all_changed()

    def set_filter(self, flt: QueueFilter) -> None:
        """Show another filter: the first page is read again."""
        self._filter = flt
        self.reload()

    def ticket_id(self, row: int) -> int:
        return self.queue_row(row).id

    def queue_row(self, row: int) -> QueueRow:
        found = self._row(row)
        if found is None:
            raise IndexError(row)
        return found

    def loaded_ids(self) -> list[int]:
        return [r.id for r in self._rows if r is not None]

    def row_of(self, ticket_id: int) -> int | None:
        """The row of a loaded ticket (None when not in memory)."""
        if self._sparse:  # mostly empty placeholders: look only in the pages held
            size = self._page_size
            for page in list(self._pages):
                for i in range(page * size, min((page + 1) * size, len(self._rows))):
                    r = self._rows[i]
                    if r is not None and r.id == ticket_id:
                        return i
            return None
        for i, r in enumerate(self._rows):
            if r is not None and r.id == ticket_id:
                return i
        return None

    def reveal(self, ticket_id: int) -> int | None:
        """The ticket's row, loading as far as it if needed; None when the filter hides it."""
        row = self.row_of(ticket_id)
        if row is not None:
            return row
        flt = replace(self._filter, now=self._clock())
        try:
            found = self._service.position_of(flt, self._sort, self._descending, ticket_id)
        except DeskError as exc:
            self.error_raised.emit(exc)
            return None
        if found is None:
            return None
        position, target = found
        if position < len(self._rows):  # within the loaded range
            there = self._row(position)  # reads its page again if it was evicted
            if there is not None and there.id == ticket_id:
                return position
            self.refresh()  # moved since the last refresh
            return self.row_of(ticket_id)
        near = len(self._rows) + NEAR_PAGES * self._page_size
        if not self._sparse and position < near:
            while self.row_of(ticket_id) is None and self.canFetchMore(QModelIndex()):
                self.fetchMore(QModelIndex())
            return self.row_of(ticket_id)
        return self._jump(position, target)

    def _jump(self, position: int, target: QueueRow) -> int | None:
        """Load the page holding ``target`` (at ``position``), leaving the pages before empty."""
        size = self._page_size
        page = position // size
        start = page * size
        wanted = start + size - position - 1  # rows after the ticket on its page
        above: list[QueueRow] = []
        if position > start:
            above = self._fetch_before(target, position - start) or []
        below = self._fetch(target, wanted) if wanted else []
        if below is None:
            return None
        rows = [*above, target, *below]
        first = len(self._rows)
        start = max(first, position - len(above))
        self.beginInsertRows(QModelIndex(), first, start + len(rows) - 1)
        self._rows.extend([None] * (start - first))
        self._rows.extend(rows)
        self.endInsertRows()
        self._exhausted = len(below) < wanted
        self._sparse = True
        for number in range(start // size, (len(self._rows) - 1) // size + 1):
            self._remember(number)
        return self.row_of(target.id)

    # -- reading -------------------------------------------------------------------------------

    def _fetch(self, after: QueueRow | None, limit: int) -> list[QueueRow] | None:
        flt = replace(self._filter, now=self._clock())
        try:
            return self._service.fetch_page(flt, self._sort, self._descending, after, limit)
        except DeskError as exc:
            self.error_raised.emit(exc)
            return None

    def _fetch_before(self, before: QueueRow, limit: int) -> list[QueueRow] | None:
        flt = replace(self._filter, now=self._clock())
        try:
            return self._service.fetch_page_before(flt, self._sort, self._descending, before, limit)
        except DeskError as exc:
            self.error_raised.emit(exc)
            return None

    def _fetch_at(self, offset: int, limit: int) -> list[QueueRow] | None:
        flt = replace(self._filter, now=self._clock())
        try:
            return self._service.fetch_page_at(flt, self._sort, self._descending, offset, limit)
        except DeskError as exc:
            self.error_raised.emit(exc)
            return None

    def reload(self) -> None:
        """Read the first page again (new filter or sort)."""
        rows = self._fetch(None, self._page_size)
        self.beginResetModel()
        self._now = self._clock()
        self._rows = list(rows or [])
        self._pages = OrderedDict()
        self._sparse = False
        self._exhausted = rows is None or len(rows) < self._page_size
        self.endResetModel()
        self.reloaded.emit()

    def refresh(self) -> bool:
        """Re-read the loaded range and apply the differences in place; True if anything moved.

        Insertions, removals, moves and edits are announced separately, so persistent
        indexes (the selection) follow their tickets. Far down a long queue only the pages in
        memory are read again, each from its anchor, and updated where they stand.
        """
        if self._sparse:
            return self._refresh_pages()
        wanted = max(len(self._rows), self._page_size)
        fresh = self._fetch(None, wanted)
        if fresh is None:
            return False
        self._now = self._clock()
        changed = self._apply(fresh)
        self._exhausted = len(fresh) < wanted
        return changed

    def tick(self) -> None:
        """Repaint the time-left column (the clock moved on)."""
        self._now = self._clock()
        if self._rows:
            last = self.index(len(self._rows) - 1, Column.NEXT_DUE)
            self.dataChanged.emit(self.index(0, Column.NEXT_DUE), last)

    # -- the page cache ------------------------------------------------------------------------

    def _row(self, row: int) -> QueueRow | None:
        found = self._rows[row]
        page = row // self._page_size
        if found is None:
            self._load_page(page)
            found = self._rows[row]
        elif self._sparse and page in self._pages:
            self._pages.move_to_end(page, last=True)
        return found

    def _page_rows(self, page: int) -> list[QueueRow] | None:
        """Read ``page`` again: after the row above it, else before the row below it (pages
        skipped by a jump), else by offset (neither neighbour is loaded)."""
        size = self._page_size
        start = page * size
        if page == 0:
            return self._fetch(None, size)
        anchor = self._rows[start - 1]
        if anchor is not None:
            return self._fetch(anchor, size)
        below = self._rows[start + size] if start + size < len(self._rows) else None
        if below is not None:
            return self._fetch_before(below, size)
        return self._fetch_at(start, size)

    def _load_page(self, page: int) -> None:
        start = page * self._page_size
        fresh = self._page_rows(page) or []
        for offset, row in enumerate(fresh[: len(self._rows) - start]):
            self._rows[start + offset] = row
        self._remember(page)

    def _remember(self, page: int) -> None:
        """Mark ``page`` as recently used; evict the least recent beyond the cache size."""
        self._pages[page] = None
        self._pages.move_to_end(page, last=True)
        last_page = (len(self._rows) - 1) // self._page_size
        while len(self._pages) > self._cache_pages:
            victim, _ = self._pages.popitem(last=False)
            if victim == last_page:  # fetchMore continues from its last row
                self._pages[victim] = None
                continue
            start = victim * self._page_size
            end = min(start + self._page_size - 1, len(self._rows) - 1)  # keep the anchor
            for i in range(start, end):
                self._rows[i] = None
            self._sparse = True

    def _refresh_pages(self) -> bool:
        self._now = self._clock()
        changed = False
        for page in sorted(self._pages):
            start = page * self._page_size
            end = min(start + self._page_size, len(self._rows))
            fresh = self._page_rows(page)
            if fresh is None:
                return changed
            differing = False
            for offset in range(end - start):
                new = fresh[offset] if offset < len(fresh) else None
                if self._rows[start + offset] != new:
                    self._rows[start + offset] = new
                    differing = True
            if differing:
                changed = True
                self.dataChanged.emit(self.index(start, 0), self.index(end - 1, len(Column) - 1))
        return changed

    # -- applying a full refresh ---------------------------------------------------------------

    def _apply(self, fresh: Sequence[QueueRow]) -> bool:
        fresh_ids = {r.id for r in fresh}
        old_ids = {r.id for r in self._rows if r is not None}
        moved = self._remove_missing(fresh_ids)
        moved = self._reorder(fresh, old_ids) or moved
        moved = self._insert_new(fresh, old_ids) or moved
        return self._update_values(fresh) or moved

    def _remove_missing(self, fresh_ids: set[int]) -> bool:
        gone = [i for i, r in enumerate(self._rows) if r is None or r.id not in fresh_ids]
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        return bool(gone)

    def _reorder(self, fresh: Sequence[QueueRow], old_ids: set[int]) -> bool:
        order = [r.id for r in fresh if r.id in old_ids]
        current = [r.id for r in self._rows if r is not None]
        if order == current:
            return False
        self.layoutAboutToBeChanged.emit()
        by_id = {r.id: r for r in self._rows if r is not None}
        self._rows = [by_id[i] for i in order]
        position = {tid: row for row, tid in enumerate(order)}
        sources = self.persistentIndexList()
        targets = [
            self.index(position[current[p.row()]], p.column()) if p.isValid() else p
            for p in sources
        ]
        self.changePersistentIndexList(sources, targets)
        self.layoutChanged.emit()
        return True

    def _insert_new(self, fresh: Sequence[QueueRow], old_ids: set[int]) -> bool:
        new_positions = [i for i, r in enumerate(fresh) if r.id not in old_ids]
        for first, last in _runs(new_positions):
            self.beginInsertRows(QModelIndex(), first, last)
            self._rows[first:first] = fresh[first : last + 1]
            self.endInsertRows()
        return bool(new_positions)

    def _update_values(self, fresh: Sequence[QueueRow]) -> bool:
        differing = [i for i, r in enumerate(fresh) if self._rows[i] != r]
        for i in differing:
            self._rows[i] = fresh[i]
        last_col = len(Column) - 1
        for first, last in _runs(differing):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))
        return bool(differing)

    def _emit_all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: ModelIndex) -> None:
        if parent.isValid() or self._exhausted:
            return
        after = next((r for r in reversed(self._rows) if r is not None), None)
        page = self._fetch(after, self._page_size)
        if page is None:
            self._exhausted = True
            return
        self._exhausted = len(page) < self._page_size
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
            for number in range(first // self._page_size, len(self._rows) // self._page_size + 1):
                if number * self._page_size < len(self._rows):
                    self._remember(number)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in the database's order (a header click)."""
        if not 0 <= column < len(Column):
            return
        key = SORT_KEYS[Column(column)]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._sort and descending == self._descending and self._rows:
            return
        self._sort = key
        self._descending = descending
        self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.header_text(Column(section))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._row(index.row())
        if row is None:  # the page shrank since (tickets left the filter): the next refresh
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.display(row, column, self._lang, self._mask, self._now)
        if role == self.IdRole:
            return row.id
        if role == self.SortRole:
            return cells.sort_value(row, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return cells.tooltip(row, column, self._lang, self._mask, self._now)
        if role == self.DueStateRole:
            return cells.row_due_state(row, self._now)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return cells.colour(row, column, role, self._now)
        if role == Qt.ItemDataRole.FontRole:
            return cells.font(row, column)
        return None


def _runs(positions: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous runs (first, last) of sorted positions."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs
