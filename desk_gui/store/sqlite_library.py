"""SQLite's process-wide configuration, set once before the process's first connection.

By default SQLite counts every allocation under one mutex of the whole process
(``SQLITE_DEFAULT_MEMSTATUS=1``, kept by Debian's and python.org's builds; Debian's also omits
the per-connection lookaside allocator, so every string a statement builds is a ``malloc``).
Two connections working in two threads then take turns on that mutex: an export's two readers
(``read_ahead``) used twice the CPU of one and finished no sooner. SQLite's own list of
recommended options turns the counting off (https://sqlite.org/compile.html, "Recommended
Compile-time Options"); a built library can only be told before its first connection
(``sqlite3_config``), which is what ``untrack_memory`` does. Nothing in Desk reads the counts.
"""

from __future__ import annotations

import ctypes
import os
import threading

_CONFIG_MEMSTATUS = 9  # SQLITE_CONFIG_MEMSTATUS
_SQLITE_OK = 0
_lock = threading.Lock()
_asked = False
untracked = False
"""Whether SQLite stopped counting allocations in this process (a connection opened before
``untrack_memory`` keeps the default: SQLite then refuses the change, harmlessly)."""


def _library() -> ctypes.CDLL | None:
    """The SQLite library the ``sqlite3`` module uses (already loaded), or None."""
    import _sqlite3  # the extension module: its file links the library (or holds it)

    names: list[str | None] = []
    module = getattr(_sqlite3, "__file__", None)
    if module:
        names.append(module)  # dlsym on it also searches the libraries it loaded
    if os.name == "nt":
        names.append("sqlite3.dll")  # the loaded module of that name, not a second copy
    names.append(None)  # a build that links SQLite into the interpreter
    for name in names:
        try:
            lib = ctypes.CDLL(name)
            lib.sqlite3_config  # noqa: B018 - a library without it is not SQLite
        except (OSError, AttributeError, TypeError):  # TypeError: None on Windows
            continue
        return lib
    return None


def untrack_memory() -> bool:
    """Turn SQLite's allocation counting off, once per process, unless a connection is open;
    whether it is off. Never raises: SQLite is only slower with it on."""
    global _asked, untracked
    with _lock:
        if not _asked:
            _asked = True
            try:
                lib = _library()
                untracked = lib is not None and _untrack(lib)
            except Exception:  # an odd build: keep SQLite's default
                untracked = False
        return untracked


def _untrack(lib: ctypes.CDLL) -> bool:
    """``untrack_memory`` on ``lib``. The ``sqlite3`` module initialises SQLite on import,
    after which SQLite takes the setting only between ``sqlite3_shutdown`` and its next
    start: done only when nothing SQLite allocated is alive (no connection, no statement of
    any thread), which the counts themselves show."""
    if lib.sqlite3_config(_CONFIG_MEMSTATUS, ctypes.c_int(0)) == _SQLITE_OK:
        return True  # not started yet
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    lib.sqlite3_malloc.restype = ctypes.c_void_p
    lib.sqlite3_free.argtypes = [ctypes.c_void_p]
    alive = lib.sqlite3_memory_used()
    probe = lib.sqlite3_malloc(64)
    counted = lib.sqlite3_memory_used() > alive
    lib.sqlite3_free(probe)
    if not counted:
        return True  # built without the counts
    if alive != 0 or lib.sqlite3_shutdown() != _SQLITE_OK:
        return False  # something is open: never shut SQLite down under it
    done = lib.sqlite3_config(_CONFIG_MEMSTATUS, ctypes.c_int(0)) == _SQLITE_OK
    lib.sqlite3_initialize()
    return done
