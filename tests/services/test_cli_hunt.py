"""Command lines a tester tries without reading the code: dates out of order or out of range,
an output folder that is not there, a folder where a file should be, a backup onto the
database itself. Each gets one plain line and a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_gui.domain.review import LAST_DAY, Period
from tests.services.test_cli import desk


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hunt") / "desk.db"
    made = desk("demo", "--db", str(path), "--tickets", "20")
    assert made.returncode == 0, made.stderr
    return path


def _plain(result: object, code: int = 2) -> str:
    out = result.stdout + result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in out and "Exception ignored" not in out, out
    assert result.returncode == code, out  # type: ignore[attr-defined]
    return str(out)


@pytest.mark.parametrize(
    ("first", "last"),
    [("0001-01-01", "9999-12-31"), ("9999-12-01", "9999-12-31"), ("2026-01-01", "9999-12-31")],
)
def test_report_refuses_days_past_the_calendar_it_can_compare(
    db: Path, tmp_path: Path, first: str, last: str
) -> None:
    out = _plain(desk("report", "--db", str(db), "--from", first, "--to", last,
                      "-o", str(tmp_path / "r.json")))  # fmt: skip
    assert "not a date between" in out


def test_a_period_past_the_last_day_is_refused_in_the_domain() -> None:
    with pytest.raises(ValueError):
        Period(LAST_DAY.replace(day=1), LAST_DAY.replace(year=LAST_DAY.year + 1))


def test_export_refuses_to_before_from_and_takes_the_last_day_as_no_end(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "e.xlsx"
    backwards = desk("export", "--db", str(db), "-o", str(out), "--from", "2026-03-01",
                     "--to", "2026-01-01")  # fmt: skip
    assert "--to is before --from" in _plain(backwards) and not out.exists()
    open_end = desk("export", "--db", str(db), "-o", str(out), "--to", "9999-12-31")
    assert open_end.returncode == 0 and "Exported 20" in open_end.stdout, open_end.stderr


def test_export_into_a_missing_folder_or_onto_a_folder_says_so(db: Path, tmp_path: Path) -> None:
    missing = desk("export", "--db", str(db), "-o", str(tmp_path / "gone" / "e.xlsx"))
    assert "no such folder" in _plain(missing)
    (tmp_path / "e.xlsx").mkdir()
    folder = desk("export", "--db", str(db), "-o", str(tmp_path / "e.xlsx"))
    assert "a folder, not a file" in _plain(folder)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_backup_onto_the_database_or_a_folder_writes_nothing(
    db: Path, tmp_path: Path, lang: str
) -> None:
    before = db.read_bytes()
    itself = _plain(desk("--lang", lang, "backup", "--db", str(db), str(db)))
    assert ("exists already" in itself) if lang == "en" else ("已存在" in itself)
    assert db.read_bytes() == before
    (tmp_path / "folder.db").mkdir()
    _plain(desk("backup", "--db", str(db), str(tmp_path / "folder.db")))


@pytest.mark.parametrize(
    "url", ["postgresql://desk:pw@127.0.0.1:notaport/x", "mysql://desk@127.0.0.1/desk"]
)
def test_a_url_that_cannot_be_a_desk_server_is_unreachable_not_a_traceback(url: str) -> None:
    out = _plain(desk("check", "--db", url))
    assert "cannot be reached" in out and "pw" not in out


def test_check_of_an_empty_server_database_says_so() -> None:
    import os

    url = os.environ.get("DESK_TEST_PG_URL")
    if not url:
        pytest.skip("DESK_TEST_PG_URL is not set")
    import psycopg2

    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    finally:
        conn.close()
    out = _plain(desk("check", "--db", url), code=1)
    assert "no Desk tables here" in out


@pytest.mark.parametrize(
    "data", [b"\xff\xfe\x00\x00garbage", b"\x00a\x00b\x00c\x00", b"\xff\xfe\x00\xd8a\x00"]
)
@pytest.mark.parametrize("verb", [("import",), ("kb", "import")])
def test_a_csv_that_breaks_its_own_encoding_is_refused_plainly(
    db: Path, tmp_path: Path, data: bytes, verb: tuple[str, ...]
) -> None:
    sheet = tmp_path / "broken.csv"
    sheet.write_bytes(data)
    out = _plain(desk(*verb, "--db", str(db), str(sheet)))
    assert "Cannot import broken.csv" in out and "CSV UTF-8" in out


def test_files_written_into_a_missing_folder_or_onto_a_folder_say_so(
    db: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "gone"
    (tmp_path / "folder.pdf").mkdir()
    runs = [
        ("print", "--db", str(db), "--blank", "--pdf", str(gone / "o.pdf")),
        ("report", "--db", str(db), "--from", "2026-01-01", "--to", "2026-01-31",
         "-o", str(gone / "r.pdf")),
        ("report", "--db", str(db), "--from", "2026-01-01", "--to", "2026-01-31",
         "-o", str(gone / "r.xlsx")),
        ("kb", "export", "--db", str(db), "-o", str(gone / "kb.xlsx")),
    ]  # fmt: skip
    for args in runs:
        assert "no such folder" in _plain(desk(*args)), args
    folder = desk("print", "--db", str(db), "--blank", "--pdf", str(tmp_path / "folder.pdf"))
    assert "a folder, not a file" in _plain(folder)


@pytest.mark.parametrize("copies", ["0", "-3", "100000"])
def test_print_copies_out_of_range_are_refused(db: Path, tmp_path: Path, copies: str) -> None:
    out = tmp_path / "o.pdf"
    said = _plain(desk("print", "--db", str(db), "--blank", "--pdf", str(out), "--copies", copies))
    assert "between 1 and 500" in said and not out.exists()


@pytest.mark.parametrize("verb", ["add", "role"])
def test_an_unknown_role_is_refused_by_the_parser(db: Path, verb: str) -> None:
    out = _plain(desk("staff", verb, "--db", str(db), "--name", "李四", "--role", "superman"))
    assert "not a role (agent, supervisor or admin)" in out
