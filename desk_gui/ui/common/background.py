"""Work off the window's thread: queries and long jobs run in a small thread pool.

A job is a plain callable ``fn(job)`` run on a pool thread against the services; its result (or
its DeskError) comes back by a queued signal to the thread that owns the ``Jobs`` object and is
handed to ``done`` (or ``failed``) there. Each job has a *kind*: a newer job of the same kind
supersedes the older one, whose result is then dropped, never delivered (typing in the search
box). ``job.progress(done, total)`` reports progress and raises ``Cancelled`` once the job was
cancelled, so a long job stops at its next step (an import's transaction then rolls back).

peewee keeps one connection per thread: a pool thread opens its own connection to the bound
database on its first query, and ``release`` (the workspace's) closes it when each job ends, so
no connection outlives its job and none is left behind when the workspace closes. ``shutdown``
cancels every job and waits for the running ones: the window calls it before its workspace is
closed (a database switch) or its window is disposed of.

``Immediate`` runs jobs at once on the calling thread (the queue model's default outside a
window, for tests of its paging logic and for scripts).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from desk_gui.domain.errors import DeskError

__all__ = ["Cancelled", "Immediate", "Job", "Jobs", "ProgressJob", "Runner"]

Done = Callable[[Any], object]
Failed = Callable[[DeskError], None]
Progressed = Callable[[int, int], None]
MAX_THREADS = 2
"""Two workers: a page read never queues behind a long count or an export."""
PROGRESS_DELAY_MS = 400
"""A long job's progress dialog appears only if the job is still running after this long."""


class Cancelled(Exception):
    """Raised inside a job (by ``Job.progress`` / ``Job.check``) once it was cancelled."""


class _Relay(QObject):
    """Carries a job's outcome from its pool thread to the owner's thread (queued signals)."""

    finished = Signal(object, object)  # result, exception (None when it succeeded)
    progressed = Signal(int, int)


class Job:
    """One submitted piece of work: cancel it, or report progress from inside it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._cancelled = threading.Event()
        self._relay: _Relay | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Stop at the next step and drop the result (thread-safe)."""
        self._cancelled.set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled(self.kind)

    def progress(self, done: int, total: int) -> None:
        """Report progress from inside the job; raises Cancelled when it was cancelled."""
        self.check()
        if self._relay is not None:
            self._relay.progressed.emit(done, total)


class Runner(Protocol):
    """What the queue model needs to run its reads: ``Jobs`` or ``Immediate``."""

    def submit(
        self, kind: str, fn: Callable[[Job], Any], done: Done, failed: Failed | None = None
    ) -> Job: ...


class Immediate:
    """Runs each job at once on the calling thread (no window: tests and scripts)."""

    def submit(
        self, kind: str, fn: Callable[[Job], Any], done: Done, failed: Failed | None = None
    ) -> Job:
        job = Job(kind)
        try:
            result = fn(job)
        except DeskError as exc:
            if failed is not None:
                failed(exc)
            return job
        done(result)
        return job


class _Task(QRunnable):
    def __init__(self, job: Job, fn: Callable[[Job], Any], release: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._fn, self._release = job, fn, release

    def run(self) -> None:
        job = self._job
        result: Any = None
        error: BaseException | None = None
        try:
            if not job.cancelled:
                result = self._fn(job)
        except BaseException as exc:
            error = exc
        finally:
            try:
                self._release()
            except Exception as exc:
                error = error or exc
        assert job._relay is not None
        job._relay.finished.emit(result, error)


class Jobs(QObject):
    """A window's background workers: submit, supersede by kind, cancel, shut down."""

    settled = Signal()  # no job is pending any more (tests and the stall benchmark wait on it)

    def __init__(
        self,
        release: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
        max_threads: int = MAX_THREADS,
    ) -> None:
        super().__init__(parent)
        self._release = release
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._latest: dict[str, Job] = {}
        self._pending: dict[Job, _Relay] = {}
        self._shut = False

    @property
    def busy(self) -> bool:
        """Whether any job has not delivered its outcome yet."""
        return bool(self._pending)

    def submit(
        self,
        kind: str,
        fn: Callable[[Job], Any],
        done: Done,
        failed: Failed | None = None,
        progress: Progressed | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> Job:
        """Run ``fn(job)`` on a worker; ``done(result)`` or ``failed(error)`` here afterwards.

        A job of the same kind still pending is cancelled: its outcome is never delivered;
        ``cancelled()`` is called instead once it has stopped (not after ``shutdown``).
        After ``shutdown`` nothing runs (the job comes back cancelled).
        """
        job = Job(kind)
        if self._shut:
            job.cancel()
            return job
        older = self._latest.get(kind)
        if older is not None:
            older.cancel()
        self._latest[kind] = job
        relay = _Relay()  # lives on this thread: its signals are queued from the worker
        job._relay = relay
        relay.finished.connect(
            lambda result, error: self._deliver(job, result, error, done, failed, cancelled)
        )
        if progress is not None:
            relay.progressed.connect(lambda n, total: None if job.cancelled else progress(n, total))
        self._pending[job] = relay
        self._pool.start(_Task(job, fn, self._release))
        return job

    def cancel(self, kind: str) -> None:
        """Cancel the pending job of ``kind``, if any (its outcome is dropped)."""
        job = self._latest.get(kind)
        if job is not None:
            job.cancel()

    def shutdown(self) -> None:
        """Cancel everything and wait for the running jobs (before the workspace closes)."""
        self._shut = True
        for job in list(self._pending):
            job.cancel()
        self._pool.clear()  # queued, not started: never run
        self._pool.waitForDone()
        self._pending.clear()
        self._latest.clear()

    def _deliver(
        self,
        job: Job,
        result: Any,
        error: BaseException | None,
        done: Done,
        failed: Failed | None,
        cancelled: Callable[[], None] | None,
    ) -> None:
        if self._pending.pop(job, None) is None:
            return  # shut down meanwhile
        if self._latest.get(job.kind) is job:
            del self._latest[job.kind]
        try:
            if job.cancelled or isinstance(error, Cancelled):
                if cancelled is not None:
                    cancelled()
                return
            if isinstance(error, DeskError):
                if failed is not None:
                    failed(error)
            elif error is not None:
                raise error  # a bug: the crash path, as on the window's thread
            else:
                done(result)
        finally:
            if not self._pending:
                self.settled.emit()


class ProgressJob(QObject):
    """A long job behind a window-modal progress dialog whose Cancel cancels the job."""

    canceled = Signal()  # the user (or ``cancel()``) cancelled it; no outcome will come

    def __init__(
        self,
        parent: QWidget | None,
        jobs: Jobs,
        kind: str,
        label: str,
        fn: Callable[[Job], Any],
        done: Done,
        failed: Failed | None = None,
    ) -> None:
        super().__init__(parent)
        self._closed = False
        cancel = QCoreApplication.translate("Background", "Cancel")
        from PySide6.QtWidgets import QProgressDialog  # (its class: not at start-up)

        self.dialog = QProgressDialog(label, cancel, 0, 0, parent)
        self.dialog.setObjectName("progressDialog")
        self.dialog.setWindowTitle(QCoreApplication.translate("Background", "Desk"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)

        def finished(result: Any) -> None:
            self._close()
            done(result)

        def went_wrong(exc: DeskError) -> None:
            self._close()
            if failed is not None:
                failed(exc)

        self.job = jobs.submit(
            kind, fn, finished, went_wrong, self._on_job_progressed, cancelled=self.cancel
        )
        self.dialog.canceled.connect(self.cancel)

    def cancel(self) -> None:
        """Cancel: the job stops at its next step; nothing it did is kept."""
        if self._closed:
            return
        self.job.cancel()
        self._close()
        self.canceled.emit()

    def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()

    def _on_job_progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
