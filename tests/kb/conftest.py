"""Knowledge-base tests: services over a fresh SQLite file (the services fixtures)."""

from __future__ import annotations

import pytest

from desk_gui.services.context import Context
from desk_gui.services.kb import KnowledgeService
from tests.services.conftest import Clock, clock, db_path, desk, make_draft, other  # noqa: F401


@pytest.fixture
def kb(db_path, clock: Clock) -> KnowledgeService:  # noqa: F811
    return KnowledgeService(Context(operator="李工程师", workstation="PC-1", clock=clock))


@pytest.fixture
def kb2(db_path, clock: Clock) -> KnowledgeService:  # noqa: F811
    return KnowledgeService(Context(operator="张三", workstation="PC-2", clock=clock))
