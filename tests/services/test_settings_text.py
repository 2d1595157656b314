"""Text a tester pastes into the settings dialog: the office name (printed on every worksheet)
and staff names. Broken characters, invisible names and absurd lengths are refused with the
usual message and nothing stored; control characters are taken out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_gui.domain.enums import Tier
from desk_gui.domain.errors import RuleViolation
from desk_gui.services.directory import StaffMember, list_staff, save_staff
from desk_gui.services.settings import load_settings, save_settings
from desk_gui.services.workspace import Workspace


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "desk.db", "张三", create=True)
    yield ws
    ws.close()


@pytest.mark.parametrize(
    ("name", "reason"),
    [("总部\ud800", "broken character"), ("\u200b\u200b", "invisible"), ("x" * 100_000, "at most")],
)
def test_an_office_name_that_cannot_be_printed_is_refused(
    office: Workspace, name: str, reason: str
) -> None:
    before = load_settings()
    with pytest.raises(RuleViolation) as refused:
        save_settings(before.with_changes(office_name=name), "张三")
    assert reason in refused.value.message("en")
    assert load_settings() == before


def test_control_characters_are_taken_out_of_the_office_name(office: Workspace) -> None:
    saved = save_settings(
        load_settings().with_changes(office_name="北京\x1b[31m分公司\x07"), "张三"
    )
    assert (
        saved.office_name == "北京[31m分公司" and load_settings().office_name == saved.office_name
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [("\ud800李", "broken character"), ("\u200b", "invisible"), ("名" * 5000, "at most")],
)
def test_a_staff_name_that_cannot_be_an_assignee_is_refused(
    office: Workspace, name: str, reason: str
) -> None:
    before = list_staff()
    with pytest.raises(RuleViolation) as refused:
        save_staff(StaffMember(name, Tier.L1, ()))
    assert reason in refused.value.message("en")
    assert list_staff() == before


def test_control_characters_are_taken_out_of_a_staff_name(office: Workspace) -> None:
    save_staff(StaffMember("王\x00五", Tier.L1, ()))
    assert "王五" in [m.name for m in list_staff()]


@pytest.mark.parametrize(
    ("name", "reason"),
    [("\ud800李", "broken character"), ("\u200b", "invisible"), ("名" * 300, "at most")],
)
def test_an_account_name_that_cannot_be_a_staff_name_is_refused(
    office: Workspace, name: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_gui.services import accounts, passwords

    monkeypatch.setattr(passwords, "COST", passwords.Cost(log_n=10))  # about the name only
    with pytest.raises(RuleViolation) as refused:
        accounts.create_first_admin(office.ctx, name, "admin-pass-1")
    assert reason in refused.value.message("en") and refused.value.field == "name"
    assert accounts.list_accounts() == []
