"""The record a save returns names who saved it, exactly as the file does afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desk_gui.domain.enums import Tier
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from tests.services.conftest import Clock, make_draft

Save = Callable[[WorkflowService, TicketRecord], TicketRecord]

SAVES: dict[str, Save] = {
    "edit": lambda s, r: s.update_fields(r.id, r.version, {"title": "打印机卡纸（三楼）"}),
    "take": lambda s, r: s.take(r.id, r.version),
    "assign": lambda s, r: s.assign(r.id, r.version, "王五"),
    "progress": lambda s, r: s.progress_update(r.id, "已告知：下午上门"),
    "escalate": lambda s, r: s.escalate(r.id, r.version, Tier.L2, "需要现场", "已重启打印机"),
}


@pytest.mark.parametrize("action", sorted(SAVES))
def test_the_returned_record_names_the_saver(db_path: Path, clock: Clock, action: str) -> None:
    zhang = WorkflowService(Context(operator="张三", workstation="PC-1", clock=clock))
    li = WorkflowService(Context(operator="李四", workstation="PC-2", clock=clock))
    created = zhang.create(make_draft())
    assert created.updated_by == "张三"
    saved = SAVES[action](li, created)
    assert saved.updated_by == "李四"
    assert saved.updated_at == clock()
    stored = zhang.get(created.id)
    assert (stored.updated_by, stored.updated_at, stored.version) == (
        saved.updated_by,
        saved.updated_at,
        saved.version,
    )
