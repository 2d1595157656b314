"""Worksheets rendered to PDF and read back with poppler (pdftotext, pdfinfo)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from desk_gui.domain.fields import template_fields
from desk_gui.printing.content import WorksheetOptions
from desk_gui.printing.render import print_worksheets, write_pdf
from desk_gui.printing.sample import sample_record

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdfinfo)"
)

OPTIONS = WorksheetOptions(
    office_name="北京分公司 IT 服务台", printed_by="张三", printed_at=datetime(2024, 5, 2, 8, 0)
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def squash(text: str) -> str:
    """Text without whitespace: pdftotext's spacing between glyphs varies."""
    return re.sub(r"\s+", "", text)


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines())}


def test_pdf_text_layer_reads_back_every_label_and_value(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "ws.pdf"
    assert write_pdf(out, [sample_record()], "zh", OPTIONS) == 1
    info = pdf_info(out)
    assert info["Pages"] == "1"
    w, h = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(w - 595) < 2 and abs(h - 842) < 2
    text = pdf_text(out)
    for zh in (f.zh for f in template_fields()):
        assert zh in text
    for value in (
        "IT20240501001",
        "技术问题解决与支持工作表",
        "CRM系统数据库连接错误",
        "销售部/北京分公司",
        "2024-05-01 09:15",
        "2024-05-01 10:30",
        "内线8888",
        "是；满意",
        "重启数据库服务并配置开机自启，后续监控服务状态",
        "北京分公司 IT 服务台",
        "打印人：张三",
        "第 1 / 1 页",
    ):
        assert squash(value) in squash(text)
    assert "小明*" in text


def test_requester_unmasked_when_the_office_says_so(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "ws.pdf"
    write_pdf(out, [sample_record()], "zh", replace(OPTIONS, mask_requester=False))
    text = pdf_text(out)
    assert "小明" in text and "小明*" not in text


def test_long_log_second_page_repeats_the_header(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    pages = write_pdf(out, [sample_record(extra_log=40)], "zh", OPTIONS)
    assert pages >= 2
    page2 = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(out), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "技术问题解决与支持工作表" in page2 and "IT20240501001" in page2
    assert "处理过程记录（续）" in page2
    assert f"第2/{pages}页" in squash(page2)
    assert "第 40 次进度同步" in pdf_text(out)


def test_english_blank_and_several_in_one_job(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    records = [sample_record(), None, sample_record(number="IT20240501002")]
    assert write_pdf(out, records, "en", OPTIONS) == 3
    text = pdf_text(out)
    assert text.count("Technical Problem Resolution and Support Worksheet") == 3
    for label in ("Ticket No.", "Department / Location", "Handling log", "IT20240501002"):
        assert label in text
    assert "Page1/1" in squash(text) and "Requester's signature:" in text


def test_blank_worksheet_is_one_page(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    assert write_pdf(out, [None], "zh", OPTIONS) == 1
    text = pdf_text(out)
    assert "处理过程记录" in text and "□ 满意" in text and "提交人签字：" in text


def test_print_to_a_printer_set_to_pdf(qapp: object, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    assert print_worksheets(printer, [sample_record()], "zh", OPTIONS) == 1
    assert "IT20240501001" in pdf_text(tmp_path / "printer.pdf")
