"""The supervisor's view: open tickets that are overdue OR unassigned, sorted by deadline."""

from __future__ import annotations

import random

from desk_gui.services.queue import supervisor_filter
from desk_gui.store.database import write_transaction
from desk_gui.store.queue import QueueFilter, QueueRow, SortKey, count, fetch_page
from tests.conftest import TicketFactory
from tests.store.test_queue import NOW, _all_pages, _random_ticket


def test_overdue_or_unassigned_open_tickets(make_ticket: TicketFactory) -> None:
    rnd = random.Random(7)
    with write_transaction():
        ids = [_random_ticket(make_ticket, rnd, n) for n in range(150)]
    assert len(ids) == 150
    everything = fetch_page(QueueFilter(statuses=None), SortKey.NUMBER, False, limit=1000)

    def keep(r: QueueRow) -> bool:
        late = r.next_due is not None and r.next_due < NOW
        return r.status in ("pending", "in_progress") and (late or r.assignee is None)

    expected = [r for r in everything if keep(r)]
    flt = supervisor_filter(NOW)
    shown = _all_pages(flt, SortKey.NEXT_DUE, False, size=8)
    assert {r.id for r in shown} == {r.id for r in expected}
    assert count(flt) == len(expected)
    assert any(r.assignee is None and (r.next_due or NOW) >= NOW for r in shown)
    assert any(r.assignee is not None for r in shown)
    dues = [r.next_due for r in shown if r.next_due is not None]
    assert dues == sorted(dues)


def test_supervisor_filter_defaults() -> None:
    flt = supervisor_filter()
    assert flt.overdue_or_unassigned and flt.now is None and flt.statuses is not None
    assert not flt.unassigned and flt.due is None
