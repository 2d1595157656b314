"""Worksheet field saves off the window's thread, and the line saying one is slow or was
given up on (a hung share)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.validation import ValidationError
from desk_gui.services.errors import ConflictError
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS, BoundedCall
from desk_gui.ui.common.bounded_save import SaveStatus


class FieldSave(QObject):
    """A worksheet's field saves: off the window's thread, waited for a bounded time.

    The version the edits started from keeps a late first attempt and its retry from both
    applying: the second gets a conflict with the first, which the view recognises as its own.
    Outcomes of an attempt given up on still arrive; a failure of one is dropped once a newer
    attempt runs (the newer one decides), a success is always delivered.
    """

    saved = Signal(object)  # TicketRecord
    refused = Signal(object, bool)  # ValidationError, confirm_mobile
    conflicted = Signal(object, object)  # ConflictError, the changes tried
    failed = Signal(object)  # DeskError
    waiting = Signal(bool)  # the worksheet waits for a save (its Save button is off)

    def __init__(self, service: WorkflowService, ticket_id: int, parent: QObject) -> None:
        super().__init__(parent)
        self.service, self.ticket_id = service, ticket_id
        self.status = SaveStatus()
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self._call: BoundedCall | None = None
        # Whether a fresh record holds exactly the edits in the form (set by the view).
        self.is_mine: Callable[[TicketRecord], bool] = lambda fresh: False

    @property
    def saving(self) -> bool:
        """Whether a save runs and the worksheet still waits for it."""
        return self._call is not None and self._call.running and not self._call.abandoned

    def start(self, version: int, changes: dict[str, Any], confirm_mobile: bool) -> None:
        if self.saving:
            return
        service, ticket_id = self.service, self.ticket_id
        call = BoundedCall(
            lambda: service.update_fields(
                ticket_id, version, changes, confirm_mobile=confirm_mobile
            ),
            service.release_thread,
            self,
            slow_ms=self.slow_ms,
            limit_ms=self.limit_ms,
        )
        call.slow.connect(self.status.show_slow)
        call.gave_up.connect(self._on_call_gave_up)
        call.finished.connect(
            lambda result, error: self._on_finished(call, changes, confirm_mobile, result, error)
        )
        self._call = call
        self.waiting.emit(True)
        call.start()

    def _on_call_gave_up(self) -> None:
        self.status.show_gave_up(self.limit_ms / 1000)
        self.waiting.emit(False)

    def _on_finished(
        self,
        call: BoundedCall,
        changes: dict[str, Any],
        confirm_mobile: bool,
        result: object,
        error: object,
    ) -> None:
        if call is self._call:
            self.waiting.emit(False)
        if isinstance(result, TicketRecord):
            self.status.clear()
            self.saved.emit(result)
            return
        if call is not self._call:
            return
        self.status.clear()
        if isinstance(error, ValidationError):
            self.refused.emit(error, confirm_mobile)
        elif isinstance(error, ConflictError):
            landed = self._landed_before(error)
            if landed is not None:
                self.saved.emit(landed)
            else:
                self.conflicted.emit(error, changes)
        elif isinstance(error, DeskError):
            self.failed.emit(error)

    def _landed_before(self, exc: ConflictError) -> TicketRecord | None:
        """The ticket, if the conflict is with our own earlier attempt that got through."""
        if exc.changed_by != self.service.ctx.operator:
            return None
        try:
            fresh = self.service.get(self.ticket_id)
        except DeskError:
            return None
        return fresh if self.is_mine(fresh) else None
