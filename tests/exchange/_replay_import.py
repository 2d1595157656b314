"""The import as it was: every row replayed through the workflow services (the reference)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from desk_gui.domain import log_lines
from desk_gui.domain.enums import LogKind, Status
from desk_gui.domain.numbering import day_key, parse_number
from desk_gui.domain.ticket import TicketRecord
from desk_gui.exchange.importer import ImportPreview, ImportRow
from desk_gui.services import records
from desk_gui.services.importing import CLOSED_REASON, CLOSED_REASON_EN
from desk_gui.services.tickets import pw_max
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import write_transaction
from desk_gui.store.models import DailySequence


def replay_import(wf: WorkflowService, preview: ImportPreview) -> list[str]:
    source = Path(preview.source).name
    numbers = []
    with write_transaction():
        _reserve_file_numbers(preview.rows)
        for row in preview.valid_rows:
            numbers.append(_import_row(wf, row, source).number)
    return numbers


def _import_row(wf: WorkflowService, row: ImportRow, source: str) -> TicketRecord:
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
        records.add_line(wf.ctx, rec.id, LogKind.IMPORT, joined)
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
    if row.resolved_at is None:
        return rec
    changes: dict[str, Any] = {
        "first_response_at": min(rec.first_response_at or row.resolved_at, row.resolved_at)
    }
    if rec.closed_at is not None:
        changes["closed_at"] = row.resolved_at
    ticket = records.load(rec.id)
    records.save(wf.ctx, ticket, rec.version, changes)
    return records.to_record(ticket)


def _reserve_file_numbers(rows: list[ImportRow]) -> None:
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
