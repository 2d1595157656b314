"""Office settings shared through the database: prefix, masking, matrix, targets, calendar."""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from desk_gui.domain.calendar import BusinessCalendar
from desk_gui.domain.enums import Priority
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.masking import MASK_BY_DEFAULT
from desk_gui.domain.numbering import DEFAULT_PREFIX, valid_prefix
from desk_gui.domain.priority import DEFAULT_MATRIX, DEFAULT_TARGETS, PriorityMatrix, SlaTarget
from desk_gui.domain.validation import action_text
from desk_gui.services import audit
from desk_gui.services.access import Privilege, require
from desk_gui.services.context import Context
from desk_gui.store.database import is_sqlite, translate_errors, write_transaction
from desk_gui.store.errors import SettingsConflict
from desk_gui.store.models import Setting
from desk_gui.store.office import OFFICE_KEY, office_json

_KEY = OFFICE_KEY


def _default_calendar() -> BusinessCalendar:
    return _country_calendar(date.today().year)


@functools.lru_cache(maxsize=4)
def _country_calendar(year: int) -> BusinessCalendar:
    """China's holidays and 调休 days around ``year`` (built once a process: it is slow)."""
    return BusinessCalendar.for_country("CN", years=range(year - 3, year + 3))


@dataclass(frozen=True)
class OfficeSettings:
    """Everything an office may change; defaults are the spec's."""

    office_name: str = ""
    prefix: str = DEFAULT_PREFIX
    mask_requester: bool = MASK_BY_DEFAULT
    matrix: PriorityMatrix = DEFAULT_MATRIX
    targets: dict[Priority, SlaTarget] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    calendar: BusinessCalendar = field(default_factory=_default_calendar)
    attachment_limit: int = 10 * 1024 * 1024
    revision: int = field(default=0, compare=False)  # bumped by every save; guards overwrites

    def with_changes(self, **changes: Any) -> OfficeSettings:
        return replace(self, **changes)

    def to_json(self) -> str:
        return json.dumps(
            {
                "office_name": self.office_name,
                "prefix": self.prefix,
                "mask_requester": self.mask_requester,
                "matrix": self.matrix.to_json(),
                "targets": {p.value: t.to_json() for p, t in self.targets.items()},
                "calendar": self.calendar.to_json(),
                "attachment_limit": self.attachment_limit,
                "revision": self.revision,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> OfficeSettings:
        raw = json.loads(text)
        # Only what the file holds is passed: a default (the CN calendar costs ~0.25 s to
        # build) is made only when missing.
        values: dict[str, Any] = {}
        for key, parse in (
            ("office_name", str),
            ("prefix", str),
            ("mask_requester", bool),
            ("attachment_limit", int),
            ("revision", int),
        ):
            if key in raw:
                values[key] = parse(raw[key])
        if "matrix" in raw:
            values["matrix"] = PriorityMatrix.from_json(raw["matrix"])
        if "targets" in raw:
            values["targets"] = {
                Priority(k): SlaTarget.from_json(v) for k, v in raw["targets"].items()
            }
        if "calendar" in raw:
            values["calendar"] = BusinessCalendar.from_json(raw["calendar"])
        return cls(**values)


def load_settings() -> OfficeSettings:
    """The office settings stored in the open database, or the defaults."""
    text = office_json()
    return OfficeSettings.from_json(text) if text is not None else OfficeSettings()


SETTINGS_TTL_S = 60.0
"""How long a service trusts its copy of the office settings."""


class OfficeSettingsCache:
    """A service's copy of the office settings, re-read once a minute so another workstation's
    change lands; a copy given by the caller is never re-read (until ``reload``)."""

    def __init__(self, settings: OfficeSettings | None = None) -> None:
        self._settings = settings
        self._pinned = settings is not None
        self._read_at = time.monotonic()

    def get(self) -> OfficeSettings:
        stale = time.monotonic() - self._read_at > SETTINGS_TTL_S and not self._pinned
        if self._settings is None or stale:
            with translate_errors():
                self._settings = load_settings()
            self._read_at = time.monotonic()
        return self._settings

    def reload(self) -> None:
        """Read again at the next use (after a settings dialog saved)."""
        self._settings = None
        self._pinned = False


def _changed_keys(old: OfficeSettings | None, new: OfficeSettings) -> str:
    """The settings a save changes, named for the audit trail."""
    before = json.loads(old.to_json()) if old is not None else {}
    after = json.loads(new.to_json())
    return ", ".join(k for k in after if k != "revision" and before.get(k) != after[k])


def save_settings(
    settings: OfficeSettings,
    operator: str | Context,
    *,
    action: Privilege = Privilege.OFFICE_SETTINGS,
) -> OfficeSettings:
    """Store the office settings for every workstation; refuses a copy someone else replaced.

    A supervisor's action (``services.access``); ``operator`` as a bare name stands for someone
    not signed in. Audited with the names of the settings changed. Masking is not changed here:
    ``set_masking`` is its one way in, so a copy whose ``mask_requester`` differs from the
    stored one is a bug.
    """
    require(operator, action)
    by = operator if isinstance(operator, Context) else Context(operator=operator)
    name = action_text("office_name", settings.office_name)  # controls out; sane length
    if name != settings.office_name:
        settings = replace(settings, office_name=name)
    if not valid_prefix(settings.prefix):
        raise RuleViolation(
            "prefix",
            field="prefix",
            zh="问题编号前缀须为 1–8 个英文字母。",
            en="The ticket prefix must be 1–8 ASCII letters.",
        )
    with write_transaction():
        stored = _stored_for_update()
        if stored is not None and stored[0].revision != settings.revision:
            raise SettingsConflict(stored[1] or "?", stored[2])
        current = stored[0] if stored is not None else OfficeSettings()
        if settings.mask_requester != current.mask_requester:
            raise ValueError("masking is changed by set_masking only")
        before = stored[0] if stored is not None else None
        changed = _changed_keys(before, replace(settings, revision=current.revision + 1))
        audit.record(by, audit.AuditAction.SETTINGS_CHANGED, action.value, changed)
        return _write(settings, current.revision, by.operator)


def set_masking(on: bool, operator: str | Context) -> OfficeSettings:
    """Turn masking of names and phone numbers on paper and in exports on or off for the office.

    The one place that changes it: a supervisor's decision (``services.access``), audited.
    """
    require(operator, Privilege.OFFICE_SETTINGS)
    by = operator if isinstance(operator, Context) else Context(operator=operator)
    with write_transaction():
        stored = _stored_for_update()
        current = stored[0] if stored is not None else OfficeSettings()
        if current.mask_requester == on:
            return current
        audit.record(
            by,
            audit.AuditAction.SETTINGS_CHANGED,
            Privilege.OFFICE_SETTINGS.value,
            f"mask_requester={'on' if on else 'off'}",
        )
        return _write(replace(current, mask_requester=on), current.revision, by.operator)


def _stored_for_update() -> tuple[OfficeSettings, str, datetime] | None:
    """The stored settings, who saved them and when, row-locked on PostgreSQL."""
    query = Setting.select().where(Setting.key == _KEY)
    if not is_sqlite():  # SQLite's BEGIN IMMEDIATE already serialises the read
        query = query.for_update()
    row = query.first()
    if row is None:
        return None
    return OfficeSettings.from_json(row.value), row.updated_by, row.updated_at


def _write(settings: OfficeSettings, stored_revision: int, operator: str) -> OfficeSettings:
    fresh = replace(settings, revision=stored_revision + 1)
    Setting.insert(
        key=_KEY, value=fresh.to_json(), updated_at=datetime.now(), updated_by=operator
    ).on_conflict(
        conflict_target=[Setting.key],
        preserve=[Setting.value, Setting.updated_at, Setting.updated_by],
    ).execute()
    return fresh
