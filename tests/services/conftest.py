"""Services over a real, freshly migrated SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_gui.domain.enums import Category, Channel, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database


class Clock:
    """A settable clock so deadlines and log times are exact."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "desk.db"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 5, 6, 9, 15))  # a Monday


@pytest.fixture
def desk(db_path: Path, clock: Clock) -> WorkflowService:
    return WorkflowService(Context(operator="李工程师", workstation="PC-1", clock=clock))


@pytest.fixture
def other(db_path: Path, clock: Clock) -> WorkflowService:
    return WorkflowService(Context(operator="张三", workstation="PC-2", clock=clock))


def make_draft(**overrides: object) -> TicketDraft:
    """A valid draft modelled on the spec's example."""
    values: dict[str, object] = {
        "title": "CRM系统数据库连接错误",
        "department": "销售部/北京分公司",
        "description": "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效",
        "category": Category.SOFTWARE,
        "urgency": Urgency.HIGH,
        "impact": Impact.DEPARTMENT,
        "requester": "小明",
        "contact": "内线8888",
        "channel": Channel.PHONE,
    }
    values.update(overrides)
    return TicketDraft(**values)  # type: ignore[arg-type]
