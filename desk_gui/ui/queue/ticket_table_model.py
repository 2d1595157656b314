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
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desk_gui.domain.errors import DeskError
from desk_gui.services.queue import QueueFilter, QueueRow, QueueService, SortKey
from desk_gui.ui.common.background import Immediate, Job, Runner
from desk_gui.ui.queue import queue_columns as cells
from desk_gui.ui.queue.queue_columns import (
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

PAGE_SIZE = 100
"""Rows read at a time: about three screens. A search matching a third of a million tickets
finds its page by testing about page / share tickets (``search.testing_pays``), so a smaller
page is a faster first one; scrolling reads the next page in the background."""
CACHE_PAGES = 80
"""Pages whose rows stay in memory once the queue is scrolled far (about 8,000 rows)."""
NEAR_PAGES = 10
"""A ticket this few pages past the loaded rows is reached by reading on; farther, by a jump."""

ModelIndex = QModelIndex | QPersistentModelIndex
Failed = Callable[[DeskError], None]


class TicketTableModel(QAbstractTableModel):
    """Queue rows for one filter and sort, read page by page with keyset paging."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    DueStateRole = Qt.ItemDataRole.UserRole + 3

    error_raised = Signal(object)  # a DeskError met while fetching
    reloaded = Signal()
    loading_changed = Signal(bool)  # the first page of a new filter or sort is on its way

    def __init__(
        self,
        service: QueueService | None,
        lang: str = "en",
        *,
        mask: bool = True,
        clock: Callable[[], datetime] = datetime.now,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
        jobs: Runner | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._owed = False  # a read asked for before the model had its service
        self._jobs: Runner = jobs or Immediate()
        self._epoch = 0  # a reload bumps it: reads started before are dropped when they end
        self._reloading = False
        self._fetching = False
        self._loading_pages: set[int] = set()
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

    def set_service(self, service: QueueService) -> None:
        """The queue to read from, for a model whose first page was preloaded before the data
        layer was imported (a window's start, issue 11). A read asked for meanwhile (the
        first page of a window built before its workspace) starts now."""
        self._service = service
        if self._owed:
            self.reload()

    def preload(
        self, flt: QueueFilter, sort: SortKey, descending: bool, rows: list[QueueRow]
    ) -> None:
        """Show ``rows`` as the first page of ``flt`` in that order, without reading."""
        self._owed = False
        self._epoch += 1
        self._filter, self._sort, self._descending = flt, sort, descending
        self._show_first_page(rows)

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
        """The row's ticket. A row evicted from memory (a selection reaching thousands of rows
        past the cache) is read at once: the one read this model makes on its own thread."""
        found = self._rows[row]
        if found is None:
            page = row // self._page_size
            fresh = self._reader().anchored(page, *self._anchors(page))
            start = page * self._page_size
            for offset, got in enumerate(fresh[: len(self._rows) - start]):
                self._rows[start + offset] = got
            self._remember(page)
            found = self._rows[row]
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

    def reveal(self, ticket_id: int, done: Callable[[int | None], None]) -> None:
        """Load as far as the ticket, whatever the sort, then ``done(its row)``; ``done(None)``
        when the filter hides it. Where it stands is read in the background."""
        row = self.row_of(ticket_id)
        if row is not None:
            done(row)
            return
        epoch, loaded, sparse = self._epoch, len(self._rows), self._sparse
        after = self._last_row()
        near = loaded + NEAR_PAGES * self._page_size
        read = self._reader()

        def work(_job: Job) -> _Found | None:
            found = read.position_of(ticket_id)
            if found is None:
                return None
            position, target = found
            if position < loaded:  # within the loaded range: nothing more to read here
                return _Found(position, target)
            size = self._page_size
            if not sparse and position < near:  # read on from the last row to its page's end
                wanted = (position // size + 1) * size - loaded
                rows = read.page(after, wanted)
                return _Found(position, target, below=rows, append=len(rows) < wanted)
            start = position // size * size
            wanted = start + size - position - 1  # rows after the ticket on its page
            above = read.before(target, position - start) if position > start else []
            below = read.page(target, wanted) if wanted else []
            return _Found(position, target, above, below)

        def arrived(found: _Found | None) -> None:
            if epoch != self._epoch:
                return
            if found is None:
                done(None)
            elif len(self._rows) != loaded:  # pages arrived meanwhile: ask again
                self.reveal(ticket_id, done)
            elif found.position < loaded:
                self._reveal_loaded(ticket_id, found.position, done)
            elif found.append is not None:
                self._append(found.below, found.append)
                done(self.row_of(ticket_id))
            else:
                done(self._jump(found))

        self._jobs.submit("queue-reveal", work, arrived, self._failed(epoch, done))

    def _reveal_loaded(
        self, ticket_id: int, position: int, done: Callable[[int | None], None]
    ) -> None:
        there = self._rows[position]
        if there is not None and there.id == ticket_id:
            done(position)
        elif there is None:  # evicted: read its page again, then look
            self._load_page(position // self._page_size, lambda: done(self.row_of(ticket_id)))
        else:  # moved since the last refresh
            self.refresh(lambda _changed: done(self.row_of(ticket_id)))

    def _jump(self, found: _Found) -> int | None:
        """Show the page holding the ticket found, leaving the pages before it empty."""
        position, target, above, below = found.position, found.target, found.above, found.below
        size = self._page_size
        start = position // size * size
        wanted = start + size - position - 1
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

    def _reader(self) -> _Reader:
        """The current filter (its clock read now), sort and service, for a worker to use."""
        flt = self._filter.replace(now=self._clock())
        if self._service is None:
            raise RuntimeError("the queue model has no service yet")
        return _Reader(self._service, flt, self._sort, self._descending, self._page_size)

    def _failed(self, epoch: int, then: Callable[[Any], None] | None = None) -> Failed:
        def failed(exc: DeskError) -> None:
            if epoch == self._epoch:
                self.error_raised.emit(exc)
                if then is not None:
                    then(None)

        return failed

    def _last_row(self) -> QueueRow | None:
        return next((r for r in reversed(self._rows) if r is not None), None)

    @property
    def loading(self) -> bool:
        """The first page of a new filter or sort is being read (the old rows still show)."""
        return self._reloading

    @property
    def page_size(self) -> int:
        return self._page_size

    def reload(self) -> None:
        """Read the first page again (new filter or sort); the old rows stay until it arrives."""
        if self._service is None:  # read once the service is set
            self._owed = True
            return
        self._owed = False
        self._epoch += 1
        epoch = self._epoch
        self._reloading, self._fetching = True, False
        self._loading_pages.clear()
        read, size = self._reader(), self._page_size
        self.loading_changed.emit(True)

        def failed(exc: DeskError) -> None:
            if epoch == self._epoch:
                self._show_first_page(None)
                self.error_raised.emit(exc)

        self._jobs.submit(
            "queue-reload",
            lambda _job: read.page(None, size),
            lambda rows: self._show_first_page(rows) if epoch == self._epoch else None,
            failed,
        )

    def _show_first_page(self, rows: list[QueueRow] | None) -> None:
        self.beginResetModel()
        self._now = self._clock()
        self._rows = list(rows or [])
        self._pages = OrderedDict()
        self._sparse = False
        self._exhausted = rows is None or len(rows) < self._page_size
        self._reloading = False
        self.endResetModel()
        self.loading_changed.emit(False)
        self.reloaded.emit()

    def refresh(self, done: Callable[[bool], None] | None = None) -> None:
        """Re-read the loaded range in the background and apply the differences in place;
        ``done(anything moved)`` afterwards.

        Insertions, removals, moves and edits are announced separately, so persistent
        indexes (the selection) follow their tickets. Far down a long queue only the pages in
        memory are read again, each from its anchor, and updated where they stand.
        """
        if self._reloading:  # the first page is on its way: it is fresh already
            if done is not None:
                done(False)
            return
        epoch, loaded, read = self._epoch, len(self._rows), self._reader()
        finish = done or (lambda _changed: None)
        if self._sparse:
            anchors = [(page, *self._anchors(page)) for page in sorted(self._pages)]

            def pages(_job: Job) -> list[tuple[int, list[QueueRow]]]:
                return [(p, read.anchored(p, a, b)) for p, a, b in anchors]

            def apply_pages(fresh: list[tuple[int, list[QueueRow]]]) -> None:
                if epoch == self._epoch:
                    finish(self._apply_pages(fresh))

            self._jobs.submit("queue-refresh", pages, apply_pages, self._failed(epoch))
            return
        wanted = max(loaded, self._page_size)

        def apply(fresh: list[QueueRow]) -> None:
            if epoch != self._epoch:
                return
            if len(self._rows) != loaded or self._sparse:  # a page arrived meanwhile
                self.refresh(done)
                return
            self._now = self._clock()
            changed = self._apply(fresh)
            self._exhausted = len(fresh) < wanted
            finish(changed)

        self._jobs.submit(
            "queue-refresh", lambda _job: read.page(None, wanted), apply, self._failed(epoch)
        )

    def tick(self) -> None:
        """Repaint the time-left column (the clock moved on)."""
        self._now = self._clock()
        if self._rows:
            last = self.index(len(self._rows) - 1, Column.NEXT_DUE)
            self.dataChanged.emit(self.index(0, Column.NEXT_DUE), last)

    # -- the page cache ------------------------------------------------------------------------

    def _row(self, row: int) -> QueueRow | None:
        """The row if in memory; an evicted one is asked for in the background (None now)."""
        found = self._rows[row]
        page = row // self._page_size
        if found is None:
            self._load_page(page)
            found = self._rows[row]  # there at once when the reads are not in the background
        elif self._sparse and page in self._pages:
            self._pages.move_to_end(page, last=True)
        return found

    def _anchors(self, page: int) -> tuple[QueueRow | None, QueueRow | None]:
        """The loaded rows just above and just below ``page`` (None where not loaded)."""
        start = page * self._page_size
        above = self._rows[start - 1] if start > 0 else None
        end = start + self._page_size
        below = self._rows[end] if end < len(self._rows) else None
        return above, below

    def _load_page(self, page: int, then: Callable[[], None] | None = None) -> None:
        """Read an evicted ``page`` again in the background; its rows repaint when they come."""
        if page in self._loading_pages and then is None:
            return
        self._loading_pages.add(page)
        epoch, read = self._epoch, self._reader()
        above, below = self._anchors(page)

        def arrived(fresh: list[QueueRow]) -> None:
            if epoch != self._epoch:
                return
            self._loading_pages.discard(page)
            start = page * self._page_size
            if start >= len(self._rows):
                return
            for offset, row in enumerate(fresh[: len(self._rows) - start]):
                self._rows[start + offset] = row
            self._remember(page)
            end = min(start + self._page_size, len(self._rows)) - 1
            self.dataChanged.emit(self.index(start, 0), self.index(end, len(Column) - 1))
            if then is not None:
                then()

        self._jobs.submit(
            f"queue-page-{page}",
            lambda _job: read.anchored(page, above, below),
            arrived,
            self._failed(epoch),
        )

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

    def _apply_pages(self, pages: list[tuple[int, list[QueueRow]]]) -> bool:
        self._now = self._clock()
        changed = False
        for page, fresh in pages:
            start = page * self._page_size
            end = min(start + self._page_size, len(self._rows))
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
        if self._service is None:  # preloaded: more once the data layer is there
            return False
        return not parent.isValid() and not self._exhausted and not self._reloading

    def fetchMore(self, parent: ModelIndex) -> None:
        """Ask for the next page in the background (once: more calls meanwhile do nothing)."""
        if parent.isValid() or self._exhausted or self._reloading or self._fetching:
            return
        if self._service is None:
            return
        self._fetching = True
        epoch, read, size = self._epoch, self._reader(), self._page_size
        after = self._last_row()

        def arrived(page: list[QueueRow]) -> None:
            if epoch == self._epoch:
                self._fetching = False
                self._append(page, len(page) < size)

        def failed(exc: DeskError) -> None:
            if epoch == self._epoch:
                self._fetching, self._exhausted = False, True
                self.error_raised.emit(exc)

        self._jobs.submit("queue-more", lambda _job: read.page(after, size), arrived, failed)

    def _append(self, page: Sequence[QueueRow], exhausted: bool) -> None:
        self._exhausted = exhausted
        if not page:
            return
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
        # A view asks each painted cell for seven roles: the ones nothing answers return at
        # once, before the row is looked up (a repaint is thousands of calls).
        if role not in _ANSWERED:
            return None
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        row = self._row(number)
        if row is None:  # the page shrank since (tickets left the filter): the next refresh
            return None
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return cells.display(row, column, self._lang, self._mask, self._now)
        if role == self.IdRole:
            return row.id
        if role == self.SortRole:
            return cells.sort_value(row, column)
        if role in _TOOLTIP:
            return cells.tooltip(row, column, self._lang, self._mask, self._now)
        if role == self.DueStateRole:
            return cells.row_due_state(row, self._now)
        if role in _COLOURS:
            return cells.colour(row, column, role, self._now)
        return cells.font(row, column)  # FontRole


_COLUMNS = tuple(Column)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = frozenset((Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole))
_COLOURS = frozenset((Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole))
_ANSWERED = frozenset(
    (
        _DISPLAY,
        *_TOOLTIP,
        *_COLOURS,
        Qt.ItemDataRole.FontRole,
        TicketTableModel.IdRole,
        TicketTableModel.SortRole,
        TicketTableModel.DueStateRole,
    )
)
"""The roles ``data`` answers."""


class _Found:
    """Where a ticket to reveal stands, and the rows read around it (or up to it: append)."""

    __slots__ = ("above", "append", "below", "position", "target")

    def __init__(
        self,
        position: int,
        target: QueueRow,
        above: list[QueueRow] | None = None,
        below: list[QueueRow] | None = None,
        append: bool | None = None,  # the rows read on from the last one; True: the queue ends
    ) -> None:
        self.position, self.target = position, target
        self.above, self.below = above or [], below or []
        self.append = append


class _Reader:
    """One filter, sort and service, read from a worker thread (nothing of the model's)."""

    def __init__(
        self, service: QueueService, flt: QueueFilter, sort: SortKey, desc: bool, size: int
    ) -> None:
        self.service, self.flt, self.sort, self.desc = service, flt, sort, desc
        self.size = size

    def page(self, after: QueueRow | None, limit: int) -> list[QueueRow]:
        return self.service.fetch_page(self.flt, self.sort, self.desc, after, limit)

    def before(self, below: QueueRow, limit: int) -> list[QueueRow]:
        return self.service.fetch_page_before(self.flt, self.sort, self.desc, below, limit)

    def at(self, offset: int, limit: int) -> list[QueueRow]:
        return self.service.fetch_page_at(self.flt, self.sort, self.desc, offset, limit)

    def position_of(self, ticket_id: int) -> tuple[int, QueueRow] | None:
        return self.service.position_of(self.flt, self.sort, self.desc, ticket_id)

    def anchored(self, page: int, above: QueueRow | None, below: QueueRow | None) -> list[QueueRow]:
        """``page`` read again: after the row above it, else before the row below it (pages
        skipped by a jump), else by offset (neither neighbour is loaded)."""
        size = self.size
        if page == 0:
            return self.page(None, size)
        if above is not None:
            return self.page(above, size)
        if below is not None:
            return self.before(below, size)
        return self.at(page * size, size)


def _runs(positions: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous runs (first, last) of sorted positions."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs
