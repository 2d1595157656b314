"""The ticket's life: take, assign, escalate, progress, wait, resolve, feedback, close, reopen.

Every change of status, assignee, priority or tier becomes a handling-log line with time and
author, in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from desk_gui.domain import log_lines, sla
from desk_gui.domain.enums import (
    Category,
    LogKind,
    Priority,
    Satisfaction,
    Status,
    Tier,
    WaitingOn,
)
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.resolution import feedback_rating
from desk_gui.domain.ticket import TicketDraft, TicketRecord
from desk_gui.domain.transitions import Action, after_feedback, check
from desk_gui.domain.validation import action_text
from desk_gui.services import audit, records
from desk_gui.services.access import Privilege, require
from desk_gui.services.tickets import TicketService
from desk_gui.store.database import write_transaction
from desk_gui.store.models import IntakeToken, Ticket


def _required(value: str, field: str, zh: str, en: str) -> str:
    """The typed text cleaned and checked (``validation.action_text``); never empty."""
    value = action_text(field, value)
    if not value:
        raise RuleViolation("required", field=field, zh=zh, en=en)
    return value


class WorkflowService(TicketService):
    """Status actions on tickets; each is one transaction and leaves its trail in the log."""

    def _status_change(self, row: Ticket, new: Status | None, changes: dict[str, Any]) -> None:
        old = Status(row.status)
        if new is not None and new != old:
            changes["status"] = new.value
            records.add_line(self.ctx, row.id, LogKind.STATUS, log_lines.status_change(old, new))

    def _assignee_change(self, row: Ticket, name: str | None, changes: dict[str, Any]) -> None:
        if name != row.assignee:
            changes["assignee"] = name
            self.ensure_staff(name or "")
            line = log_lines.assignee_change(row.assignee, name)
            records.add_line(self.ctx, row.id, LogKind.ASSIGN, line)

    def _check_reassign(self, row: Ticket, name: str | None) -> None:
        """Giving another person's ticket to someone else is a supervisor's decision."""
        if row.assignee and name != row.assignee and row.assignee != self.ctx.operator:
            require(self.ctx, Privilege.REASSIGN)
            audit.record(
                self.ctx, audit.AuditAction.REASSIGN, row.number, f"{row.assignee} → {name}"
            )

    def _commit(self, row: Ticket, version: int, changes: dict[str, Any]) -> TicketRecord:
        for key, value in changes.items():
            setattr(row, key, value)
        changes.update(records.refresh_deadlines(self.settings, row))
        records.save(self.ctx, row, version, changes)
        records.reindex(row.id)
        return records.to_record(row)

    def _begin(
        self, ticket_id: int, version: int, action: Action, **kw: Any
    ) -> tuple[Ticket, Status | None]:
        row = records.load(ticket_id)
        records.check_version(row, version)
        self._check_lock(row)
        new = check(
            Status(row.status),
            action,
            supervisor=self.ctx.supervisor,
            waiting=bool(row.waiting_on),
            **kw,
        )
        return row, new

    def _responded(self, row: Ticket, changes: dict[str, Any]) -> None:
        if row.first_response_at is None:
            changes["first_response_at"] = self.ctx.now()

    def take(self, ticket_id: int, version: int) -> TicketRecord:
        """The operator takes the ticket: in progress, assigned to them; counts as first response."""
        with write_transaction():
            row, new = self._begin(ticket_id, version, Action.TAKE)
            self._check_reassign(row, self.ctx.operator)
            changes: dict[str, Any] = {}
            self._status_change(row, new or Status.IN_PROGRESS, changes)
            self._assignee_change(row, self.ctx.operator, changes)
            self._responded(row, changes)
            return self._commit(row, version, changes)

    def assign(self, ticket_id: int, version: int, assignee: str) -> TicketRecord:
        """Give the ticket to a staff member (status unchanged)."""
        assignee = _required(assignee, "assignee", "请选择负责人。", "Choose an assignee.")
        with write_transaction():
            row, new = self._begin(ticket_id, version, Action.ASSIGN)
            self._check_reassign(row, assignee)
            changes: dict[str, Any] = {}
            self._status_change(row, new, changes)
            self._assignee_change(row, assignee, changes)
            return self._commit(row, version, changes)

    def escalate(
        self,
        ticket_id: int,
        version: int,
        tier: Tier,
        reason: str,
        handover: str,
        assignee: str | None = None,
    ) -> TicketRecord:
        """Hand the ticket to a higher tier with the reason and what was already tried."""
        assignee = action_text("assignee", assignee) or None
        reason = _required(reason, "reason", "请填写升级原因。", "Give the reason for escalating.")
        handover = _required(
            handover,
            "handover",
            "请填写交接说明（已尝试的步骤）。",
            "Give a handover summary: what was already tried.",
        )
        with write_transaction():
            row, new = self._begin(ticket_id, version, Action.ESCALATE)
            old_tier = Tier(row.tier)
            if list(Tier).index(tier) <= list(Tier).index(old_tier):
                raise RuleViolation(
                    "tier",
                    field="tier",
                    zh=f"只能升级到比{old_tier.zh}更高的层级。",
                    en=f"Escalation must go above {old_tier.en}.",
                )
            changes: dict[str, Any] = {
                "tier": tier.value,
                "escalation_count": row.escalation_count + 1,
            }
            line = log_lines.escalation(old_tier, tier, log_lines.typed(reason), handover)
            records.add_line(self.ctx, row.id, LogKind.ESCALATE, line)
            records.add_line(self.ctx, row.id, LogKind.TIER, log_lines.tier_change(old_tier, tier))
            if assignee:  # a named L2/expert has it: handling starts, the desk has responded
                self._check_reassign(row, assignee)
                self._status_change(row, new or Status.IN_PROGRESS, changes)
                self._assignee_change(row, assignee, changes)
                self._responded(row, changes)
            # Without one the ticket waits for the new tier to take it (status unchanged).
            return self._commit(row, version, changes)

    def progress_update(
        self, ticket_id: int, text: str, since: datetime | None = None
    ) -> TicketRecord:
        """Record that the requester was told how things stand; the next update falls due later.

        ``since``: when the first of a save's attempts started; an update it logged is not logged again.
        """
        text = _required(text, "text", "请填写进度内容。", "Say what the requester was told.")
        with write_transaction():
            row = records.load(ticket_id)
            if records.logged_since(self.ctx, row.id, LogKind.PROGRESS, text, since):
                return records.to_record(row)
            check(Status(row.status), Action.PROGRESS, supervisor=self.ctx.supervisor)
            self._check_lock(row)
            records.add_log(self.ctx, row.id, LogKind.PROGRESS, text)
            changes: dict[str, Any] = {}
            self._responded(row, changes)
            return self._commit(row, row.version, changes)

    def start_wait(
        self,
        ticket_id: int,
        version: int,
        waiting_on: WaitingOn,
        contact: str = "",
        until: datetime | None = None,
        note: str = "",
    ) -> TicketRecord:
        """Pause the clock while the ticket waits on the requester, a vendor or a department."""
        if waiting_on != WaitingOn.REQUESTER:
            contact = _required(
                contact, "waiting_contact", "请填写对接联系人。", "Name the contact person."
            )
        contact, note = action_text("waiting_contact", contact), action_text("note", note)
        with write_transaction():
            row, _ = self._begin(ticket_id, version, Action.WAIT)
            changes: dict[str, Any] = {
                "waiting_on": waiting_on.value,
                "waiting_contact": contact.strip(),
                "waiting_until": until,
                "waiting_since": self.ctx.now(),
            }
            line = log_lines.wait_started(waiting_on, contact, until, note)
            records.add_line(self.ctx, row.id, LogKind.WAIT, line)
            return self._commit(row, version, changes)

    def end_wait(self, ticket_id: int, version: int, note: str = "") -> TicketRecord:
        """Resume the clock; the time spent waiting pushes the deadlines later."""
        note = action_text("note", note)
        with write_transaction():
            row, _ = self._begin(ticket_id, version, Action.END_WAIT)
            changes = self._wait_ended(row)
            records.add_line(self.ctx, row.id, LogKind.WAIT, log_lines.wait_ended(note))
            return self._commit(row, version, changes)

    def _wait_ended(self, row: Ticket) -> dict[str, Any]:
        """Changes that end a wait: its (business) duration pushes the deadlines later."""
        paused = 0
        if row.waiting_since:
            paused = sla.paused_between(
                row.waiting_since,
                self.ctx.now(),
                Priority(row.priority),
                self.settings.calendar,
                self.settings.targets,
            )
        return {
            "waiting_on": None,
            "waiting_since": None,
            "waiting_until": None,
            "waiting_contact": "",
            "paused_seconds": row.paused_seconds + paused,
        }

    def resolve(
        self, ticket_id: int, version: int, solution: str, resolved_at: datetime | None = None
    ) -> TicketRecord:
        """Record the solution and the resolution time."""
        solution = action_text("solution", solution)
        with write_transaction():
            row, new = self._begin(ticket_id, version, Action.RESOLVE, solution=solution)
            changes: dict[str, Any] = {}
            if row.waiting_on:  # resolved while on hold: the wait ends first, time credited
                changes.update(self._wait_ended(row))
                records.add_line(self.ctx, row.id, LogKind.WAIT, log_lines.wait_ended(""))
            changes["solution"] = solution.strip()
            changes["resolved_at"] = (resolved_at or self.ctx.now()).replace(
                second=0, microsecond=0
            )
            if not row.assignee:
                self._assignee_change(row, self.ctx.operator, changes)
            self._responded(row, changes)
            line = log_lines.resolution(solution.strip())
            records.add_line(self.ctx, row.id, LogKind.RESOLVE, line)
            self._status_change(row, new, changes)
            return self._commit(row, version, changes)

    def record_feedback(
        self,
        ticket_id: int,
        version: int,
        resolved: bool,
        satisfaction: Satisfaction | None = None,
        score: int | None = None,
        comment: str = "",
    ) -> TicketRecord:
        """The requester's verdict: 是 keeps it resolved; 否 sends it back to handling."""
        satisfaction = feedback_rating(satisfaction, score)
        comment = action_text("comment", comment)
        with write_transaction():
            row, _ = self._begin(ticket_id, version, Action.FEEDBACK)
            changes: dict[str, Any] = {
                "feedback_resolved": resolved,
                "satisfaction": satisfaction.value if satisfaction else None,
                "feedback_score": score,
            }
            line = log_lines.feedback(resolved, satisfaction, score, comment.strip())
            records.add_line(self.ctx, row.id, LogKind.FEEDBACK, line)
            if not resolved:
                changes["reopen_count"] = row.reopen_count + 1
                changes["resolved_at"] = None
                records.add_line(self.ctx, row.id, LogKind.REOPEN, log_lines.FEEDBACK_NOT_RESOLVED)
                self._status_change(row, after_feedback(False), changes)
            return self._commit(row, version, changes)

    def close(
        self, ticket_id: int, version: int, reason: str = "", reason_en: str | None = None
    ) -> TicketRecord:
        """Close a resolved ticket: needs the requester's feedback or a recorded reason.

        ``reason_en`` is the English of a reason the program supplies (the log's English line);
        a reason a person typed is logged as typed in both versions.
        """
        reason = action_text("close_reason", reason)
        with write_transaction():
            row = records.load(ticket_id)
            records.check_version(row, version)
            self._check_lock(row)
            new = check(
                Status(row.status),
                Action.CLOSE,
                supervisor=self.ctx.supervisor,
                feedback_given=row.feedback_resolved is True,
                close_reason=reason,
            )
            changes: dict[str, Any] = {"closed_at": self.ctx.now(), "close_reason": reason.strip()}
            why = None
            if reason.strip():
                why = log_lines.LogLine(reason.strip(), (reason_en or reason).strip())
            records.add_line(self.ctx, row.id, LogKind.CLOSE, log_lines.closed(why))
            self._status_change(row, new, changes)
            return self._commit(row, version, changes)

    def reopen(self, ticket_id: int, version: int, reason: str) -> TicketRecord:
        """Back to handling; a closed ticket only by a supervisor. The log says who and why."""
        reason = action_text("reopen_reason", reason)
        with write_transaction():
            if records.load(ticket_id).status == Status.CLOSED.value:
                require(self.ctx, Privilege.REOPEN_CLOSED)
            row, new = self._begin(ticket_id, version, Action.REOPEN, reopen_reason=reason)
            if row.status == Status.CLOSED.value:
                audit.record(self.ctx, audit.AuditAction.REOPEN_CLOSED, row.number, reason.strip())
            changes: dict[str, Any] = {
                "reopen_count": row.reopen_count + 1,
                "resolved_at": None,
                "closed_at": None,
                "feedback_resolved": None,
                "satisfaction": None,
                "feedback_score": None,
            }
            line = log_lines.reopened(self.ctx.supervisor, reason.strip())
            records.add_line(self.ctx, row.id, LogKind.REOPEN, line)
            self._status_change(row, new or Status.IN_PROGRESS, changes)
            return self._commit(row, version, changes)

    def follow_up(
        self,
        ticket_id: int,
        draft: TicketDraft,
        *,
        confirm_mobile: bool = False,
        token: str | None = None,
    ) -> TicketRecord:
        """Log a new ticket that continues a closed one; both logs name the other.

        The requester, department and category are the closed ticket's (the contact too,
        unless another is given); the closed ticket itself stays closed. ``token`` as for
        ``create``: a retry of a save that got through returns that follow-up, logs nothing.
        """
        with write_transaction():
            made = IntakeToken.get_or_none(IntakeToken.token == token) if token else None
            if made is not None:
                return records.read_record(made.ticket_id)  # type: ignore[attr-defined]
            row = records.load(ticket_id)
            check(Status(row.status), Action.FOLLOW_UP, supervisor=self.ctx.supervisor)
            new = self.create(
                replace(
                    draft,
                    requester=row.requester,
                    department=row.department,
                    category=Category(row.category),
                    contact=draft.contact.strip() or row.contact,
                    follow_up_of=row.id,
                ),
                # A contact copied from the closed ticket was accepted when it was logged.
                confirm_mobile=confirm_mobile or not draft.contact.strip(),
                token=token,
            )
            records.add_line(
                self.ctx, new.id, LogKind.FOLLOW_UP, log_lines.follow_up_of(row.number)
            )
            records.add_line(
                self.ctx, row.id, LogKind.FOLLOW_UP, log_lines.follow_up_logged(new.number)
            )
            records.reindex(row.id)
            records.reindex(new.id)
            return records.read_record(new.id)
