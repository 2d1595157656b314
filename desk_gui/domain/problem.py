"""Problem records (问题管理): a recurring problem, its 5-Why chain, fixes and actions.

An improvement action moves plan → doing → checking → done (plan–do–check–act); a check that
fails sends it back to doing. A problem is open until closed; closing needs a root cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desk_gui.domain.enums import LabelledEnum
from desk_gui.domain.errors import RuleViolation

MAX_WHYS = 7
"""The chain asks "why" five times as a rule; a few more are allowed, never an endless list."""


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "ActionStatus": {
        "plan": ("计划", "Plan"),
        "doing": ("执行", "Doing"),
        "checking": ("检查", "Checking"),
        "done": ("完成", "Done"),
    },
    "ProblemStatus": {"open": ("处理中", "Open"), "closed": ("已关闭", "Closed")},
}


class ActionStatus(LabelledEnum):
    PLAN = "plan"
    DOING = "doing"
    CHECKING = "checking"
    DONE = "done"

    @classmethod
    def _label_table(cls) -> dict[str, tuple[str, str]]:
        return _LABELS[cls.__name__]


class ProblemStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"

    @classmethod
    def _label_table(cls) -> dict[str, tuple[str, str]]:
        return _LABELS[cls.__name__]


NEXT: dict[ActionStatus, tuple[ActionStatus, ...]] = {
    ActionStatus.PLAN: (ActionStatus.DOING,),
    ActionStatus.DOING: (ActionStatus.CHECKING,),
    ActionStatus.CHECKING: (ActionStatus.DONE, ActionStatus.DOING),  # a failed check: again
    ActionStatus.DONE: (),
}


def allowed_statuses(current: ActionStatus) -> tuple[ActionStatus, ...]:
    """The statuses an action may take from ``current`` (itself included)."""
    return (current, *NEXT[current])


def check_action_move(current: ActionStatus, new: ActionStatus) -> None:
    """RuleViolation unless ``new`` is ``current`` or the next step of the cycle."""
    if new not in allowed_statuses(current):
        raise RuleViolation(
            "action_status",
            zh=f"改进措施的状态不能从“{current.zh}”改为“{new.zh}”",
            en=f"an action cannot go from {current.en} to {new.en}",
        )


@dataclass(frozen=True)
class Why:
    """One link of the chain: why did it happen → because …"""

    why: str
    because: str


@dataclass
class Action:
    """An improvement action."""

    what: str
    owner: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.PLAN
    check_result: str = ""
    id: int | None = None


@dataclass
class ProblemRecord:
    """A problem record as read and saved by the services."""

    title: str
    number: str = ""
    status: ProblemStatus = ProblemStatus.OPEN
    whys: list[Why] = field(default_factory=list)
    workaround: str = ""
    permanent_fix: str = ""
    actions: list[Action] = field(default_factory=list)
    ticket_ids: list[int] = field(default_factory=list)
    created_at: datetime | None = None
    created_by: str = ""
    closed_at: datetime | None = None
    version: int = 0
    id: int | None = None

    @property
    def root_cause(self) -> str:
        """The last "because" of the chain (the root cause); "" until there is one."""
        filled = [w.because.strip() for w in self.whys if w.because.strip()]
        return filled[-1] if filled else ""


def check_problem(record: ProblemRecord) -> None:
    """The rules a problem record must meet to be saved."""
    if not record.title.strip():
        raise RuleViolation("problem_title", zh="问题标题不能为空", en="a problem needs a title")
    if len(record.whys) > MAX_WHYS:
        raise RuleViolation("whys", zh=f"“为什么”最多 {MAX_WHYS} 层", en=f"at most {MAX_WHYS} whys")
    for action in record.actions:
        if not action.what.strip():
            raise RuleViolation(
                "action_what", zh="改进措施要写明做什么", en="an action needs to say what is done"
            )
    if record.status is ProblemStatus.CLOSED and not record.root_cause:
        raise RuleViolation(
            "root_cause",
            zh="关闭问题前要找到根因（5 个为什么的最后一个原因）",
            en="a problem is closed only once its root cause (the last because) is known",
        )
