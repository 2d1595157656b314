"""What may be done to a ticket in each status, and the status each action leads to.

Pending → In progress (take) → Resolved (needs a solution that says what was done) → Closed
(needs feedback or a recorded reason). Resolved → In progress on a reopen or on feedback "not
resolved". Closed is final for desk staff: only a supervisor may add a note or reopen it (with
a reason); anyone may log a follow-up ticket linked to it.
Assigning and escalating do not change the status: the assignee takes the ticket.
"""

from __future__ import annotations

from enum import StrEnum

from desk_gui.domain.enums import Status
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.resolution import check_solution


class Action(StrEnum):
    """Something a user does to a ticket."""

    TAKE = "take"
    ASSIGN = "assign"
    ESCALATE = "escalate"
    ADD_LOG = "add_log"
    PROGRESS = "progress"
    EDIT = "edit"
    RESOLVE = "resolve"
    FEEDBACK = "feedback"
    CLOSE = "close"
    REOPEN = "reopen"
    WAIT = "wait"
    END_WAIT = "end_wait"
    ATTACH = "attach"
    FOLLOW_UP = "follow_up"


class TransitionError(RuleViolation):
    """An action the status rules forbid; ``field`` names the missing input, if any."""


_ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.TAKE: ("接手", "take"),
    Action.ASSIGN: ("指派", "assign"),
    Action.ESCALATE: ("升级", "escalate"),
    Action.ADD_LOG: ("添加记录", "add a log entry to"),
    Action.PROGRESS: ("同步进度", "send a progress update for"),
    Action.EDIT: ("修改", "edit"),
    Action.RESOLVE: ("解决", "resolve"),
    Action.FEEDBACK: ("登记反馈", "record feedback for"),
    Action.CLOSE: ("关闭", "close"),
    Action.REOPEN: ("重新打开", "reopen"),
    Action.WAIT: ("挂起等待", "put on hold"),
    Action.END_WAIT: ("结束等待", "end the wait of"),
    Action.ATTACH: ("添加附件", "attach a file to"),
    Action.FOLLOW_UP: ("登记跟进工单", "log a follow-up of"),
}

# Work on an open ticket; the wait actions are added according to the waiting flag.
_OPEN_WORK = frozenset(
    {
        Action.TAKE,
        Action.ASSIGN,
        Action.ESCALATE,
        Action.ADD_LOG,
        Action.PROGRESS,
        Action.EDIT,
        Action.RESOLVE,
        Action.ATTACH,
    }
)
# A resolved ticket waits for the requester: record feedback, close, reopen, note, attach,
# and correct fields (e.g. the category) before the record is archived.
_RESOLVED_WORK = frozenset(
    {Action.FEEDBACK, Action.CLOSE, Action.REOPEN, Action.ADD_LOG, Action.ATTACH, Action.EDIT}
)
# A new problem after closure is a new ticket linked to the closed one, open to everyone;
# reopening the closed one stays a supervisor's decision.
_CLOSED_STAFF = frozenset({Action.FOLLOW_UP})
_CLOSED_SUPERVISOR = _CLOSED_STAFF | {Action.REOPEN, Action.ADD_LOG}


def allowed_actions(
    status: Status, *, supervisor: bool = False, waiting: bool = False
) -> frozenset[Action]:
    """The actions offered on a ticket in ``status`` (for enabling buttons and menus)."""
    if status is Status.PENDING:
        return _OPEN_WORK
    if status is Status.IN_PROGRESS:
        # Resolving while on hold is allowed; the service ends the wait with it.
        return _OPEN_WORK | {Action.END_WAIT if waiting else Action.WAIT}
    if status is Status.RESOLVED:
        return _RESOLVED_WORK
    return _CLOSED_SUPERVISOR if supervisor else _CLOSED_STAFF


def after_feedback(resolved: bool) -> Status:
    """Status after the requester's verification: 是 stays resolved, 否 goes back to handling."""
    return Status.RESOLVED if resolved else Status.IN_PROGRESS


def _refuse(status: Status, action: Action) -> TransitionError:
    zh_action, en_action = _ACTION_LABELS[action]
    return TransitionError(
        "not_allowed",
        zh=f"状态为“{status.zh}”的问题不能{zh_action}。",
        en=f"Cannot {en_action} a ticket that is {status.en.lower()}.",
    )


def check(
    status: Status,
    action: Action,
    *,
    supervisor: bool = False,
    solution: str = "",
    feedback_given: bool = False,
    close_reason: str = "",
    reopen_reason: str = "",
    waiting: bool = False,
    feedback_resolved: bool | None = None,
) -> Status | None:
    """The status ``action`` leads to (None: unchanged); TransitionError if a rule is broken."""
    if status is Status.CLOSED and action is Action.REOPEN and not supervisor:
        raise TransitionError(
            "supervisor_only",
            zh="已关闭的问题只有主管可以重新打开。",
            en="Only a supervisor can reopen a closed ticket.",
        )
    if action not in allowed_actions(status, supervisor=supervisor, waiting=waiting):
        raise _refuse(status, action)
    if action is Action.TAKE:
        return Status.IN_PROGRESS if status is Status.PENDING else None
    if action is Action.RESOLVE:
        try:
            check_solution(solution)
        except RuleViolation as exc:
            raise TransitionError(exc.code, zh=exc.zh, en=exc.en, field=exc.field) from None
        return Status.RESOLVED
    if action is Action.FEEDBACK:
        if feedback_resolved is None:
            return None
        new = after_feedback(feedback_resolved)
        return new if new is not status else None
    if action is Action.CLOSE:
        if not feedback_given and not close_reason.strip():
            raise TransitionError(
                "close_reason_required",
                zh="关闭前需要提交人的反馈，或填写关闭原因（如“3天未回复”）。",
                en="Closing needs the requester's feedback or a reason "
                "(e.g. “no reply after 3 days”).",
                field="close_reason",
            )
        return Status.CLOSED
    if action is Action.REOPEN:
        if not reopen_reason.strip():
            raise TransitionError(
                "reopen_reason_required",
                zh="请填写重新打开的原因。",
                en="Enter why the ticket is reopened.",
                field="reopen_reason",
            )
        return Status.IN_PROGRESS
    return None
