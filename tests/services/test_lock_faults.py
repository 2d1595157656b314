"""What the edit lock covers, and its expiry judged without trusting another clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desk_gui.domain.enums import Tier
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.errors import LockedByOther
from desk_gui.store.models import Attachment, LogEntry
from tests.services.conftest import Clock, make_draft

Change = Callable[[WorkflowService, TicketRecord], object]

# Everything a second workstation might do to a ticket someone else is editing.
CHANGES: dict[str, Change] = {
    "note": lambda s, r: s.add_log(r.id, "电话回访：仍无法打印"),
    "attachment": lambda s, r: s.add_attachment(r.id, "err.png", b"\x89PNG....", "image/png"),
    "progress": lambda s, r: s.progress_update(r.id, "已告知提交人：下午上门"),
    "edit": lambda s, r: s.update_fields(r.id, r.version, {"remarks": "x"}),
    "take": lambda s, r: s.take(r.id, r.version),
    "assign": lambda s, r: s.assign(r.id, r.version, "王五"),
    "escalate": lambda s, r: s.escalate(r.id, r.version, Tier.L2, "需要现场", "已重启"),
    "resolve": lambda s, r: s.resolve(r.id, r.version, "更换硒鼓后打印恢复正常，已验证"),
}


def _station(name: str, workstation: str, clock: Callable[[], datetime]) -> WorkflowService:
    return WorkflowService(Context(operator=name, workstation=workstation, clock=clock))


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_lock_holds_off_every_change_by_another_workstation(
    db_path: Path, clock: Clock, change: str
) -> None:
    zhang = _station("张三", "PC-1", clock)
    li = _station("李四", "PC-2", clock)
    record = zhang.create(make_draft())
    logged = LogEntry.select().count()
    zhang.lock(record.id)
    with pytest.raises(LockedByOther) as refused:
        CHANGES[change](li, record)
    assert "张三" in refused.value.message("zh") and "PC-1" in refused.value.message("en")
    assert LogEntry.select().count() == logged and Attachment.select().count() == 0
    assert zhang.get(record.id).version == record.version
    zhang.unlock(record.id)
    CHANGES[change](li, record)  # once released, the same change goes through


def test_the_holder_itself_may_add_notes_and_attachments(db_path: Path, clock: Clock) -> None:
    zhang = _station("张三", "PC-1", clock)
    record = zhang.create(make_draft())
    zhang.lock(record.id)
    zhang.add_log(record.id, "正在排查驱动")
    zhang.add_attachment(record.id, "log.txt", b"spooler stopped")
    assert len(zhang.get(record.id).attachments) == 1


class Skewed:
    """A workstation's clock: the shared time plus its own error."""

    def __init__(self, base: Clock, error: timedelta) -> None:
        self.base, self.error = base, error

    def __call__(self) -> datetime:
        return self.base() + self.error


@pytest.mark.parametrize("error", [timedelta(minutes=5), timedelta(minutes=-5)])
def test_lock_expiry_does_not_depend_on_the_clocks_agreeing(
    db_path: Path, clock: Clock, error: timedelta
) -> None:
    holder = _station("张三", "PC-1", clock)
    other = _station("李四", "PC-2", Skewed(clock, error))
    record = holder.create(make_draft())
    holder.lock(record.id)
    # A clock 5 minutes fast must not take over a lock just taken; the holder renews it every
    # minute while editing, so it never lapses however long the other keeps trying.
    for _ in range(10):
        with pytest.raises(LockedByOther):
            other.lock(record.id)
        clock.now += timedelta(minutes=1)
        holder.lock(record.id)
    held = other.lock_holder(record.id)
    assert held is not None and held[0] == "张三"
    # The holder stops renewing (its workstation crashed): after one lease period on the
    # other's own clock, fast or slow, the other takes it over — not 5 minutes later or earlier.
    clock.now += timedelta(minutes=2, seconds=59)
    with pytest.raises(LockedByOther):
        other.lock(record.id)
    clock.now += timedelta(seconds=1)
    other.lock(record.id)
    with pytest.raises(LockedByOther):
        holder.lock(record.id)  # the old holder now sees the other's lock, by its own count


def test_a_renewal_in_the_same_second_is_still_a_renewal(db_path: Path, clock: Clock) -> None:
    holder = _station("张三", "PC-1", clock)
    other = _station("李四", "PC-2", clock)
    record = holder.create(make_draft())
    first = holder.lock(record.id)
    assert other.lock_holder(record.id) is not None
    assert holder.lock(record.id) > first  # a frozen clock still writes a new lease
