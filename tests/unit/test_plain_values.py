"""The queue's and the fields' value classes behave as the dataclasses they replaced (issue 11)."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime

import pytest

from desk_gui.domain.fields import FIELDS, Column, Field, Printed, field
from desk_gui.store.queue_types import QueueFilter, QueueRow

NOW = datetime(2026, 3, 2, 9, 30)
ROW = (1, "n", "t", "d", "r", "c", "p3", "low", "pending", None, NOW, NOW, 1, NOW)


def test_queue_filter_is_mutable_equal_by_value_and_unhashable() -> None:
    flt = QueueFilter(text="printer")
    assert flt == QueueFilter(text="printer") and flt != QueueFilter(text="scanner")
    assert flt != QueueFilter() and QueueFilter() == QueueFilter()
    flt.text = "scanner"
    assert flt == QueueFilter(text="scanner")
    with pytest.raises(TypeError):
        hash(flt)
    with pytest.raises(AttributeError):
        flt.colour = "red"  # type: ignore[attr-defined]
    assert repr(QueueFilter(text="x")).startswith("QueueFilter(statuses=frozenset(")
    assert "text='x', now=None)" in repr(QueueFilter(text="x"))


def test_queue_filter_replace_copies_with_changes() -> None:
    flt = QueueFilter(assignee="王伟", due="soon")
    moved = flt.replace(now=NOW)
    assert moved.now == NOW and moved.assignee == "王伟" and moved.due == "soon"
    assert flt.now is None and moved is not flt
    with pytest.raises(TypeError):
        flt.replace(colour="red")
    assert copy.copy(flt) == flt and pickle.loads(pickle.dumps(flt)) == flt


def test_queue_row_is_frozen_hashable_and_takes_its_waiting_reason_last() -> None:
    row = QueueRow(*ROW)
    assert row.waiting_on is None and row.updated_at == NOW and row.id == 1
    assert QueueRow(*ROW, "customer").waiting_on == "customer"
    assert QueueRow(*ROW, waiting_on="vendor") == QueueRow(*ROW, "vendor")
    assert row == QueueRow(*ROW) and hash(row) == hash(QueueRow(*ROW))
    assert row != QueueRow(*ROW, "customer")
    with pytest.raises(AttributeError):
        row.title = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del row.title  # type: ignore[misc]
    with pytest.raises(TypeError):
        QueueRow(*ROW[:-1])
    assert row.replace(title="new").title == "new" and row.title == "t"
    assert copy.deepcopy(row) == row and pickle.loads(pickle.dumps(row)) == row
    assert repr(row).startswith("QueueRow(id=1, number='n', title='t'")


def test_fields_are_frozen_hashable_values() -> None:
    title = field("title")
    assert title == Field(
        "title", "问题标题", "Title", title.kind, title.entry, title.section, required=True,
        column=Column(aliases=("标题", "title"), required=True, width=24),
        printed=Printed(2), max_length=20,
    )  # fmt: skip
    assert len(set(FIELDS)) == len(FIELDS) and {title: 1}[field("title")] == 1
    assert Column() == Column(None, None, (), False, None) and Printed(3) != Printed(3, 2)
    with pytest.raises(AttributeError):
        title.zh = "x"  # type: ignore[misc]
    assert title.replace(max_length=30).max_length == 30 and title.max_length == 20
    assert repr(Printed(2)) == "Printed(row=2, blank_lines=1, only_if_filled=False)"
    assert copy.deepcopy(title) == title
