"""Consistent copies of the live database and a health check of a database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_gui.store import schema
from desk_gui.store.errors import DatabaseLocked, DatabaseUnreachable, DiskFull, StoreError
from desk_gui.store.migrations import SCHEMA_VERSION, VERSION_KEY
from desk_gui.store.models import database_proxy
from desk_gui.store.sqlite_file import connect_file, copy_database_file


def _current_file() -> Path:
    db = database_proxy.obj
    name = getattr(db, "database", None)
    if db is None or not isinstance(name, str) or "://" in name:
        raise StoreError("backup needs an open SQLite database or an explicit source file")
    return Path(name)


def backup_database(dest: Path, src: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write a consistent copy of ``src`` (default: the open database) to ``dest``."""
    source = src if src is not None else _current_file()
    if not source.is_file():
        raise DatabaseUnreachable(str(source))
    if dest.exists() and not overwrite:
        raise FileExistsError(dest)
    if not dest.parent.is_dir():
        raise DatabaseUnreachable(str(dest.parent))
    try:
        copy_database_file(source, dest)
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "full" in text:
            raise DiskFull(text) from exc
        if "locked" in text or "busy" in text:
            raise DatabaseLocked(text) from exc
        raise DatabaseUnreachable(text) from exc
    return dest


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    cursor = conn.execute(sql)
    try:
        return [tuple(r) for r in cursor.fetchall()]
    finally:
        cursor.close()


def check_database(path: Path) -> list[str]:
    """Problems found in the file at ``path``; an empty list means healthy."""
    if not path.is_file():
        return [f"file not found: {path}"]
    try:
        conn = connect_file(path, readonly=True)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        return _check(conn)
    except sqlite3.DatabaseError as exc:
        return [f"not a readable database: {exc}"]
    finally:
        conn.close()


def _check(conn: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    messages = [str(r[0]) for r in _rows(conn, "PRAGMA integrity_check")]
    if messages != ["ok"]:
        problems.extend(f"integrity: {m}" for m in messages)
    master = _rows(conn, "SELECT type, name FROM sqlite_master")
    tables = {str(name) for kind, name in master if kind == "table"}
    triggers = {str(name) for kind, name in master if kind == "trigger"}
    if "meta" not in tables:
        return [*problems, "not a Desk database (no meta table)"]
    for table, rowid, parent, _fk in _rows(conn, "PRAGMA foreign_key_check"):
        problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
    found = _rows(conn, f"SELECT value FROM meta WHERE key = '{VERSION_KEY}'")
    version = int(str(found[0][0])) if found else 0
    if version != SCHEMA_VERSION:
        problems.append(f"schema version {version}, this program expects {SCHEMA_VERSION}")
    problems.extend(
        f"log guard trigger missing: {name}"
        for name in schema.LOG_TRIGGER_NAMES
        if name not in triggers
    )
    problems.extend(_check_fts(conn, tables))
    return problems


def _check_fts(conn: sqlite3.Connection, tables: set[str]) -> list[str]:
    """The search index holds exactly one row per ticket."""
    if schema.FTS_TABLE not in tables:
        return ["search index missing"]
    tickets = _rows(conn, "SELECT count(*) FROM ticket")[0][0]
    indexed = _rows(conn, f"SELECT count(*) FROM {schema.FTS_TABLE}")[0][0]
    problems = []
    if tickets != indexed:
        problems.append(f"search index has {indexed} rows for {tickets} tickets")
    stray = _rows(
        conn,
        f"SELECT count(*) FROM {schema.FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM ticket)",
    )[0][0]
    if stray:
        problems.append(f"search index has {stray} rows of missing tickets")
    return problems
