"""The queue's first page at start-up, read before the rest of the data layer is imported.

A window shows it while peewee, the store and the services load after its first paint
(issue 11); see ``store.first_page`` for when it steps aside (None) and the full path opens
the database instead.
"""

from __future__ import annotations

from desk_gui.store.first_page import FirstPage, read_first_page, sqlite_file

__all__ = ["FirstPage", "read_first_page", "sqlite_file"]
