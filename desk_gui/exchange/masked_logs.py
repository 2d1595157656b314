"""A masked export's log cells (.xlsx, and .csv made cell by cell): what the lines say masked,
the heads (minute, author) left alone; each ticket's masker, one a requester."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import peewee as pw

from desk_gui.domain.masking import TextMasker
from desk_gui.exchange.log_cells import LogCells


def masked_log_texts(
    parts: dict[int, tuple[list[str], list[str]]], maskers: dict[int, TextMasker]
) -> dict[int, str]:
    """Each ticket's log cell from its lines' (heads, what they say), what they say masked:
    a ticket's lines in one masker call."""
    return {
        ticket_id: "\n".join(
            h + s for h, s in zip(heads, maskers[ticket_id].many(saids), strict=True)
        )
        for ticket_id, (heads, saids) in parts.items()
    }


def masked_log_cells(
    db: pw.Database, chunk: Sequence[int], cells: LogCells, maskers: dict[int, TextMasker]
) -> dict[int, str]:
    """Each ticket's log cell, what its lines say masked: SQLite's cell as it is when they
    hold nothing to mask (``TextMasker.finds``), else made again from the lines' heads and
    what they say, masked. A ticket whose texts hold a separator (char(3), NUL) is read
    again line by line (``LogCells.parts``)."""
    out: dict[int, str] = {}
    held: list[int] = []
    for ticket_id, text in cells.masked(db, chunk):
        found = text.split("\3")
        if len(found) != 4:
            held.append(ticket_id)
            continue
        says, cell, n, heads = found
        masker = maskers[ticket_id]
        if not masker.finds(says):
            out[ticket_id] = cell
            continue
        lines, starts = says.split("\0"), heads.split("\0")
        if len(lines) != int(n) or len(starts) != int(n):
            held.append(ticket_id)
            continue
        out[ticket_id] = "\n".join(map(str.__add__, starts, masker.many(lines)))
    if held:
        out.update(masked_log_texts(cells.parts(db, held), maskers))
    return out


def maskers_of(tickets: list[dict[str, Any]]) -> dict[int, TextMasker]:
    """Each ticket's masker, one a requester."""
    made: dict[str, TextMasker] = {}
    out: dict[int, TextMasker] = {}
    for t in tickets:
        name = t["requester"]
        masker = made.get(name)
        if masker is None:
            masker = made[name] = TextMasker(name)
        out[t["id"]] = masker
    return out
