"""Dates, feedback cells, headers and formula neutralising: the pure parts of exchange."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk_gui.domain.enums import Satisfaction
from desk_gui.exchange.columns import COLUMNS, key_for
from desk_gui.exchange.dates import parse_datetime
from desk_gui.exchange.export import neutralise
from desk_gui.exchange.feedback import parse_feedback

T = datetime(2024, 5, 1, 9, 15)


@pytest.mark.parametrize(
    "typed",
    [
        "2024-05-01 09:15",
        "2024/5/1 9:15",
        "2024-05-0109:15",
        "2024-5-1 9:15",
        "2024.5.1 09:15",
        "2024年5月1日 9:15",
        "2024年5月1日9时15分",
        "2024-05-01T09:15:00",
        "2024-05-01 09:15:59",
        "202405010915",
        45413.385416666664,  # an Excel serial number read from a CSV
        datetime(2024, 5, 1, 9, 14, 59, 999000),  # an Excel cell a hair short of the minute
    ],
)
def test_the_dates_people_type(typed: object) -> None:
    assert parse_datetime(typed) == T


def test_empty_date_only_and_unreadable() -> None:
    assert parse_datetime("") is None and parse_datetime(None) is None
    assert parse_datetime("2024-05-01") == datetime(2024, 5, 1)
    assert parse_datetime(date(2024, 5, 1)) == datetime(2024, 5, 1)
    for bad in ("2024-13-01 09:15", "2024-02-30", "昨天上午", "9:15", "2024-05-01 25:00"):
        with pytest.raises(ValueError):
            parse_datetime(bad)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("是；满意", (True, Satisfaction.SATISFIED)),
        ("是;基本满意", (True, Satisfaction.BASIC)),
        ("否", (False, None)),
        ("Yes; Fairly satisfied", (True, Satisfaction.BASIC)),
        ("No", (False, None)),
        ("是（2分）", (True, Satisfaction.DISSATISFIED)),
        ("满意", (True, Satisfaction.SATISFIED)),
    ],
)
def test_feedback_cells(cell: str, expected: tuple[object, object]) -> None:
    assert parse_feedback(cell) == expected


def test_unreadable_feedback() -> None:
    with pytest.raises(ValueError):
        parse_feedback("还行吧")


def test_headers_in_either_language_and_unknown_ones() -> None:
    for key, zh, en in COLUMNS:
        assert key_for(zh) == key and key_for(en.upper()) == key and key_for(f" {zh}：") == key
    assert key_for("处理人") == "assignee"
    assert key_for("工位号") is None


@pytest.mark.parametrize("text", ["=1+1", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_ordinary_text_is_untouched() -> None:
    assert neutralise("内线8888") == "内线8888" and neutralise("") == ""
