"""Importing the old worksheet spreadsheet: all rows, or none.

Every row is worked out in memory first (services/import_plan.py: the ticket and log the
workflow would produce). On SQLite the rows are then reserved, staged and published
(store/import_stage.py): the shared file's write lock is taken only briefly — to reserve the
numbers, to publish every ticket and log line in one transaction, then for the search-index
rows in short ones — so other workstations keep saving, and nothing is visible until the
publish. On PostgreSQL (no single write lock) one transaction writes everything
(store/import_write.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_gui.domain.errors import DeskError
from desk_gui.domain.numbering import parse_number
from desk_gui.exchange.importer import ImportPreview, RowProblem
from desk_gui.services.context import Context
from desk_gui.services.import_plan import CLOSED_REASON, CLOSED_REASON_EN, plan_row
from desk_gui.services.settings import OfficeSettings
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import search
from desk_gui.store.database import is_sqlite, rows_of, translate_errors
from desk_gui.store.import_stage import stage_and_publish
from desk_gui.store.import_write import NewTicket, Written, write_tickets
from desk_gui.store.models import Ticket

__all__ = ["CLOSED_REASON", "CLOSED_REASON_EN", "ImportRefused", "ImportResult", "ImportService"]

Progress = Callable[[int, int], None]
IN_CHUNK = 500
"""Values bound in one SQL ``IN`` list (SQLite before 3.32 allows 999 variables in all)."""


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
    lock_seconds: float = 0.0  # the longest single hold of the database's write lock


class ImportService:
    """Writes previewed rows as tickets through the ticket and workflow services."""

    def __init__(self, ctx: Context, settings: OfficeSettings | None = None) -> None:
        self.ctx = ctx
        self.workflow = WorkflowService(ctx, settings)

    def check_numbers(self, preview: ImportPreview) -> None:
        """Warn, per row, where a ticket number will be replaced (malformed or already used)."""
        numbers = sorted({r.number for r in preview.rows if r.number})
        used: set[str] = set()
        with translate_errors():
            for start in range(0, len(numbers), IN_CHUNK):  # never one unbounded IN list
                chunk = numbers[start : start + IN_CHUNK]
                query = Ticket.select(Ticket.number).where(Ticket.number.in_(chunk))
                used.update(str(t[0]) for t in rows_of(query))
        seen: set[str] = set()
        for row in preview.rows:
            if not row.number:
                continue
            why = _number_problem(row.number, used, seen)
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
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import every row (refused if any is invalid) or, if asked, only the valid ones.

        ``progress(done, total)`` comes every ~1,000 rows (total: four times the rows: working
        them out, then staging them (log chains, search-index text) twice as long); its last
        call, ``(total, total)``, comes just before the publish, none after it. An exception it
        raises (a Cancel) stops the import with nothing written.
        """
        if preview.errors and not only_valid:
            raise ImportRefused(preview.errors)
        rows = preview.valid_rows
        kept = {id(r) for r in rows}  # by identity: comparing whole rows is quadratic
        result = ImportResult(skipped=[r.line for r in preview.rows if id(r) not in kept])
        total = 4 * len(rows)
        step = _Steps(progress, total)
        settings = self.workflow.settings
        source = Path(preview.source).name
        tickets: list[NewTicket] = []
        staff: list[str] = []
        memo: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            plan = plan_row(self.ctx, settings, row, source, memo)
            tickets.append(NewTicket(plan.wanted, plan.day, plan.columns, plan.log))
            staff.extend(plan.staff)
            step(len(tickets))
        with translate_errors():
            written = self._write(preview, tickets, staff, step)
        result.lock_seconds = written.lock_seconds
        for row, number in zip(rows, written.numbers, strict=True):
            result.created.append((row.line, number))
            if row.number and row.number != number:
                result.renumbered.append((row.line, row.number, number))
        return result  # (no progress after the publish: a Cancel cannot undo it)

    def _write(
        self,
        preview: ImportPreview,
        tickets: list[NewTicket],
        staff: list[str],
        step: _Steps,
    ) -> Written:
        """SQLite: reserve, stage, publish (store/import_stage.py: the write lock held only
        briefly, twice); PostgreSQL: one transaction (other writers are not blocked by it)."""
        prefix, n = self.workflow.settings.prefix, len(tickets)
        sheet = [r.number for r in preview.rows]
        memo = search.IndexTextMemo()

        def index_row(ticket_id: int, number: str, t: NewTicket) -> tuple[object, ...]:
            ticket = {**t.columns, "id": ticket_id, "number": number}
            log = [search.said(line[1], line[4]) for line in t.log]
            return search.ticket_index_row(ticket, log, memo.__getitem__)

        if is_sqlite():

            def staged(done: int, _n: int) -> None:
                step(n + 2 * done, force=True)
                if done == n:  # all done but the publish: the last moment a Cancel is noticed
                    step(4 * n, force=True)

            return stage_and_publish(
                tickets, prefix, sheet, staff, self.ctx.operator, index_row, staged
            )
        return write_tickets(
            tickets,
            prefix,
            sheet,
            staff,
            self.ctx.operator,
            index_row,  # PostgreSQL's search rows (store/pg_search.py), in the transaction
            progress=lambda done, _n: step(n + 3 * done // 2, force=True),
        )


class _Steps:
    """Calls ``progress`` every ~1,000 rows (or when forced)."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total = progress, total

    def __call__(self, done: int, *, force: bool = False) -> None:
        if self.progress and (force or done % 1000 == 0):
            self.progress(done, self.total)


def _number_problem(number: str, used: set[str], seen: set[str]) -> tuple[str, str] | None:
    if parse_number(number) is None:
        return (
            f"编号“{number}”格式不符，将自动重新编号。",
            f"“{number}” is not a Desk ticket number; a new one will be assigned.",
        )
    if number in used or number in seen:
        return (
            f"编号“{number}”已被使用，将自动重新编号。",
            f"“{number}” is already in use; a new number will be assigned.",
        )
    return None
