"""The hash chain's rule: the documented encoding, every field counted, times normalised."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain.log_chain import (
    GENESIS,
    STORED_LENGTH,
    ChainWalker,
    canonical_at,
    entry_hash,
    matches,
    short,
    stored,
)

FIELDS = (7, datetime(2026, 11, 21, 9, 0), "李工", "note", "已电话告知", None)


def test_encoding_is_the_documented_one() -> None:
    """What an auditor recomputes from the module docstring, written out by hand."""
    text = "已电话告知".encode()
    payload = (
        bytes(32)
        + b"1:7,"
        + b"26:2026-11-21 09:00:00.000000,"
        + b"6:"
        + "李工".encode()
        + b","
        + b"4:note,"
        + b"%d:%s," % (len(text), text)
        + b"~"
    )
    assert entry_hash(GENESIS, *FIELDS) == hashlib.sha256(payload).digest()
    with_en = entry_hash(GENESIS, *FIELDS[:5], "Told")
    assert with_en == hashlib.sha256(payload[:-1] + b"4:Told,").digest()


@pytest.mark.parametrize("index", range(len(FIELDS)))
def test_every_field_counts(index: int) -> None:
    changed = list(FIELDS)
    changed[index] = {0: 8, 1: datetime(2026, 11, 21, 9, 1), 5: ""}.get(index, "x")
    assert entry_hash(GENESIS, *changed) != entry_hash(GENESIS, *FIELDS)
    assert entry_hash(b"\x01" * 32, *FIELDS) != entry_hash(GENESIS, *FIELDS)


def test_fields_cannot_slide_into_each_other() -> None:
    a = entry_hash(GENESIS, 7, FIELDS[1], "ab", "c", "d", None)
    b = entry_hash(GENESIS, 7, FIELDS[1], "a", "bc", "d", None)
    assert a != b


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2200, 1, 1)))
def test_sqlite_text_and_datetime_encode_alike(at: datetime) -> None:
    assert canonical_at(at.isoformat(" ")) == canonical_at(at) == canonical_at(str(at))


def test_walker_skips_unchained_rows_and_compares_kept_prefixes() -> None:
    walker = ChainWalker()
    values = [walker.hash(7, FIELDS[1], "a", "note", t, None) for t in "xyz"]
    check = ChainWalker()
    assert check.verify(7, FIELDS[1], "a", "note", "x", None, stored(values[0]))
    assert not check.verify(7, FIELDS[1], "m", "note", "slipped in", None, None)
    assert check.verify(7, FIELDS[1], "a", "note", "y", None, values[1])  # 32 bytes: older file
    assert check.verify(7, FIELDS[1], "a", "note", "z", None, stored(values[2]))
    assert short(values[0]) == values[0].hex()[:12] == short(stored(values[0]))
    assert short(None) == ""


def test_walker_finds_an_edit_and_every_entry_after_it() -> None:
    walker = ChainWalker()
    values = [stored(walker.hash(7, FIELDS[1], "a", "note", t, None)) for t in "xyz"]
    check = ChainWalker()
    assert check.verify(7, FIELDS[1], "a", "note", "x", None, values[0])
    assert not check.verify(7, FIELDS[1], "a", "note", "forged", None, values[1])
    # the chain runs on recomputed values: what follows an edit no longer matches either
    assert not check.verify(7, FIELDS[1], "a", "note", "z", None, values[2])


def test_a_kept_value_is_a_prefix_of_at_least_stored_length() -> None:
    value = entry_hash(GENESIS, *FIELDS)
    assert matches(stored(value), value) and matches(value, value)
    assert not matches(value[: STORED_LENGTH - 1], value)  # too short to mean anything
    assert not matches(b"\x00" * STORED_LENGTH, value) and not matches(b"", value)
