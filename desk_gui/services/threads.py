"""The end of a worker thread's use of the database, for windows that hold no service."""

from __future__ import annotations

from desk_gui.store.database import release_thread_connection


def release_thread() -> None:
    """Close the calling (worker) thread's connection once its one save is done."""
    release_thread_connection()
