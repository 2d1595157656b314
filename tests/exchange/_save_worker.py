"""Another workstation saving tickets while an import runs: ``python -m tests.exchange._save_worker``.

Creates tickets through the real service, one write transaction each, until the stop file
appears; prints each number with the time its save finished, then ``worst <seconds>``.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database

DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"


def main(path: str, day: str, ready: str, stop: str) -> None:
    open_database(path)
    wf = WorkflowService(Context(operator="另一台", workstation="PC-2"))
    submitted = datetime.fromisoformat(day).replace(hour=14)
    worst = 0.0
    try:
        while not Path(stop).exists():
            started = time.monotonic()
            rec = wf.create(
                TicketDraft(
                    title="另一台工作站登记",
                    department="财务部",
                    description=DESCRIPTION,
                    category=Category.SOFTWARE,
                    urgency=Urgency.LOW,
                    impact=Impact.INDIVIDUAL,
                    requester="老王",
                    contact="8000",
                    submitted_at=submitted,
                )
            )
            worst = max(worst, time.monotonic() - started)
            print(rec.number, time.time(), flush=True)
            Path(ready).touch()
            time.sleep(0.05)
    finally:
        close_database()
    print(f"worst {worst:.3f}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
