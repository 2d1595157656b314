"""Import keeps the sheet's own ticket numbers (the paper record), whatever the row order."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.numbering import format_number, parse_number
from desk_gui.domain.ticket import TicketDraft
from desk_gui.exchange.importer import preview_file
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportResult, ImportService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database
from desk_gui.store.models import Ticket

DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"
HEADER = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式"]
HEADER += ["提交时间"]
Row = tuple[str, datetime]  # the number cell as typed (maybe empty) and the submission time


def _cells(i: int, number: str, submitted: datetime) -> list[object]:
    title = f"导入行{i:03d}"  # identifies the row after the import
    return [number, title, "销售部", DESCRIPTION, "中", "小明", "内线8888", submitted]


def write_sheet(path: Path, rows: list[Row]) -> Path:
    if path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(HEADER)
        for i, (number, submitted) in enumerate(rows):
            ws.append(_cells(i, number, submitted))
        wb.save(path)
        return path
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i, (number, submitted) in enumerate(rows):
            cells = _cells(i, number, submitted)
            cells[-1] = f"{submitted:%Y-%m-%d %H:%M}"
            out.writerow(cells)
    return path


def existing(numbers: list[str], unnumbered_days: tuple[date, ...] = ()) -> list[str]:
    """Tickets already in the open database: with these numbers, plus one auto-numbered a day."""
    wf = WorkflowService(Context(operator="李工程师"))
    made = []
    for number in numbers:
        parsed = parse_number(number)
        assert parsed is not None
        made.append(wf.create(_draft(datetime.combine(parsed[1], time(8))), number=number).number)
    for day in unnumbered_days:
        made.append(wf.create(_draft(datetime.combine(day, time(8)))).number)
    return made


def _draft(submitted: datetime) -> TicketDraft:
    return TicketDraft(
        title="已有工单",
        department="销售部",
        description=DESCRIPTION,
        category=Category.SOFTWARE,
        urgency=Urgency.MEDIUM,
        impact=Impact.INDIVIDUAL,
        requester="小明",
        contact="内线8888",
        submitted_at=submitted,
    )


def import_sheet(sheet: Path) -> tuple[ImportResult, dict[int, str]]:
    """Import every row; the number each sheet row (0-based, by its title) ended up with."""
    preview = preview_file(sheet)
    assert not preview.errors, [p.message("en") for p in preview.errors]
    service = ImportService(Context(operator="导入员"))
    service.check_numbers(preview)
    result = service.run(preview)
    query = Ticket.select(Ticket.number, Ticket.title).where(Ticket.title.startswith("导入行"))
    return result, {int(title[3:]): str(number) for number, title in query.tuples()}


def assert_paper_record_kept(rows: list[Row], before: list[str], got: dict[int, str]) -> None:
    """Every well-formed, unused file number stays with its row; new numbers are fresh."""
    numbers = list(before) + [got[i] for i in range(len(rows))]
    assert len(numbers) == len(set(numbers)), "duplicate ticket numbers"
    file_numbers = {n.upper() for n, _ in rows if n}
    claimed: set[str] = set(before)
    for i, (number, _) in enumerate(rows):
        typed = number.upper()
        if typed and parse_number(typed) and typed not in claimed:
            assert got[i] == typed, f"row {i}: {typed} became {got[i]}"
            claimed.add(typed)
        else:
            assert got[i] not in file_numbers and got[i] not in before, f"row {i}: {got[i]}"
            assert parse_number(got[i]) is not None


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "desk.db"
    open_database(path)
    yield path
    close_database()


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 5, day, hour, minute)


def test_a_row_without_a_number_does_not_take_a_later_rows_number(db: Path, tmp_path: Path) -> None:
    # The example: the unnumbered row comes first on the day of IT20250509001.
    rows: list[Row] = [("", _at(9, 8)), ("IT20250509001", _at(9, 10))]
    result, got = import_sheet(write_sheet(tmp_path / "old.csv", rows))
    assert got == {0: "IT20250509002", 1: "IT20250509001"}
    assert result.renumbered == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_file_numbers_stay_with_their_rows_whatever_the_order(
    db: Path, tmp_path: Path, suffix: str
) -> None:
    before = existing(["IT20250510002"], unnumbered_days=(date(2025, 5, 10),))
    assert before == ["IT20250510002", "IT20250510003"]
    rows: list[Row] = [
        ("", _at(9, 8)),  # before every numbered row of its day
        ("IT20250509005", _at(9, 9)),  # numbers out of order, with gaps
        ("", _at(10, 8, 30)),
        ("IT20250509001", _at(9, 10)),
        ("IT20250510002", _at(10, 9)),  # already in the database: a new number
        ("", _at(9, 11)),  # between numbered rows
        ("IT202505091000", _at(9, 12)),  # past 999
        ("IT20250511003", _at(11, 9)),
        ("", _at(11, 8)),
        ("IT-2025-0511", _at(11, 10)),  # not a Desk number: a new one
        ("it20250510001", _at(10, 11)),  # free in the database, any case
        ("", _at(12, 9)),  # a day without numbers in the file
        ("IT20250509001", _at(9, 13)),  # the file repeats a number: the first row keeps it
        ("", _at(9, 17)),  # after every numbered row
    ]
    result, got = import_sheet(write_sheet(tmp_path / f"old{suffix}", rows))
    assert got == {
        0: "IT202505091001",
        1: "IT20250509005",
        2: "IT20250510004",
        3: "IT20250509001",
        4: "IT20250510005",
        5: "IT202505091002",
        6: "IT202505091000",
        7: "IT20250511003",
        8: "IT20250511004",
        9: "IT20250511005",
        10: "IT20250510001",
        11: "IT20250512001",
        12: "IT202505091003",
        13: "IT202505091004",
    }
    assert_paper_record_kept(rows, before, got)
    # What the command line prints as "row N: old → new" (row 1 is the header).
    assert result.renumbered == [
        (6, "IT20250510002", "IT20250510005"),
        (11, "IT-2025-0511", "IT20250511005"),
        (14, "IT20250509001", "IT202505091003"),
    ]


def test_numbers_of_skipped_rows_stay_free_for_the_fixed_rows(db: Path, tmp_path: Path) -> None:
    rows: list[Row] = [("", _at(9, 8)), ("IT20250509001", _at(9, 10))]
    sheet = write_sheet(tmp_path / "old.csv", rows)
    text = sheet.read_text(encoding="utf-8-sig").replace("导入行001,销售部", "导入行001,")
    sheet.write_text(text, encoding="utf-8-sig")  # row 2 has no department: invalid
    preview = preview_file(sheet)
    assert len(preview.valid_rows) == 1
    ImportService(Context(operator="导入员")).run(preview, only_valid=True)
    assert [t.number for t in Ticket.select()] == ["IT20250509002"]
    import_sheet(write_sheet(tmp_path / "fixed.csv", rows[1:]))
    assert sorted(t.number for t in Ticket.select()) == ["IT20250509001", "IT20250509002"]


DAYS = (date(2025, 5, 9), date(2025, 5, 10), date(2025, 5, 11))
SEQS = st.sampled_from((1, 2, 3, 5, 8, 13, 999, 1000, 1234))


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[str], list[Row]]:
    """Numbers already in the database, and sheet rows in any order, some without numbers."""
    numbered = draw(st.lists(st.tuples(st.sampled_from(DAYS), SEQS), max_size=8))
    blanks = draw(st.lists(st.sampled_from(DAYS), max_size=6))
    rows: list[Row] = [
        (format_number("IT", day, seq), datetime.combine(day, time(9)) + timedelta(minutes=seq))
        for day, seq in numbered
    ]
    rows += [("", datetime.combine(day, time(8, 30))) for day in blanks]
    rows = draw(st.permutations(rows))
    in_db = draw(st.lists(st.tuples(st.sampled_from(DAYS), SEQS), max_size=3, unique=True))
    return [format_number("IT", day, seq) for day, seq in in_db], rows


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_any_shuffle_keeps_every_file_number_and_all_numbers_unique(
    case: tuple[list[str], list[Row]],
) -> None:
    in_db, rows = case
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "desk.db")
        try:
            before = existing(in_db)
            _, got = import_sheet(write_sheet(Path(folder) / "old.csv", rows))
            assert_paper_record_kept(rows, before, got)
            assert Ticket.select(pw.fn.COUNT(Ticket.id)).scalar() == len(before) + len(rows)
        finally:
            close_database()
