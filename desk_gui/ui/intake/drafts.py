"""Local drafts of the new-ticket form, so nothing typed is lost to a close, a crash or a lost share.

A draft is one JSON file in ``config.drafts_dir()`` (always local, never on the share), written
atomically; attachment bytes live in files beside it, written once each.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_gui import config
from desk_gui.domain.enums import Category, Channel, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft

FORMAT = 1
_PREFIX = "ticket-"

# Drafts shown in a form right now (in this process): not offered to another form.
_in_use: set[str] = set()


@dataclass(frozen=True)
class DraftAttachment:
    """A file waiting to be attached once the ticket exists."""

    filename: str
    data: bytes
    mime: str = ""


@dataclass
class SavedDraft:
    """A draft read back from disk."""

    draft_id: str
    draft: TicketDraft
    attachments: list[DraftAttachment] = field(default_factory=list)
    saved_at: datetime | None = None


def is_empty(draft: TicketDraft, attachments: list[DraftAttachment]) -> bool:
    """True if nothing was typed or chosen (the defaults do not count)."""
    texts = (
        draft.title,
        draft.department,
        draft.description,
        draft.requester,
        draft.contact,
        draft.remarks,
        draft.device_model,
        draft.os,
        draft.software_version,
        draft.error_code,
    )
    chosen = (draft.category, draft.urgency, draft.impact)
    return not attachments and not any(t.strip() for t in texts) and all(c is None for c in chosen)


def draft_to_json(draft: TicketDraft) -> dict[str, Any]:
    data = asdict(draft)
    for key in ("category", "urgency", "impact", "channel"):
        value = getattr(draft, key)
        data[key] = value.value if value is not None else None
    data["submitted_at"] = draft.submitted_at.isoformat() if draft.submitted_at else None
    return data


def draft_from_json(data: dict[str, Any]) -> TicketDraft:
    def enum(kind: Any, key: str) -> Any:
        value = data.get(key)
        try:
            return kind(value) if value else None
        except ValueError:
            return None

    submitted = data.get("submitted_at")
    return TicketDraft(
        title=str(data.get("title") or ""),
        department=str(data.get("department") or ""),
        description=str(data.get("description") or ""),
        category=enum(Category, "category"),
        urgency=enum(Urgency, "urgency"),
        impact=enum(Impact, "impact"),
        requester=str(data.get("requester") or ""),
        contact=str(data.get("contact") or ""),
        channel=enum(Channel, "channel") or Channel.PHONE,
        submitted_at=datetime.fromisoformat(submitted) if submitted else None,
        remarks=str(data.get("remarks") or ""),
        device_model=str(data.get("device_model") or ""),
        os=str(data.get("os") or ""),
        software_version=str(data.get("software_version") or ""),
        error_code=str(data.get("error_code") or ""),
    )


class DraftStore:
    """Draft files of one user on this PC."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else config.drafts_dir()

    @staticmethod
    def new_id() -> str:
        return f"{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"

    def path(self, draft_id: str) -> Path:
        return self.directory / f"{_PREFIX}{draft_id}.json"

    def _blob_path(self, draft_id: str, data: bytes) -> Path:
        digest = hashlib.sha1(data).hexdigest()[:16]
        return self.directory / f"{_PREFIX}{draft_id}.{digest}.bin"

    def save(self, draft_id: str, draft: TicketDraft, attachments: list[DraftAttachment]) -> None:
        """Write the draft (or remove it when the form is empty)."""
        if is_empty(draft, attachments):
            self.discard(draft_id)
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        files = []
        for item in attachments:
            blob = self._blob_path(draft_id, item.data)
            if not blob.exists():
                _write_atomic(blob, item.data)
            files.append({"filename": item.filename, "mime": item.mime, "blob": blob.name})
        payload = {
            "format": FORMAT,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "draft": draft_to_json(draft),
            "attachments": files,
        }
        text = json.dumps(payload, ensure_ascii=False, indent=1)
        _write_atomic(self.path(draft_id), text.encode("utf-8"))
        used = {f["blob"] for f in files}
        for old in self.directory.glob(f"{_PREFIX}{draft_id}.*.bin"):
            if old.name not in used:
                old.unlink(missing_ok=True)

    def load(self, draft_id: str) -> SavedDraft | None:
        """The draft, or None if missing or unreadable."""
        try:
            payload = json.loads(self.path(draft_id).read_text("utf-8"))
            draft = draft_from_json(payload["draft"])
            attachments = []
            for item in payload.get("attachments", []):
                blob = self.directory / str(item["blob"])
                if blob.exists():
                    attachments.append(
                        DraftAttachment(str(item["filename"]), blob.read_bytes(), str(item["mime"]))
                    )
            saved = payload.get("saved_at")
            when = datetime.fromisoformat(saved) if saved else None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return SavedDraft(draft_id, draft, attachments, when)

    def draft_ids(self) -> list[str]:
        """Ids of the stored drafts, newest first."""
        if not self.directory.is_dir():
            return []
        paths = sorted(
            self.directory.glob(f"{_PREFIX}*.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        return [p.name[len(_PREFIX) : -len(".json")] for p in paths]

    def latest(self) -> SavedDraft | None:
        """The newest readable draft that no open form is showing."""
        for draft_id in self.draft_ids():
            if draft_id in _in_use:
                continue
            saved = self.load(draft_id)
            if saved is not None:
                return saved
        return None

    def discard(self, draft_id: str) -> None:
        """Remove the draft and its attachment files."""
        with contextlib.suppress(FileNotFoundError):
            self.path(draft_id).unlink()
        if self.directory.is_dir():
            for blob in self.directory.glob(f"{_PREFIX}{draft_id}.*.bin"):
                blob.unlink(missing_ok=True)


def mark_in_use(draft_id: str, in_use: bool) -> None:
    """Record that a form shows (or no longer shows) this draft."""
    if in_use:
        _in_use.add(draft_id)
    else:
        _in_use.discard(draft_id)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
