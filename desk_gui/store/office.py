"""The stored office settings row, read raw (services.settings gives it its shape).

Exchange reads the one flag it needs here instead of importing services, so that services may
import exchange without a cycle.
"""

from __future__ import annotations

import json

from desk_gui.domain.masking import MASK_BY_DEFAULT
from desk_gui.store.database import translate_errors
from desk_gui.store.models import Setting

OFFICE_KEY = "office"


def office_json() -> str | None:
    """The office settings as stored (JSON), or None when the office never saved any."""
    with translate_errors():
        row = Setting.get_or_none(Setting.key == OFFICE_KEY)
    return str(row.value) if row is not None else None


def office_masks_requester() -> bool:
    """Whether the office masks requester names on paper and in exports."""
    text = office_json()
    raw = json.loads(text) if text is not None else {}
    return bool(raw.get("mask_requester", MASK_BY_DEFAULT))
