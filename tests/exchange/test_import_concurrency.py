"""A big import into a shared file while another process keeps saving tickets."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_gui.exchange.importer import preview_file
from desk_gui.services.context import Context
from desk_gui.services.importing import ImportService
from desk_gui.store.backup import check_database
from desk_gui.store.database import close_database, fetch_all, open_database

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTION = "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效"
HEADER = ["问题编号", "问题标题", "所属部门/区域", "问题描述", "紧急程度", "提交人", "联系方式"]
HEADER += ["提交时间", "当前状态", "负责人", "处理过程记录", "解决方案", "解决时间", "提交人反馈"]
DAY = "2024-05-01"
ROWS = 20_000
NUMBERED = 12_000  # rows 1..NUMBERED carry IT20240501001.., the rest none


def _sheet(path: Path, rows: int = ROWS) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i in range(rows):
            number = f"IT20240501{i + 1:03d}" if i < NUMBERED else ""
            status = ("待处理", "处理中", "已关闭")[i % 3]
            solution = "重启数据库服务并清理连接池" if status == "已关闭" else ""
            out.writerow([number, f"导入行{i}", "销售部", DESCRIPTION, "中", "小明", "内线8888",
                          f"{DAY} {9 + i % 8}:{i % 60:02d}", status, "", f"记录{i}", solution,
                          "", "是；满意" if solution else ""])  # fmt: skip
    return path


@pytest.mark.slow
def test_another_process_saves_while_a_20k_row_import_runs(tmp_path: Path) -> None:
    db, ready, stop = tmp_path / "shared.db", tmp_path / "ready", tmp_path / "stop"
    sheet = _sheet(tmp_path / "old.csv")
    open_database(db)
    preview = preview_file(sheet)
    assert not preview.errors
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.exchange._save_worker", str(db), DAY, str(ready), str(stop)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not ready.exists():
            assert worker.poll() is None, worker.communicate()
            time.sleep(0.02)
        staging: list[float] = []  # when rows were being written (staged), not yet published

        def progress(done: int, _total: int) -> None:
            if ROWS < done <= 3 * ROWS:
                staging.append(time.time())

        started = time.time()
        result = ImportService(Context(operator="导入员")).run(preview, progress=progress)
        finished = time.time()
        time.sleep(0.3)  # a few saves after the import too
    finally:
        stop.touch()
        out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err
    *saves, worst = out.splitlines()
    saved = [(line.split()[0], float(line.split()[1])) for line in saves]
    assert any(started < at < finished for _, at in saved), "no save landed during the import"
    assert float(worst.removeprefix("worst ")) < 30  # never past the busy timeout
    # Saves went on while the import wrote its rows; none waited for the whole import.
    assert any(staging[0] < at < staging[-1] for _, at in saved), "no save while writing"
    assert float(worst.removeprefix("worst ")) < finished - started

    numbers = [str(r[0]) for r in fetch_all("SELECT number FROM ticket")]
    close_database()
    assert len(numbers) == len(set(numbers)) == ROWS + len(saved)
    # One gap-free sequence for the day: the sheet's, the import's new ones and the other's.
    seqs = sorted(int(n.removeprefix("IT20240501")) for n in numbers)
    assert seqs == list(range(1, len(numbers) + 1))
    # A sheet number is replaced only if the other workstation had taken it first.
    theirs = {n for n, _ in saved}
    kept = {number for _, number in result.created}
    for line, wanted, _new in result.renumbered:
        assert wanted in theirs, (line, wanted)
    assert all(f"IT20240501{i + 1:03d}" in kept | theirs for i in range(NUMBERED))
    assert result.lock_seconds > 0
    # Ids guessed before the lock were wrong for the rows after the other's saves: their log
    # lines' chain values were worked out again, so every chain holds.
    assert check_database(db) == []
