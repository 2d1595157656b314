"""Read side of the ticket queue for the window: filtered, sorted, paged in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desk_gui.store.queue_types import COUNT_CAP, QueueFilter, QueueRow, SortKey

if TYPE_CHECKING:
    from desk_gui.store.changes import ChangeWatcher

__all__ = [
    "ChangeWatcher",
    "QueueFilter",
    "QueueRow",
    "QueueService",
    "SortKey",
    "supervisor_filter",
]

# The store's queue (peewee) is imported at the first query, not with this module: the window
# is built and shows its first page (store.first_page) before peewee is loaded (issue 11).


def __getattr__(name: str) -> Any:
    if name == "ChangeWatcher":
        from desk_gui.store.changes import ChangeWatcher

        return ChangeWatcher
    raise AttributeError(name)


def _store() -> ModuleType:
    from desk_gui.store import queue

    return queue


@contextmanager
def translate_errors() -> Iterator[None]:
    from desk_gui.store.database import translate_errors as translating

    with translating():
        yield


def supervisor_filter(now: datetime | None = None) -> QueueFilter:
    """Open tickets past a deadline or assigned to nobody (sort by next deadline to triage).

    ``now`` None: the queue's clock at each query, so a kept filter stays current.
    """
    return QueueFilter(overdue_or_unassigned=True, now=now)


class QueueService:
    """Pages of queue rows and counts; every call materialises its rows (no open cursor)."""

    def fetch_page(
        self,
        flt: QueueFilter,
        sort: SortKey,
        descending: bool = False,
        after: QueueRow | None = None,
        limit: int = 200,
    ) -> list[QueueRow]:
        with translate_errors():
            return _store().fetch_page(flt, sort, descending, after=after, limit=limit)

    def count(self, flt: QueueFilter, cap: int | None = None) -> int:
        """Tickets the filter shows; with ``cap``, a result above it means "more than cap"."""
        with translate_errors():
            return _store().count(flt, cap)

    def count_capped(self, flt: QueueFilter, cap: int = COUNT_CAP) -> tuple[int, bool]:
        """(count, exact): counted up to ``cap`` only, so it never waits on a common word."""
        with translate_errors():
            return _store().count_capped(flt, cap)

    def position_of(
        self, flt: QueueFilter, sort: SortKey, descending: bool, ticket_id: int
    ) -> tuple[int, QueueRow] | None:
        """(rows before it, its row) in the filtered, sorted queue; None when filtered out."""
        with translate_errors():
            return _store().position_of(flt, sort, descending, ticket_id)

    def fetch_page_before(
        self, flt: QueueFilter, sort: SortKey, descending: bool, before: QueueRow, limit: int = 200
    ) -> list[QueueRow]:
        with translate_errors():
            return _store().fetch_page_before(flt, sort, descending, before, limit)

    def fetch_page_at(
        self, flt: QueueFilter, sort: SortKey, descending: bool, offset: int, limit: int = 200
    ) -> list[QueueRow]:
        with translate_errors():
            return _store().fetch_page_at(flt, sort, descending, offset, limit)

    def find_by_number(self, number: str) -> QueueRow | None:
        """The ticket with this exact number, whatever the filters; None when there is none."""
        with translate_errors():
            return _store().find_by_number(number)
