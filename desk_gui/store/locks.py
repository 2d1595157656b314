"""Expiring edit locks: one workstation at a time edits a ticket; a crashed one times out.

The lock is advisory for field edits (saves are still guarded by the version column) and
enforced by the services for every other change to the ticket; it tells the second operator up
front who is editing, instead of a conflict after typing.

Expiry never compares two workstations' clocks. The holder renews its lease (every minute
while editing), and each renewal writes a new ``expires_at`` on the holder's clock, strictly
later than the last one: to others it is only a lease counter. Another workstation judges the
lock lapsed when it has seen the same lease, unrenewed, for ``LEASE`` on its *own* clock (the
memory of what it saw is this process's, per observing workstation). So a workstation whose
clock runs fast cannot take over a lock just taken, and one whose clock runs slow is not kept
out longer; a newly started workstation watches a crashed holder's lock for one lease period
before taking it over.

Two workstations taking the same lock at once queue: on SQLite behind ``BEGIN IMMEDIATE``, on
PostgreSQL behind a row lock on the ticket (``FOR UPDATE``), so neither trips over the other's
INSERT.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from desk_gui.store.database import (
    current_database,
    is_sqlite,
    rows_of,
    translate_errors,
    write_transaction,
)
from desk_gui.store.errors import LockedByOther, NotFound
from desk_gui.store.models import EditLock, Ticket

DEFAULT_TTL = timedelta(minutes=3)
LEASE = DEFAULT_TTL
"""How long another workstation must see a lease unrenewed (on its own clock) to take over."""

_Lease = tuple[str, str, datetime, datetime]
_seen: dict[tuple[str, str, int], tuple[_Lease, datetime]] = {}
_seen_guard = threading.Lock()


def _number(ticket_id: int, *, for_update: bool = False) -> str:
    query = Ticket.select(Ticket.number).where(Ticket.id == ticket_id)
    if for_update and not is_sqlite():
        query = query.for_update()
    row = rows_of(query)
    if not row:
        raise NotFound(str(ticket_id))
    return str(row[0][0])


def _existing(ticket_id: int) -> EditLock | None:
    found = list(EditLock.select().where(EditLock.ticket == ticket_id))
    return found[0] if found else None


def _key(observer: str, ticket_id: int) -> tuple[str, str, int]:
    return (str(getattr(current_database(), "database", "")), observer, ticket_id)


def lapses_at(lock: EditLock, observer: str, now: datetime) -> datetime:
    """When, on ``observer``'s clock (``now``), ``lock`` lapses unless its holder renews it.

    Counted from the first time this workstation saw the lease as it is now; a renewal (a new
    lease), or this clock going back, starts the count again.
    """
    lease: _Lease = (lock.holder, lock.workstation, lock.acquired_at, lock.expires_at)
    key = _key(observer, int(lock.ticket_id))  # type: ignore[attr-defined]
    with _seen_guard:
        seen = _seen.get(key)
        if seen is None or seen[0] != lease or now < seen[1]:
            seen = (lease, now)
            _seen[key] = seen
    return seen[1] + LEASE


def _forget(observer: str, ticket_id: int) -> None:
    with _seen_guard:
        _seen.pop(_key(observer, ticket_id), None)


def acquire(
    ticket_id: int,
    holder: str,
    workstation: str,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> EditLock:
    """Take (or renew, or take over a lapsed) lock; LockedByOther while another holds it."""
    with write_transaction():
        number = _number(ticket_id, for_update=True)
        lock = _existing(ticket_id)
        mine = lock is not None and lock.holder == holder and lock.workstation == workstation
        if lock is not None and not mine:
            until = lapses_at(lock, workstation, now)
            if now < until:
                raise LockedByOther(number, lock.holder, lock.workstation, until)
        if lock is None:
            lock = EditLock(ticket=ticket_id)
            created = True
        else:
            created = False
        expires = now + ttl
        if mine:
            # Each renewal is a new lease to the others, even if this clock stood still.
            expires = max(expires, lock.expires_at + timedelta(seconds=1))
        else:
            lock.acquired_at = now
        lock.holder = holder
        lock.workstation = workstation
        lock.expires_at = expires
        lock.save(force_insert=created)
        _forget(workstation, ticket_id)
        return lock


def renew(
    ticket_id: int,
    holder: str,
    workstation: str,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> EditLock:
    """Extend our lock (re-taking it if it lapsed and nobody else took it)."""
    return acquire(ticket_id, holder, workstation, now, ttl)


def release(ticket_id: int, workstation: str) -> bool:
    """Drop this workstation's lock on the ticket; True if there was one."""
    with write_transaction():
        deleted = (
            EditLock.delete()
            .where((EditLock.ticket == ticket_id) & (EditLock.workstation == workstation))
            .execute()
        )
    return bool(deleted)


def holder_of(
    ticket_id: int, now: datetime, observer: str = ""
) -> tuple[str, str, datetime] | None:
    """(holder, workstation, lapses_at) of the live lock on the ticket as ``observer`` (a
    workstation, judging by its clock ``now``) sees it, or None.

    ``lapses_at`` is on the observer's clock; for the holder itself it is its own expiry.
    """
    with translate_errors():
        lock = _existing(ticket_id)
    if lock is None:
        _forget(observer, ticket_id)
        return None
    if lock.workstation == observer:
        if lock.expires_at <= now:
            return None
        return lock.holder, lock.workstation, lock.expires_at
    until = lapses_at(lock, observer, now)
    if now >= until:
        return None
    return lock.holder, lock.workstation, until


def release_all(workstation: str) -> int:
    """Drop every lock this workstation holds (on quit); how many there were."""
    with write_transaction():
        return int(EditLock.delete().where(EditLock.workstation == workstation).execute())
