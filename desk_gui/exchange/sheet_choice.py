"""Which worksheet of a workbook holds the tickets: the first whose header Desk recognises.

Old workbooks put an instructions sheet (说明, 封面) before the data, or keep one sheet per month.
The first sheet with a recognised header row is read, and the user is told, before anything is
written, which sheet that was and which other sheets hold tickets too, so that none is left
behind unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk_gui.exchange.xlsx_read import sheet_heads

SCAN_ROWS = 40
"""Stored rows of a sheet looked at for its header (blank rows are often stored too)."""


def choose_sheet(
    path: Path,
    max_columns: int,
    text: Callable[[Any], str],
    is_header: Callable[[list[str]], bool],
) -> tuple[int, list[tuple[str, str]]]:
    """(Index of the sheet to read, notes in zh and en for the user)."""
    heads = sheet_heads(path, SCAN_ROWS, max_columns)
    if len(heads) < 2:
        return 0, []
    names = [name for name, _ in heads]
    with_tickets = [
        i
        for i, (_, rows) in enumerate(heads)
        if any(is_header([text(v) for v in cells]) for cells in rows)
    ]
    if not with_tickets:
        return 0, []
    chosen, others = with_tickets[0], [names[i] for i in with_tickets[1:]]
    notes = []
    if chosen != 0:
        skipped = "”“".join(names[:chosen])
        notes.append(
            (
                f"读取的是工作表“{names[chosen]}”；它前面的“{skipped}”没有工单列。",
                f"Read the sheet “{names[chosen]}”; “{skipped}” before it has no ticket columns.",
            )
        )
    if others:
        listed = "”“".join(others)
        notes.append(
            (
                f"工作簿中还有其他工单表：“{listed}”，本次只读取“{names[chosen]}”。"
                "请把其他表分别另存为单独的文件后再导入。",
                f"The workbook has more sheets of tickets: “{listed}”; only "
                f"“{names[chosen]}” is read now. Save each of the others as its own file "
                "and import it.",
            )
        )
    return chosen, notes
