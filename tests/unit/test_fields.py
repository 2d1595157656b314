"""The one declaration of the ticket's fields, and every consumer built from it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desk_gui.domain import fields as F
from desk_gui.domain.lang import is_zh, pick
from desk_gui.domain.ticket import TicketDraft, TicketLink, TicketRecord
from desk_gui.domain.validation import validate_draft
from desk_gui.exchange import columns, importer
from desk_gui.printing.content import FieldRow, LogTable, WorksheetOptions, worksheet_content
from desk_gui.printing.sample import sample_record

ROOT = Path(__file__).resolve().parents[2]

# The worksheet template (service-desk.md), exactly: number, zh, en.
TEMPLATE = (
    ("问题编号", "Ticket No."),
    ("问题标题", "Title"),
    ("所属部门/区域", "Department / Location"),
    ("问题描述", "Description"),
    ("紧急程度", "Urgency"),
    ("提交人", "Requester"),
    ("联系方式", "Contact"),
    ("提交时间", "Submitted"),
    ("当前状态", "Status"),
    ("负责人", "Assignee"),
    ("处理过程记录", "Handling log"),
    ("解决方案", "Solution"),
    ("解决时间", "Resolved at"),
    ("提交人反馈", "Requester feedback"),
    ("备注", "Remarks"),
)
BESIDE = {  # the terms service-desk.md gives for the fields beside the template
    "category": "问题类型",
    "impact": "影响范围",
    "device_model": "设备型号",
    "os": "操作系统",
    "software_version": "软件版本",
}


def test_the_template_s_fields_carry_its_exact_terms_in_its_order() -> None:
    assert [(f.zh, f.en) for f in F.template_fields()] == list(TEMPLATE)
    for key, zh in BESIDE.items():
        assert F.label(key, "zh") == zh


def test_label_serves_both_languages_and_falls_back_to_english() -> None:
    assert F.label("department", "zh") == "所属部门/区域"
    assert F.label("department", "zh_CN") == "所属部门/区域"
    assert F.label("department", "en") == "Department / Location"
    assert F.label("department", "fr") == "Department / Location"
    assert is_zh("zh") and is_zh("ZH_cn") and not is_zh("en")
    assert pick("zh", "是", "Yes") == "是" and pick("en_US", "是", "Yes") == "Yes"
    with pytest.raises(KeyError):
        F.label("no_such_field", "zh")


def test_the_declaration_is_consistent() -> None:
    keys = [f.key for f in F.FIELDS]
    assert len(keys) == len(set(keys))
    for lang in ("zh", "en"):
        labels = [f.label(lang) for f in F.FIELDS]
        assert len(labels) == len(set(labels)), lang
    rows = [f.printed.row for f in F.FIELDS if f.printed]
    assert sorted(rows) == list(range(1, len(rows) + 1))
    for f in F.FIELDS:
        assert (f.kind is F.Kind.ENUM) == (f.enum is not None), f.key
        assert not f.required or f.entry is F.Entry.INTAKE, f.key
        assert f.section is F.Section.BESIDE or f.screen, f.key


def test_every_column_is_exported_and_recognised_on_import_by_any_of_its_names() -> None:
    declared = F.column_fields()
    assert [k for k, _, _ in columns.COLUMNS] == [f.key for f in declared]
    for f in declared:
        assert f.column is not None
        for name in (f.header("zh"), f.header("en"), f.key, *f.column.aliases):
            assert columns.key_for(name) == f.key, name
        assert columns.header(f.key, "zh") == f.header("zh")
    assert columns.key_for("是否超时") == "overdue"
    assert set(importer.REQUIRED_COLUMNS) <= {f.key for f in declared}
    assert {"priority", "respond_due", "resolve_due", "overdue"} == columns.COMPUTED


def test_every_intake_field_is_a_draft_attribute_and_imported() -> None:
    draft_fields = {f.name for f in dataclasses.fields(TicketDraft)}
    for f in F.intake_fields():
        assert f.key in draft_fields, f.key
        assert f.column is not None, f.key  # what is typed can be exchanged
    typed = {f.key for f in F.intake_fields() if f.kind in (F.Kind.TEXT, F.Kind.MULTILINE)}
    assert set(importer.TEXT_FIELDS) == typed


def test_every_required_field_is_checked_at_intake() -> None:
    problems = {p.field for p in validate_draft(TicketDraft(), sample_record().submitted_at)}
    assert {f.key for f in F.required_fields()} <= problems


def test_every_stored_field_is_on_the_ticket_record() -> None:
    record_fields = {f.name for f in dataclasses.fields(TicketRecord)}
    for f in F.FIELDS:
        for name in f.columns:
            assert name in record_fields, (f.key, name)


def _sections(record: TicketRecord | None, lang: str) -> list[FieldRow | LogTable]:
    return list(worksheet_content(record, WorksheetOptions(lang=lang)).sections)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_printed_field_is_a_row_of_the_page_in_the_declared_order(lang: str) -> None:
    link = TicketLink(7, "IT20240430002", "打印机卡纸", sample_record().status)
    linked = dataclasses.replace(sample_record(), follow_up_of=link)
    every = [f.label(lang) for f in F.printed_fields()]
    assert [s.label for s in _sections(linked, lang)] == every
    always = [f for f in F.printed_fields() if f.printed and not f.printed.only_if_filled]
    for record in (sample_record(), None):  # no links: no line spent on them
        assert [s.label for s in _sections(record, lang)] == [f.label(lang) for f in always]


# A field added to the declaration (and its model column), nothing else: export, import, the
# intake checks and the printed page take it up. A fresh interpreter, as consumers read the
# declaration when imported. (The worksheet view's rows: tests/gui/test_worksheet_view.py.)
ADDED_FIELD = textwrap.dedent(
    """
    from desk_gui.domain import fields as F

    new = F.Field(
        "asset_tag", "资产编号", "Asset tag", F.Kind.TEXT, F.Entry.INTAKE, required=True,
        column=F.Column(aliases=("资产号",), width=14), printed=F.Printed(21),
    )
    F.FIELDS = (*F.FIELDS, new)
    F.BY_KEY[new.key] = new

    import peewee as pw
    from desk_gui.store.models import Ticket

    Ticket._meta.add_field("asset_tag", pw.CharField(max_length=64, default=""))  # the model

    from desk_gui.domain import validation
    from desk_gui.exchange import columns, export, importer
    from desk_gui.printing.content import WorksheetOptions, worksheet_content
    from desk_gui.printing.sample import sample_record

    assert ("asset_tag", "资产编号", "Asset tag") in columns.COLUMNS
    assert columns.key_for("资产号") == columns.key_for("ASSET TAG") == "asset_tag"
    assert Ticket.asset_tag in export._FIELDS and export.WIDTHS["asset_tag"] == 14
    assert "asset_tag" in importer.TEXT_FIELDS
    assert ("asset_tag", "资产编号", "asset tag") in validation._REQUIRED_TEXT
    for record in (sample_record(), None):
        for lang, name in (("zh", "资产编号"), ("en", "Asset tag")):
            rows = worksheet_content(record, WorksheetOptions(lang=lang)).sections
            assert rows[-1].label == name, rows[-1]
    print("taken up")
    """
)


def test_a_field_added_to_the_declaration_reaches_every_consumer() -> None:
    done = subprocess.run(
        [sys.executable, "-c", ADDED_FIELD], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "taken up"
