"""Reading batches on a helper thread while the caller handles the previous one.

A long export reads ~100 batches, each one statement whose work SQLite does without Python's
lock; a second thread with its own connection reads batch k + 1 while the caller reads batch k
(so two cores work). Results come back in order; the helper's connection is closed when the
reading ends, finished, failed or abandoned (a Cancel).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

from desk_gui.store.database import release_thread_connection

T = TypeVar("T")
R = TypeVar("R")


def read_ahead(chunks: Sequence[T], read: Callable[[T], R]) -> Generator[R, None, None]:
    """``read(chunk)`` of every chunk, in order: even ones on the calling thread, odd ones on
    one helper thread (its own connection), at most one result waiting. A failure on the
    helper is raised here, at its chunk."""
    if len(chunks) < 2:
        yield from (read(c) for c in chunks)
        return
    results: queue.Queue[tuple[bool, R | BaseException]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def helper() -> None:
        try:
            for chunk in chunks[1::2]:
                if stop.is_set():
                    return
                try:
                    item: tuple[bool, R | BaseException] = (True, read(chunk))
                except BaseException as exc:  # handed to the caller at this chunk
                    item = (False, exc)
                while not stop.is_set():
                    try:
                        results.put(item, timeout=0.05)
                        break
                    except queue.Full:
                        continue
                if not item[0]:
                    return
        finally:
            release_thread_connection()

    thread = threading.Thread(target=helper, name="desk-read-ahead", daemon=True)
    thread.start()
    try:
        for i, chunk in enumerate(chunks):
            if i % 2 == 0:
                yield read(chunk)
                continue
            ok, value = results.get()
            if not ok:
                assert isinstance(value, BaseException)
                raise value
            yield value  # type: ignore[misc]
    finally:
        stop.set()  # the helper stops at its next chunk or wait
        thread.join()
