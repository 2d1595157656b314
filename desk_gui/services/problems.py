"""Problem records (问题管理): create from a top problem or selected tickets, the 5-Why chain,
fixes and improvement actions, linked and suggested tickets, and what the report lists.

A new ticket matches a problem when its title is alike (domain.review_problems.alike_to: the
same test that groups the report's top problems); matches are suggested, never linked
silently. The check of an action ("did tickets of this kind go down?") compares how many alike
tickets came in the weeks before and after a date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from desk_gui.domain.problem import (
    ActionStatus,
    ProblemRecord,
    ProblemStatus,
    check_action_move,
    check_problem,
)
from desk_gui.domain.review import OpenItem
from desk_gui.domain.review_problems import alike_to, normalise
from desk_gui.services.context import Context
from desk_gui.store import problems as store
from desk_gui.store.database import (
    read_transaction,
    release_thread_connection,
    translate_errors,
    write_transaction,
)
from desk_gui.store.problems import TicketBrief

SUGGEST_DAYS = 90
"""How far back tickets are looked at for a problem's suggestions."""
CHECK_DAYS = 28
"""The window on each side of an action's date that its check compares."""


def match_key(title: str) -> str:
    return (normalise(title) or title.strip())[:128]


class ProblemService:
    """Problem records for one operator."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def create(self, title: str, ticket_ids: Sequence[int] = ()) -> ProblemRecord:
        """A new open problem grouping ``ticket_ids``."""
        record = ProblemRecord(title=title.strip())
        check_problem(record)
        now = self.ctx.now()
        with write_transaction():
            record.number = store.next_number(now.date())
            problem_id = store.insert(record, match_key(title), now, self.ctx.operator)
            store.link(problem_id, ticket_ids, now, self.ctx.operator)
            return store.load(problem_id)

    def save_or_create(self, record: ProblemRecord, *, join_open: bool = False) -> ProblemRecord:
        """Save a loaded record, or create a new one (with its tickets) and save the rest.

        ``join_open``: a new record whose title an open problem has by now is saved into that
        one (a retry after a hung share finds the problem its first attempt made).
        """
        if record.id is not None:
            return self.save(record)
        check_problem(record)
        with write_transaction():
            made = self.find_open(record.title) if join_open else None
            if made is not None:
                loaded = self.load(made)
                record.id, record.number, record.version = made, loaded.number, loaded.version
                return self.save(record)
            created = self.create(record.title, record.ticket_ids)
            record.id, record.number, record.version = created.id, created.number, created.version
            return self.save(record)

    def draft(self, title: str, ticket_ids: Sequence[int]) -> ProblemRecord:
        """The record to open for ``title`` and tickets: an open alike problem (the tickets
        linked to it) or a new, unsaved one."""
        existing = self.find_open(title)
        if existing is None:
            return ProblemRecord(title=title.strip(), ticket_ids=sorted(set(ticket_ids)))
        self.link(existing, ticket_ids)
        return self.load(existing)

    def draft_from_tickets(self, ticket_ids: Sequence[int]) -> ProblemRecord:
        """As ``draft``, titled by the most frequent title among the tickets."""
        with translate_errors():
            titles = [t[2] for t in store.briefs(ticket_ids)]
        title = max(titles, key=lambda t: (titles.count(t), -len(t))) if titles else ""
        return self.draft(title, ticket_ids)

    def tickets_titled(self, titles: Sequence[str], start: datetime, end: datetime) -> list[int]:
        """Tickets submitted in [start, end) with one of ``titles`` (a top problem's tickets)."""
        with translate_errors():
            return store.ids_titled(titles, start, end)

    def briefs(self, ticket_ids: Sequence[int]) -> list[TicketBrief]:
        with translate_errors():
            return store.briefs(ticket_ids)

    def load(self, problem_id: int) -> ProblemRecord:
        with translate_errors():
            return store.load(problem_id)

    def save(self, record: ProblemRecord) -> ProblemRecord:
        """Save fields, chain and actions (a stale copy gets ConflictError); the saved record."""
        check_problem(record)
        assert record.id is not None
        now = self.ctx.now()
        with write_transaction():
            stored = store.action_statuses(record.id)
            for action in record.actions:
                if action.id is not None and action.id in stored:
                    check_action_move(stored[action.id], action.status)
            store.update(record, match_key(record.title), now, self.ctx.operator)
            store.save_actions(record.id, record.actions, now)
            return store.load(record.id)

    def link(self, problem_id: int, ticket_ids: Sequence[int]) -> int:
        with write_transaction():
            return store.link(problem_id, ticket_ids, self.ctx.now(), self.ctx.operator)

    def unlink(self, problem_id: int, ticket_id: int) -> None:
        with write_transaction():
            store.unlink(problem_id, ticket_id)

    def linked_tickets(self, problem_id: int) -> list[TicketBrief]:
        with read_transaction():
            return store.briefs(store.load(problem_id).ticket_ids)

    def suggested_tickets(self, problem_id: int, limit: int = 20) -> list[TicketBrief]:
        """Recent tickets not grouped under the problem whose titles are alike, newest first."""
        with read_transaction():
            record = store.load(problem_id)
            since = self.ctx.now() - timedelta(days=SUGGEST_DAYS)
            candidates = store.recent_unlinked(problem_id, since)
        fits = alike_to(record.title, [t[2] for t in candidates])
        return [t for t, fit in zip(candidates, fits, strict=True) if fit][:limit]

    @staticmethod
    def release_thread() -> None:
        """Close the calling worker thread's connection (a background look-up is over)."""
        release_thread_connection()

    def matching_open_problems(self, title: str) -> list[tuple[int, str, str]]:
        """(id, number, title) of open problems a new ticket titled ``title`` belongs to."""
        with translate_errors():
            rows = store.open_problems()
        fits = alike_to(title, [row[2] for row in rows])
        return [(i, n, t) for (i, n, t, _, _), fit in zip(rows, fits, strict=True) if fit]

    def ticket_problems(
        self, ticket_id: int, title: str
    ) -> tuple[list[tuple[int, str, str, str]], list[tuple[int, str, str]]]:
        """For a worksheet: the records the ticket is grouped under (id, number, title,
        status), and the open records alike its title it is not grouped under yet."""
        with read_transaction():
            linked = store.problems_of_ticket(ticket_id)
            rows = store.open_problems()
        mine = {i for i, *_ in linked}
        fits = alike_to(title, [row[2] for row in rows])
        alike_open = [
            (i, n, t)
            for (i, n, t, _, _), fit in zip(rows, fits, strict=True)
            if fit and i not in mine
        ]
        return linked, alike_open

    def find_open(self, title: str) -> int | None:
        """The open problem alike ``title`` (to open it instead of a duplicate record)."""
        found = self.matching_open_problems(title)
        return found[0][0] if found else None

    def open_items(self, until: date, lang: str = "zh") -> list[OpenItem]:
        """Open problems, then unfinished actions due by ``until``: what the report lists."""
        with read_transaction():
            problems = store.open_problems()
            actions = store.actions_due(until)
        items = [OpenItem("problem", n, t, tickets=c) for _, n, t, _, c in problems]
        status = {s.value: s for s in ActionStatus}
        items += [
            OpenItem("action", n, w, owner=o, due=d, status=status[s].label(lang))
            for n, w, o, d, s in actions
        ]
        return items

    def recurrence(self, problem_id: int, around: date, days: int = CHECK_DAYS) -> tuple[int, int]:
        """Tickets alike the problem received in the ``days`` before ``around`` and from it on."""
        pivot = datetime.combine(around, time())
        span = timedelta(days=days)
        with read_transaction():
            title = store.load(problem_id).title
            before = store.titles_between(pivot - span, pivot)
            after = store.titles_between(pivot, pivot + span)
        rows = [*before, *after]
        fits = alike_to(title, [t for t, _ in rows])
        found = [n if fit else 0 for (_, n), fit in zip(rows, fits, strict=True)]
        return sum(found[: len(before)]), sum(found[len(before) :])


__all__ = ["ProblemService", "ProblemStatus", "match_key"]
