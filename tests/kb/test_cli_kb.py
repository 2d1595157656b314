"""``desk-gui kb import / export`` and ``desk-gui suggest --json``, run as a user would."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

from desk_gui.store.database import close_database, open_database
from tests.services.test_cli import _workstation, desk, rows  # noqa: F401

HERE = Path(__file__).parent


def _created(path: Path) -> None:
    """A new, empty Desk database at ``path``, as the window would leave it."""
    open_database(path)
    close_database()


def _csv(path: Path, head: list[str], body: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, *body])
    return path


def test_import_export_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    _created(db)  # only `demo` and the window create a database
    done = desk("kb", "import", "--db", str(db), str(HERE / "eval_articles.csv"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Imported 64" in done.stdout and "key: Unknown column" in done.stderr
    out = tmp_path / "out.xlsx"
    assert desk("kb", "export", "--db", str(db), "-o", str(out), "--lang", "en").returncode == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][:7] == ["ID", "Title", "Symptom", "Cause", "Solution", "Category", "Keywords"]
    assert len(values) == 65 and values[1][5] == "Hardware" and values[1][8] == "Published"
    again = tmp_path / "again.db"
    _created(again)  # only `demo` and the window create a database
    assert desk("kb", "import", "--db", str(again), str(out), "--lang", "en").returncode == 0
    sql = "SELECT title, symptom, cause, solution, category, keywords, status FROM kb_article"
    assert rows(again, sql) == rows(db, sql)


def test_any_order_english_headers_and_errors_by_row(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    _created(db)  # only `demo` and the window create a database
    good = _csv(tmp_path / "g.csv", ["Keywords", "Solution", "Title", "Owner"],
                [["vpn 809", "重启路由器", "VPN 809", "x"]])  # fmt: skip
    done = desk("kb", "import", "--db", str(db), str(good), "--lang", "en", "--dry-run")
    assert done.returncode == 0 and "Owner: Unknown column" in done.stderr
    assert not db.exists() or rows(db, "SELECT count(*) FROM kb_article") == [(0,)]
    bad = _csv(tmp_path / "b.csv", ["标题", "解决方法", "问题类型"],
               [["打印机离线", "改端口", "硬件"], ["", "x", "硬件"], ["VPN", "重启", "天气"]])  # fmt: skip
    done = desk("kb", "import", "--db", str(db), str(bad), "--lang", "zh")
    assert done.returncode == 1
    assert "第 3 行，标题" in done.stderr and "第 4 行，问题类型" in done.stderr
    assert not db.exists() or rows(db, "SELECT count(*) FROM kb_article") == [(0,)]


def test_suggest_json(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    _created(db)  # only `demo` and the window create a database
    desk("kb", "import", "--db", str(db), str(HERE / "eval_articles.csv"))
    done = desk("suggest", "--db", str(db), "--title", "三楼那台惠普打不出来，显示离线",
                "--requester", "小明", "--limit", "3", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["articles", "tickets", "duplicates"]
    assert data["articles"][0]["title"] == "打印机显示脱机，无法打印"
    assert set(data["articles"][0]) == {"id", "title", "score"} and len(data["articles"]) == 3
    scores = [a["score"] for a in data["articles"]]
    assert scores == sorted(scores, reverse=True)
    assert data["tickets"] == [] and data["duplicates"] == []
