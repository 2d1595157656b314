"""What one window works with: the operator's context, the services, the language and prefs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desk_gui.services.context import Context
from desk_gui.services.queue import QueueService
from desk_gui.services.workflow import WorkflowService
from desk_gui.ui.prefs import WorkstationPrefs

Probe = Callable[[str, str], tuple[bool, str]]
"""(database target, lang) → (usable, plain sentence): the settings' test-connection check."""


def _no_probe(target: str, lang: str) -> tuple[bool, str]:
    return False, target


@dataclass
class Session:
    """The open database as the window sees it; rebuilt when the operator or database changes."""

    ctx: Context
    lang: str
    prefs: WorkstationPrefs
    database: str
    probe: Probe = _no_probe
    tickets: WorkflowService = field(init=False)
    queue: QueueService = field(init=False)

    def __post_init__(self) -> None:
        self.tickets = WorkflowService(self.ctx, auto_escalate_p1=True)
        self.queue = QueueService()

    def set_operator(self, name: str) -> None:
        self.ctx.operator = name
        self.tickets = WorkflowService(self.ctx, auto_escalate_p1=True)
