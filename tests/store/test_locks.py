"""Expiring edit locks: acquire, renew, expiry, takeover, LockedByOther, release."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desk_gui.store import locks
from desk_gui.store.errors import LockedByOther, NotFound
from desk_gui.store.models import EditLock, Ticket
from tests.conftest import TicketFactory

T0 = datetime(2026, 11, 21, 9, 0)


@pytest.fixture
def ticket(make_ticket: TicketFactory) -> Ticket:
    return make_ticket()


def test_acquire_and_holder(ticket: Ticket) -> None:
    lock = locks.acquire(ticket.id, "小王", "PC-01", T0)
    assert lock.expires_at == T0 + locks.DEFAULT_TTL
    assert locks.holder_of(ticket.id, T0) == ("小王", "PC-01", T0 + timedelta(minutes=3))


def test_same_holder_renews(ticket: Ticket) -> None:
    locks.acquire(ticket.id, "小王", "PC-01", T0)
    later = T0 + timedelta(minutes=2)
    lock = locks.renew(ticket.id, "小王", "PC-01", later)
    assert lock.expires_at == later + locks.DEFAULT_TTL
    assert lock.acquired_at == T0  # a renewal keeps the original start
    assert EditLock.select().count() == 1


def test_other_gets_locked_by_other(ticket: Ticket) -> None:
    locks.acquire(ticket.id, "小王", "PC-01", T0)
    with pytest.raises(LockedByOther) as err:
        locks.acquire(ticket.id, "小李", "PC-02", T0 + timedelta(minutes=1))
    assert (err.value.number, err.value.holder, err.value.workstation) == (
        ticket.number,
        "小王",
        "PC-01",
    )
    # Until one lease period after PC-02 first saw this lease, on PC-02's clock.
    assert err.value.expires_at == T0 + timedelta(minutes=1) + locks.LEASE
    assert "小王" in err.value.message("zh")


def test_same_person_other_workstation_is_refused(ticket: Ticket) -> None:
    locks.acquire(ticket.id, "小王", "PC-01", T0)
    with pytest.raises(LockedByOther):
        locks.acquire(ticket.id, "小王", "LAPTOP", T0)


def test_expired_lock_is_taken_over(ticket: Ticket) -> None:
    locks.acquire(ticket.id, "小王", "PC-01", T0)
    assert locks.holder_of(ticket.id, T0, "PC-02") is not None  # PC-02 sees the lease
    after = T0 + timedelta(minutes=3)  # and still the same one, unrenewed, a lease later
    assert locks.holder_of(ticket.id, after, "PC-02") is None
    lock = locks.acquire(ticket.id, "小李", "PC-02", after, ttl=timedelta(minutes=5))
    assert (lock.holder, lock.acquired_at, lock.expires_at) == (
        "小李",
        after,
        after + timedelta(minutes=5),
    )
    with pytest.raises(LockedByOther):
        locks.renew(ticket.id, "小王", "PC-01", after)


def test_release(ticket: Ticket) -> None:
    locks.acquire(ticket.id, "小王", "PC-01", T0)
    assert not locks.release(ticket.id, "PC-02")
    assert locks.holder_of(ticket.id, T0) is not None
    assert locks.release(ticket.id, "PC-01")
    assert locks.holder_of(ticket.id, T0) is None
    locks.acquire(ticket.id, "小李", "PC-02", T0)


def test_release_all(make_ticket: TicketFactory) -> None:
    a, b, c = make_ticket(), make_ticket(), make_ticket()
    locks.acquire(a.id, "小王", "PC-01", T0)
    locks.acquire(b.id, "小王", "PC-01", T0)
    locks.acquire(c.id, "小李", "PC-02", T0)
    assert locks.release_all("PC-01") == 2
    assert EditLock.select().count() == 1


def test_unknown_ticket(db: object) -> None:
    with pytest.raises(NotFound):
        locks.acquire(12345, "小王", "PC-01", T0)
    assert locks.holder_of(12345, T0) is None
