"""The queue's first page at start-up, read before the rest of the data layer is imported.

A window shows it while peewee, the store and the services load after its first paint
(issue 11); see ``store.first_page`` for when it steps aside (None) and the full path opens
the database instead.
"""

from __future__ import annotations

from desk_gui.store import first_page
from desk_gui.store.first_page import FirstPage, read_first_page, sqlite_file

__all__ = ["FirstPage", "knows_the_schema", "read_first_page", "sqlite_file"]


def knows_the_schema() -> bool:
    """Whether the first page was read for the schema this program migrates to (asked once the
    data layer is loaded; a test keeps the two equal, this keeps a start right if they differ:
    a file still to migrate must not be shown before it is)."""
    from desk_gui.store.migrations import SCHEMA_VERSION

    return first_page.SCHEMA_VERSION == SCHEMA_VERSION
