"""What importing one sheet row writes, computed in memory: the ticket's final columns and its log.

The import used to replay every row through the workflow services (create, take, assign,
resolve, feedback, close, historic times: ~16 ms and a dozen statements a row, all inside the
write lock). The outcome of that replay is fixed by the row, the office settings, the operator
and the clock, so it is computed here without the database, by the same domain rules
(``transitions.check``, the priority matrix, the SLA deadlines, the log lines), and written in
bulk by ``store.import_write``. Ticket number and id are assigned at the write.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from desk_gui.domain import log_lines, sla
from desk_gui.domain.enums import LogKind, Priority, Status
from desk_gui.domain.priority import priority_for
from desk_gui.domain.resolution import feedback_rating
from desk_gui.domain.transitions import Action, after_feedback, check
from desk_gui.domain.validation import ValidationError, validate_draft
from desk_gui.exchange.importer import ImportRow
from desk_gui.services import records
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings

CLOSED_REASON = "导入：原表状态为已关闭"
CLOSED_REASON_EN = "Import: closed in the original sheet"

# A new ticket's columns before intake fills them (the model's defaults).
_BLANK: dict[str, Any] = {
    "solution": "",
    "resolved_at": None,
    "feedback_resolved": None,
    "satisfaction": None,
    "feedback_score": None,
    "tier": "l1",
    "first_response_at": None,
    "closed_at": None,
    "close_reason": "",
    "waiting_on": None,
    "waiting_contact": "",
    "waiting_until": None,
    "waiting_since": None,
    "paused_seconds": 0,
    "escalation_count": 0,
    "reopen_count": 0,
}
LogRow = tuple[str, str, str | None, datetime, str | None]  # kind, zh, en, at, args (log_render)


@dataclass
class PlannedTicket:
    """One row's ticket without number and id, its log lines in order, the staff it names."""

    line: int
    wanted: str  # the sheet's number ("" when none)
    day: date  # submission day: the sequence a new number comes from
    columns: dict[str, Any]
    log: list[LogRow] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)


class _Replay:
    """The workflow's steps applied to a dict of columns instead of a stored row."""

    def __init__(
        self,
        ctx: Context,
        settings: OfficeSettings,
        row: ImportRow,
        memo: dict[tuple[Any, ...], dict[str, Any]],
    ) -> None:
        self.ctx, self.settings, self.row, self.memo = ctx, settings, row, memo
        self.now = ctx.now()
        self.t: dict[str, Any] = {}
        self.plan: PlannedTicket

    def line(self, kind: LogKind, text: log_lines.LogLine) -> None:
        self.plan.log.append((kind.value, text.zh, text.en, self.now, text.args))

    def status(self, new: Status | None) -> None:
        old = Status(self.t["status"])
        if new is not None and new != old:
            self.t["status"] = new.value
            self.line(LogKind.STATUS, log_lines.status_change(old, new))

    def assignee(self, name: str | None) -> None:
        if name != self.t["assignee"]:
            if name:
                self.plan.staff.append(name)
            self.line(LogKind.ASSIGN, log_lines.assignee_change(self.t["assignee"], name))
            self.t["assignee"] = name

    def responded(self) -> None:
        if self.t["first_response_at"] is None:
            self.t["first_response_at"] = self.now

    def check(self, action: Action, **kw: Any) -> Status | None:
        return check(Status(self.t["status"]), action, supervisor=self.ctx.supervisor, **kw)

    def commit(self) -> None:
        """records.save after refresh_deadlines: deadlines, version, who and when."""
        t = self.t
        t.update(
            self.deadlines(t["submitted_at"], t["priority"], t["first_response_at"], t["status"])
        )
        self.touch()

    def deadlines(
        self, submitted: datetime, priority: str, responded: datetime | None, status: str
    ) -> dict[str, Any]:
        """records.deadline_fields of an imported ticket (never paused, never updated).

        The calendar arithmetic depends on the submission and priority only, so it is done
        once per (submitted, priority) of the import; the status and first response decide
        the queue's fields exactly as deadline_fields does.
        """
        base = self.memo.get((submitted, priority))
        if base is None:
            base = self.memo[(submitted, priority)] = records.deadline_fields(
                self.settings, submitted, Priority(priority), 0, None, None, Status.PENDING
            )
        if not Status(status).is_open:
            return {**base, "next_update_due": None, "next_due": None}
        if responded is None:
            return base
        due = sla.next_due(
            base["respond_due"], base["resolve_due"], base["next_update_due"], responded,
            resolved=False,
        )  # fmt: skip
        return {**base, "next_due": due}

    def touch(self) -> None:
        self.t["version"] += 1
        self.t["updated_at"] = self.now
        self.t["updated_by"] = self.ctx.operator


def plan_row(
    ctx: Context,
    settings: OfficeSettings,
    row: ImportRow,
    source: str,
    memo: dict[tuple[Any, ...], dict[str, Any]] | None = None,
) -> PlannedTicket:
    """The ticket and log that ImportService's per-row replay used to write for ``row``.

    ``memo`` (one per import) keeps the deadlines already worked out: rows submitted in the
    same minute with the same priority share them.
    """
    r = _Replay(ctx, settings, row, {} if memo is None else memo)
    _create(r, source)
    if row.status == Status.PENDING:
        return r.plan
    _take_and_assign(r)
    if row.status == Status.IN_PROGRESS:
        return r.plan
    _resolve(r)
    if row.feedback_resolved is not None:
        _feedback(r)
    if row.status == Status.CLOSED:
        _close(r)
    if row.resolved_at is not None:  # the sheet's own times, not the import's
        t = r.t
        t["first_response_at"] = min(t["first_response_at"] or row.resolved_at, row.resolved_at)
        if t["closed_at"] is not None:
            t["closed_at"] = row.resolved_at
        r.touch()
    return r.plan


def _create(r: _Replay, source: str) -> None:
    row, now = r.row, r.now
    draft = replace(row.draft, assignee=row.assignee if row.status == Status.PENDING else None)
    if not row.valid:  # the preview checked the draft by the form's rules (validate_draft)
        raise ValidationError([p for p in validate_draft(draft, now) if not p.warning])
    assert draft.impact and draft.urgency and draft.category and draft.channel
    submitted = (draft.submitted_at or now).replace(second=0, microsecond=0)
    priority = priority_for(draft.impact, draft.urgency, r.settings.matrix)
    r.t = t = dict(_BLANK)
    t.update(records.draft_columns(draft))
    t.update(
        submitted_at=submitted,
        priority=priority.value,
        status=Status.PENDING.value,
        follow_up_of=None,
        created_at=now,
        updated_at=now,
        updated_by=r.ctx.operator,
        version=1,
    )
    t.update(r.deadlines(submitted, priority.value, None, Status.PENDING.value))
    r.plan = PlannedTicket(row.line, row.number, submitted.date(), t)
    r.line(LogKind.CREATED, log_lines.imported(source, row.line))
    if draft.assignee:
        r.line(LogKind.ASSIGN, log_lines.first_assignee(draft.assignee))
    notes = list(row.defaults)
    if row.log_text:
        notes.append(log_lines.import_history(row.log_text))
    if notes:
        joined = log_lines.LogLine("\n".join(n.zh for n in notes), "\n".join(n.en for n in notes))
        r.line(LogKind.IMPORT, joined)


def _take_and_assign(r: _Replay) -> None:
    new = r.check(Action.TAKE, waiting=False)
    r.status(new or Status.IN_PROGRESS)
    r.assignee(r.ctx.operator)
    r.responded()
    r.commit()
    wanted = r.row.assignee
    if wanted and wanted != r.t["assignee"]:
        r.status(r.check(Action.ASSIGN, waiting=False))
        r.assignee(wanted.strip())
        r.commit()


def _resolve(r: _Replay) -> None:
    row = r.row
    new = r.check(Action.RESOLVE, solution=row.solution, waiting=False)
    r.t["solution"] = row.solution.strip()
    r.t["resolved_at"] = (row.resolved_at or r.now).replace(second=0, microsecond=0)
    if not r.t["assignee"]:
        r.assignee(r.ctx.operator)
    r.responded()
    r.line(LogKind.RESOLVE, log_lines.resolution(row.solution.strip()))
    r.status(new)
    r.commit()


def _feedback(r: _Replay) -> None:
    row = r.row
    resolved = bool(row.feedback_resolved)
    rating = feedback_rating(row.satisfaction, None)
    r.check(Action.FEEDBACK, waiting=False)
    r.t.update(
        feedback_resolved=resolved,
        satisfaction=rating.value if rating else None,
        feedback_score=None,
    )
    r.line(LogKind.FEEDBACK, log_lines.feedback(resolved, rating, None, ""))
    if not resolved:
        r.t["reopen_count"] += 1
        r.t["resolved_at"] = None
        r.line(LogKind.REOPEN, log_lines.FEEDBACK_NOT_RESOLVED)
        r.status(after_feedback(False))
    r.commit()


def _close(r: _Replay) -> None:
    confirmed = bool(r.row.feedback_resolved)
    reason, reason_en = ("", None) if confirmed else (CLOSED_REASON, CLOSED_REASON_EN)
    new = r.check(
        Action.CLOSE, feedback_given=r.t["feedback_resolved"] is True, close_reason=reason
    )
    r.t["closed_at"] = r.now
    r.t["close_reason"] = reason.strip()
    why = log_lines.LogLine(reason.strip(), (reason_en or reason).strip()) if reason else None
    r.line(LogKind.CLOSE, log_lines.closed(why))
    r.status(new)
    r.commit()
