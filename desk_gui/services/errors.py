"""The errors a user can act on, as the ui and the CLI see them (they never import the store)."""

from __future__ import annotations

from desk_gui.domain.errors import DeskError, RuleViolation
from desk_gui.store.backup import SqliteOnly
from desk_gui.store.errors import (
    AttachmentTooLarge,
    ConflictError,
    DatabaseCorrupt,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnreachable,
    DiskFull,
    LockedByOther,
    NotDeskDatabase,
    NotFound,
    SchemaTooNew,
    SettingsConflict,
    SqliteTooOld,
    StoreError,
)

__all__ = [
    "AttachmentTooLarge",
    "ConflictError",
    "DatabaseCorrupt",
    "DatabaseIOError",
    "DatabaseLocked",
    "DatabaseReadOnly",
    "DatabaseUnreachable",
    "DeskError",
    "DiskFull",
    "LockedByOther",
    "NotDeskDatabase",
    "NotFound",
    "RuleViolation",
    "SchemaTooNew",
    "SettingsConflict",
    "SqliteOnly",
    "SqliteTooOld",
    "StoreError",
]
