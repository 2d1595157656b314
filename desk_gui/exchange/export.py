"""Export tickets to .xlsx and .csv, streaming: ids in batches, one log query per batch.

Cells never start a live formula: text beginning with = + - @ tab or CR gets an apostrophe in
front (and in xlsx is stored as a plain string).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desk_gui.domain.enums import YES_NO, Satisfaction, Status
from desk_gui.domain.fields import Kind, column_fields
from desk_gui.domain.lang import Lang, is_zh, pick
from desk_gui.domain.masking import mask_requester
from desk_gui.exchange.columns import COLUMNS, DATE_KEYS, header
from desk_gui.exchange.dates import format_datetime
from desk_gui.store.database import read_transaction, translate_errors
from desk_gui.store.models import LogEntry, Ticket
from desk_gui.store.office import office_masks_requester
from desk_gui.store.queue import QueueFilter, SortKey, ticket_ids

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
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
_FIELDS = tuple(getattr(Ticket, name) for name in dict.fromkeys(_NAMES))
Progress = Callable[[int, int], None]


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


LogLines = dict[int, list[tuple[datetime, str, str, str | None]]]


def _log_text(lines: list[tuple[datetime, str, str, str | None]], lang: Lang) -> str:
    """The log cell: one line per entry, generated lines in the export's language."""
    zh = is_zh(lang)
    colon = "：" if zh else ": "
    return "\n".join(
        f"{format_datetime(at)} {author}{colon}{text if zh or not text_en else text_en}"
        for at, author, text, text_en in lines
    )


def _feedback(row: Row, lang: Lang) -> str:
    if row["feedback_resolved"] is None:
        return ""
    i = 0 if is_zh(lang) else 1
    text = YES_NO[bool(row["feedback_resolved"])][i]
    if row["satisfaction"]:
        text += ("；" if i == 0 else "; ") + Satisfaction(row["satisfaction"]).label(lang)
    return text


def _overdue(row: Row, now: datetime, lang: Lang) -> str:
    """是 when resolved after the resolve deadline, or still open past it."""
    due, resolved = row["resolve_due"], row["resolved_at"]
    late = False
    if due is not None:
        late = resolved > due if resolved else Status(row["status"]).is_open and now > due
    return pick(lang, *YES_NO[late])


def _values(row: Row, log: str, options: ExportOptions, mask: bool) -> list[Value]:
    lang = options.lang
    out: list[Value] = []
    for f in column_fields():
        key = f.key
        if f.kind is Kind.LOG:
            out.append(log)
        elif f.kind is Kind.FEEDBACK:
            out.append(_feedback(row, lang))
        elif key == "overdue":
            out.append(_overdue(row, options.now, lang))
        elif key == "requester":
            out.append(mask_requester(row["requester"]) if mask else row["requester"])
        elif key in ENUMS:
            out.append(ENUMS[key](row[key]).label(lang))
        elif key in DATE_KEYS:
            out.append(row[key])
        else:
            out.append(str(row[key] or ""))
    return out


def _batch(chunk: Sequence[int]) -> tuple[list[Row], LogLines]:
    """Tickets and their logs for one batch of ids, read in one snapshot, cursors closed."""
    with read_transaction():
        query = Ticket.select(*_FIELDS).where(Ticket.id.in_(list(chunk)))
        found: Any = query.dicts()
        tickets: list[Row] = list(found)
        entries: list[Any] = list(
            LogEntry.select(
                LogEntry.ticket, LogEntry.at, LogEntry.author, LogEntry.text, LogEntry.text_en
            )
            .where(LogEntry.ticket.in_(list(chunk)))
            .order_by(LogEntry.ticket, LogEntry.at, LogEntry.id)
            .tuples()
        )
    logs: LogLines = {}
    for ticket_id, at, author, text, text_en in entries:
        logs.setdefault(ticket_id, []).append((at, author, text, text_en))
    by_id = {t["id"]: t for t in tickets}
    return [by_id[i] for i in chunk if i in by_id], logs


def iter_rows(ids: Sequence[int], options: ExportOptions) -> Iterator[list[Value]]:
    """One list of cell values per ticket, in ``ids`` order, read ``batch_size`` at a time."""
    mask = options.mask_requester
    if mask is None:
        with translate_errors():
            mask = office_masks_requester()
    for start in range(0, len(ids), options.batch_size):
        tickets, logs = _batch(ids[start : start + options.batch_size])
        for row in tickets:
            yield _values(row, _log_text(logs.get(row["id"], []), options.lang), options, mask)


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


def _xlsx_cell(ws: WriteOnlyWorksheet, value: Value) -> object:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if value and value.startswith(DANGEROUS):
        cell = WriteOnlyCell(ws, value=neutralise(value))
        cell.data_type = "s"
        return cell
    return value


def write_xlsx(
    path: str | Path, ids: Sequence[int], options: ExportOptions, progress: Progress | None = None
) -> int:
    """Stream the tickets into an .xlsx workbook (write-only mode); the number of rows."""
    wb = Workbook(write_only=True)
    ws = _xlsx_sheet(wb, options.lang)
    n = 0
    try:
        for values in iter_rows(ids, options):
            ws.append([_xlsx_cell(ws, v) for v in values])
            n += 1
            if progress and n % PROGRESS_ROWS == 0:
                progress(n, len(ids))
    except BaseException:
        ws.close()  # stopped (cancelled): end openpyxl's sheet writer, or it fails when collected
        raise
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{n + 1}"
    wb.save(str(path))
    return n


def write_csv(
    path: str | Path, ids: Sequence[int], options: ExportOptions, progress: Progress | None = None
) -> int:
    """The tickets as UTF-8 CSV with a BOM, so Excel on Windows shows the Chinese; rows written."""
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([header(key, options.lang) for key, _, _ in COLUMNS])
        for values in iter_rows(ids, options):
            writer.writerow(
                [
                    format_datetime(v) if isinstance(v, datetime) else neutralise(v or "")
                    for v in values
                ]
            )
            n += 1
            if progress and n % PROGRESS_ROWS == 0:
                progress(n, len(ids))
    return n


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
    try:
        if progress:
            progress(0, len(chosen))
        n = writer(part, chosen, options, progress)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n
