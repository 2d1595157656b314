"""A workstation creating tickets: ``python -m tests.store._pg_workers URL COUNT WORKSTATION``.

Opens the database exactly as the program does (racing the others to create the schema) and
logs tickets through WorkflowService, printing each committed number.
"""

from __future__ import annotations

import sys
from datetime import datetime

from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database
from tests.services.conftest import make_draft

NOW = datetime(2024, 5, 6, 9, 15)


def main(url: str, count: int, workstation: str) -> None:
    open_database(url)
    desk = WorkflowService(Context(operator="李工程师", workstation=workstation, clock=lambda: NOW))
    try:
        for i in range(count):
            rec = desk.create(make_draft(title=f"{workstation} 打印机 {i}"))
            print(rec.number, flush=True)
    finally:
        close_database()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
