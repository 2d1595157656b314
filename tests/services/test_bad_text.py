"""Text that must never crash a write service, and a refusal that changes nothing
(issue 15, items 10 and 11, and the property test over generated text)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_gui.domain.enums import Tier, WaitingOn
from desk_gui.domain.errors import DeskError, RuleViolation
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.validation import ValidationError
from desk_gui.exchange.export import export_tickets
from desk_gui.exchange.importer import preview_file
from desk_gui.printing.content import WorksheetOptions, worksheet_content
from desk_gui.printing.layout import layout_worksheet
from desk_gui.services.importing import ImportService
from desk_gui.services.queue import QueueFilter
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.queue import ticket_ids

from .conftest import make_draft

LONE = "\ud800"
Call = Callable[[WorkflowService, TicketRecord, str], Any]

# Every write service that takes typed text, with where the text goes.
CALLS: dict[str, Call] = {
    "create title": lambda s, r, t: s.create(make_draft(title=t)),
    "create department": lambda s, r, t: s.create(make_draft(department=t)),
    "create requester": lambda s, r, t: s.create(make_draft(requester=t)),
    "create description": lambda s, r, t: s.create(make_draft(description=r.description + t)),
    "create remarks": lambda s, r, t: s.create(make_draft(remarks=t)),
    "edit contact": lambda s, r, t: s.update_fields(r.id, r.version, {"contact": t}),
    "edit os": lambda s, r, t: s.update_fields(r.id, r.version, {"os": t}),
    "note": lambda s, r, t: s.add_log(r.id, t),
    "assign": lambda s, r, t: s.assign(r.id, r.version, t),
    "escalate reason": lambda s, r, t: s.escalate(r.id, r.version, Tier.L2, t, "tried x"),
    "escalate handover": lambda s, r, t: s.escalate(r.id, r.version, Tier.L2, "why", t),
    "progress": lambda s, r, t: s.progress_update(r.id, t),
    "wait": lambda s, r, t: s.start_wait(r.id, r.version, WaitingOn.VENDOR, t),
    "resolve": lambda s, r, t: s.resolve(r.id, r.version, "换了网线" + t),
}


def _snapshot(db_path: Path) -> list[Any]:
    """Every row of every table that a write touches."""
    con = sqlite3.connect(db_path)
    try:
        return [
            con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("ticket", "log_entry", "staff", "daily_sequence", "attachment")
        ]
    finally:
        con.close()


@pytest.mark.parametrize("name", list(CALLS))
def test_a_lone_surrogate_is_refused_with_the_fields_message(
    desk: WorkflowService, db_path: Path, name: str
) -> None:
    rec = desk.create(make_draft())
    before = _snapshot(db_path)
    with pytest.raises(RuleViolation) as caught:
        CALLS[name](desk, rec, f"abc{LONE}def")
    problems = caught.value.problems if isinstance(caught.value, ValidationError) else []
    codes = {p.code for p in problems} | {caught.value.code}
    assert "text_surrogate" in codes, name
    assert caught.value.field, name  # the form can put the message beside its field
    assert "broken character" in caught.value.message("en")
    assert "残缺字符" in caught.value.message("zh")
    assert _snapshot(db_path) == before


def test_a_title_of_zero_width_characters_is_refused(desk: WorkflowService) -> None:
    with pytest.raises(ValidationError) as caught:
        desk.create(make_draft(title="\u200b\u200c\u200d\ufeff\u2060"))
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == ("title", "text_invisible")
    assert "看不见" in problem.zh and "invisible" in problem.en


@pytest.mark.parametrize("key", ["department", "requester", "contact", "remarks"])
def test_ten_thousand_characters_are_refused_per_field(desk: WorkflowService, key: str) -> None:
    with pytest.raises(ValidationError) as caught:
        desk.create(make_draft(**{key: "部" * 10_000}))
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == (key, "text_too_long")
    assert "10000" in problem.en and "最多" in problem.zh


def test_a_note_of_only_invisible_characters_is_refused(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    with pytest.raises(RuleViolation) as caught:
        desk.add_log(rec.id, "\u200b\u202e\u0301")
    assert (caught.value.field, caught.value.code) == ("text", "text_invisible")


class _Measure:
    """Every character 2.5 mm wide, lines 4.5 mm: the layout without Qt's fonts."""

    def width(self, text: str, style: str) -> float:
        return 2.5 * len(text)

    def line_height(self, style: str) -> float:
        return 4.5

    def wrap(self, text: str, style: str, width: float) -> list[str]:
        per = max(1, int(width // 2.5))
        return [p[i : i + per] for p in text.split("\n") for i in range(0, max(1, len(p)), per)]


# -- the property: generated text through every path --------------------------------------------

NASTY = st.sampled_from(
    ["\x1b", "\x07", "\x00", "\x0b", "\x7f", "\x85", LONE, "\udfff", "\u202e", "\u200f", "\u200b",
     "\u200d", "\ufeff", "\u0301", "\u20dd", "😀", "👩‍💻", "\r", "\r\n", "\t", "\u2028", "测",
     "é", "=", "+1", "'", '"', ",", "\\", "%", "_", "*"]
)  # fmt: skip
TEXT = st.one_of(
    st.lists(st.one_of(NASTY, st.characters()), max_size=40).map("".join),
    st.builds(lambda a, n: a * n, st.text(min_size=1, max_size=3), st.integers(100, 3000)),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXT, name=st.sampled_from(list(CALLS)))
def test_generated_text_never_escapes_and_a_refusal_changes_nothing(
    desk: WorkflowService, db_path: Path, tmp_path: Path, text: str, name: str
) -> None:
    rec = desk.create(make_draft())
    before = _snapshot(db_path)
    try:
        CALLS[name](desk, desk.get(rec.id), text)
    except DeskError:
        assert _snapshot(db_path) == before
    # Whatever was stored searches, exports, prints' content builds and imports back.
    for options in (WorksheetOptions(lang="zh"), WorksheetOptions(lang="en")):
        layout_worksheet(worksheet_content(desk.get(rec.id), options), _Measure())  # type: ignore[arg-type]
    ticket_ids(QueueFilter(text=text[:20]))
    out = tmp_path / "all.xlsx"
    export_tickets(out, "xlsx", mask=False)
    export_tickets(tmp_path / "all.csv", "csv", mask=False)
    for sheet in (out, tmp_path / "all.csv"):
        preview = preview_file(sheet, now=datetime(2030, 1, 1))
        ImportService(desk.ctx).check_numbers(preview)
        assert "\ufffd" not in "".join(r.draft.title for r in preview.rows)


def test_a_text_stored_before_the_limits_does_not_block_editing_another_field(
    desk: WorkflowService,
) -> None:
    from desk_gui.store.database import write_transaction
    from desk_gui.store.models import Ticket

    rec = desk.create(make_draft())
    with write_transaction():
        Ticket.update(department="部" * 500).where(Ticket.id == rec.id).execute()
    rec = desk.update_fields(rec.id, rec.version, {"os": "Windows 11"})
    assert rec.os == "Windows 11"
    with pytest.raises(ValidationError):
        desk.update_fields(rec.id, rec.version, {"department": "部" * 41})
