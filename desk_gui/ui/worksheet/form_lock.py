"""The worksheet's edit lock, taken, renewed and released off the window's thread.

Taking it is the Edit button's save (``BoundedSave``: slow and given-up lines, Retry; taking a
lock this workstation holds already just renews it, so a retry is harmless). Renewing runs on a
timer: a renewal still waiting on a hung share is not started again, and one that fails or is
given up on says so (``trouble``) while the edits stay in the form. Releasing is not waited
for at all: a lock not released expires by itself. Polling who else holds it, on the view's
timer, waits for no answer either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

from desk_gui.domain.errors import DeskError
from desk_gui.services.errors import LockedByOther
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS, BoundedCall
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.form_fields import ui_lang

RELEASE_WAIT_S = 2.0
"""How long a closing worksheet waits for its lock's release (a hung share: it expires)."""


class EditLease(QObject):
    """One worksheet's edit lock on one ticket."""

    taken = Signal(object)  # the ticket as it is now (TicketRecord), the lock held
    refused = Signal()  # another workstation holds the lock
    failed = Signal(object)  # DeskError: the lock could not be taken
    trouble = Signal(str)  # a renewal failed or hangs ("" once one succeeded again)
    polled = Signal(object)  # who else holds the lock (holder, workstation, until) or None

    def __init__(
        self, service: WorkflowService, ticket_id: int, button: QPushButton, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.service, self.ticket_id, self.button = service, ticket_id, button
        self.lang = ui_lang()
        self.status = DialogStatus()
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self._take: BoundedSave | None = None
        self._renewal: BoundedCall | None = None
        self._poll: BoundedCall | None = None
        self._release: BoundedCall | None = None

    @property
    def taking(self) -> bool:
        return self._take is not None and self._take.saving

    @property
    def renewing(self) -> bool:
        return self._renewal is not None and self._renewal.running

    def take(self) -> None:
        """Take the lock and read the ticket afresh; again after a give-up is a retry."""
        if self._take is None or self._take.done:
            self._take = BoundedSave(self, self.service.release_thread, self.button, self.status)
            self._take.slow_ms, self._take.limit_ms = self.slow_ms, self.limit_ms
            self._take.landed.connect(self.taken)
            self._take.failed.connect(self._on_take_failed)
        service, ticket_id = self.service, self.ticket_id

        def work(_attempt: int) -> Any:
            service.lock(ticket_id)
            return service.get(ticket_id)

        self._take.start(work)

    def _on_take_failed(self, exc: DeskError) -> None:
        if isinstance(exc, LockedByOther):
            self.refused.emit()
        else:
            self.failed.emit(exc)

    def renew(self) -> None:
        """Renew on the timer; not while a renewal still waits for a hung share."""
        if self.renewing:
            return
        service, ticket_id = self.service, self.ticket_id
        call = self._call(lambda: service.lock(ticket_id))
        call.gave_up.connect(self._on_renewal_gave_up)
        call.finished.connect(self._on_renewal_finished)
        self._renewal = call
        call.start()

    def _on_renewal_gave_up(self) -> None:
        self.trouble.emit(
            self.tr(
                "Your edit lock could not be renewed: the database has not answered for %1 "
                "seconds (the share may be hanging). Your edits stay in the form; save them "
                "when the database answers again."
            ).replace("%1", f"{self.limit_ms / 1000:g}")
        )

    def _on_renewal_finished(self, _result: object, error: object) -> None:
        if isinstance(error, DeskError):
            self.trouble.emit(
                self.tr(
                    "Your edit lock could not be renewed: %1 Your edits stay in the form."
                ).replace("%1", error.message(self.lang))
            )
        else:
            self.trouble.emit("")

    def release(self) -> None:
        """Let go of the lock without waiting (it expires by itself if this fails)."""
        service, ticket_id = self.service, self.ticket_id
        self._release = self._call(_quietly(lambda: service.unlock(ticket_id)))
        self._release.start(timed=False)

    def shutdown(self, seconds: float = RELEASE_WAIT_S) -> None:
        """The worksheet closes: wait a little for the release, forget everything else."""
        take = self._take.call if self._take is not None else None
        for call in (take, self._renewal, self._poll):
            if call is not None:
                call.forget()
        if self._release is not None:
            self._release.wait(seconds)
            self._release.forget()

    def poll(self) -> None:
        """Ask who else holds the lock; the answer comes as ``polled`` (None if it fails)."""
        if self._poll is not None and self._poll.running:
            return
        service, ticket_id = self.service, self.ticket_id
        call = self._call(_quietly(lambda: service.lock_holder(ticket_id)))
        call.finished.connect(lambda held, _error: self.polled.emit(held))
        self._poll = call
        call.start(timed=False)

    def _call(self, fn: Callable[[], Any]) -> BoundedCall:
        return BoundedCall(
            fn, self.service.release_thread, self, slow_ms=self.slow_ms, limit_ms=self.limit_ms
        )


def _quietly(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` whose failure counts as no answer: a release or a poll nobody waits for may
    outlive the workspace it ran against (the window switched databases meanwhile)."""

    def run() -> Any:
        try:
            return fn()
        except Exception:
            return None

    return run
