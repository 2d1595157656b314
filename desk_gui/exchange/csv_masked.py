"""A masked SQLite export's CSV lines: SQLite makes every cell masking leaves alone, Python the rest.

Masking is Python's (``domain.masking``: the requester's name in any form, phone numbers): the
requester cell, the cells people write into and what the log lines say. Everything else — the
number, labels, times, overdue, feedback, and the commas between — comes from ``CsvLines``' own
SQL as finished text, in runs between the masked cells (one ``printf`` a run). Most tickets
hold nothing to mask (``TextMasker.finds``: neither their requester's name nor four digits in
their free texts and log lines), so SQLite finishes their free cells and log cell as well, and
Python only looks at those texts and puts in the requester's cell; it masks and finishes again
only the cells of a ticket with something to mask. A batch comes back as one row of a few
long strings (bytes for the cells, text for what Python looks at), so the helper thread that
reads the next batch seldom waits for Python's lock. A batch holding a character
``printable`` takes out comes back as None: the caller makes it cell by cell, as the Python
path decides per row.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from desk_gui.domain.fields import Kind, column_fields
from desk_gui.domain.masking import TextMasker, mask_requester
from desk_gui.exchange.csv_sql import CsvLines, csv_cell, has_control
from desk_gui.exchange.log_cells import LogCells

_QUOTE = ('"', ",", "\n", "\r")  # what csv.writer (QUOTE_MINIMAL) quotes a field for
_MASKERS = 4096
"""The requesters' maskers an export keeps at most (a demo has 16 requesters, an office
hundreds)."""
_Masker = tuple[TextMasker, bytes]  # a requester's masker and finished cell (UTF-8)


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
        at = {key: 1 + 2 * k for k, key in enumerate(self.masked)}  # each masked cell's piece
        self._at_requester = at["requester"]
        self._at_log = next(at[f.key] for f in fields if f.kind is Kind.LOG)
        self._free_at = [at[key] for key in self.free]
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
        self._maskers: dict[str, _Masker] = {}

    def masker(self, requester: str) -> _Masker:
        """The requester's masker and finished cell (UTF-8), made once an export."""
        found = self._maskers.get(requester)
        if found is None:
            if len(self._maskers) >= _MASKERS:
                self._maskers.clear()
            cell = csv_field(mask_requester(requester), self.dangerous).encode("utf-8", "replace")
            found = (TextMasker(requester), cell)
            self._maskers[requester] = found
        return found

    def batch(self, db: pw.Database, chunk: Sequence[int]) -> tuple[int, bytes] | None:
        """(tickets found, their lines in ``chunk`` order, each ended by CRLF, as UTF-8) in
        one snapshot (the caller's transaction); None to make the batch cell by cell.

        One row comes back for the batch, as in ``CsvLines.batch``: the thread reading it
        takes Python's lock a few times, not once a ticket while the other thread masks; and
        the cells as bytes (as SQLite keeps them), the texts to look at as text."""
        self.lines.prepare(db)
        self.log_cells.prepare(db)
        marks = ", ".join(["(?)"] * len(chunk))
        cursor = db.execute_sql(
            "SELECT count(*), sum(b), group_concat(v0, char(1)), group_concat(v1, char(1)), "
            + ", ".join(f"CAST(group_concat(v{i}, char(1)) AS BLOB)" for i in (2, 3))
            + f" FROM (SELECT {self.values} "
            f'FROM (VALUES {marks}) AS k CROSS JOIN "ticket" AS t WHERE t.id = k.column1)',
            list(chunk),
        )
        try:
            found, blobs, requesters, texts, *columns = cursor.fetchone()
        finally:
            cursor.close()
        self.log_cells.keep(db)
        if not found:
            return 0, b""
        values = [c.split(b"\1") if c is not None else [] for c in columns]
        values = [c.split("\1") if c is not None else [] for c in (requesters, texts)] + values
        if blobs or any(len(v) != found for v in values):
            return None
        try:
            data = self._lines(*values)
        except UnicodeDecodeError:  # a ticket to mask whose text is not UTF-8
            return None
        if data is None or has_control(data):
            return None
        return found, data + b"\r\n"

    def _lines(
        self, requesters: list[str], texts: list[str], logs: list[bytes], pieces: list[bytes]
    ) -> bytes | None:
        """The tickets' CSV lines, CRLF between (control characters still in); None when a
        ticket's values do not split as made (a text held a NUL or char(2) or char(3))."""
        masker, n_pieces = self.masker, self.n_pieces
        at_requester, at_log = self._at_requester, self._at_log
        out: list[bytes] = []
        for requester, free, log, line in zip(requesters, texts, logs, pieces, strict=True):
            text_masker, cell = masker(requester)
            parts = line.split(b"\2")
            said = log.split(b"\3")
            if len(parts) != n_pieces or len(said) != 4:
                return None
            parts[at_requester] = cell
            says = said[0].decode()
            in_free = text_masker.finds(free)
            if not in_free and not (says and text_masker.finds(says)):
                parts[at_log] = said[1]  # mostly: nothing to mask
            elif not self._mask(text_masker, free if in_free else "", says, said, parts, at_log):
                return None
            out.append(b"".join(parts))
        return b"\r\n".join(out)

    def _mask(
        self, masker: TextMasker, free: str, says: str, said: list[bytes], parts: list[bytes],
        at_log: int,
    ) -> bool:  # fmt: skip
        """A ticket's free cells and log cell in ``parts``, made again where masking changes
        their text: ``free`` ("" when ``finds`` found nothing in them) and ``says``. False
        when its values do not split as made (a text held a NUL)."""
        if free:
            texts = free.split("\0")
            if len(texts) != len(self.free):
                return False
            masked = _masked(masker, texts)
            for at, before, after in zip(self._free_at, texts, masked, strict=True):
                if after != before:
                    parts[at] = csv_field(after, self.dangerous).encode("utf-8", "replace")
        lines = says.split("\0") if says else []
        masked = _masked(masker, lines) if masker.finds(says) else lines
        if masked == lines:
            parts[at_log] = said[1]
            return True
        heads, n = said[3].decode().split("\0"), int(said[2])
        if len(lines) != n or len(heads) != n:
            return False
        text = "\n".join(map(str.__add__, heads, masked))
        parts[at_log] = csv_field(text, self.dangerous).encode("utf-8", "replace")
        return True


def _masked(masker: TextMasker, texts: list[str]) -> list[str]:
    """``masker.many(texts)`` without looking first (the caller has)."""
    parts = masker("\0".join(texts)).split("\0")
    return parts if len(parts) == len(texts) else [masker(t) for t in texts]


def _run(cells: list[str], lead: bool, trail: bool) -> str:
    """SQL of the finished text between two masked cells: its cells and their commas."""
    if not cells:
        return "','" if lead and trail else "''"
    form = ("," if lead else "") + ",".join(["%s"] * len(cells)) + ("," if trail else "")
    return f"printf('{form}', {', '.join(cells)})"
