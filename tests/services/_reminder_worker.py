"""A workstation polling reminders: ``python -m tests.services._reminder_worker DB OPERATOR WS``.

Prints one ``operator<TAB>key-json`` line per reminder this process claimed.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime

from desk_gui.services.context import Context
from desk_gui.services.reminders import ReminderService
from desk_gui.store.database import close_database, open_database

NOW = datetime(2024, 5, 6, 11, 0)


def main(path: str, operator: str, workstation: str) -> None:
    open_database(path)
    service = ReminderService(
        Context(operator=operator, workstation=workstation, clock=lambda: NOW)
    )
    for _ in range(20):
        for r in service.poll().fresh:
            key = {"ticket": r.ticket_id, "kind": r.kind.value, "due": r.due_at.isoformat()}
            print(f"{operator}\t{json.dumps(key, sort_keys=True)}", flush=True)
        time.sleep(0.005)
    close_database()


if __name__ == "__main__":
    main(*sys.argv[1:4])
