"""Local drafts of the new-ticket form: written atomically, read back, offered once, removed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from desk_gui.domain.enums import Category, Channel, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.ui.intake.drafts import DraftAttachment, DraftStore, is_empty, mark_in_use


def test_round_trip_with_attachments(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    draft = TicketDraft(
        title="VPN连不上",
        category=Category.NETWORK,
        urgency=Urgency.HIGH,
        channel=Channel.EMAIL,
        submitted_at=datetime(2024, 5, 1, 9, 15),
        requester="小明",
    )
    shot = DraftAttachment("screen.png", b"\x89PNG\r\n", "image/png")
    store.save("a", draft, [shot])
    saved = store.load("a")
    assert saved is not None
    assert saved.draft == draft
    assert saved.attachments == [shot]
    assert saved.saved_at is not None


def test_empty_form_leaves_no_file_and_defaults_do_not_count(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("a", TicketDraft(title="x"), [])
    assert store.draft_ids() == ["a"]
    empty = TicketDraft(channel=Channel.IM, submitted_at=datetime(2024, 5, 1, 9, 0))
    assert is_empty(empty, [])
    store.save("a", empty, [])
    assert store.draft_ids() == []
    assert list(tmp_path.iterdir()) == []


def test_discard_removes_attachment_files_and_unused_blobs_go(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    one, two = DraftAttachment("1.log", b"one"), DraftAttachment("2.log", b"two")
    store.save("a", TicketDraft(title="x"), [one, two])
    assert len(list(tmp_path.glob("*.bin"))) == 2
    store.save("a", TicketDraft(title="x"), [two])
    assert len(list(tmp_path.glob("*.bin"))) == 1
    store.discard("a")
    assert list(tmp_path.iterdir()) == []


def test_latest_skips_open_and_unreadable_drafts(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("old", TicketDraft(title="old"), [])
    store.path("broken").write_text("{not json", "utf-8")
    store.save("new", TicketDraft(title="new"), [])
    mark_in_use("new", True)
    try:
        latest = store.latest()
        assert latest is not None and latest.draft.title == "old"
    finally:
        mark_in_use("new", False)
    latest = store.latest()
    assert latest is not None and latest.draft.title == "new"


def test_default_folder_is_the_per_user_drafts_dir(_isolated_data_dir: Path) -> None:
    store = DraftStore()
    assert store.directory == _isolated_data_dir / "drafts"
