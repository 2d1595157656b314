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

from collections.abc import Sequence

import peewee as pw

from desk_gui.domain.fields import Kind, column_fields
from desk_gui.domain.masking import TextMasker, mask_requester
from desk_gui.exchange.csv_sql import CONTROL, CsvLines, csv_cell
from desk_gui.exchange.log_cells import LogCells

_QUOTE = ('"', ",", "\n", "\r")  # what csv.writer (QUOTE_MINIMAL) quotes a field for
_MASKERS = 4096
"""The requesters' maskers an export keeps at most (a demo has 16 requesters, an office
hundreds)."""


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
    """The statement of one masked export, run once per batch of ids.

    Most tickets hold neither their requester's name nor four digits (``TextMasker.finds``):
    masking leaves their texts as they are, so SQLite finishes their free cells and log cell
    too, and Python only checks the texts (two scans a ticket) and puts in the requester's
    cell. A ticket with something to mask has those texts masked and finished in Python."""

    def __init__(
        self, lines: CsvLines, free: tuple[int, ...], log_cells: LogCells, dangerous: Sequence[str]
    ) -> None:
        self.lines, self.log_cells, self.dangerous = lines, log_cells, tuple(dangerous)
        fields = column_fields()
        # The line's pieces in column order, char(2) between: runs of finished cells (one
        # ``printf`` a run) between the masked cells, each masked cell a piece of its own: the
        # requester's (put in by Python), the log's and each free cell's (finished by SQLite,
        # made again by Python when masking changes its text).
        self.masked: list[str] = []
        pieces: list[str] = []
        run: list[str] = []
        for i, f in enumerate(fields):
            if f.key == "requester" or f.kind is Kind.LOG or i in free:
                pieces.append(_run(run, bool(self.masked), True))
                self.masked.append(f.key)
                pieces.append("''" if f.kind is Kind.LOG or f.key == "requester"
                              else lines.cell_sql(f.key, f.kind, f.enum))  # fmt: skip
                run = []
            else:
                run.append(lines.cell_sql(f.key, f.kind, f.enum))
        pieces.append(_run(run, bool(self.masked), False))
        self.n_pieces = len(pieces)
        self.free = [f.key for i, f in enumerate(fields) if i in free]
        texts = [f"COALESCE(t.\"{k}\", '')" for k in self.free]
        log = log_cells.masked_sql("t.id", lambda x: csv_cell(x, self.dangerous))
        empty = "char(3) || char(3) || '0' || char(3)"  # a ticket without lines
        # Each ticket's values; a batch's come back as one string each, char(1) between: a
        # text holding char(1) (a control character) makes one too long, and the batch is
        # then made cell by cell, as CONTROL would have it. ``printf`` cuts a text at a NUL:
        # a finished cell never holds one (csv_cell).
        self.values = ", ".join(
            [
                "t.requester AS v0",
                f"{' || char(0) || '.join(texts)} AS v1",
                f"COALESCE({log}, {empty}) AS v2",
                f"printf('{chr(2).join(['%s'] * len(pieces))}', {', '.join(pieces)}) AS v3",
                # a BLOB (never stored by Desk): the batch made cell by cell
                " + ".join(f"(typeof({c}) = 'blob')" for c in ["t.requester", *texts]) + " AS b",
            ]
        )
        self._maskers: dict[str, tuple[TextMasker, str]] = {}

    def masker(self, requester: str) -> tuple[TextMasker, str]:
        """The requester's masker and finished cell, made once an export."""
        found = self._maskers.get(requester)
        if found is None:
            if len(self._maskers) >= _MASKERS:
                self._maskers.clear()
            cell = csv_field(mask_requester(requester), self.dangerous)
            found = self._maskers[requester] = (TextMasker(requester), cell)
        return found

    def batch(self, db: pw.Database, chunk: Sequence[int]) -> tuple[int, bytes] | None:
        """(tickets found, their lines in ``chunk`` order, each ended by CRLF, as UTF-8) in
        one snapshot (the caller's transaction); None to make the batch cell by cell.

        One row comes back for the batch, as in ``CsvLines.batch``: the thread reading it
        takes Python's lock a few times, not once a ticket while the other thread masks."""
        self.lines.prepare(db)
        self.log_cells.prepare(db)
        marks = ", ".join(["(?)"] * len(chunk))
        joined = ", ".join(f"group_concat(v{i}, char(1))" for i in range(4))
        cursor = db.execute_sql(
            f"SELECT count(*), sum(b), {joined} FROM (SELECT {self.values} "
            f'FROM (VALUES {marks}) AS k CROSS JOIN "ticket" AS t WHERE t.id = k.column1)',
            list(chunk),
        )
        try:
            found, blobs, *columns = cursor.fetchone()
        finally:
            cursor.close()
        self.log_cells.keep(db)
        if not found:
            return 0, b""
        values = [c.split("\1") if c is not None else [] for c in columns]
        if blobs or any(len(v) != found for v in values):
            return None
        lines = self._lines(*values)
        if lines is None or CONTROL.search(lines):
            return None
        return found, (lines + "\r\n").encode("utf-8", "replace")

    def _lines(
        self, requesters: list[str], texts: list[str], logs: list[str], pieces: list[str]
    ) -> str | None:
        """The tickets' CSV lines, CRLF between (control characters still in); None when a
        ticket's values do not split as made (a text held a NUL or char(2) or char(3))."""
        masker, n_pieces = self.masker, self.n_pieces
        at = [1 + 2 * k for k in range(len(self.masked))]  # each masked cell's piece
        at_requester = at[self.masked.index("requester")]
        at_log = at[next(k for k, key in enumerate(self.masked) if key not in self.free
                         and key != "requester")]  # fmt: skip
        out: list[str] = []
        for requester, free, log, line in zip(requesters, texts, logs, pieces, strict=True):
            text_masker, cell = masker(requester)
            parts = line.split("\2")
            said = log.split("\3")
            if len(parts) != n_pieces or len(said) != 4:
                return None
            parts[at_requester] = cell
            if not text_masker.finds(f"{free}\0{said[0]}"):  # mostly: nothing to mask
                parts[at_log] = said[1]
                out.append("".join(parts))
                continue
            if text_masker.finds(free) and not self._mask_free(text_masker, free, parts, at):
                return None
            if said[0] and text_masker.finds(said[0]):
                cell = self._masked_log(text_masker, said)
                if cell is None:
                    return None
                parts[at_log] = cell
            else:
                parts[at_log] = said[1]
            out.append("".join(parts))
        return "\r\n".join(out)

    def _mask_free(
        self, masker: TextMasker, free: str, parts: list[str], at: list[int]
    ) -> bool:
        """The free cells of ``parts`` whose text masking changes, made again; False when
        ``free`` does not split into them (a text held a NUL)."""
        texts = free.split("\0")
        if len(texts) != len(self.free):
            return False
        masked = masker.many(texts)
        for key, before, after in zip(self.free, texts, masked, strict=True):
            if after != before:
                parts[at[self.masked.index(key)]] = csv_field(after, self.dangerous)
        return True

    def _masked_log(self, masker: TextMasker, said: list[str]) -> str | None:
        """The log cell from (what its lines say, cell, count, heads), what they say masked;
        None when they do not split into ``count`` lines (a text held a NUL)."""
        says, heads, n = said[0].split("\0"), said[3].split("\0"), int(said[2])
        if len(says) != n or len(heads) != n:
            return None
        lines = map(str.__add__, heads, masker.many(says))
        return csv_field("\n".join(lines), self.dangerous)


def _run(cells: list[str], lead: bool, trail: bool) -> str:
    """SQL of the finished text between two masked cells: its cells and their commas."""
    if not cells:
        return "','" if lead and trail else "''"
    form = ("," if lead else "") + ",".join(["%s"] * len(cells)) + ("," if trail else "")
    return f"printf('{form}', {', '.join(cells)})"
