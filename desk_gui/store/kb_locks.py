"""Expiring edit locks on articles: one workstation at a time edits an article (as for tickets).

Advisory, like ``store.locks``: saves are still guarded by the article's version column; the
lock tells the second editor up front who is writing, instead of a conflict after typing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from desk_gui.store.database import translate_errors, write_transaction
from desk_gui.store.models import KbEditLock

DEFAULT_TTL = timedelta(minutes=3)


def _existing(article_id: int) -> KbEditLock | None:
    found = list(KbEditLock.select().where(KbEditLock.article == article_id))
    return found[0] if found else None


def acquire(
    article_id: int, holder: str, workstation: str, now: datetime, ttl: timedelta = DEFAULT_TTL
) -> tuple[str, str, datetime] | None:
    """Take or renew the lock; (holder, workstation, expires) of another live holder instead."""
    with write_transaction():
        lock = _existing(article_id)
        mine = lock is not None and lock.holder == holder and lock.workstation == workstation
        if lock is not None and not mine and lock.expires_at > now:
            return lock.holder, lock.workstation, lock.expires_at
        created = lock is None
        if lock is None:
            lock = KbEditLock(article=article_id)
        if not mine:
            lock.acquired_at = now
        lock.holder, lock.workstation, lock.expires_at = holder, workstation, now + ttl
        lock.save(force_insert=created)
        return None


def release(article_id: int, workstation: str) -> None:
    with write_transaction():
        KbEditLock.delete().where(
            (KbEditLock.article == article_id) & (KbEditLock.workstation == workstation)
        ).execute()


def holder_of(article_id: int, now: datetime) -> tuple[str, str, datetime] | None:
    """(holder, workstation, expires_at) of the live lock on the article, or None."""
    with translate_errors():
        lock = _existing(article_id)
    if lock is None or lock.expires_at <= now:
        return None
    return lock.holder, lock.workstation, lock.expires_at
