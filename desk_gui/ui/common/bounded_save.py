"""A dialog's save through ``BoundedCall``: the line saying it is slow or was given up on, the
button that turns into Retry, and the rule that the first attempt to land wins.

Every window write that is not a whole form of its own (the new-ticket form, the worksheet's
field saves) goes through ``BoundedSave``: action dialogs, the edit lock, attachments, staff
accounts, settings, knowledge articles, problems. What the user typed stays in the dialog
whatever happens; ``fn(attempt)`` is told which attempt it is, so a retry can check whether an
attempt given up on got through after all (a ticket's version, a log line already there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QPushButton

from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS, BoundedCall

STYLE = "background:#fff4e5; color:#663c00; border:1px solid #f0c36d; padding:6px;"


class SaveStatus(QLabel):
    """Hidden unless a save is slow or the form stopped waiting for it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("saveStatus")
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.hide()

    def show_slow(self) -> None:
        self._say(
            self.tr("Still saving… the database is answering slowly. Your edits stay in the form.")
        )

    def show_gave_up(self, seconds: float) -> None:
        self._say(
            self.tr(
                "The database has not answered for %1 seconds (the share may be hanging), so "
                "your edits may not be saved yet; they stay in the form. Save again to retry: "
                "if the first attempt got through meanwhile, the worksheet shows it instead of "
                "saving twice."
            ).replace("%1", f"{seconds:g}")
        )

    def clear(self) -> None:
        self.setText("")
        self.hide()

    def _say(self, text: str) -> None:
        self.setText(text)
        self.show()


class DialogStatus(SaveStatus):
    """The same line in a dialog: its give-up message names the dialog's Retry."""

    def show_gave_up(self, seconds: float) -> None:
        self._say(
            self.tr(
                "The database has not answered for %1 seconds (the share may be hanging), so "
                "this may not be saved yet. What you entered is still here. Retry saves it "
                "once: if the first attempt got through meanwhile, it is not done twice."
            ).replace("%1", f"{seconds:g}")
        )


class BoundedSave(QObject):
    """Run a dialog's saves one at a time off the window's thread, each waited for a while.

    ``landed`` carries the result of the first attempt that succeeds, whenever it comes (one
    given up on included); later outcomes are dropped. ``failed`` carries the DeskError of the
    newest attempt only: an older one's failure is dropped once a newer attempt runs.
    """

    landed = Signal(object)
    failed = Signal(object)  # DeskError
    waiting = Signal(bool)  # the dialog waits for a save

    def __init__(
        self,
        parent: QObject,
        release: Callable[[], None],
        button: QPushButton | None = None,
        status: SaveStatus | None = None,
    ) -> None:
        super().__init__(parent)
        self.status = status or DialogStatus()
        self.button = button
        self._label = button.text() if button is not None else ""
        self._release = release
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self.attempts = 0
        self.done = False
        self._call: BoundedCall | None = None

    @property
    def call(self) -> BoundedCall | None:
        """The newest attempt."""
        return self._call

    @property
    def saving(self) -> bool:
        """Whether an attempt runs and the dialog still waits for it."""
        return self._call is not None and self._call.running and not self._call.abandoned

    @property
    def retrying(self) -> bool:
        """Whether an earlier attempt was given up on or failed (the next one is a retry)."""
        return self.attempts > 0 and not self.done

    def start(self, fn: Callable[[int], Any]) -> None:
        """Run ``fn(attempt)`` (1 for the first) unless one runs or one landed already."""
        if self.saving or self.done:
            return
        self.attempts += 1
        attempt = self.attempts
        call = BoundedCall(
            lambda: fn(attempt), self._release, self, slow_ms=self.slow_ms, limit_ms=self.limit_ms
        )
        call.slow.connect(self.status.show_slow)
        call.gave_up.connect(self._on_call_gave_up)
        call.finished.connect(lambda result, error: self._on_finished(call, result, error))
        self._call = call
        self._set_waiting(True)
        call.start()

    def _set_waiting(self, waiting: bool) -> None:
        if self.button is not None:
            self.button.setEnabled(not waiting)
            if not waiting and not self.done:
                self.button.setText(self.tr("Retry"))
            elif waiting:
                self.button.setText(self.tr("Saving…"))
        self.waiting.emit(waiting)

    def _on_call_gave_up(self) -> None:
        self.status.show_gave_up(self.limit_ms / 1000)
        self._set_waiting(False)

    def _on_finished(self, call: BoundedCall, result: object, error: object) -> None:
        if self.done:
            return  # an earlier attempt landed: this one changed nothing or is dropped
        if error is None:
            self.done = True
            self.status.clear()
            if self.button is not None:
                self.button.setText(self._label)
                self.button.setEnabled(True)
            self.waiting.emit(False)
            self.landed.emit(result)
            return
        if call is not self._call:
            return  # the newer attempt decides
        self.status.clear()
        self._set_waiting(False)
        self.failed.emit(error)

    def reset(self) -> None:
        """The user changed what is to be saved: the next attempt is a first one again."""
        if not self.saving and self.button is not None:
            self.button.setText(self._label)
