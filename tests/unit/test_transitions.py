"""Status rules: allowed actions, the status each leads to, and the refusals."""

from __future__ import annotations

import pytest

from desk_gui.domain.enums import Status
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.transitions import (
    Action,
    TransitionError,
    after_feedback,
    allowed_actions,
    check,
)

PENDING, IN_PROGRESS = Status.PENDING, Status.IN_PROGRESS
RESOLVED, CLOSED = Status.RESOLVED, Status.CLOSED


def test_allowed_on_pending() -> None:
    allowed = allowed_actions(PENDING)
    assert {Action.TAKE, Action.ASSIGN, Action.RESOLVE, Action.ADD_LOG} <= allowed
    assert not allowed & {Action.CLOSE, Action.REOPEN, Action.FEEDBACK, Action.WAIT}


def test_allowed_on_in_progress_depends_on_waiting() -> None:
    assert Action.WAIT in allowed_actions(IN_PROGRESS)
    assert Action.END_WAIT not in allowed_actions(IN_PROGRESS)
    assert Action.END_WAIT in allowed_actions(IN_PROGRESS, waiting=True)
    assert Action.WAIT not in allowed_actions(IN_PROGRESS, waiting=True)
    assert Action.TAKE in allowed_actions(IN_PROGRESS)  # take over


def test_allowed_on_resolved() -> None:
    allowed = allowed_actions(RESOLVED)
    assert {Action.FEEDBACK, Action.CLOSE, Action.REOPEN, Action.ADD_LOG} <= allowed
    assert not allowed & {Action.TAKE, Action.RESOLVE, Action.WAIT, Action.ESCALATE}


def test_closed_is_final_for_staff_who_may_only_log_a_follow_up() -> None:
    assert allowed_actions(CLOSED) == {Action.FOLLOW_UP}
    assert allowed_actions(CLOSED, supervisor=True) == {
        Action.REOPEN,
        Action.ADD_LOG,
        Action.FOLLOW_UP,
    }
    assert check(CLOSED, Action.FOLLOW_UP) is None  # the closed ticket stays closed


@pytest.mark.parametrize(
    ("status", "action", "new"),
    [
        (PENDING, Action.TAKE, IN_PROGRESS),
        (IN_PROGRESS, Action.TAKE, None),
        (PENDING, Action.ASSIGN, None),
        (IN_PROGRESS, Action.ESCALATE, None),
        (IN_PROGRESS, Action.ADD_LOG, None),
        (IN_PROGRESS, Action.PROGRESS, None),
        (PENDING, Action.EDIT, None),
        (IN_PROGRESS, Action.WAIT, None),
        (RESOLVED, Action.FEEDBACK, None),
        (RESOLVED, Action.ATTACH, None),
    ],
)
def test_status_after_action(status: Status, action: Action, new: Status | None) -> None:
    assert check(status, action) == new


def test_resolve_needs_a_solution() -> None:
    for status in (PENDING, IN_PROGRESS):
        with pytest.raises(TransitionError) as info:
            check(status, Action.RESOLVE, solution="   ")
        assert info.value.code == "solution_required"
        assert info.value.field == "solution"
        assert "解决方案" in info.value.message("zh")
        assert check(status, Action.RESOLVE, solution="重启数据库服务") is RESOLVED


def test_resolve_while_waiting() -> None:
    assert check(IN_PROGRESS, Action.RESOLVE, solution="重装打印机驱动", waiting=True) is RESOLVED


def test_end_wait_only_while_waiting() -> None:
    assert check(IN_PROGRESS, Action.END_WAIT, waiting=True) is None
    with pytest.raises(TransitionError):
        check(IN_PROGRESS, Action.END_WAIT)
    with pytest.raises(TransitionError):
        check(IN_PROGRESS, Action.WAIT, waiting=True)


def test_close_needs_feedback_or_reason() -> None:
    with pytest.raises(TransitionError) as info:
        check(RESOLVED, Action.CLOSE)
    assert (info.value.code, info.value.field) == ("close_reason_required", "close_reason")
    assert check(RESOLVED, Action.CLOSE, feedback_given=True) is CLOSED
    assert check(RESOLVED, Action.CLOSE, close_reason="3天未回复") is CLOSED


@pytest.mark.parametrize("status", [PENDING, IN_PROGRESS, CLOSED])
def test_close_only_from_resolved(status: Status) -> None:
    with pytest.raises(TransitionError) as info:
        check(status, Action.CLOSE, feedback_given=True, supervisor=True)
    assert info.value.code == "not_allowed"


def test_reopen_resolved_needs_a_reason() -> None:
    with pytest.raises(TransitionError) as info:
        check(RESOLVED, Action.REOPEN)
    assert (info.value.code, info.value.field) == ("reopen_reason_required", "reopen_reason")
    assert check(RESOLVED, Action.REOPEN, reopen_reason="仍然无法登录") is IN_PROGRESS


def test_reopen_closed_needs_supervisor_and_reason() -> None:
    with pytest.raises(TransitionError) as info:
        check(CLOSED, Action.REOPEN, reopen_reason="再次出现")
    assert info.value.code == "supervisor_only"
    with pytest.raises(TransitionError) as info:
        check(CLOSED, Action.REOPEN, supervisor=True)
    assert info.value.code == "reopen_reason_required"
    assert check(CLOSED, Action.REOPEN, supervisor=True, reopen_reason="再次出现") is IN_PROGRESS


@pytest.mark.parametrize("status", [PENDING, IN_PROGRESS])
def test_reopen_open_ticket_refused(status: Status) -> None:
    with pytest.raises(TransitionError):
        check(status, Action.REOPEN, reopen_reason="x", supervisor=True)


def test_feedback() -> None:
    assert after_feedback(True) is RESOLVED
    assert after_feedback(False) is IN_PROGRESS
    assert check(RESOLVED, Action.FEEDBACK, feedback_resolved=False) is IN_PROGRESS
    assert check(RESOLVED, Action.FEEDBACK, feedback_resolved=True) is None
    with pytest.raises(TransitionError):
        check(IN_PROGRESS, Action.FEEDBACK, feedback_resolved=True)


@pytest.mark.parametrize("action", sorted(set(Action) - {Action.FOLLOW_UP}))
def test_staff_can_do_nothing_else_on_closed(action: Action) -> None:
    with pytest.raises(TransitionError) as info:
        check(
            CLOSED, action, solution="x", feedback_given=True, close_reason="x", reopen_reason="x"
        )
    assert isinstance(info.value, RuleViolation)
    assert info.value.message("zh") and info.value.message("en")


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("supervisor", [False, True])
@pytest.mark.parametrize("waiting", [False, True])
def test_check_agrees_with_allowed_actions(status: Status, supervisor: bool, waiting: bool) -> None:
    allowed = allowed_actions(status, supervisor=supervisor, waiting=waiting)
    for action in Action:

        def attempt(action: Action = action) -> Status | None:
            return check(
                status,
                action,
                supervisor=supervisor,
                waiting=waiting,
                solution="Replaced the network cable",
                feedback_given=True,
                reopen_reason="again",
            )

        if action in allowed:
            attempt()
        else:
            with pytest.raises(TransitionError):
                attempt()


def test_refusal_message_names_action_and_status() -> None:
    with pytest.raises(TransitionError) as info:
        check(PENDING, Action.CLOSE, feedback_given=True)
    assert "待处理" in info.value.message("zh") and "关闭" in info.value.message("zh")
    assert "close" in info.value.message("en") and "pending" in info.value.message("en")
