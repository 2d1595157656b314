"""Shared steps of the ticket services: load, snapshot, conditional save, log, deadlines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import peewee as pw

from desk_gui.domain import sla
from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LogKind,
    Priority,
    Satisfaction,
    Status,
    Tier,
    Urgency,
    WaitingOn,
)
from desk_gui.domain.log_chain import short
from desk_gui.domain.log_lines import LogLine
from desk_gui.domain.log_render import texts
from desk_gui.domain.ticket import (
    AttachmentInfo,
    LogEntryRecord,
    TicketDraft,
    TicketLink,
    TicketRecord,
)
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings
from desk_gui.store import log_append
from desk_gui.store.database import read_transaction
from desk_gui.store.errors import ConflictError, NotFound
from desk_gui.store.models import Attachment, LogAuthor, LogEntry, Ticket


def draft_columns(draft: TicketDraft) -> dict[str, Any]:
    """The ticket columns an intake draft fills, as stored (text stripped, enums as values).

    One mapping for every way a ticket is born: the form's save and the spreadsheet import.
    The draft has passed validation: its choices are made.
    """
    assert draft.urgency and draft.impact and draft.category, "an unvalidated draft"
    return {
        "title": draft.title.strip(),
        "department": draft.department.strip(),
        "description": draft.description.strip(),
        "urgency": draft.urgency.value,
        "impact": draft.impact.value,
        "category": draft.category.value,
        "channel": draft.channel.value,
        "requester": draft.requester.strip(),
        "contact": draft.contact.strip(),
        "remarks": draft.remarks.strip(),
        "device_model": draft.device_model.strip(),
        "os": draft.os.strip(),
        "software_version": draft.software_version.strip(),
        "error_code": draft.error_code.strip(),
        "assignee": draft.assignee or None,
    }


def load(ticket_id: int) -> Ticket:
    """The ticket row, or NotFound."""
    row = Ticket.get_or_none(Ticket.id == ticket_id)
    if row is None:
        raise NotFound(str(ticket_id))
    return row


def _opt(enum: type, value: str | None) -> Any:
    return enum(value) if value else None


_LINK_FIELDS = (Ticket.id, Ticket.number, Ticket.title, Ticket.status)


def _links(query: Any) -> tuple[TicketLink, ...]:
    return tuple(
        TicketLink(i, number, title, Status(status)) for i, number, title, status in query.tuples()
    )


def follow_up_links(t: Ticket) -> tuple[TicketLink | None, tuple[TicketLink, ...]]:
    """The closed ticket ``t`` follows up, and the tickets that follow ``t`` up."""
    before = None
    if t.follow_up_of is not None:
        found = _links(Ticket.select(*_LINK_FIELDS).where(Ticket.id == t.follow_up_of))
        before = found[0] if found else None
    after = _links(
        Ticket.select(*_LINK_FIELDS).where(Ticket.follow_up_of == t.id).order_by(Ticket.id)
    )
    return before, after


def _author(entry: LogEntry) -> str:
    """The name ``to_record``'s query put on ``entry`` ("" if its id names no one)."""
    name = vars(entry).get("author")
    return "" if name is None else str(name)


def to_record(t: Ticket, with_log: bool = True) -> TicketRecord:
    """A frozen snapshot of a ticket row, its log, attachments' metadata and linked tickets."""
    log: tuple[LogEntryRecord, ...] = ()
    chain = ""
    attachments: tuple[AttachmentInfo, ...] = ()
    follow_up_of: TicketLink | None = None
    follow_ups: tuple[TicketLink, ...] = ()
    if with_log:
        follow_up_of, follow_ups = follow_up_links(t)
        entries = list(
            LogEntry.select(LogEntry, LogAuthor.name.alias("author"))
            .join(LogAuthor, pw.JOIN.LEFT_OUTER, on=LogAuthor.id == LogEntry.author_id)
            .where(LogEntry.ticket == t.id)
            .order_by(LogEntry.at, LogEntry.id)
            .objects()  # the author's name on each entry (the log keeps its id, schema 21)
        )
        log = tuple(
            LogEntryRecord(e.at, _author(e), LogKind(e.kind), *texts(e.text, e.text_en, e.args))
            for e in entries
        )
        chained = [(e.id, bytes(e.chain)) for e in entries if e.chain is not None]
        chain = short(max(chained)[1]) if chained else ""  # the last written: the chain's head
        attachments = tuple(
            AttachmentInfo(a.id, a.filename, a.size, a.mime, a.added_at, a.added_by)
            for a in Attachment.select(
                Attachment.id,
                Attachment.filename,
                Attachment.size,
                Attachment.mime,
                Attachment.added_at,
                Attachment.added_by,
            )
            .where(Attachment.ticket == t.id)
            .order_by(Attachment.id)
        )
    return TicketRecord(
        id=t.id,
        number=t.number,
        title=t.title,
        department=t.department,
        description=t.description,
        urgency=Urgency(t.urgency),
        requester=t.requester,
        contact=t.contact,
        submitted_at=t.submitted_at,
        status=Status(t.status),
        assignee=t.assignee,
        solution=t.solution,
        resolved_at=t.resolved_at,
        feedback_resolved=t.feedback_resolved,
        satisfaction=_opt(Satisfaction, t.satisfaction),
        feedback_score=t.feedback_score,
        remarks=t.remarks,
        category=Category(t.category),
        impact=Impact(t.impact),
        channel=Channel(t.channel),
        priority=Priority(t.priority),
        tier=Tier(t.tier),
        respond_due=t.respond_due,
        resolve_due=t.resolve_due,
        next_update_due=t.next_update_due,
        first_response_at=t.first_response_at,
        closed_at=t.closed_at,
        close_reason=t.close_reason,
        device_model=t.device_model,
        os=t.os,
        software_version=t.software_version,
        error_code=t.error_code,
        waiting_on=_opt(WaitingOn, t.waiting_on),
        waiting_contact=t.waiting_contact,
        waiting_until=t.waiting_until,
        escalation_count=t.escalation_count,
        reopen_count=t.reopen_count,
        version=t.version,
        updated_at=t.updated_at,
        updated_by=t.updated_by,
        log=log,
        log_chain=chain,
        attachments=attachments,
        follow_up_of=follow_up_of,
        follow_ups=follow_ups,
    )


def read_record(ticket_id: int) -> TicketRecord:
    """One consistent snapshot, read in a single (deferred) transaction."""
    with read_transaction():
        return to_record(load(ticket_id))


def add_log(
    ctx: Context,
    ticket_id: int,
    kind: LogKind,
    text: str,
    at: datetime | None = None,
    text_en: str | None = None,
    args: str | None = None,
) -> None:
    """Append one line to the handling log (never edited, never deleted).

    ``text`` is the Chinese of a generated line, or a note exactly as typed; ``text_en`` is the
    generated line's English (None for typed text, which has only the one version); ``args``
    a generated line's template and values, stored instead of both texts.
    """
    log_append.append(ticket_id, at or ctx.now(), ctx.operator, kind.value, text, text_en, args)


def logged_since(
    ctx: Context, ticket_id: int, kind: LogKind, text: str, since: datetime | None
) -> bool:
    """Whether this operator's line ``text`` of ``kind`` is in the log from ``since`` on.

    A retry of a save given up on (a hung share) asks this inside its own write transaction:
    the first attempt, if it got through, wrote that line, and the retry then does nothing.
    """
    if since is None:
        return False
    return bool(
        LogEntry.select()
        .where(
            (LogEntry.ticket == ticket_id)
            & (LogEntry.kind == kind.value)
            & (
                LogEntry.author_id
                == LogAuthor.select(LogAuthor.id).where(LogAuthor.name == ctx.operator)
            )
            & (LogEntry.at >= since)
            & (LogEntry.text == text)
        )
        .exists()
    )


def stored_since(
    ctx: Context, ticket_id: int, filename: str, size: int, since: datetime | None
) -> bool:
    """Whether this operator stored this file (name and size) on the ticket from ``since``
    on: a retry of an attachment given up on asks it, as ``logged_since`` does for a note."""
    if since is None:
        return False
    return bool(
        Attachment.select()
        .where(
            (Attachment.ticket == ticket_id)
            & (Attachment.filename == filename)
            & (Attachment.size == size)
            & (Attachment.added_by == ctx.operator)
            & (Attachment.added_at >= since)
        )
        .exists()
    )


def add_line(
    ctx: Context, ticket_id: int, kind: LogKind, line: LogLine, at: datetime | None = None
) -> None:
    """Append a generated line in both languages."""
    add_log(ctx, ticket_id, kind, line.zh, at=at, text_en=line.en, args=line.args)


def save(ctx: Context, row: Ticket, expected_version: int, changes: dict[str, Any]) -> None:
    """Write ``changes`` only if the ticket is still at ``expected_version``; else ConflictError."""
    values: dict[Any, Any] = {getattr(Ticket, k): v for k, v in changes.items()}
    now = ctx.now()
    values[Ticket.version] = Ticket.version + 1
    values[Ticket.updated_at] = now
    values[Ticket.updated_by] = ctx.operator
    n = (
        Ticket.update(values)
        .where((Ticket.id == row.id) & (Ticket.version == expected_version))
        .execute()
    )
    if n != 1:
        current = Ticket.get_or_none(Ticket.id == row.id)
        if current is None:
            raise NotFound(row.number)
        raise ConflictError(row.number, current.updated_by or "?", current.updated_at)
    for k, v in changes.items():
        setattr(row, k, v)
    row.version = expected_version + 1
    row.updated_at = now  # the record returned names this save's author, as the file does
    row.updated_by = ctx.operator


def check_version(row: Ticket, expected_version: int) -> None:
    """Refuse early when the caller's copy is stale (the conditional update checks again)."""
    if row.version != expected_version:
        raise ConflictError(row.number, row.updated_by or "?", row.updated_at)


def deadline_fields(
    settings: OfficeSettings,
    submitted_at: datetime,
    priority: Priority,
    paused_seconds: int,
    last_update_at: datetime | None,
    first_response_at: datetime | None,
    status: Status,
) -> dict[str, Any]:
    """Respond / resolve / progress-update deadlines and the queue's next deadline."""
    d = sla.compute_deadlines(
        submitted_at, priority, settings.calendar, settings.targets, paused_seconds=paused_seconds
    )
    upd = sla.next_progress_due(
        submitted_at, last_update_at, priority, settings.calendar, settings.targets
    )
    open_ = status.is_open
    return {
        "respond_due": d.respond_due,
        "resolve_due": d.resolve_due,
        "next_update_due": upd if open_ else None,
        "next_due": (
            sla.next_due(d.respond_due, d.resolve_due, upd, first_response_at, resolved=False)
            if open_
            else None
        ),
    }


def last_progress_at(ticket_id: int) -> datetime | None:
    """When the requester last got a progress update."""
    row = (
        LogEntry.select(LogEntry.at)
        .where((LogEntry.ticket == ticket_id) & (LogEntry.kind == LogKind.PROGRESS.value))
        .order_by(LogEntry.at.desc())
        .first()
    )
    return row.at if row else None


def refresh_deadlines(settings: OfficeSettings, row: Ticket) -> dict[str, Any]:
    """Deadline fields recomputed from the row's current state (waiting pauses the queue clock)."""
    fields = deadline_fields(
        settings,
        row.submitted_at,
        Priority(row.priority),
        row.paused_seconds,
        last_progress_at(row.id),
        row.first_response_at,
        Status(row.status),
    )
    if row.waiting_on:
        fields["next_due"] = None
    return fields


def reindex(ticket_id: int) -> None:
    """Keep the full-text index in step with this transaction's writes."""
    from desk_gui.store.search import reindex_ticket  # not before the first write (issue 11)

    reindex_ticket(ticket_id)
