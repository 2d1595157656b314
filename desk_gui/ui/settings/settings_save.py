"""What the settings dialog saves for the whole office, read from the form, stored off the
window's thread (``BoundedSave``).

Retrying after a give-up is safe: staff and masking are set to values; the office settings
carry the version they were read at, so a first attempt that got through turns the retry into
a conflict, and a conflict that finds the settings as wanted is that attempt's success.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_gui.services.context import Context
from desk_gui.services.directory import StaffMember, list_staff, save_staff
from desk_gui.services.errors import SettingsConflict
from desk_gui.services.settings import (
    OfficeSettings,
    load_settings,
    save_settings,
    set_masking,
)


@dataclass(frozen=True)
class SharedChanges:
    base: OfficeSettings  # as the dialog read them
    office: OfficeSettings  # as edited (masking aside)
    mask: bool
    staff: tuple[StaffMember, ...]  # the members that changed
    operator: str | Context

    def store(self, attempt: int) -> tuple[OfficeSettings, list[StaffMember]]:
        """Save; the office settings and staff as stored now."""
        current = self.base
        if self.office != self.base:
            try:
                current = save_settings(self.office, self.operator)
            except SettingsConflict:
                current = load_settings()
                if attempt == 1 or not _as_wanted(current, self.office):
                    raise
        if self.mask != current.mask_requester:
            current = set_masking(self.mask, self.operator)
        ctx = self.operator if isinstance(self.operator, Context) else None
        for member in self.staff:
            save_staff(member, ctx)
        return current, list_staff()


def _as_wanted(current: OfficeSettings, wanted: OfficeSettings) -> bool:
    return (current.office_name, current.prefix) == (wanted.office_name, wanted.prefix)
