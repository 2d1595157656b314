"""Reading the old worksheet spreadsheet (.xlsx / .csv) into validated import rows.

No database here: every row becomes a TicketDraft plus its history (status, solution, times,
feedback, log text) and the problems found, named by spreadsheet row and column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_gui.domain import log_lines
from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LabelledEnum,
    Satisfaction,
    Status,
    Urgency,
)
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.fields import Kind, intake_fields
from desk_gui.domain.fields import field as declared
from desk_gui.domain.lang import Lang, is_zh
from desk_gui.domain.log_lines import LogLine
from desk_gui.domain.resolution import check_solution
from desk_gui.domain.text import clean
from desk_gui.domain.ticket import TicketDraft
from desk_gui.domain.validation import clean_draft, text_field_problem, validate_draft
from desk_gui.exchange.columns import COLUMNS, COMPUTED, REQUIRED, header, key_for
from desk_gui.exchange.dates import parse_datetime
from desk_gui.exchange.export import DANGEROUS
from desk_gui.exchange.feedback import parse_feedback
from desk_gui.exchange.sheet_words import read_choice
from desk_gui.exchange.table import Table
from desk_gui.exchange.table import read_table as table_of

REQUIRED_COLUMNS: tuple[str, ...] = REQUIRED
# The typed text of intake, copied to the draft as it stands in the sheet.
TEXT_FIELDS: tuple[str, ...] = tuple(
    f.key for f in intake_fields() if f.kind in (Kind.TEXT, Kind.MULTILINE)
)


@dataclass(frozen=True)
class RowProblem:
    """One finding, at a spreadsheet row (1 is the header row) and column header."""

    row: int
    column: str
    code: str
    zh: str
    en: str
    warning: bool = False

    def message(self, lang: Lang = "zh") -> str:
        zh = is_zh(lang)
        parts = [(f"第 {self.row} 行" if zh else f"row {self.row}") if self.row else ""]
        where = ("，" if zh else ", ").join(p for p in [*parts, self.column] if p)
        text = self.zh if zh else self.en
        if not where:
            return text
        return f"{where}：{text}" if zh else f"{where}: {text}"


@dataclass
class ImportRow:
    """One spreadsheet row as a draft and its history, with its problems."""

    line: int
    number: str
    draft: TicketDraft
    status: Status = Status.PENDING
    assignee: str | None = None
    log_text: str = ""
    solution: str = ""
    resolved_at: datetime | None = None
    feedback_resolved: bool | None = None
    satisfaction: Satisfaction | None = None
    defaults: list[LogLine] = field(default_factory=list)  # columns filled with a default
    number_column: str = "问题编号"  # the file's own header, for problems about the number
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(not p.warning for p in self.problems)


@dataclass
class ImportPreview:
    """What an import would do: every row, the file's problems, the columns Desk ignores."""

    source: str
    rows: list[ImportRow]
    file_problems: list[RowProblem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[RowProblem]:
        return self.file_problems + [p for r in self.rows for p in r.problems]

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if p.warning]

    @property
    def valid_rows(self) -> list[ImportRow]:
        if any(not p.warning for p in self.file_problems):
            return []
        return [r for r in self.rows if r.valid]


@dataclass(frozen=True)
class ImportDefaults:
    """What a sheet without 问题类型 / 影响范围 (as the bare template has) gets."""

    category: Category = Category.OTHER
    impact: Impact = Impact.INDIVIDUAL
    channel: Channel = Channel.PHONE


def read_sheet(path: str | Path, is_header: Callable[[list[str]], bool] | None = None) -> Table:
    """The header row, the non-empty data rows (with their spreadsheet row numbers) and the
    reader's notes; ``is_header`` finds the header below a title (see ``table.read_table``).

    SheetUnreadable (a DeskError) when the file is not a sheet Desk can read, or too big.
    """
    return table_of(path, _text, is_header)


def _text(value: Any) -> str:
    """A cell as text: numbers without a spurious .0, the export's apostrophe taken off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1] in DANGEROUS:
        text = text[1:]
    return text


def map_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column key → index, and the headers Desk does not know (or that repeat a column)."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    for i, head in enumerate(headers):
        key = key_for(head)
        if key is None or key in found:
            if head:
                unknown.append(head)
            continue
        found[key] = i
    return found, unknown


@functools.lru_cache(maxsize=1024)
def _parse_choice(enum: type[LabelledEnum], text: str) -> Any:
    """The label or an old sheet's word for it, remembered: a sheet repeats the same few
    words on every row."""
    return read_choice(enum, text)


class _RowReader:
    """Turns one row's cells into typed values, collecting problems against the row."""

    def __init__(self, line: int, cells: list[Any], columns: dict[str, int], headers: list[str]):
        self.line, self.cells, self.columns, self.headers = line, cells, columns, headers
        self.problems: list[RowProblem] = []

    def column(self, key: str) -> str:
        i = self.columns.get(key)
        return self.headers[i] if i is not None else header(key, "zh")

    def raw(self, key: str) -> Any:
        i = self.columns.get(key)
        return self.cells[i] if i is not None and i < len(self.cells) else None

    def text(self, key: str) -> str:
        """The cell as text, cleaned as every typed text is (``domain.text.clean``)."""
        return clean(_text(self.raw(key))).strip()

    def problem(self, key: str, code: str, zh: str, en: str, warning: bool = False) -> None:
        self.problems.append(RowProblem(self.line, self.column(key), code, zh, en, warning))

    def choice(self, key: str, enum: type[LabelledEnum]) -> Any:
        text = self.text(key)
        if not text:
            return None
        try:
            return _parse_choice(enum, text)
        except ValueError:
            options = "/".join(m.zh for m in enum)
            self.problem(
                key,
                "invalid_choice",
                f"“{text}”不是可选值（{options}）。",
                f"“{text}” is not one of {', '.join(m.en for m in enum)}.",
            )
            return None

    def when(self, key: str) -> datetime | None:
        raw = self.raw(key)
        try:
            return parse_datetime(raw)
        except (ValueError, OverflowError):
            self.problem(
                key,
                "invalid_date",
                f"无法识别的时间“{_text(raw)}”，请写成 2024-05-01 09:15。",
                f"Cannot read the time “{_text(raw)}”; write it as 2024-05-01 09:15.",
            )
            return None


def _draft(r: _RowReader, defaults: ImportDefaults, notes: list[LogLine]) -> TicketDraft:
    draft = TicketDraft()
    for key in TEXT_FIELDS:
        setattr(draft, key, r.text(key))
    draft.urgency = r.choice("urgency", Urgency)
    draft.submitted_at = r.when("submitted_at")
    draft.channel = r.choice("channel", Channel) or defaults.channel
    for key, enum, default in (
        ("category", Category, defaults.category),
        ("impact", Impact, defaults.impact),
    ):
        value = r.choice(key, enum)
        if value is None and not any(
            p.code == "invalid_choice" and p.column == r.column(key) for p in r.problems
        ):
            value = default
            notes.append(log_lines.import_default(header(key, "zh"), header(key, "en"), default))
        setattr(draft, key, value)
    return draft


def _history(r: _RowReader, row: ImportRow) -> None:
    """Status, assignee, solution, resolution time and feedback, checked for consistency."""
    row.status = r.choice("status", Status) or Status.PENDING
    row.assignee = clean(r.text("assignee"), multiline=False) or None
    row.log_text = r.text("log")
    row.solution = r.text("solution")
    for key, value in (("assignee", row.assignee or ""), ("solution", row.solution)):
        f = declared(key)
        found = text_field_problem(key, value, f.zh, f.en.lower(), f.max_length)
        if found is not None:
            r.problem(key, found.code, found.zh, found.en)
    row.resolved_at = r.when("resolved_at")
    feedback = r.text("feedback")
    if feedback:
        try:
            row.feedback_resolved, row.satisfaction = parse_feedback(feedback)
        except ValueError:
            r.problem(
                "feedback",
                "invalid_feedback",
                f"无法识别的反馈“{feedback}”，请写成“是；满意”。",
                f"Cannot read the feedback “{feedback}”; write e.g. “Yes; Satisfied”.",
            )
    solution_told = any(p.column == r.column("solution") for p in r.problems)
    if row.status in (Status.RESOLVED, Status.CLOSED):
        if solution_told:
            pass
        elif not row.solution:
            r.problem(
                "solution",
                "solution_required",
                "已解决或已关闭的工单须填写解决方案。",
                "A resolved or closed ticket needs its solution.",
            )
        else:
            # The service would refuse a vague one mid-import; name the row and column here.
            try:
                check_solution(row.solution)
            except RuleViolation as exc:
                r.problem("solution", exc.code, exc.message("zh"), exc.message("en"))
        if row.feedback_resolved is False:
            r.problem(
                "feedback",
                "feedback_not_resolved",
                "提交人反馈为“否”的工单应为处理中，而不是已解决/已关闭。",
                "Feedback “No” means the ticket is still in progress, not resolved or closed.",
            )
        submitted = row.draft.submitted_at
        if row.resolved_at and submitted and row.resolved_at < submitted:
            r.problem(
                "resolved_at",
                "resolved_before_submitted",
                "解决时间早于提交时间。",
                "The resolution time is before the submission time.",
            )


def convert_row(
    line: int,
    cells: list[Any],
    columns: dict[str, int],
    headers: list[str],
    defaults: ImportDefaults,
    now: datetime,
) -> ImportRow:
    """One spreadsheet row, validated by the form's rules plus the history checks."""
    r = _RowReader(line, cells, columns, headers)
    notes: list[LogLine] = []
    draft = clean_draft(_draft(r, defaults, notes))
    row = ImportRow(
        line=line,
        number=r.text("number").upper(),
        draft=draft,
        defaults=notes,
        number_column=r.column("number"),
    )
    for p in validate_draft(draft, now):
        if not any(q.column == r.column(p.field) for q in r.problems):
            r.problem(p.field, p.code, p.zh, p.en, warning=p.warning)
    _history(r, row)
    row.problems = sorted(
        r.problems, key=lambda p: [k for k, _, _ in COLUMNS].index(key_for(p.column) or "remarks")
    )
    return row


def preview_file(
    path: str | Path, defaults: ImportDefaults | None = None, now: datetime | None = None
) -> ImportPreview:
    """Read and check a spreadsheet; nothing is written."""
    defaults = defaults or ImportDefaults()
    now = now or datetime.now()
    table = table_of(path, _text, names_ticket_columns)
    headers, body, at = table.headers, table.rows, table.header_line
    columns, unknown = map_columns(headers)
    preview = ImportPreview(str(path), [], unknown_columns=unknown)
    for zh, en in table.notes:  # e.g. the encoding a CSV was read in
        preview.file_problems.append(RowProblem(0, "", "file_note", zh, en, warning=True))
    missing = [k for k in REQUIRED_COLUMNS if k not in columns]
    for key in missing:
        label = header(key, "zh")
        preview.file_problems.append(
            RowProblem(
                at,
                label,
                "missing_column",
                "表中缺少此列。",
                f"The sheet has no “{header(key, 'en')}” column.",
            )
        )
    for head in unknown:
        preview.file_problems.append(
            RowProblem(
                at,
                head,
                "unknown_column",
                "不认识的列，导入时忽略。",
                "Unknown column; ignored.",
                warning=True,
            )
        )
    for key in COMPUTED & set(columns):
        del columns[key]  # priority and deadlines are recomputed from the office's settings
    if not missing:
        used = sorted(columns.values())
        for line, cells in body:
            if any(_text(cells[i]) for i in used if i < len(cells)) and not _totals(cells):
                preview.rows.append(convert_row(line, cells, columns, headers, defaults, now))
            else:
                preview.file_problems.append(_not_a_ticket(line, cells, headers))
    return preview


def names_ticket_columns(texts: list[str]) -> bool:
    """Whether a row of texts is the header: it names three ticket columns or more."""
    return len(map_columns(texts)[0]) >= 3


_TOTALS = re.compile(
    r"^(合\s*计|总\s*计|小\s*计|共\s*计|总数|total|sum)\b|^共\s*\d+\s*[条项个张行]", re.I
)


def _totals(cells: list[Any]) -> bool:
    """A totals line under the tickets: “合计：25 条”, “共 25 条”, “Total 25”, alone or with
    one number beside it. Checked on every row: a ticket's row is told apart at its third cell."""
    texts: list[str] = []
    for value in cells:
        if text := _text(value):
            texts.append(text)
            if len(texts) > 2:
                return False
    return bool(texts) and bool(_TOTALS.match(texts[0]))


def _not_a_ticket(line: int, cells: list[Any], headers: list[str]) -> RowProblem:
    """A totals row, or one with text only in columns Desk does not import."""
    said = "; ".join(f"{headers[i]} “{t}”" for i, v in enumerate(cells) if (t := _text(v)))
    said = said if len(said) <= 60 else said[:59] + "…"
    return RowProblem(
        line,
        "",
        "not_a_ticket",
        f"这一行不是工单（{said}），已跳过。",
        f"This row is not a ticket ({said}); it was skipped.",
        warning=True,
    )
