"""What one window works with: its workspace (database, operator, services), language and prefs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the window is built before the data layer is imported: issue 11)
    from desk_gui.services.context import Context
    from desk_gui.services.queue import QueueService
    from desk_gui.services.workflow import WorkflowService
    from desk_gui.services.workspace import Workspace
    from desk_gui.ui.common.prefs import WorkstationPrefs

Probe = Callable[[str, str], tuple[bool, str]]
"""(database target, lang) → (usable, plain sentence): the settings' test-connection check."""


def _no_probe(target: str, lang: str) -> tuple[bool, str]:
    return False, target


@dataclass
class Session:
    """The open database as the window sees it; the launcher owns and closes the workspace."""

    workspace: Workspace
    lang: str
    prefs: WorkstationPrefs
    probe: Probe = _no_probe

    @property
    def ctx(self) -> Context:
        return self.workspace.ctx

    @property
    def tickets(self) -> WorkflowService:
        return self.workspace.tickets

    @property
    def queue(self) -> QueueService:
        return self.workspace.queue

    @property
    def database(self) -> str:
        """The target as opened (the settings dialog edits it)."""
        return self.workspace.target

    @property
    def database_label(self) -> str:
        """The target fit to show (a URL's password masked)."""
        return self.workspace.display_target

    def set_operator(self, name: str) -> None:
        self.workspace.set_operator(name)
