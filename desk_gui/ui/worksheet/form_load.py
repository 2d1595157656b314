"""Reading the worksheet's ticket, and who else holds its edit lock, off the window's thread.

A worksheet opened over a hanging share must not freeze the window: the read runs on its own
thread, one at a time (a reload asked for meanwhile runs once it is back), and after
``LIMIT_MS`` the worksheet says the database has not answered while it keeps waiting; the
answer, whenever it comes, is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk_gui.domain.errors import DeskError
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded import LIMIT_MS, BoundedCall


class TicketLoad(QObject):
    """One worksheet's reads of its ticket."""

    # TicketRecord; (holder, workstation, until) or None; what ``extra`` read
    loaded = Signal(object, object, object)
    failed = Signal(object)  # DeskError
    waiting = Signal(str)  # why the worksheet waits ("" once the answer came)

    def __init__(
        self,
        service: WorkflowService,
        ticket_id: int,
        parent: QObject,
        extra: Callable[[int], Any] = lambda _ticket_id: None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ticket_id, self.extra = service, ticket_id, extra
        self.limit_ms = LIMIT_MS
        self._call: BoundedCall | None = None
        self._again = False
        self._late = False

    @property
    def running(self) -> bool:
        return self._call is not None

    def load(self) -> None:
        """Read the ticket; while a read runs, once more after it."""
        if self._call is not None:
            self._again = True
            return
        service, ticket_id, extra = self.service, self.ticket_id, self.extra

        def read() -> tuple[Any, Any, Any]:
            record = service.get(ticket_id)
            try:
                held = service.lock_holder(ticket_id)
            except DeskError:
                held = None  # the ticket was read: show it, the lock poll asks again
            return record, held, extra(ticket_id)

        call = BoundedCall(read, service.release_thread, self, limit_ms=self.limit_ms)
        call.gave_up.connect(self._on_call_gave_up)
        call.finished.connect(self._on_call_finished)
        self._call = call
        call.start()

    def shutdown(self) -> None:
        """The worksheet closes: deliver nothing more."""
        if self._call is not None:
            self._call.forget()
            self._call.deleteLater()
            self._call = None
        self._again = False

    def _on_call_gave_up(self) -> None:
        self._late = True
        self.waiting.emit(
            self.tr(
                "The database has not answered for %1 seconds (the share may be hanging). "
                "The worksheet shows the ticket as last read and is brought up to date as "
                "soon as the database answers."
            ).replace("%1", f"{self.limit_ms / 1000:g}")
        )

    def _on_call_finished(self, result: object, error: object) -> None:
        if self._call is not None:
            self._call.deleteLater()
        self._call = None
        if self._late:
            self._late = False
            self.waiting.emit("")
        if isinstance(error, DeskError):
            self.failed.emit(error)
        elif isinstance(result, tuple):
            self.loaded.emit(*result)
        if self._again:
            self._again = False
            self.load()
