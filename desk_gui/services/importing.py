"""Importing the old worksheet spreadsheet: all rows in one transaction, or none.

The whole import runs inside one outer ``write_transaction()`` (BEGIN IMMEDIATE), so imports
from several workstations into one shared file are serialised and never half done; the ticket
services' own transactions nest inside it as savepoints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desk_gui.domain import log_lines
from desk_gui.domain.enums import LogKind, Status
from desk_gui.domain.errors import DeskError
from desk_gui.domain.numbering import day_key, parse_number
from desk_gui.domain.ticket import TicketRecord
from desk_gui.exchange.importer import ImportPreview, ImportRow, RowProblem
from desk_gui.services import records
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings
from desk_gui.services.tickets import pw_max
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import translate_errors, write_transaction
from desk_gui.store.models import DailySequence, Ticket

CLOSED_REASON = "导入：原表状态为已关闭"
CLOSED_REASON_EN = "Import: closed in the original sheet"


class ImportRefused(DeskError):
    """The file has invalid rows and the user did not choose to import only the valid ones."""

    def __init__(self, errors: list[RowProblem]) -> None:
        self.errors = errors
        super().__init__(
            zh=f"有 {len(errors)} 处错误，未导入任何工单。请修改文件，或选择只导入有效行。",
            en=f"{len(errors)} problem(s) found; nothing was imported. Fix the file, "
            "or choose to import only the valid rows.",
        )


@dataclass
class ImportResult:
    """What an import wrote: (row, ticket number) per ticket, rows skipped, numbers changed."""

    created: list[tuple[int, str]] = field(default_factory=list)
    renumbered: list[tuple[int, str, str]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


class ImportService:
    """Writes previewed rows as tickets through the ticket and workflow services."""

    def __init__(self, ctx: Context, settings: OfficeSettings | None = None) -> None:
        self.ctx = ctx
        self.workflow = WorkflowService(ctx, settings)

    def check_numbers(self, preview: ImportPreview) -> None:
        """Warn, per row, where a ticket number will be replaced (malformed or already used)."""
        numbers = [r.number for r in preview.rows if r.number]
        with translate_errors():
            query = Ticket.select(Ticket.number).where(Ticket.number.in_(numbers))
            found: list[Any] = list(query.tuples()) if numbers else []
        used = {str(t[0]) for t in found}
        seen: set[str] = set()
        for row in preview.rows:
            if not row.number:
                continue
            why = _number_problem(row.number, used | seen)
            seen.add(row.number)
            if why:
                zh, en = why
                row.problems.append(
                    RowProblem(row.line, row.number_column, "number_replaced", zh, en, True)
                )

    def run(
        self,
        preview: ImportPreview,
        *,
        only_valid: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Import every row (refused if any is invalid) or, if asked, only the valid ones.

        ``progress(rows done, rows)`` after each row; raising from it (a cancel) rolls the
        whole import back.
        """
        if preview.errors and not only_valid:
            raise ImportRefused(preview.errors)
        rows = preview.valid_rows
        kept = {id(r) for r in rows}  # by identity: comparing whole rows is quadratic
        result = ImportResult(skipped=[r.line for r in preview.rows if id(r) not in kept])
        source = Path(preview.source).name
        with write_transaction():
            _reserve_file_numbers(preview.rows)
            for n, row in enumerate(rows, 1):
                record = self._import_row(row, source)
                if progress is not None:
                    progress(n, len(rows))
                result.created.append((row.line, record.number))
                if row.number and row.number != record.number:
                    result.renumbered.append((row.line, row.number, record.number))
        return result

    def _import_row(self, row: ImportRow, source: str) -> TicketRecord:
        wf = self.workflow
        pending = row.status == Status.PENDING
        draft = replace(row.draft, assignee=row.assignee if pending else None)
        rec = wf.create(
            draft,
            confirm_mobile=True,
            number=row.number or None,
            log_line=log_lines.imported(source, row.line),
        )
        lines = list(row.defaults)
        if row.log_text:
            lines.append(log_lines.import_history(row.log_text))
        if lines:
            joined = log_lines.LogLine(
                "\n".join(line.zh for line in lines), "\n".join(line.en for line in lines)
            )
            records.add_line(self.ctx, rec.id, LogKind.IMPORT, joined)
        if pending:
            return rec
        rec = wf.take(rec.id, rec.version)
        if row.assignee and row.assignee != rec.assignee:
            rec = wf.assign(rec.id, rec.version, row.assignee)
        if row.status == Status.IN_PROGRESS:
            return rec
        rec = wf.resolve(rec.id, rec.version, row.solution, resolved_at=row.resolved_at)
        if row.feedback_resolved is not None:
            rec = wf.record_feedback(rec.id, rec.version, row.feedback_resolved, row.satisfaction)
        if row.status == Status.CLOSED:
            if row.feedback_resolved:
                rec = wf.close(rec.id, rec.version)
            else:
                rec = wf.close(rec.id, rec.version, CLOSED_REASON, reason_en=CLOSED_REASON_EN)
        return self._historic_times(rec, row)

    def _historic_times(self, rec: TicketRecord, row: ImportRow) -> TicketRecord:
        """The sheet's own times, not the import's: responded and closed by the resolution."""
        if row.resolved_at is None:
            return rec
        changes: dict[str, Any] = {
            "first_response_at": min(rec.first_response_at or row.resolved_at, row.resolved_at)
        }
        if rec.closed_at is not None:
            changes["closed_at"] = row.resolved_at
        ticket = records.load(rec.id)
        records.save(self.ctx, ticket, rec.version, changes)
        return records.to_record(ticket)


def _reserve_file_numbers(rows: list[ImportRow]) -> None:
    """Move each day's sequence past the sheet's own numbers before any row is written.

    The sheet's numbers are the paper record: a row without one must not take a number that a
    later row carries, so new numbers start after the highest the file uses on that day.
    Skipped rows count too: their numbers stay free for when the fixed rows are imported.
    """
    top: dict[str, int] = {}
    for row in rows:
        parsed = parse_number(row.number) if row.number else None
        if parsed is not None:
            prefix, day, seq = parsed
            key = day_key(prefix, day)
            top[key] = max(top.get(key, 0), seq)
    for key, seq in sorted(top.items()):
        DailySequence.insert(day_key=key, last=seq).on_conflict(
            conflict_target=[DailySequence.day_key],
            update={DailySequence.last: pw_max(DailySequence.last, seq)},
        ).execute()


def _number_problem(number: str, used: set[str]) -> tuple[str, str] | None:
    if parse_number(number) is None:
        return (
            f"编号“{number}”格式不符，将自动重新编号。",
            f"“{number}” is not a Desk ticket number; a new one will be assigned.",
        )
    if number in used:
        return (
            f"编号“{number}”已被使用，将自动重新编号。",
            f"“{number}” is already in use; a new number will be assigned.",
        )
    return None
