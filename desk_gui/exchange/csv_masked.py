"""A masked SQLite export's CSV lines: SQLite makes every cell masking leaves alone, Python the rest.

Masking is Python's (``domain.masking``: the requester's name in any form, phone numbers): the
requester cell, the cells people write into and what the log lines say. Everything else — the
number, labels, times, overdue, feedback, and the commas between — comes from ``CsvLines``' own
SQL as finished text, in runs between the masked cells (one ``printf`` a run), so a ticket is a
few strings to join instead of 27 cells to build and hand to ``csv.writer``. The log comes from
``LogCells.parts`` in the same snapshot. A batch holding a character ``printable`` takes out
comes back as None: the caller makes it cell by cell, as the Python path decides per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import peewee as pw

from desk_gui.domain.fields import Kind, column_fields
from desk_gui.domain.masking import TextMasker, mask_requester
from desk_gui.exchange.csv_sql import CONTROL, CsvLines
from desk_gui.exchange.log_cells import LogCells

_QUOTE = ('"', ",", "\n", "\r")  # what csv.writer (QUOTE_MINIMAL) quotes a field for


def csv_field(text: str, dangerous: tuple[str, ...]) -> str:
    """``text`` neutralised (an apostrophe before a formula) and quoted as csv.writer does."""
    if not text:
        return text
    if text.startswith(dangerous):
        text = "'" + text
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


class MaskedCsvLines:
    """The statement of one masked export, run once per batch of ids."""

    def __init__(
        self, lines: CsvLines, free: tuple[int, ...], log_cells: LogCells, dangerous: Sequence[str]
    ) -> None:
        self.lines, self.log_cells, self.dangerous = lines, log_cells, tuple(dangerous)
        fields = column_fields()
        # in column order: "requester", "log" or a free cell's column, each masked in Python
        self.masked: list[str] = []
        runs: list[list[str]] = [[]]
        for i, f in enumerate(fields):
            if f.key == "requester" or f.kind is Kind.LOG or i in free:
                self.masked.append(f.key)
                runs.append([])
            else:
                runs[-1].append(lines.cell_sql(f.key, f.kind, f.enum))
        self.logs = {f.key for f in fields if f.kind is Kind.LOG}
        self.free = [k for k in self.masked if k != "requester" and k not in self.logs]
        last = len(runs) - 1
        self.select = ", ".join(
            [
                "t.id",
                "t.requester",
                *(f't."{k}"' for k in self.free),
                *(_run(cells, k > 0, k < last) for k, cells in enumerate(runs)),
                log_cells.parts_sql("t.id"),  # last: its lines' heads and what they say
            ]
        )

    def batch(self, db: pw.Database, chunk: Sequence[int]) -> tuple[int, bytes] | None:
        """(tickets found, their lines in ``chunk`` order, each ended by CRLF, as UTF-8) in
        one snapshot (the caller's transaction); None to make the batch cell by cell."""
        self.lines.prepare(db)
        self.log_cells.prepare(db)
        values = ", ".join(["(?)"] * len(chunk))
        cursor = db.execute_sql(
            f'SELECT {self.select} FROM (VALUES {values}) AS k CROSS JOIN "ticket" AS t '
            "WHERE t.id = k.column1",
            list(chunk),
        )
        try:
            rows = cursor.fetchall()
        finally:
            cursor.close()
        self.log_cells.keep(db)
        logs: dict[int, tuple[list[str], list[str]]] = {}
        held: list[int] = []  # a NUL in a line: read again as JSON
        for row in rows:
            if row[-1] is not None:
                parts = LogCells.split(row[-1])
                if parts is None:
                    held.append(row[0])
                else:
                    logs[row[0]] = parts
        logs.update(self.log_cells.json_parts(db, held))
        made: list[str] = []
        line = self._line_maker()
        for row in rows:
            text = line(row, logs.get(row[0]))
            if text is None:
                return None
            made.append(text)
        if not made:
            return 0, b""
        return len(made), ("\r\n".join(made) + "\r\n").encode("utf-8", "replace")

    def _line_maker(
        self,
    ) -> Callable[[tuple[Any, ...], tuple[list[str], list[str]] | None], str | None]:
        """(row, its log's parts) -> the ticket's CSV line, or None (a character to take out)."""
        n_free, dangerous, control = len(self.free), self.dangerous, CONTROL.search
        free_at = iter(range(2, 2 + n_free))  # each masked cell in [requester, log, *free]
        where = [
            0 if k == "requester" else 1 if k in self.logs else next(free_at) for k in self.masked
        ]

        def line(row: tuple[Any, ...], log: tuple[list[str], list[str]] | None) -> str | None:
            texts = [str(v or "") for v in row[2 : 2 + n_free]]
            heads, says = log if log is not None else ((), ())
            # one masker pass over the free cells and what the lines say: ``many`` masks
            # NUL-joined texts, and nothing it masks spans a NUL
            masked = TextMasker(row[1]).many([*texts, *says])
            said = masked[n_free:]
            log_text = "\n".join(h + s for h, s in zip(heads, said, strict=True))
            values = [mask_requester(row[1]), log_text, *masked[:n_free]]
            runs = row[2 + n_free : -1]
            cells = [values[i] for i in where]
            if control("\n".join(runs)) or control("\n".join(cells)):
                return None
            parts = [""] * (2 * len(cells) + 1)  # run, cell, run, …, run
            parts[0::2] = runs
            parts[1::2] = [csv_field(cell, dangerous) for cell in cells]
            return "".join(parts)

        return line


def _run(cells: list[str], lead: bool, trail: bool) -> str:
    """SQL of the finished text between two masked cells: its cells and their commas."""
    if not cells:
        return "','" if lead and trail else "''"
    form = ("," if lead else "") + ",".join(["%s"] * len(cells)) + ("," if trail else "")
    return f"printf('{form}', {', '.join(cells)})"
