"""Priority matrix and SLA targets, with their JSON round trips."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_gui.domain.enums import Impact, Priority, Urgency
from desk_gui.domain.priority import (
    DEFAULT_MATRIX,
    DEFAULT_TARGETS,
    UPDATE_AFTER_OPEN,
    Duration,
    PriorityMatrix,
    SlaTarget,
    priority_for,
    targets_from_json,
    targets_to_json,
)

H, M, L = Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW


@pytest.mark.parametrize(
    ("impact", "urgency", "expected"),
    [
        (Impact.COMPANY, H, Priority.P1),
        (Impact.COMPANY, M, Priority.P2),
        (Impact.COMPANY, L, Priority.P3),
        (Impact.DEPARTMENT, H, Priority.P1),
        (Impact.DEPARTMENT, M, Priority.P2),
        (Impact.DEPARTMENT, L, Priority.P3),
        (Impact.INDIVIDUAL, H, Priority.P2),
        (Impact.INDIVIDUAL, M, Priority.P3),
        (Impact.INDIVIDUAL, L, Priority.P4),
    ],
)
def test_default_matrix_is_the_spec_table(
    impact: Impact, urgency: Urgency, expected: Priority
) -> None:
    assert priority_for(impact, urgency) is expected


def test_matrix_json_round_trip() -> None:
    data = DEFAULT_MATRIX.to_json()
    assert data["company:high"] == "p1"
    assert data["individual:low"] == "p4"
    assert len(data) == 9
    assert PriorityMatrix.from_json(data) == DEFAULT_MATRIX


def test_office_matrix_overrides_cells_and_keeps_the_rest() -> None:
    office = PriorityMatrix.from_json({"individual:high": "P1"})
    assert priority_for(Impact.INDIVIDUAL, H, office) is Priority.P1
    assert priority_for(Impact.COMPANY, M, office) is Priority.P2
    assert office != DEFAULT_MATRIX


@pytest.mark.parametrize(
    "data", [{"company": "p1"}, {"company:urgent": "p1"}, {"company:high": "p9"}]
)
def test_bad_matrix_json(data: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        PriorityMatrix.from_json(data)


def test_incomplete_matrix_refused() -> None:
    with pytest.raises(ValueError):
        PriorityMatrix({(Impact.COMPANY, H): Priority.P1})


def test_matrix_is_immutable_copy() -> None:
    cells = dict(DEFAULT_MATRIX.cells)
    matrix = PriorityMatrix(cells)
    cells[(Impact.COMPANY, H)] = Priority.P4
    assert matrix.priority(Impact.COMPANY, H) is Priority.P1
    assert hash(matrix) == hash(DEFAULT_MATRIX)


def test_default_targets_follow_the_spec() -> None:
    p1, p2, p3, p4 = (DEFAULT_TARGETS[p] for p in Priority)
    assert (p1.respond, p1.resolve) == (Duration(minutes=15), Duration(minutes=120))
    assert p1.around_the_clock and p1.update_interval == timedelta(minutes=15)
    assert p1.update_after == timedelta(0)
    assert (p2.respond, p2.resolve) == (Duration(minutes=120), Duration(minutes=240))
    assert (p3.respond, p3.resolve) == (Duration(business_days=1), Duration(business_days=3))
    assert (p4.respond, p4.resolve) == (Duration(business_days=2), Duration(business_days=5))
    for target in (p2, p3, p4):
        assert not target.around_the_clock
        assert target.update_interval == timedelta(hours=2)
        assert target.update_after == UPDATE_AFTER_OPEN == timedelta(hours=4)


def test_targets_json_round_trip() -> None:
    data = targets_to_json(DEFAULT_TARGETS)
    assert data["p1"]["respond"] == {"minutes": 15, "business_days": 0}
    assert data["p3"]["resolve"] == {"minutes": 0, "business_days": 3}
    assert targets_from_json(data) == DEFAULT_TARGETS
    for target in DEFAULT_TARGETS.values():
        assert SlaTarget.from_json(target.to_json()) == target


def test_targets_json_partial_keeps_defaults() -> None:
    custom = targets_from_json({"P2": {"respond": {"minutes": 60}, "resolve": {"minutes": 180}}})
    assert custom[Priority.P2].respond == Duration(minutes=60)
    assert custom[Priority.P2].update_interval == timedelta(hours=2)
    assert custom[Priority.P2].update_after == UPDATE_AFTER_OPEN
    assert custom[Priority.P1] == DEFAULT_TARGETS[Priority.P1]


def test_duration_refuses_negative() -> None:
    with pytest.raises(ValueError):
        Duration(minutes=-1)


@pytest.mark.parametrize(
    ("duration", "zh", "en"),
    [
        (Duration(minutes=15), "15分钟", "15 min"),
        (Duration(minutes=120), "2小时", "2 h"),
        (Duration(minutes=90), "1小时30分钟", "1 h 30 min"),
        (Duration(business_days=1), "1个工作日", "1 business day"),
        (Duration(business_days=3), "3个工作日", "3 business days"),
        (Duration(), "0分钟", "0 min"),
    ],
)
def test_duration_label(duration: Duration, zh: str, en: str) -> None:
    assert duration.label("zh") == zh
    assert duration.label("en") == en
