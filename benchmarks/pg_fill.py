"""Fill a PostgreSQL database with a SQLite demo's tickets and their search rows, by COPY.

Usage: python benchmarks/pg_fill.py --url postgresql://desk:desk@127.0.0.1/desk_big
       --db /tmp/deskbench/demo-1000000.db

The database gets Desk's schema (``open_database``), then every ticket of the demo file and
its ``ticket_search`` row, worked out from the file's tickets and log lines as the index reads
them (``search.ticket_index_row``; the saved copies are mostly references now) by
``pg_search.row_of``, the function every write path uses. The handling log is left out
(10 log lines a ticket; search reads only ``ticket_search``). Generating 1M tickets through
Desk's own PostgreSQL path would take an hour; COPY takes minutes.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from desk_gui.store import pg_search, search
from desk_gui.store.database import close_database, open_database

CHUNK = 20_000
STOP = Path("/tmp/pg_fill.stop")
"""Its existence ends the search rows early: the tickets without one are deleted."""


def _copy_value(value: object) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(
    cursor: object, table: str, columns: list[str], rows: Iterable[tuple[object, ...]]
) -> None:
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(_copy_value(v) for v in row))
        buf.write("\n")
    buf.seek(0)
    cols = ", ".join(f'"{c}"' for c in columns)
    cursor.copy_expert(f'COPY "{table}" ({cols}) FROM STDIN', buf)  # type: ignore[attr-defined]


def _chunks(con: sqlite3.Connection, sql: str) -> Iterator[list[tuple[object, ...]]]:
    cursor = con.execute(sql)
    while rows := cursor.fetchmany(CHUNK):
        yield rows


def _array(tokens: list[str]) -> str:
    return "{" + ",".join(f'"{t}"' for t in tokens) + "}"


_MEMO = search.IndexTextMemo()


def _index_rows(con: sqlite3.Connection, ids: list[int]) -> list[tuple[object, ...]]:
    """The index rows of tickets ``ids`` (ascending), from their fields and log lines."""
    fields = "id, number, title, description, solution, requester, department"
    span = (ids[0], ids[-1])
    tickets = con.execute(f"SELECT {fields} FROM ticket WHERE id BETWEEN ? AND ?", span)
    logs: dict[int, list[str]] = {}
    lines = "SELECT ticket_id, text, args FROM log_entry WHERE ticket_id BETWEEN ? AND ?"
    for tid, text, args in con.execute(lines + " ORDER BY ticket_id, id", span):
        logs.setdefault(int(tid), []).append(search.said(text, args))
    if len(_MEMO) > 200_000:
        _MEMO.clear()
    names = fields.split(", ")
    wanted = set(ids)
    return [
        search.ticket_index_row(
            dict(zip(names, t, strict=True)), logs.get(t[0], []), _MEMO.__getitem__
        )
        for t in tickets
        if t[0] in wanted
    ]


def _search_rows(raw: Any, con: sqlite3.Connection, cursor: Any) -> None:
    """Every ticket's search row, committed chunk by chunk (a rerun resumes after the last)."""
    cursor.execute(f'SELECT coalesce(max("id"), 0) FROM "{pg_search.TABLE}"')
    last = int(cursor.fetchone()[0])
    t0 = time.perf_counter()
    sql = f"SELECT id, doc FROM ticket_fts_doc WHERE id > {last} ORDER BY id"
    for n, docs in enumerate(_chunks(con, sql)):
        if STOP.exists():  # a smaller database, of the oldest tickets, rather than none
            cursor.execute('DELETE FROM "ticket" WHERE "id" > %s', (int(docs[0][0]) - 1,))
            raw.commit()
            print(f"stopped: {int(docs[0][0]) - 1:,} tickets kept", flush=True)
            break
        if n % 10 == 0:
            print(f"  {last + n * CHUNK:,} search rows", flush=True)
        rows = [pg_search.row_of(list(r)) for r in _index_rows(con, [int(d[0]) for d in docs])]
        _copy(cursor, pg_search.TABLE, ["id", "tokens", "doc"],
              ((r.id, _array(r.tokens), r.doc) for r in rows))  # fmt: skip
        words = sorted(set().union(*(r.words for r in rows)))
        cursor.execute(pg_search.WORD_SQL, (words,))
        raw.commit()
    print(f"search rows written in {time.perf_counter() - t0:.0f} s", flush=True)


def fill(url: str, demo: Path) -> None:
    """Desk's schema on ``url`` (its tickets and search rows replaced by the demo's)."""
    db = open_database(url)
    con = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
    pg_columns = {c.name for c in db.get_columns("ticket")}
    columns = [r[1] for r in con.execute("PRAGMA table_info(ticket)") if r[1] in pg_columns]
    raw = db.connection()
    raw.autocommit = False
    with raw.cursor() as cursor:
        cursor.execute('SELECT count(*) FROM "ticket"')
        copied = cursor.fetchone()[0] == con.execute("SELECT count(*) FROM ticket").fetchone()[0]
        cursor.execute(f'DROP INDEX IF EXISTS "{pg_search.TABLE}_tokens"')
        if not copied:  # a rerun keeps the tickets copied before
            cursor.execute(f'TRUNCATE "ticket", "{pg_search.WORDS}" CASCADE')
            t0 = time.perf_counter()
            for rows in _chunks(con, f"SELECT {', '.join(columns)} FROM ticket ORDER BY id"):
                _copy(cursor, "ticket", columns, rows)
            print(f"tickets copied in {time.perf_counter() - t0:.0f} s", flush=True)
        raw.commit()
        _search_rows(raw, con, cursor)
        t0 = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(pg_search.INDEX_SQL)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('ticket', 'id'), (SELECT max(id) FROM ticket))"
        )
        print(f"GIN index built in {time.perf_counter() - t0:.0f} s", flush=True)
    raw.commit()
    raw.autocommit = True
    with raw.cursor() as cursor:
        cursor.execute('VACUUM ANALYZE "ticket"')
        cursor.execute(f'VACUUM ANALYZE "{pg_search.TABLE}"')
    con.close()
    close_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", type=Path, required=True, help="a SQLite demo file")
    args = parser.parse_args()
    fill(args.url, args.db)


if __name__ == "__main__":
    main()
