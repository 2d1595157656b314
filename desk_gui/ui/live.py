"""Live updates: poll the database for commits about once a second and spot new P1 tickets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desk_gui.domain.enums import Priority, Status
from desk_gui.domain.errors import DeskError
from desk_gui.services.queue import ChangeWatcher, QueueFilter, QueueRow, QueueService, SortKey

POLL_MS = 1000
P1_WINDOW = 50
"""How many of the newest open P1 tickets each check reads (an index range, ~1 ms)."""


def open_p1_filter() -> QueueFilter:
    return QueueFilter(
        statuses=frozenset((Status.PENDING.value, Status.IN_PROGRESS.value)),
        priorities=frozenset((Priority.P1.value,)),
    )


class P1Tracker:
    """Remembers the open P1 tickets already seen and reports the ones that are new."""

    def __init__(self, service: QueueService) -> None:
        self._service = service
        self._seen: set[int] = set()

    def _newest(self) -> list[QueueRow]:
        # Sorting by priority inside a single-priority filter orders by id: newest first.
        return self._service.fetch_page(
            open_p1_filter(), SortKey.PRIORITY, descending=True, limit=P1_WINDOW
        )

    def prime(self) -> None:
        """Take the P1 tickets open now as known (no notice for them)."""
        self._seen = {r.id for r in self._newest()}

    def check(self) -> list[QueueRow]:
        """Open P1 tickets not seen before, oldest first."""
        rows = self._newest()
        fresh = [r for r in rows if r.id not in self._seen]
        self._seen.update(r.id for r in rows)
        return list(reversed(fresh))


class LiveUpdates(QObject):
    """Polls a ChangeWatcher; ``changed`` after any commit, ``p1_arrived`` for new P1 tickets."""

    changed = Signal()
    p1_arrived = Signal(list)  # list[QueueRow]
    error_raised = Signal(object)  # DeskError

    def __init__(
        self,
        service: QueueService,
        watcher_factory: Callable[[], ChangeWatcher] = ChangeWatcher,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._watcher_factory = watcher_factory
        self._watcher: ChangeWatcher | None = None
        self._p1 = P1Tracker(service)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        """Start watching the open database."""
        self.stop()
        try:
            self._watcher = self._watcher_factory()
            self._p1.prime()
        except DeskError as exc:
            self.error_raised.emit(exc)
            return
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def note_own_write(self) -> None:
        """Refresh at the next tick even if the engine could miss our own commit."""
        if self._watcher is not None:
            self._watcher.note_own_write()

    def poll_now(self) -> bool:
        """One poll (the timer's job); True when a change was reported."""
        if self._watcher is None:
            return False
        try:
            if not self._watcher.poll():
                return False
            self.changed.emit()
            fresh = self._p1.check()
        except DeskError as exc:
            self.error_raised.emit(exc)
            return False
        if fresh:
            self.p1_arrived.emit(fresh)
        return True

    def _on_timer_timeout(self) -> None:
        self.poll_now()
