"""Ticket numbers: format, parse, day keys, prefixes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain.numbering import (
    DEFAULT_PREFIX,
    day_key,
    format_number,
    parse_number,
    valid_prefix,
)


def test_spec_example() -> None:
    assert format_number("IT", date(2024, 5, 1), 1) == "IT20240501001"


def test_sequence_grows_past_999() -> None:
    assert format_number("IT", date(2024, 5, 1), 999) == "IT20240501999"
    assert format_number("IT", date(2024, 5, 1), 1000) == "IT202405011000"
    assert format_number("IT", date(2024, 5, 1), 12345) == "IT2024050112345"


def test_prefix_is_written_upper_case() -> None:
    assert format_number("hd", date(2024, 5, 1), 7) == "HD20240501007"
    assert day_key("it", date(2024, 5, 1)) == "IT20240501"


def test_default_prefix_and_day_key() -> None:
    assert DEFAULT_PREFIX == "IT"
    assert day_key(DEFAULT_PREFIX, date(2024, 12, 31)) == "IT20241231"


@pytest.mark.parametrize("bad", ["", "I1", "ABCDEFGHI", "问题", "I T", "É"])
def test_invalid_prefixes(bad: str) -> None:
    assert not valid_prefix(bad)
    with pytest.raises(ValueError):
        format_number(bad, date(2024, 5, 1), 1)


@pytest.mark.parametrize("good", ["I", "IT", "abcdefgh", "Help"])
def test_valid_prefixes(good: str) -> None:
    assert valid_prefix(good)


@pytest.mark.parametrize("seq", [0, -1])
def test_sequence_starts_at_one(seq: int) -> None:
    with pytest.raises(ValueError):
        format_number("IT", date(2024, 5, 1), seq)


def test_parse_well_formed() -> None:
    assert parse_number("IT20240501001") == ("IT", date(2024, 5, 1), 1)
    assert parse_number("IT202405011000") == ("IT", date(2024, 5, 1), 1000)
    assert parse_number("  it20240501042 ") == ("IT", date(2024, 5, 1), 42)
    assert parse_number("HELPDESK20240229010") == ("HELPDESK", date(2024, 2, 29), 10)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "IT",
        "20240501001",  # no prefix
        "IT2024050101",  # sequence of 2 digits
        "IT20240501000",  # sequence 0
        "IT202405010001",  # not the canonical form of 1
        "IT20240230001",  # no such day
        "IT20231301001",  # no such month
        "IT20240501001X",
        "ABCDEFGHI20240501001",  # prefix of 9 letters
        "IT-20240501-001",
        "IT２０２４０５０１００１",  # full-width digits
    ],
)
def test_parse_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_with_expected_prefix() -> None:
    assert parse_number("IT20240501001", "IT") == ("IT", date(2024, 5, 1), 1)
    assert parse_number("IT20240501001", "it") == ("IT", date(2024, 5, 1), 1)
    assert parse_number("HD20240501001", "IT") is None


@given(
    prefix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefxyz", min_size=1, max_size=8),
    day=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    seq=st.integers(min_value=1, max_value=10**6),
)
def test_round_trip(prefix: str, day: date, seq: int) -> None:
    number = format_number(prefix, day, seq)
    assert parse_number(number) == (prefix.upper(), day, seq)
    assert number.startswith(day_key(prefix, day))


@given(st.text())
def test_parse_never_raises(text: str) -> None:
    parse_number(text)
