"""Intake, editing, conflicts, locks and attachments through the services."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee
import pytest

from desk_gui.domain.enums import Impact, LogKind, Priority, Status, Urgency
from desk_gui.domain.validation import ValidationError
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.errors import AttachmentTooLarge, ConflictError, LockedByOther
from desk_gui.store.models import LogEntry
from desk_gui.store.search import search_ticket_ids

from .conftest import Clock, make_draft


def test_create_numbers_prioritises_and_logs(desk: WorkflowService) -> None:
    first = desk.create(make_draft())
    second = desk.create(make_draft(title="打印机卡纸"))
    assert first.number == "IT20240506001"
    assert second.number == "IT20240506002"
    assert first.status == Status.PENDING
    assert first.priority == Priority.P1  # department × high
    assert first.respond_due == datetime(2024, 5, 6, 9, 30)  # P1: 15 min, around the clock
    assert first.resolve_due == datetime(2024, 5, 6, 11, 15)
    assert [e.kind for e in first.log] == [LogKind.CREATED]
    assert first.log[0].author == "李工程师"


def test_late_logged_call_numbers_by_submission_date(desk: WorkflowService) -> None:
    rec = desk.create(make_draft(submitted_at=datetime(2024, 5, 3, 16, 40, 33)))
    assert rec.number == "IT20240503001"
    assert rec.submitted_at == datetime(2024, 5, 3, 16, 40)


def test_invalid_draft_names_every_field(desk: WorkflowService) -> None:
    with pytest.raises(ValidationError) as err:
        desk.create(make_draft(title="", description="系统不好用", contact=""))
    fields = {p.field for p in err.value.problems}
    assert {"title", "description", "contact"} <= fields


def test_personal_mobile_needs_confirmation(desk: WorkflowService) -> None:
    draft = make_draft(contact="13812345678")
    with pytest.raises(ValidationError) as err:
        desk.create(draft)
    assert [p.code for p in err.value.problems] == ["personal_mobile"]
    assert desk.create(draft, confirm_mobile=True).contact == "13812345678"


def test_stale_update_gets_conflict_and_keeps_the_winner(
    desk: WorkflowService, other: WorkflowService, clock: Clock
) -> None:
    rec = desk.create(make_draft())
    clock.now += timedelta(minutes=5)
    desk.update_fields(rec.id, rec.version, {"remarks": "待供应商确认补丁发布时间"})
    with pytest.raises(ConflictError) as err:
        other.update_fields(rec.id, rec.version, {"remarks": "覆盖"})
    assert err.value.changed_by == "李工程师"
    assert err.value.changed_at == datetime(2024, 5, 6, 9, 20)
    assert "李工程师" in err.value.message("zh")
    assert desk.get(rec.id).remarks == "待供应商确认补丁发布时间"


def test_priority_change_is_logged_and_deadlines_recomputed(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    after = desk.update_fields(
        rec.id, rec.version, {"impact": Impact.INDIVIDUAL, "urgency": Urgency.LOW}
    )
    assert after.priority == Priority.P4
    assert after.resolve_due is not None and rec.resolve_due is not None
    assert after.resolve_due > rec.resolve_due
    kinds = [e.kind for e in after.log]
    assert LogKind.EDIT in kinds and LogKind.PRIORITY in kinds
    assert any("P1 → P4" in e.text for e in after.log)


def test_edit_lock_blocks_other_workstation_until_expiry(
    desk: WorkflowService, other: WorkflowService, clock: Clock
) -> None:
    rec = desk.create(make_draft())
    desk.lock(rec.id)
    assert other.lock_holder(rec.id) is not None
    assert other.lock_holder(rec.id)[0] == "李工程师"  # type: ignore[index]
    with pytest.raises(LockedByOther):
        other.lock(rec.id)
    with pytest.raises(LockedByOther):
        other.update_fields(rec.id, rec.version, {"remarks": "x"})
    clock.now += timedelta(minutes=4)  # not renewed: expired
    other.lock(rec.id)
    assert desk.lock_holder(rec.id) is not None


def test_log_is_append_only_in_the_database(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    desk.add_log(rec.id, "09:30 检查数据库服务器，发觉服务异常终止")
    with pytest.raises(peewee.DatabaseError):
        LogEntry.update(text="edited").execute()
    with pytest.raises(peewee.DatabaseError):
        LogEntry.delete().execute()
    assert len(desk.get(rec.id).log) == 2


def test_log_text_is_searchable(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    desk.add_log(rec.id, "发现交换机端口故障")
    assert rec.id in search_ticket_ids("交换机")
    assert rec.id in search_ticket_ids("IT20240506001")


def test_attachment_stored_and_capped(desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    after = desk.add_attachment(rec.id, "screen.png", b"\x89PNG" + b"0" * 100)
    assert after.attachments[0].filename == "screen.png"
    assert after.attachments[0].mime == "image/png"
    assert desk.attachment_data(after.attachments[0].id).startswith(b"\x89PNG")
    with pytest.raises(AttachmentTooLarge) as err:
        desk.add_attachment(rec.id, "huge.log", b"0" * (11 * 1024 * 1024))
    assert "huge.log" in err.value.message("en")


def test_office_settings_saved_from_a_stale_copy_are_refused(desk: WorkflowService) -> None:
    from desk_gui.services.settings import load_settings, save_settings
    from desk_gui.store.errors import SettingsConflict

    mine, theirs = load_settings(), load_settings()
    saved = save_settings(theirs.with_changes(prefix="HD"), "张三")
    with pytest.raises(SettingsConflict) as err:
        save_settings(mine.with_changes(office_name="北京分公司"), "李工程师")
    assert err.value.changed_by == "张三"
    assert load_settings().prefix == "HD"
    save_settings(saved.with_changes(office_name="北京分公司"), "李工程师")
    assert (load_settings().prefix, load_settings().office_name) == ("HD", "北京分公司")
