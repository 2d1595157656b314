"""Export tickets to .xlsx and .csv, streaming: ids in batches, two raw queries per batch.

Cells never start a live formula: text beginning with = + - @ tab or CR gets an apostrophe in
front (and in xlsx is stored as a plain string).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import io
import os
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desk_gui.domain.enums import YES_NO, Satisfaction, Status
from desk_gui.domain.fields import Kind, column_fields
from desk_gui.domain.lang import Lang, is_zh, pick
from desk_gui.domain.log_render import render
from desk_gui.domain.masking import TextMasker, mask_requester
from desk_gui.domain.text import printable
from desk_gui.exchange.columns import COLUMNS, DATE_KEYS, header
from desk_gui.exchange.csv_masked import MaskedCsvLines
from desk_gui.exchange.csv_sql import CONTROL, CsvLines, is_utf8
from desk_gui.exchange.dates import format_datetime
from desk_gui.exchange.log_cells import LogCells
from desk_gui.exchange.masked_logs import masked_log_cells, masked_log_texts, maskers_of
from desk_gui.exchange.xlsx_stream import excel_serial, sample_cell, write_workbook
from desk_gui.store.database import current_database, read_transaction, translate_errors
from desk_gui.store.models import LogAuthor, LogEntry, Ticket
from desk_gui.store.office import office_masks_requester
from desk_gui.store.queue import QueueFilter, SortKey, ticket_ids
from desk_gui.store.read_ahead import read_ahead
from desk_gui.store.times import read_time

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_DANGER = frozenset(DANGEROUS)
DATE_FORMAT = "yyyy-mm-dd hh:mm"
BATCH = 1000
PROGRESS_ROWS = 100
"""Progress is reported (and a cancel noticed) every this many rows."""
WIDTHS = {f.key: f.column.width for f in column_fields() if f.column and f.column.width}
ENUMS: dict[str, type] = {f.key: f.enum for f in column_fields() if f.kind is Kind.ENUM and f.enum}
Value = str | datetime | None
Row = dict[str, Any]
# The ticket columns an export reads: each column's stored fields (the log has its own table).
_NAMES = ("id", *(name for f in column_fields() for name in f.columns))
_COLUMN_NAMES = tuple(dict.fromkeys(_NAMES))
_FIELDS = tuple(getattr(Ticket, name) for name in _COLUMN_NAMES)
Progress = Callable[[int, int], None]
_IDS = "__desk_ids__"


@dataclass(frozen=True)
class ExportOptions:
    """Language of headers and labels, masking (None: the office setting), the clock."""

    lang: Lang = "zh"
    mask_requester: bool | None = None
    now: datetime = field(default_factory=datetime.now)
    batch_size: int = BATCH


def neutralise(text: str) -> str:
    """Text that a spreadsheet shows as typed, never as a formula."""
    return "'" + text if text.startswith(DANGEROUS) else text


def _log_texts(
    db: pw.Database,
    chunk: Sequence[int],
    lang: Lang,
    maskers: dict[int, TextMasker] | None,
    cells: LogCells | None,
) -> dict[int, str]:
    """The log cell of each ticket of a batch: one line per entry, in log order, generated
    lines in the export's language. The one place that reads and renders the stored log.

    ``maskers``: each ticket's, applied to what the lines say (not to their times, which would
    only make the phone-number scan slower). ``cells``: SQLite puts the cells together."""
    if cells is not None:
        if maskers is None:
            return cells.cells(db, chunk)
        return masked_log_cells(db, chunk, cells, maskers)
    zh = is_zh(lang)
    colon = "：" if zh else ": "
    query = (
        LogEntry.select(
            LogEntry.ticket,
            LogEntry.at,
            LogAuthor.name,  # the log keeps the author's id (schema 21)
            LogEntry.text,
            LogEntry.text_en,
            LogEntry.args,
        )
        .join(LogAuthor, on=LogAuthor.id == LogEntry.author_id)
        .order_by(LogEntry.ticket, LogEntry.at, LogEntry.id)
    )
    rows = _fetch_in(db, query, LogEntry.ticket, chunk)
    parts: dict[int, tuple[list[str], list[str]]] = {}
    for ticket_id, at, author, text, text_en, args in rows:
        found = parts.get(ticket_id)
        if found is None:
            found = parts[ticket_id] = ([], [])
        found[0].append(f"{_minute_text(at)} {author}{colon}")
        found[1].append(_said(text, text_en, args, zh))
    if maskers is not None:
        return masked_log_texts(parts, maskers)
    return {
        ticket_id: "\n".join(h + s for h, s in zip(heads, saids, strict=True))
        for ticket_id, (heads, saids) in parts.items()
    }


def _said(text: str, text_en: str | None, args: str | None, zh: bool) -> str:
    """What a stored line says in the export's language (rendered where it has args)."""
    if args is not None:
        return render(args, "zh" if zh else "en")
    return text if zh or not text_en else text_en


def _sql_lines(db: pw.Database) -> bool:
    """Whether the lines and log cells are put together by the engine (SQLite)."""
    return isinstance(db, pw.SqliteDatabase)


def _fetch_in(
    db: pw.Database, query: pw.Select, column: pw.Field, ids: Sequence[int]
) -> list[tuple[Any, ...]]:
    """Raw rows of ``query`` where ``column`` is one of ``ids``.

    The ids are bound as parameters written into the SQL text directly: peewee builds a node
    per value of an IN list, which cost as much as reading the rows.
    """
    sql, params = query.where(column.in_(pw.SQL(_IDS))).sql()
    marks = ", ".join([db.param] * len(ids))
    cursor = db.execute_sql(sql.replace(_IDS, f"({marks})"), [*params, *ids])
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def _when(value: Any) -> datetime | None:
    """A stored time (SQLite keeps seconds or text, PostgreSQL a datetime) as a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return read_time(value)


def _minute_text(value: Any) -> str:
    """format_datetime of a stored time; SQLite's text form is sliced, not parsed."""
    if isinstance(value, str) and len(value) >= 16 and value[10] == " " and value[13] == ":":
        return value[:16]
    return format_datetime(_when(value))


def _feedback(row: Row, zh: bool, lang: Lang) -> str:
    if row["feedback_resolved"] is None:
        return ""
    i = 0 if zh else 1
    text = YES_NO[bool(row["feedback_resolved"])][i]
    if row["satisfaction"]:
        text += ("；" if i == 0 else "; ") + Satisfaction(row["satisfaction"]).label(lang)
    return text


def _overdue(row: Row, now: datetime, zh: bool) -> str:
    """是 when resolved after the resolve deadline, or still open past it."""
    due, resolved = _when(row["resolve_due"]), _when(row["resolved_at"])
    late = False
    if due is not None:
        late = resolved > due if resolved else Status(row["status"]).is_open and now > due
    return YES_NO[late][0 if zh else 1]


Cells = Callable[[Row, str], Any]
Time = Callable[[Any], Any]


def _free_text_columns() -> tuple[int, ...]:
    """Positions of the cells people write into: what masking scans (the log is masked line by
    line as it is read)."""
    computed = {"number", "requester", "overdue", *ENUMS, *DATE_KEYS}
    return tuple(
        i
        for i, f in enumerate(column_fields())
        if f.kind not in (Kind.LOG, Kind.FEEDBACK) and f.key not in computed
    )


def _column_cells(options: ExportOptions, mask: bool, time: Time) -> list[Cells]:
    """One function per column, chosen once per export: (stored row, log text) -> cell.

    ``time`` turns a stored time into the cell's value (text for csv, datetime for xlsx).
    """
    lang, now, zh = options.lang, options.now, is_zh(options.lang)
    labels = {key: {m.value: m.label(lang) for m in enum} for key, enum in ENUMS.items()}  # type: ignore[attr-defined]
    out: list[Cells] = []
    for f in column_fields():
        key = f.key
        if f.kind is Kind.LOG:
            out.append(lambda row, log: log)
        elif f.kind is Kind.FEEDBACK:
            out.append(lambda row, log: _feedback(row, zh, lang))
        elif key == "overdue":
            out.append(lambda row, log: _overdue(row, now, zh))
        elif key == "requester" and mask:
            out.append(lambda row, log: mask_requester(row["requester"]))
        elif key in ENUMS:
            out.append(_label_cell(key, labels[key]))
        elif key in DATE_KEYS:
            out.append(_time_cell(key, time))
        else:
            out.append(_text_cell(key))
    return out


def _label_cell(key: str, labels: dict[str, str]) -> Cells:
    return lambda row, log: labels[row[key]]


def _time_cell(key: str, time: Time) -> Cells:
    return lambda row, log: None if row[key] is None else time(row[key])


def _text_cell(key: str) -> Cells:
    return lambda row, log: str(row[key] or "")


def _batch(
    chunk: Sequence[int], lang: Lang, mask: bool, cells: LogCells | None
) -> tuple[list[Row], dict[int, str], dict[int, TextMasker]]:
    """Tickets, their logs and (masking) each one's masker for one batch of ids, read in one
    snapshot, cursors closed."""
    with read_transaction() as db:
        found = _fetch_in(db, Ticket.select(*_FIELDS), Ticket.id, chunk)
        tickets = [dict(zip(_COLUMN_NAMES, r, strict=True)) for r in found]
        maskers = maskers_of(tickets) if mask else {}
        logs = _log_texts(db, chunk, lang, maskers if mask else None, cells)
    by_id = {t["id"]: t for t in tickets}
    return [by_id[i] for i in chunk if i in by_id], logs, maskers


def _masking_chosen(options: ExportOptions) -> ExportOptions:
    """``options`` with masking decided (None: the office's setting)."""
    if options.mask_requester is not None:
        return options
    with translate_errors():
        return replace(options, mask_requester=office_masks_requester())


def _row_batches(
    ids: Sequence[int], options: ExportOptions, time: Time, log_cells: LogCells | None = None
) -> Generator[list[list[Any]], None, None]:
    """Each batch's rows, one list of cells per ticket, in ``ids`` order (times made by
    ``time``; text not yet neutralised).

    On SQLite a helper thread reads batch k + 1 (its own connection, a snapshot per batch,
    ``read_ahead``) while this one builds batch k's cells. ``log_cells``: the export's, kept by
    the caller across calls (else one for this call)."""
    options = _masking_chosen(options)
    mask = bool(options.mask_requester)
    cells = _column_cells(options, mask, time)
    free = _free_text_columns() if mask else ()
    db = current_database()
    own = log_cells is None and _sql_lines(db)
    log_cells = LogCells(options.lang) if own else log_cells
    size = options.batch_size
    chunks = [ids[start : start + size] for start in range(0, len(ids), size)]

    def read(chunk: Sequence[int]) -> tuple[list[Row], dict[int, str], dict[int, TextMasker]]:
        with translate_errors():
            return _batch(chunk, options.lang, mask, log_cells)

    reads = read_ahead(chunks, read) if log_cells is not None else (read(c) for c in chunks)
    try:
        for tickets, logs, maskers in reads:
            yield [_cells_of(row, logs, maskers, cells, free) for row in tickets]
    finally:
        reads.close()  # the helper thread stopped (a Cancel), its connection closed
        if own and log_cells is not None:  # the memo's table, on this thread's connection
            log_cells.close(db)


def _cells_of(
    row: Row,
    logs: dict[int, str],
    maskers: dict[int, TextMasker],
    cells: list[Cells],
    free: tuple[int, ...],
) -> list[Any]:
    """One ticket's cells; ``free``: the positions masked (the requester's name wherever
    written, and every phone number)."""
    out = [cell(row, logs.get(row["id"], "")) for cell in cells]
    if free:
        masked = maskers[row["id"]].many([out[i] for i in free])
        for i, text in zip(free, masked, strict=True):
            out[i] = text
    return out


def _rows(
    ids: Sequence[int], options: ExportOptions, time: Time, progress: Progress | None = None
) -> Iterator[list[Any]]:
    """``_row_batches`` one row at a time; ``progress(done, total)`` after every batch."""
    with contextlib.closing(_row_batches(ids, options, time)) as batches:
        for k, batch in enumerate(batches):
            yield from batch
            if progress:
                progress(min(len(ids), (k + 1) * options.batch_size), len(ids))


def iter_rows(ids: Sequence[int], options: ExportOptions) -> Iterator[list[Value]]:
    """One list of cell values per ticket, in ``ids`` order, read ``batch_size`` at a time."""
    return _rows(ids, options, _when)


def _xlsx_template(lang: Lang) -> Callable[[list[object]], Workbook]:
    def build(sample: list[object]) -> Workbook:
        wb = Workbook(write_only=True)
        ws = _xlsx_sheet(wb, lang)
        ws.append([sample_cell(ws, v, DATE_FORMAT) for v in sample])
        return wb

    return build


def _xlsx_sheet(wb: Workbook, lang: Lang) -> WriteOnlyWorksheet:
    ws = wb.create_sheet(pick(lang, "工单", "Tickets"))
    for i, (key, _, _) in enumerate(COLUMNS, start=1):
        width = WIDTHS.get(key, 17 if key in DATE_KEYS else 12)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    heads = []
    for key, _, _ in COLUMNS:
        cell = WriteOnlyCell(ws, value=header(key, lang))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
        heads.append(cell)
    ws.append(heads)
    return ws


def _xlsx_time(value: Any) -> float | datetime | None:
    """A date cell: the serial number straight from SQLite's seconds or text, or PostgreSQL's
    datetime."""
    return excel_serial(value) if isinstance(value, (str, int)) else _when(value)


def _xlsx_cells(rows: Iterator[list[Any]]) -> Iterator[list[Value]]:
    for cells in rows:
        yield [
            "'" + c if c.__class__ is str and c[:1] in _DANGER else c
            for c in cells  # neutralise
        ]


def write_xlsx(
    path: str | Path, ids: Sequence[int], options: ExportOptions, progress: Progress | None = None
) -> int:
    """Stream the tickets into an .xlsx workbook (the sheet's rows written as XML text)."""
    last = get_column_letter(len(COLUMNS))
    return write_workbook(
        path,
        _xlsx_template(options.lang),
        _xlsx_cells(_rows(ids, options, _xlsx_time, progress)),
        len(COLUMNS),
        lambda n: f"A1:{last}{n + 1}",
    )


def write_csv(
    path: str | Path, ids: Sequence[int], options: ExportOptions, progress: Progress | None = None
) -> int:
    """The tickets as UTF-8 CSV with a BOM, so Excel on Windows shows the Chinese; rows written.

    Unmasked on SQLite, each batch's lines come finished from SQLite (``csv_sql``); a masked
    export, PostgreSQL, or a batch with characters to take out goes cell by cell."""
    options = _masking_chosen(options)
    size = options.batch_size
    chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
    n = 0
    with contextlib.ExitStack() as stack:
        batches = _csv_batches(stack, ids, chunks, options)
        fh = stack.enter_context(open(path, "wb"))
        fh.write(
            codecs.BOM_UTF8 + _csv_bytes([[header(key, options.lang) for key, _, _ in COLUMNS]])
        )
        for k, (found, data) in enumerate(batches):
            fh.write(data)
            n += found
            if progress:
                progress(min(len(ids), (k + 1) * size), len(ids))
    return n


def _csv_batches(
    stack: contextlib.ExitStack[Any], ids: Sequence[int], chunks: list[Sequence[int]],
    options: ExportOptions,
) -> Iterator[tuple[int, bytes]]:  # fmt: skip
    """Each batch's (rows, bytes), read ahead on a helper thread; what stops the reading and
    drops the memos (a Cancel: progress raising) is put on ``stack``."""
    db = current_database()
    if not _sql_lines(db):
        by_cell = _cell_batches(ids, options, None)
        stack.callback(by_cell.close)
        return ((len(rows), _csv_bytes(rows)) for rows in by_cell)
    cells = LogCells(options.lang)  # the log of batches made cell by cell (or masked)
    stack.callback(cells.close, db)
    if not is_utf8(db):
        by_cell = _cell_batches(ids, options, cells)
        stack.callback(by_cell.close)
        return ((len(rows), _csv_bytes(rows)) for rows in by_cell)
    sql = CsvLines(options.lang, options.now, DANGEROUS, _minute_text, _overdue_cell(options))
    stack.callback(sql.close, db)
    read: Callable[[pw.Database, Sequence[int]], tuple[int, bytes] | None] = sql.batch
    if options.mask_requester:
        read = MaskedCsvLines(sql, _free_text_columns(), cells, DANGEROUS).batch
    lines = read_ahead(chunks, lambda chunk: _sql_batch(read, chunk))
    stack.callback(lines.close)
    return (
        _one_by_cell(chunk, options, cells) if made is None else made
        for chunk, made in zip(chunks, lines, strict=True)
    )


def _one_by_cell(
    chunk: Sequence[int], options: ExportOptions, cells: LogCells | None
) -> tuple[int, bytes]:
    """A batch SQLite's lines cannot hold (characters to take out), made cell by cell."""
    with contextlib.closing(_cell_batches(chunk, options, cells)) as one:
        rows = next(one)
    return len(rows), _csv_bytes(rows)


def _csv_bytes(rows: list[list[str]]) -> bytes:
    """Rows as csv.writer writes them, in UTF-8; a lone surrogate (never stored by Desk
    itself) becomes "?", not a crash."""
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    return text.getvalue().encode("utf-8", "replace")


def _overdue_cell(options: ExportOptions) -> Callable[[str, Any, Any], str]:
    zh = is_zh(options.lang)
    return lambda status, due, resolved: _overdue(
        {"status": status, "resolve_due": due, "resolved_at": resolved}, options.now, zh
    )


def _sql_batch(
    read: Callable[[pw.Database, Sequence[int]], tuple[int, bytes] | None], chunk: Sequence[int]
) -> tuple[int, bytes] | None:
    """One batch's (rows, lines) in ``chunk`` order, from SQLite, in one snapshot; None to
    make it cell by cell."""
    with translate_errors(), read_transaction() as db:
        return read(db, chunk)


def _cell_batches(
    ids: Sequence[int], options: ExportOptions, log_cells: LogCells | None
) -> Generator[list[list[str]], None, None]:
    """Each batch's rows cell by cell, neutralised, control characters taken out."""
    with contextlib.closing(_row_batches(ids, options, _minute_text, log_cells)) as batches:
        for batch in batches:
            rows: list[list[str]] = []
            for cells in batch:
                # neutralise, inline: a time's text never starts with a dangerous character.
                out = ["" if not c else "'" + c if c[0] in _DANGER else c for c in cells]
                if CONTROL.search("\n".join(out)):  # stored text with ESC, NUL …: taken out,
                    out = [neutralise(printable(c)) if c else "" for c in cells]  # neutralised
                rows.append(out)
            yield rows


def export_tickets(
    path: str | Path,
    fmt: str | None = None,
    *,
    flt: QueueFilter | None = None,
    ids: Sequence[int] | None = None,
    sort: SortKey | None = None,
    descending: bool = False,
    lang: Lang | None = None,
    mask: bool | None = None,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> int:
    """Export a selection (``ids``), a filter's tickets in queue order, or every ticket.

    ``fmt`` defaults to the file's suffix; ``lang`` and ``mask`` override ``options``.
    Returns the number of rows written. ``progress`` may raise to stop: no file is left then.
    """
    options = options or ExportOptions()
    if lang is not None or mask is not None:
        options = replace(
            options,
            lang=lang or options.lang,
            mask_requester=options.mask_requester if mask is None else mask,
        )
    fmt = fmt or Path(path).suffix.lower().lstrip(".")
    writer = write_xlsx if fmt == "xlsx" else write_csv if fmt == "csv" else None
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}")
    chosen = list(ids) if ids is not None else ticket_ids(flt, sort, descending)
    # Written under a temporary name beside the target and renamed at the end: an export that
    # fails or is cancelled (progress raising) leaves no partial file, nor a half-overwritten one.
    target = Path(path)
    part = target.with_name(f".{target.name}.part")
    if not target.parent.is_dir():  # before any writer opens a file there
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(target))
    try:
        if progress:
            progress(0, len(chosen))
        n = writer(part, chosen, options, progress)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n
