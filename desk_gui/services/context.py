"""Who is acting, at which workstation, and what time it is: passed to every service."""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from desk_gui.domain.roles import Role


def default_workstation() -> str:
    """This PC's name, as other workstations will see it in lock notices."""
    return os.environ.get("COMPUTERNAME") or socket.gethostname() or "workstation"


def default_os_user() -> str:
    """The Windows (or other) account name: a hint for the audit trail, not proof of identity."""
    try:
        return os.environ.get("USERNAME") or getpass.getuser() or ""
    except (KeyError, OSError):  # no user name in the environment or the password database
        return ""


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass
class Context:
    """The operator at this workstation (author of every log line) and the clock.

    ``role`` is the signed-in person's role; None while the office works without sign-in (the
    remembered operator), when no role is checked (``services.access.require``).
    """

    operator: str
    workstation: str = field(default_factory=default_workstation)
    supervisor: bool = False
    clock: Callable[[], datetime] = _now
    role: Role | None = None
    os_user: str = field(default_factory=default_os_user)

    def __post_init__(self) -> None:
        if self.role is not None:  # a signed-in person: the role decides
            self.supervisor = self.role.at_least(Role.SUPERVISOR)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)
