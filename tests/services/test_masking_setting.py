"""Masking is turned on or off through one service method, and only there."""

from __future__ import annotations

import peewee as pw
import pytest

from desk_gui.services.settings import load_settings, save_settings, set_masking
from desk_gui.store.errors import SettingsConflict


def test_set_masking_is_the_way_to_turn_it_off(db: pw.Database) -> None:
    before = load_settings()
    assert before.mask_requester
    after = set_masking(False, "主管")
    assert not after.mask_requester and not load_settings().mask_requester
    assert after.revision == before.revision + 1
    assert set_masking(False, "主管").revision == after.revision  # no change, no save
    assert set_masking(True, "主管").mask_requester


def test_save_settings_never_changes_masking(db: pw.Database) -> None:
    settings = load_settings()
    with pytest.raises(ValueError, match="set_masking"):
        save_settings(settings.with_changes(mask_requester=False), "张三")
    assert load_settings().mask_requester
    saved = save_settings(settings.with_changes(office_name="北京分公司"), "张三")
    assert saved.mask_requester and saved.office_name == "北京分公司"


def test_a_copy_read_before_masking_changed_is_refused(db: pw.Database) -> None:
    stale = load_settings()
    set_masking(False, "主管")
    with pytest.raises(SettingsConflict):
        save_settings(stale.with_changes(office_name="x"), "张三")
