"""Live updates: poll the database for commits about once a second and spot new P1 tickets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desk_gui.domain.enums import Priority, Status
from desk_gui.domain.errors import DeskError
from desk_gui.services.queue import QueueFilter, QueueRow, QueueService, SortKey
from desk_gui.ui.common.background import Immediate, Job, Runner

if TYPE_CHECKING:
    from desk_gui.services.queue import ChangeWatcher

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
    """Polls a ChangeWatcher; ``changed`` after any commit, ``p1_arrived`` for new P1 tickets.

    Each poll runs on ``jobs`` (the window's background workers): reading ``data_version``
    waits for a lock while another connection commits a long transaction, and that wait must
    not be the window's. One poll at a time; a tick while one runs is skipped.
    """

    changed = Signal()
    p1_arrived = Signal(list)  # list[QueueRow]
    error_raised = Signal(object)  # DeskError

    def __init__(
        self,
        service: QueueService,
        watcher_factory: Callable[[], ChangeWatcher] | None = None,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
        jobs: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._jobs: Runner = jobs or Immediate()
        self._watcher_factory = watcher_factory or _change_watcher
        self._watcher: ChangeWatcher | None = None
        self._polling = False
        self._p1 = P1Tracker(service)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        """Start watching the open database (the P1 tickets open now are read first)."""
        self.stop()
        try:
            self._watcher = self._watcher_factory()
        except DeskError as exc:
            self.error_raised.emit(exc)
            return
        self._polling = True
        self._jobs.submit(
            "live-prime", lambda _job: self._p1.prime(), self._on_primed, self._on_failed
        )

    def _on_primed(self, _result: object) -> None:
        self._polling = False
        if self._watcher is not None:
            self._timer.start()

    def _on_failed(self, exc: DeskError) -> None:
        self._polling = False
        self.error_raised.emit(exc)

    def stop(self) -> None:
        """Stop polling and close the watcher (the window's workers have stopped first)."""
        self._timer.stop()
        self._polling = False
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
        """One poll (the timer's job), in the background; True when a change was reported
        by the time it returns (with a runner that reads at once)."""
        watcher = self._watcher
        if watcher is None or self._polling:
            return False
        self._polling = True
        reported: list[bool] = []

        def poll(_job: Job) -> tuple[bool, list[QueueRow]]:
            if not watcher.poll():
                return False, []
            return True, self._p1.check()

        def polled(outcome: tuple[bool, list[QueueRow]]) -> None:
            self._polling = False
            changed, fresh = outcome
            reported.append(changed)
            if not changed or self._watcher is not watcher:
                return
            self.changed.emit()
            if fresh:
                self.p1_arrived.emit(fresh)

        self._jobs.submit("live-poll", poll, polled, self._on_failed)
        return bool(reported and reported[0])

    def _on_timer_timeout(self) -> None:
        self.poll_now()


def _change_watcher() -> ChangeWatcher:
    """A watcher of the open database (the store's, imported at the first start)."""
    from desk_gui.services.queue import ChangeWatcher

    return ChangeWatcher()
