"""One write off the window's thread, waited for only so long: a hung share never freezes a form.

A save on a share that hangs blocks in the kernel for as long as the share does; nothing can
interrupt it. ``BoundedCall`` runs it on a thread of its own (not the window's pool: a pool waits
for its threads when it is torn down, and this one may never come back), says ``slow`` after
``SLOW_MS`` and ``gave_up`` after ``LIMIT_MS``, and still delivers the outcome whenever it comes
(``finished``), so a form that stopped waiting learns that its save landed after all. The
caller makes a retry safe (a new ticket carries the form's token; an edit its base version).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desk_gui.domain.errors import DeskError

SLOW_MS = 3_000
"""After this long the form says it is still saving."""
LIMIT_MS = 20_000
"""After this long the form stops waiting, keeps what was typed and offers Retry."""


class _Relay(QObject):
    """Lives on the window's thread; the worker emits through it (a queued signal)."""

    done = Signal(object, object)  # result, DeskError or None


class BoundedCall(QObject):
    """Run ``fn()`` on its own thread; report slowness, give up waiting, deliver it anyway."""

    slow = Signal()
    gave_up = Signal()
    finished = Signal(object, object)  # result, DeskError (None when it succeeded)
    live = 0  # calls started and not come back yet, in this process (tests wait on it)

    def __init__(
        self,
        fn: Callable[[], Any],
        release: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
        *,
        slow_ms: int = SLOW_MS,
        limit_ms: int = LIMIT_MS,
    ) -> None:
        super().__init__(parent)
        self.running = False
        self.abandoned = False  # gave up waiting; the outcome may still come
        self._fn, self._release = fn, release
        self._slow = self._timer(slow_ms, self.slow.emit)
        self._limit = self._timer(limit_ms, self._on_limit_timeout)
        # Unparented and held by the worker's closure: it outlives this object if need be.
        self._relay = _Relay()
        self._relay.done.connect(self._on_relay_done)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def start(self, timed: bool = True) -> None:
        """Run it; ``timed=False`` for work nobody waits for (no slow / gave-up signals)."""
        self.running = True
        BoundedCall.live += 1
        if timed:
            self._slow.start()
            self._limit.start()
        relay, fn, release = self._relay, self._fn, self._release

        def work() -> None:
            result: Any = None
            error: BaseException | None = None
            try:
                result = fn()
            except BaseException as exc:
                error = exc
            finally:
                try:
                    release()
                except Exception as exc:
                    error = error or exc
            # The window may have closed meanwhile (its relay gone): nobody to tell then.
            with contextlib.suppress(RuntimeError):
                relay.done.emit(result, error)

        self._thread = threading.Thread(target=work, name="desk-bounded-save", daemon=True)
        self._thread.start()

    def wait(self, seconds: float) -> bool:
        """Block up to ``seconds`` for the work itself (a window closing lets go of its lock
        before its workspace closes, but not for longer than that); True if it finished."""
        thread = getattr(self, "_thread", None)
        if thread is not None:
            thread.join(seconds)
        return thread is None or not thread.is_alive()

    def forget(self) -> None:
        """Nobody waits any more (the window closes): stop the timers, deliver nothing."""
        self._slow.stop()
        self._limit.stop()
        if self.running:
            self._relay.done.disconnect(self._on_relay_done)
            self.running = False
            BoundedCall.live -= 1

    def _on_limit_timeout(self) -> None:
        if self.running:
            self.abandoned = True
            self.gave_up.emit()

    def _on_relay_done(self, result: Any, error: BaseException | None) -> None:
        BoundedCall.live -= 1
        self.running = False
        self._slow.stop()
        self._limit.stop()
        if error is not None and not isinstance(error, DeskError):
            raise error  # a bug: the crash path, as on the window's thread
        self.finished.emit(result, error)


def start_bounded(
    fn: Callable[[], Any],
    release: Callable[[], None],
    parent: QObject,
    done: Callable[[Any, BaseException | None], None],
    gave_up: Callable[[], None],
    *,
    limit_ms: int = LIMIT_MS,
) -> BoundedCall:
    """Run ``fn()`` bounded, for a caller with one outcome and no Retry button of its own:
    ``done(result, error)`` when it comes back in time, else ``gave_up()`` once after
    ``limit_ms`` (its late outcome is then dropped). The call deletes itself either way."""
    call = BoundedCall(fn, release, parent, limit_ms=limit_ms)

    def finished(result: Any, error: BaseException | None) -> None:
        call.deleteLater()
        done(result, error)

    def stopped_waiting() -> None:
        call.forget()
        call.deleteLater()
        gave_up()

    call.finished.connect(finished)
    call.gave_up.connect(stopped_waiting)
    call.start()
    return call
