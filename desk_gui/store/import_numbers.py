"""The numbers of a staged import, reserved in one short transaction (store/import_stage.py).

Worked out before the write lock from each day's sequence as read; inside the lock only the
days whose sequence moved meanwhile (saves elsewhere) are looked at again. Each day's sequence
is then moved past the sheet's numbers and the import's new ones, so saves during the import
take the numbers after them; a cancelled import gives them back where nobody took a later one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from desk_gui.domain.numbering import day_key, format_number, parse_number
from desk_gui.store.database import rows_of, write_transaction
from desk_gui.store.import_write import CHUNK, NewTicket, _next_id, _used_numbers
from desk_gui.store.models import DailySequence


@dataclass
class Reservation:
    numbers: list[str]
    before: dict[str, int | None]  # each touched day's sequence before the import
    after: dict[str, int]
    first_id: int


@dataclass
class _NumberPlan:
    """The numbers worked out from each day's sequence as it was read (``last``)."""

    numbers: list[str]
    last: dict[str, int | None]  # each touched day's sequence when read
    sheet_top: dict[str, int]  # each day's highest number in the sheet (skipped rows too)
    used: set[str]  # the sheet's numbers already taken when read

    def after(self) -> dict[str, int]:
        """Each day's sequence once the import's numbers are drawn."""
        top = {k: max(v or 0, self.sheet_top.get(k, 0)) for k, v in self.last.items()}
        for number in self.numbers:
            parsed = parse_number(number)
            if parsed is not None:
                key = day_key(parsed[0], parsed[1])
                top[key] = max(top[key], parsed[2])
        return {k: v for k, v in top.items() if v}


def _plan_numbers(
    tickets: Sequence[NewTicket],
    prefix: str,
    reserved: Sequence[str],
    seen: _NumberPlan | None = None,
) -> _NumberPlan:
    """Keep each well-formed, unused, first-seen sheet number; the others get the next of their
    day, past the day's sequence and every sheet number of that day (as import_write does).

    ``seen``: the plan made before the lock; only the sheet numbers of days whose sequence moved
    since are looked up again (saves elsewhere take a day's next numbers, nothing else)."""
    if seen is None:
        sheet_top: dict[str, int] = {}
        for number in reserved:
            parsed = parse_number(number) if number else None
            if parsed is not None:
                key = day_key(parsed[0], parsed[1])
                sheet_top[key] = max(sheet_top.get(key, 0), parsed[2])
        keys = {day_key(prefix, t.day) for t in tickets} | set(sheet_top)
        used = _used_numbers([t.wanted for t in tickets if t.wanted])
        plan = _NumberPlan([], _sequence_values(keys), sheet_top, used)
    else:
        plan = _NumberPlan([], _sequence_values(set(seen.last)), seen.sheet_top, set(seen.used))
        moved = {k for k, v in plan.last.items() if v != seen.last[k]}
        if not moved:
            return seen
        plan.used |= _used_numbers([t.wanted for t in tickets if _key_of(t.wanted) in moved])
    top = {k: max(v or 0, plan.sheet_top.get(k, 0)) for k, v in plan.last.items()}
    taken = set(plan.used)
    for t in tickets:
        if t.wanted and t.wanted not in taken and parse_number(t.wanted) is not None:
            number = t.wanted
        else:
            key = day_key(prefix, t.day)
            top[key] += 1
            number = format_number(prefix, t.day, top[key])
        taken.add(number)
        plan.numbers.append(number)
    return plan


def _key_of(number: str) -> str | None:
    parsed = parse_number(number) if number else None
    return day_key(parsed[0], parsed[1]) if parsed is not None else None


def reserve_numbers(
    tickets: Sequence[NewTicket], prefix: str, reserved: Sequence[str]
) -> tuple[Reservation, float]:
    """Step 1: the numbers, each day's sequence moved past them; (reservation, lock seconds).

    Worked out before the lock; inside it they are worked out again only if a day's sequence
    moved meanwhile (saves from other workstations). A sheet number another import takes
    meanwhile is found by the publish.
    """
    seen = _plan_numbers(tickets, prefix, reserved)
    started = time.monotonic()
    with write_transaction() as db:
        plan = _plan_numbers(tickets, prefix, reserved, seen)
        after = plan.after()
        db.cursor().executemany(
            'INSERT INTO "daily_sequence" ("day_key", "last") VALUES (?, ?) ON CONFLICT '
            '("day_key") DO UPDATE SET "last" = excluded."last"',
            [(k, v) for k, v in sorted(after.items()) if v != plan.last.get(k)],
        )
        first = _next_id()
    return Reservation(plan.numbers, plan.last, after, first), time.monotonic() - started


def _sequence_values(keys: set[str]) -> dict[str, int | None]:
    values: dict[str, int | None] = dict.fromkeys(keys)
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        query = DailySequence.select(DailySequence.day_key, DailySequence.last)
        for key, last in rows_of(query.where(DailySequence.day_key.in_(chunk))):
            values[str(key)] = int(last)
    return values


def give_back(reservation: Reservation) -> None:
    """Each day's sequence back where it was, unless someone took a number after ours."""
    gone = [(k, v) for k, v in reservation.after.items() if reservation.before.get(k) is None]
    back = [
        (old, k, v)
        for k, v in reservation.after.items()
        if (old := reservation.before.get(k)) is not None and old != v
    ]
    with write_transaction() as db:
        cursor = db.cursor()
        cursor.executemany('DELETE FROM "daily_sequence" WHERE "day_key" = ? AND "last" = ?', gone)
        cursor.executemany(
            'UPDATE "daily_sequence" SET "last" = ? WHERE "day_key" = ? AND "last" = ?', back
        )
