"""Creating and editing tickets, the handling log and edit locks (attachments:
``ticket_attachments``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from typing import Any

from desk_gui.domain import log_lines
from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LogKind,
    Priority,
    Status,
    Tier,
    Urgency,
)
from desk_gui.domain.numbering import day_key, format_number, parse_number
from desk_gui.domain.priority import priority_for
from desk_gui.domain.text import clean
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.domain.transitions import Action, check
from desk_gui.domain.validation import ValidationError, action_text, clean_draft, validate_draft
from desk_gui.services import escalation, records
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings, OfficeSettingsCache
from desk_gui.services.ticket_attachments import TicketAttachments
from desk_gui.store import locks
from desk_gui.store.database import (
    release_thread_connection,
    translate_errors,
    write_transaction,
)
from desk_gui.store.errors import LockedByOther, NotFound
from desk_gui.store.models import DailySequence, IntakeToken, Staff, Ticket

# Fields an edit may change, with the enum that parses each coded one.
EDITABLE: dict[str, type | None] = {
    "title": None,
    "department": None,
    "description": None,
    "urgency": Urgency,
    "impact": Impact,
    "category": Category,
    "channel": Channel,
    "requester": None,
    "contact": None,
    "submitted_at": None,
    "remarks": None,
    "device_model": None,
    "os": None,
    "software_version": None,
    "error_code": None,
}


def _parse(key: str, value: Any) -> Any:
    """An edited value in its domain type (enum fields from their stored value or label)."""
    enum = EDITABLE[key]
    if enum is None or value is None or isinstance(value, enum):
        return value
    return enum.parse(value) if hasattr(enum, "parse") else enum(value)


class TicketService(TicketAttachments):
    """Intake and editing of tickets; every method is one transaction."""

    def __init__(
        self,
        ctx: Context,
        settings: OfficeSettings | None = None,
        *,
        auto_escalate_p1: bool = False,
    ) -> None:
        self.ctx = ctx
        self._settings = OfficeSettingsCache(settings)
        # The desk's window turns this on (services/escalation.py); imports and tests do not.
        self.auto_escalate_p1 = auto_escalate_p1

    @property
    def settings(self) -> OfficeSettings:
        """The office settings (re-read once a minute: another workstation may change them)."""
        return self._settings.get()

    def reload_settings(self) -> None:
        self._settings.reload()

    # -- reading -----------------------------------------------------------------------------

    def get(self, ticket_id: int) -> TicketRecord:
        return records.read_record(ticket_id)

    def get_by_number(self, number: str) -> TicketRecord:
        with translate_errors():
            row = Ticket.get_or_none(Ticket.number == number.strip().upper())
        if row is None:
            raise NotFound(number)
        return records.read_record(row.id)

    # -- intake ------------------------------------------------------------------------------

    def validate(self, draft: TicketDraft, *, confirm_mobile: bool = False) -> None:
        """Raise ValidationError listing every problem (a mobile warning unless confirmed)."""
        problems = validate_draft(draft, self.ctx.now())
        blocking = [p for p in problems if not p.warning or not confirm_mobile]
        if blocking:
            raise ValidationError(blocking)

    def create(
        self,
        draft: TicketDraft,
        *,
        confirm_mobile: bool = False,
        number: str | None = None,
        log_line: log_lines.LogLine | None = None,
        token: str | None = None,
        attachments: Sequence[tuple[str, bytes, str | None]] = (),
    ) -> TicketRecord:
        """Log a new ticket: number, priority and deadlines assigned in the same transaction.

        ``log_line`` replaces the usual first log line (an import says where the row came from).
        ``token``: the form's own id of this save; a save with a token already saved returns
        the ticket it made instead of making another (a retry after a hung share).
        ``attachments`` (filename, data, mime) are stored in the same transaction.
        """
        draft = clean_draft(draft)
        self.validate(draft, confirm_mobile=confirm_mobile)
        for filename, data, _mime in attachments:
            self._check_size(filename, data)
        now = self.ctx.now()
        submitted = (draft.submitted_at or now).replace(second=0, microsecond=0)
        assert draft.impact and draft.urgency and draft.category  # checked by validate
        priority = priority_for(draft.impact, draft.urgency, self.settings.matrix)
        with write_transaction():
            if token:
                saved = IntakeToken.get_or_none(IntakeToken.token == token)
                if saved is not None:
                    return records.read_record(saved.ticket_id)  # type: ignore[attr-defined]
            ticket_no = self._claim_number(submitted, number)
            fields = records.deadline_fields(
                self.settings, submitted, priority, 0, None, None, Status.PENDING
            )
            row = Ticket.create(
                number=ticket_no,
                **records.draft_columns(draft),
                submitted_at=submitted,
                priority=priority.value,
                status=Status.PENDING.value,
                follow_up_of=draft.follow_up_of,
                created_at=now,
                updated_at=now,
                updated_by=self.ctx.operator,
                **fields,
            )
            line = log_line or log_lines.created(
                draft.channel, draft.impact, draft.urgency, priority
            )
            records.add_line(self.ctx, row.id, LogKind.CREATED, line, at=now)
            if draft.assignee:
                assigned = log_lines.first_assignee(draft.assignee)
                records.add_line(self.ctx, row.id, LogKind.ASSIGN, assigned, at=now)
            if self.auto_escalate_p1 and escalation.needs_p1_escalation(priority, Tier.L1):
                changes = escalation.escalate_p1(self.ctx, row.id, Tier.L1, 0, row.description, now)
                Ticket.update(changes).where(Ticket.id == row.id).execute()
                for key, value in changes.items():
                    setattr(row, key, value)
            records.reindex(row.id)
            if token:
                IntakeToken.create(token=token, ticket=row.id)
            for filename, data, mime in attachments:
                self._store_attachment(row.id, filename, data, mime)
            return records.to_record(row)

    def release_thread(self) -> None:
        """Close the calling (worker) thread's connection once its one save is done."""
        release_thread_connection()

    def _claim_number(self, submitted: datetime, wanted: str | None) -> str:
        """Keep a well-formed unused number; otherwise the next of the day, gap-free."""
        prefix = self.settings.prefix
        if wanted:
            parsed = parse_number(wanted.strip().upper())
            if (
                parsed
                and not Ticket.select().where(Ticket.number == wanted.strip().upper()).exists()
            ):
                pfx, day, seq = parsed
                key = day_key(pfx, day)
                DailySequence.insert(day_key=key, last=seq).on_conflict(
                    conflict_target=[DailySequence.day_key],
                    update={DailySequence.last: pw_max(DailySequence.last, seq)},
                ).execute()
                return wanted.strip().upper()
        key = day_key(prefix, submitted.date())
        DailySequence.insert(day_key=key, last=1).on_conflict(
            conflict_target=[DailySequence.day_key],
            update={DailySequence.last: DailySequence.last + 1},
        ).execute()
        seq = DailySequence.get(DailySequence.day_key == key).last
        return format_number(prefix, submitted.date(), seq)

    # -- editing -----------------------------------------------------------------------------

    def update_fields(
        self,
        ticket_id: int,
        expected_version: int,
        changes: dict[str, Any],
        *,
        confirm_mobile: bool = False,
    ) -> TicketRecord:
        """Save edited fields if nobody saved in between; logs what changed."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        with write_transaction():
            row = records.load(ticket_id)
            self._allowed(row, Action.EDIT)
            records.check_version(row, expected_version)
            self._check_lock(row)
            current = self._draft_of(row)
            typed = clean_draft(replace(current, **{k: _parse(k, v) for k, v in changes.items()}))
            parsed = {k: getattr(typed, k) for k in changes}
            merged = replace(current, **parsed)
            old_contact = row.contact
            problems = validate_draft(merged, self.ctx.now())
            blocking = [
                p
                for p in problems
                if (not p.warning or (not confirm_mobile and merged.contact != old_contact))
                # A text stored before a length rule existed does not block editing another.
                and (p.field in parsed or not p.code.startswith("text_"))
            ]
            if blocking:
                raise ValidationError(blocking)
            diff = {
                k: v for k, v in asdict(merged).items() if k in parsed and v != asdict(current)[k]
            }
            if not diff:
                return records.to_record(row)
            stored = {k: (v.value if hasattr(v, "value") else v) for k, v in diff.items()}
            if "submitted_at" in stored:
                stored["submitted_at"] = stored["submitted_at"].replace(second=0, microsecond=0)
            edited = log_lines.edit([(k, getattr(current, k), v) for k, v in diff.items()])
            old_priority = Priority(row.priority)
            new_priority = old_priority
            if {"impact", "urgency"} & diff.keys():  # a matrix changed since must not re-rank
                assert merged.impact and merged.urgency
                new_priority = priority_for(merged.impact, merged.urgency, self.settings.matrix)
            if new_priority != old_priority or "submitted_at" in diff:
                stored["priority"] = new_priority.value
                for key, value in stored.items():
                    setattr(row, key, value)
                stored.update(records.refresh_deadlines(self.settings, row))
            records.save(self.ctx, row, expected_version, stored)
            records.add_line(self.ctx, row.id, LogKind.EDIT, edited)
            if new_priority != old_priority:
                changed = log_lines.priority_change(old_priority, new_priority)
                records.add_line(self.ctx, row.id, LogKind.PRIORITY, changed)
                self._escalate_if_p1(row, new_priority)
            records.reindex(row.id)
            return records.to_record(row)

    def _escalate_if_p1(self, row: Ticket, priority: Priority) -> None:
        """An edit that makes an open L1 ticket P1 escalates it at once (when turned on)."""
        tier = Tier(row.tier)
        if not (
            self.auto_escalate_p1
            and Status(row.status).is_open
            and escalation.needs_p1_escalation(priority, tier)
        ):
            return
        changes = escalation.escalate_p1(
            self.ctx, row.id, tier, row.escalation_count, row.description, self.ctx.now()
        )
        records.save(self.ctx, row, row.version, changes)

    @staticmethod
    def _draft_of(row: Ticket) -> TicketDraft:
        return TicketDraft(
            title=row.title,
            department=row.department,
            description=row.description,
            category=Category(row.category),
            urgency=Urgency(row.urgency),
            impact=Impact(row.impact),
            requester=row.requester,
            contact=row.contact,
            channel=Channel(row.channel),
            submitted_at=row.submitted_at,
            remarks=row.remarks,
            device_model=row.device_model,
            os=row.os,
            software_version=row.software_version,
            error_code=row.error_code,
        )

    def add_log(self, ticket_id: int, text: str, since: datetime | None = None) -> TicketRecord:
        """Append a note to the handling log.

        ``since``: when the first of a save's attempts started; a note it wrote is not written again.
        """
        text = action_text("text", text, required=True)
        with write_transaction():
            row = records.load(ticket_id)
            if records.logged_since(self.ctx, row.id, LogKind.NOTE, text, since):
                return records.to_record(row)
            self._allowed(row, Action.ADD_LOG)
            self._check_lock(row)
            records.add_log(self.ctx, row.id, LogKind.NOTE, text)
            records.reindex(row.id)
            return records.to_record(row)

    def _allowed(self, row: Ticket, action: Action) -> None:
        """The status rules for this action (closed is final for desk staff)."""
        check(
            Status(row.status),
            action,
            supervisor=self.ctx.supervisor,
            waiting=bool(row.waiting_on),
        )

    # -- edit locks --------------------------------------------------------------------------

    def lock(self, ticket_id: int, ttl: timedelta = locks.DEFAULT_TTL) -> datetime:
        """Take or renew this workstation's edit lock; LockedByOther if someone holds it."""
        lk = locks.acquire(
            ticket_id, self.ctx.operator, self.ctx.workstation, self.ctx.now(), ttl=ttl
        )
        return lk.expires_at

    def unlock(self, ticket_id: int) -> None:
        locks.release(ticket_id, self.ctx.workstation)

    def lock_holder(self, ticket_id: int) -> tuple[str, str, datetime] | None:
        """Who else is editing this ticket right now, if anyone."""
        held = locks.holder_of(ticket_id, self.ctx.now(), self.ctx.workstation)
        if held and held[1] == self.ctx.workstation and held[0] == self.ctx.operator:
            return None
        return held

    def _check_lock(self, row: Ticket) -> None:
        """The edit lock covers every change to the ticket: its fields, its status, its log
        (notes, progress updates) and its attachments; only a follow-up, a new ticket, is not
        held up by it."""
        held = self.lock_holder(row.id)
        if held:
            raise LockedByOther(row.number, held[0], held[1], held[2])

    # -- staff -------------------------------------------------------------------------------

    def ensure_staff(self, name: str) -> None:
        """Make sure a name used as assignee exists in the staff list."""
        name = clean(name, multiline=False).strip()
        if name and not Staff.select().where(Staff.name == name).exists():
            Staff.insert(name=name).on_conflict_ignore().execute()


def pw_max(column: Any, value: int) -> Any:
    """SQL max(column, value) that works on SQLite and PostgreSQL."""
    import peewee as pw

    return pw.Case(None, [(column < value, value)], column)
