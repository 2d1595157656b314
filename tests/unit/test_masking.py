"""Masking of requester names on printouts and exports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain.masking import mask_requester


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("小明", "小明*"),  # the spec's example, exactly
        ("王", "王*"),
        ("王小明", "王*明"),
        ("欧阳小明", "欧**明"),
        ("E12345", "E****5"),
        ("Alice Wang", "A********g"),
        ("Al", "Al*"),
        ("  王小明  ", "王*明"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_mask(name: str, masked: str) -> None:
    assert mask_requester(name) == masked


@given(st.text(min_size=3).filter(lambda s: len(s.strip()) >= 3))
def test_longer_names_hide_all_but_two_characters(name: str) -> None:
    masked = mask_requester(name)
    text = name.strip()
    assert len(masked) == len(text)
    assert masked[0] == text[0] and masked[-1] == text[-1]
    assert set(masked[1:-1]) == {"*"}
