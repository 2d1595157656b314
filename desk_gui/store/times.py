"""Times kept as seconds on SQLite (schema 20, ``domain.epoch``), as datetimes everywhere else;
the log's kinds as one-letter codes on SQLite (``domain.log_kind_codes``).

``EpochDateTimeField`` is a peewee DateTimeField whose value reaches a SQLite file as a number
(and comes back as the same datetime); on PostgreSQL it is the plain timestamp it always was.
Code working through the models sees datetimes either way; raw SQL over such a column on SQLite
reads ``text_sql`` of it where it wants the text it used to hold.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import peewee as pw

from desk_gui.domain.epoch import from_seconds, to_seconds
from desk_gui.domain.log_kind_codes import WORDS, code_of, word_of


def _on_sqlite(field: pw.Field) -> bool:
    db = field.model._meta.database
    return isinstance(getattr(db, "obj", db), pw.SqliteDatabase)


def sqlite_value(value: Any) -> Any:
    """What a SQLite file stores for a time (seconds), for raw INSERTs; anything else as is."""
    if isinstance(value, (datetime, date)):
        return to_seconds(value)
    if isinstance(value, str) and value[:1].isdigit() and "-" in value:
        return to_seconds(datetime.fromisoformat(value))
    return value


def read_time(value: Any) -> Any:
    """A time as a raw SQLite cursor returns it (seconds, or text in an older file) as a
    datetime; None and datetimes as they are."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_seconds(value)
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def text_sql(column: str) -> str:
    """SQLite SQL of a seconds column as text to the second (``YYYY-MM-DD HH:MM:SS``); NULL
    stays NULL, and text (a file before schema 20) stays as it is."""
    return (
        f"(CASE WHEN typeof({column}) = 'text' THEN {column} "
        f"ELSE datetime(CAST({column} AS INTEGER), 'unixepoch') END)"
    )


class EpochDateTimeField(pw.DateTimeField):
    """A DateTimeField stored as seconds on SQLite (``domain.epoch``)."""

    def db_value(self, value: Any) -> Any:
        if value is not None and _on_sqlite(self):
            return sqlite_value(value)
        return super().db_value(value)

    def python_value(self, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return from_seconds(value)
        return super().python_value(value)


class LogKindField(pw.CharField):
    """A log kind stored as its one-letter code on SQLite (``domain.log_kind_codes``), as its
    word on PostgreSQL; read back as the word from either form."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, str) and _on_sqlite(self):
            return code_of(value)
        return super().db_value(value)

    def python_value(self, value: Any) -> Any:
        return word_of(value) if isinstance(value, str) else value


def kind_word_sql(column: str) -> str:
    """SQLite SQL of a stored log kind (a code from schema 20 on, or a word) as its word."""
    whens = " ".join(f"WHEN '{code}' THEN '{word}'" for code, word in WORDS.items())
    return f"(CASE {column} {whens} ELSE {column} END)"
