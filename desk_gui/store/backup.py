"""Consistent copies of the live database and a health check of a database file (SQLite only).

A PostgreSQL database is backed up and checked with the server's own tools (``pg_dump``,
``pg_amcheck``); both functions refuse a server URL with a plain message.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee as pw

from desk_gui.store import log_chain, rollup_sql, schema
from desk_gui.store.database import connect_database, is_server_url
from desk_gui.store.error_codes import classify, classify_os_error
from desk_gui.store.errors import (
    DatabaseCorrupt,
    DatabaseUnreachable,
    DatabaseUnreadable,
    StoreError,
    TargetExists,
)
from desk_gui.store.migrations import SCHEMA_VERSION, VERSION_KEY, schema_version
from desk_gui.store.models import database_proxy
from desk_gui.store.sqlite_file import connect_file, copy_database_file

_SQLITE_HEADER = b"SQLite format 3\x00"


class SqliteOnly(StoreError):
    """A file-level command asked of a server database."""

    zh = "此命令只适用于 SQLite 数据库文件。PostgreSQL 数据库请用服务器自带的工具备份和检查（pg_dump、pg_amcheck）。"
    en = (
        "This command works on SQLite database files only. Back up and check a PostgreSQL "
        "database with the server's own tools (pg_dump, pg_amcheck)."
    )


def refuse_server_url(target: str | os.PathLike[str]) -> None:
    """Raise SqliteOnly when ``target`` is a server URL rather than a file."""
    if is_server_url(target):
        raise SqliteOnly()


def _current_file() -> Path:
    db = database_proxy.obj
    name = getattr(db, "database", None)
    if db is not None and not isinstance(db, pw.SqliteDatabase):
        raise SqliteOnly()
    if db is None or not isinstance(name, str) or "://" in name:
        raise StoreError("backup needs an open SQLite database or an explicit source file")
    return Path(name)


def _require_file(path: Path) -> None:
    """Refuse a missing or empty file: where a share's database should be, it is none."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            raise DatabaseUnreachable(f"{path}: no database file")
    except OSError as exc:
        raise classify_os_error(exc, str(path)) from exc


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def backup_database(
    dest: Path, src: str | os.PathLike[str] | None = None, *, overwrite: bool = False
) -> Path:
    """Write a consistent copy of ``src`` (default: the open database) to ``dest``."""
    if src is not None:
        refuse_server_url(src)
    source = Path(src) if src is not None else _current_file()
    _require_file(source)
    if dest.exists() and (not overwrite or dest.is_dir() or _same_file(dest, source)):
        raise TargetExists(str(dest))
    if not dest.parent.is_dir():
        raise DatabaseUnreachable(str(dest.parent))
    try:
        copy_database_file(source, dest)
    except sqlite3.Error as exc:
        raise (classify(exc, source) or DatabaseUnreachable(str(exc))) from exc
    except OSError as exc:
        raise classify_os_error(exc, str(dest)) from exc
    return dest


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    cursor = conn.execute(sql)
    try:
        return [tuple(r) for r in cursor.fetchall()]
    finally:
        cursor.close()


def check_database(target: str | os.PathLike[str]) -> list[str]:
    """Problems found in the file at ``target``; an empty list means healthy.

    A file that cannot be checked at all (missing, unreadable, not a database) raises the
    StoreError that says why, so the caller prints one plain line. A PostgreSQL URL gets the
    checks that are Desk's own (schema version, log guard, log chain); the server's tools check
    its storage.
    """
    if is_server_url(target):
        return _check_server(os.fspath(target))
    path = Path(target)
    _require_file(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise classify_os_error(exc, str(path)) from exc
    if head != _SQLITE_HEADER:
        raise DatabaseCorrupt(f"{path}: not an SQLite database")
    try:
        conn = connect_file(path, readonly=True)
    except sqlite3.Error as exc:
        raise (classify(exc, path) or DatabaseUnreachable(str(exc))) from exc
    try:
        return _check(conn)
    except sqlite3.Error as exc:
        found = classify(exc, path)
        if found is None or isinstance(found, DatabaseUnreadable | DatabaseCorrupt):
            # Reading every page is the check: SQLite finding one malformed is the verdict.
            return [f"damaged: {' '.join(str(exc).split())}"]
        raise found from exc
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
    stamp = str(found[0][0]) if found else "0"
    if not stamp.strip().isdigit():
        return [*problems, f"schema version {stamp!r} is not a number"]
    if int(stamp) != SCHEMA_VERSION:
        problems.append(f"schema version {int(stamp)}, this program expects {SCHEMA_VERSION}")
    guards = (*schema.LOG_TRIGGER_NAMES, *_author_guards(tables))
    problems.extend(f"log guard trigger missing: {name}" for name in guards if name not in triggers)
    problems.extend(_check_fts(conn, tables))
    if "report_day" in tables:  # schema 14 on: without a trigger the report's totals drift
        problems.extend(f"report totals trigger missing: {name}"
                        for name in rollup_sql.TRIGGER_NAMES if name not in triggers)  # fmt: skip
    columns = {str(r[1]) for r in _rows(conn, "PRAGMA table_info(log_entry)")}
    if "chain" in columns:  # schema 13 on
        problems.extend(log_chain.check_sqlite(conn))
    return problems


def _check_server(url: str) -> list[str]:
    db = connect_database(url, create=False, migrate=False)
    try:
        problems = []
        version = schema_version(db)
        if not db.table_exists("log_entry"):  # an empty database, or not Desk's
            return [f"no Desk tables here (schema version {version})"]
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, this program expects {SCHEMA_VERSION}")
        tables = set(db.get_tables())
        logs = ", ".join(f"'{t}'::regclass" for t in ("log_entry", *_author_table(tables)))
        cursor = db.execute_sql(
            f"SELECT tgname FROM pg_trigger WHERE tgrelid IN ({logs}) AND tgenabled <> 'D'"
        )
        triggers = {str(r[0]) for r in cursor.fetchall()}
        cursor.close()
        guards = (*schema.LOG_TRIGGER_NAMES, *_author_guards(tables))
        problems.extend(
            f"log guard trigger missing: {name}" for name in guards if name not in triggers
        )
        if "chain" in {c.name for c in db.get_columns("log_entry")}:
            problems.extend(log_chain.check_server(db))
        return problems
    finally:
        db.close()


def _author_table(tables: set[str]) -> tuple[str, ...]:
    return (schema.AUTHOR_TABLE,) if schema.AUTHOR_TABLE in tables else ()


def _author_guards(tables: set[str]) -> tuple[str, ...]:
    """The log authors' guards, in a file that has them (schema 21 on): the chain covers the
    names, so a name changed behind its id is a change of every line it wrote."""
    return schema.AUTHOR_TRIGGER_NAMES if _author_table(tables) else ()


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
    if schema.FTS_DOC_TABLE in tables:  # schema 7 on: the saved copies a delete needs
        saved = _rows(conn, f"SELECT count(*) FROM {schema.FTS_DOC_TABLE}")[0][0]
        if saved != indexed:
            problems.append(f"search index has {saved} saved rows for {indexed} indexed")
    return problems
