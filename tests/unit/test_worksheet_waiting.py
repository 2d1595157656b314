"""The printed worksheet names the vendor or department contact and the expected date."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from desk_gui.domain.enums import WaitingOn
from desk_gui.printing.content import FieldRow, WorksheetOptions, worksheet_content
from desk_gui.printing.sample import sample_record


def _remarks(lang: str, mask: bool = True, **changes: object) -> str:
    record = replace(sample_record(), **changes)  # type: ignore[arg-type]
    content = worksheet_content(record, WorksheetOptions(lang=lang, mask_requester=mask))
    row = next(s for s in content.sections if isinstance(s, FieldRow) and s.key == "remarks")
    return row.value


def test_waiting_on_a_vendor_is_printed_in_the_remarks() -> None:
    waiting = {
        "waiting_on": WaitingOn.VENDOR,
        "waiting_contact": "供应商张经理 13800000000",
        "waiting_until": datetime(2024, 5, 8, 17, 0),
        "remarks": "待供应商确认补丁发布时间",
    }
    assert _remarks("zh", **waiting) == (
        "待供应商确认补丁发布时间\n等待供应商：联系人 供应商张经理 138****0000，预计 2024-05-08"
    )
    assert _remarks("en", **waiting).endswith(
        "Waiting on vendor: contact 供应商张经理 138****0000, expected 2024-05-08"
    )
    assert _remarks("zh", mask=False, **waiting).endswith(
        "供应商张经理 13800000000，预计 2024-05-08"
    )


def test_no_wait_leaves_the_remarks_alone() -> None:
    assert _remarks("zh", remarks="备注") == "备注"
    # whom it waits on is printed beside the status; the remarks only add contact and date
    assert _remarks("zh", remarks="", waiting_on=WaitingOn.DEPARTMENT) == ""
