"""Who is acting, at which workstation, and what time it is: passed to every service."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


def default_workstation() -> str:
    """This PC's name, as other workstations will see it in lock notices."""
    return os.environ.get("COMPUTERNAME") or socket.gethostname() or "workstation"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass
class Context:
    """The operator at this workstation (author of every log line) and the clock."""

    operator: str
    workstation: str = field(default_factory=default_workstation)
    supervisor: bool = False
    clock: Callable[[], datetime] = _now

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)
