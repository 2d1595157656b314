"""The spreadsheet columns Desk exports and recognises on import, built from domain.fields."""

from __future__ import annotations

from functools import cache

from desk_gui.domain.fields import Entry, Field, Kind, column_fields, field
from desk_gui.domain.lang import Lang

# (key, zh, en) in export order: the template's 15 fields, then the fields beside it.
COLUMNS: tuple[tuple[str, str, str], ...] = tuple(
    (f.key, f.header("zh"), f.header("en")) for f in column_fields()
)

# Columns the exporter computes: read on import only to be ignored.
COMPUTED = frozenset(f.key for f in column_fields() if f.entry is Entry.COMPUTED)
DATE_KEYS = frozenset(f.key for f in column_fields() if f.kind is Kind.DATETIME)
# An import refuses a sheet without one of these.
REQUIRED = tuple(f.key for f in column_fields() if f.column and f.column.required)


def column(key: str) -> Field:
    """The declared field behind the column ``key``."""
    found = field(key)
    if found.column is None:
        raise KeyError(key)
    return found


def header(key: str, lang: Lang) -> str:
    """The column's header in ``lang``."""
    return column(key).header(lang)


def _norm(text: str) -> str:
    return " ".join(str(text).replace("\u3000", " ").split()).strip().lower().rstrip(":：")


@cache
def header_index() -> dict[str, str]:
    """Normalised header text → column key, for both languages and the aliases."""
    index: dict[str, str] = {}
    for f in column_fields():
        for name in (f.header("zh"), f.header("en"), f.key):
            index[_norm(name)] = f.key
    for f in column_fields():
        assert f.column is not None
        for name in f.column.aliases:
            index.setdefault(_norm(name), f.key)
    return index


def key_for(text: object) -> str | None:
    """The column key a header names, or None when Desk does not know it."""
    return header_index().get(_norm(str(text or "")))
