"""One workstation on a faulty share (run by tests/faults/share.py under the interposer).

Reads one JSON command a line (create, note, search, check), answers one JSON line: what was
saved, or the error the user would be shown (its class and both messages). A bug answers with
its traceback, so the test shows it.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from desk_gui.domain.enums import Category, Channel, Impact, Urgency
from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import TicketDraft
from desk_gui.services.queue import QueueFilter, SortKey
from desk_gui.services.workspace import Workspace


def _draft(title: str) -> TicketDraft:
    return TicketDraft(
        title=title,
        department="IT部",
        description="三楼打印机卡纸，打印任务全部排队，已重启打印机无效",
        category=Category.HARDWARE,
        urgency=Urgency.MEDIUM,
        impact=Impact.INDIVIDUAL,
        requester="小明",
        contact="内线8888",
        channel=Channel.PHONE,
    )


def _run(ws: Workspace, cmd: dict[str, Any]) -> dict[str, Any]:
    op = cmd["op"]
    if op == "create":
        record = ws.tickets.create(_draft(cmd["title"]))
        return {"number": record.number, "id": record.id}
    if op == "note":
        record = ws.tickets.add_log(int(cmd["id"]), cmd["text"])
        return {"number": record.number}
    if op == "search":
        page = ws.queue.fetch_page(QueueFilter(text=cmd["text"]), SortKey.NUMBER, limit=50)
        return {"count": len(page)}
    raise ValueError(op)


def main() -> int:
    ws = Workspace.open(sys.argv[1], sys.argv[2], create=False)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        try:
            answer = {"ok": True, **_run(ws, cmd)}
        except DeskError as exc:
            answer = {
                "ok": False,
                "error": type(exc).__name__,
                "code": getattr(exc, "detail", ""),
                "en": exc.message("en"),
                "zh": exc.message("zh"),
            }
        except Exception:
            answer = {"ok": False, "error": "bug", "en": traceback.format_exc()}
        print(json.dumps(answer, ensure_ascii=False), flush=True)
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
