"""Expiring edit locks: one workstation at a time edits a ticket; a crashed one times out.

The lock is advisory (saves are still guarded by the version column); it tells the second
operator up front who is editing, instead of a conflict after typing.

Two workstations taking the same lock at once queue: on SQLite behind ``BEGIN IMMEDIATE``, on
PostgreSQL behind a row lock on the ticket (``FOR UPDATE``), so neither trips over the other's
INSERT.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desk_gui.store.database import is_sqlite, rows_of, translate_errors, write_transaction
from desk_gui.store.errors import LockedByOther, NotFound
from desk_gui.store.models import EditLock, Ticket

DEFAULT_TTL = timedelta(minutes=3)


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


def acquire(
    ticket_id: int,
    holder: str,
    workstation: str,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> EditLock:
    """Take (or renew, or take over an expired) lock; LockedByOther while another holds it."""
    with write_transaction():
        number = _number(ticket_id, for_update=True)
        lock = _existing(ticket_id)
        mine = lock is not None and lock.holder == holder and lock.workstation == workstation
        if lock is not None and not mine and lock.expires_at > now:
            raise LockedByOther(number, lock.holder, lock.workstation, lock.expires_at)
        if lock is None:
            lock = EditLock(ticket=ticket_id)
            created = True
        else:
            created = False
        if not mine:
            lock.acquired_at = now
        lock.holder = holder
        lock.workstation = workstation
        lock.expires_at = now + ttl
        lock.save(force_insert=created)
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


def holder_of(ticket_id: int, now: datetime) -> tuple[str, str, datetime] | None:
    """(holder, workstation, expires_at) of the live lock on the ticket, or None."""
    with translate_errors():
        lock = _existing(ticket_id)
    if lock is None or lock.expires_at <= now:
        return None
    return lock.holder, lock.workstation, lock.expires_at


def release_all(workstation: str) -> int:
    """Drop every lock this workstation holds (on quit); how many there were."""
    with write_transaction():
        return int(EditLock.delete().where(EditLock.workstation == workstation).execute())
