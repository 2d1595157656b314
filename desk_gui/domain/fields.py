"""The one declaration of a ticket's fields: labels, type, entry, spreadsheet column, printed row.

Everything that shows, prints, exports or imports a ticket field builds from ``FIELDS``: the
printed worksheet (row order and labels), the export columns and their headers, the import's
header mapping and aliases, the worksheet view (order, labels, which rows are editable), the
intake form's labels and required marks, and the intake checks' list of required fields.

Labels are the paper template's own terms (service-desk.md) in zh and en, and ``label(key,
lang)`` is the one way to get one in the reader's language, on screen as on paper: field
labels are not Qt translations. Adding a field is one ``Field(...)`` here, plus its model column
and a migration (tests/unit/test_fields.py checks that every consumer picks it up).
"""

from __future__ import annotations

from enum import StrEnum

from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LabelledEnum,
    Priority,
    Status,
    Tier,
    Urgency,
)
from desk_gui.domain.lang import Lang, pick
from desk_gui.domain.plain import Frozen


class Kind(StrEnum):
    """What a value is, which decides its editor, its cell and its blank form."""

    TEXT = "text"  # one line
    MULTILINE = "multiline"
    ENUM = "enum"  # one member of ``Field.enum``
    DATETIME = "datetime"  # to the minute
    LOG = "log"  # the handling log: a timed table
    FEEDBACK = "feedback"  # resolved 是/否 and a rating: 是；满意
    YES_NO = "yes_no"
    WAITING = "waiting"  # whom an open ticket waits on, contact and expected date
    LINKS = "links"  # the ticket followed up, and its follow-ups


class Entry(StrEnum):
    """How a value gets into a ticket."""

    ASSIGNED = "assigned"  # by Desk at intake (the ticket number)
    INTAKE = "intake"  # typed on the intake form; editable on the worksheet (Edit)
    ACTION = "action"  # set by a worksheet action: take, assign, escalate, resolve, feedback …
    COMPUTED = "computed"  # derived: priority, deadlines, overdue


class Section(StrEnum):
    """Where a field belongs: the paper template's 15 fields, or the ones Desk adds beside."""

    TEMPLATE = "template"
    BESIDE = "beside"


class Column(Frozen):
    """A spreadsheet column: header (the field's label unless given), aliases, import rules.

    ``required``: an import refuses a sheet without this column. ``width``: xlsx characters.
    Aliases are other headers people put on their old sheets, matched case-insensitively.
    """

    __slots__ = ("zh", "en", "aliases", "required", "width")  # noqa: RUF023 - in order
    zh: str | None
    en: str | None
    aliases: tuple[str, ...]
    required: bool
    width: int | None

    def __init__(
        self,
        zh: str | None = None,
        en: str | None = None,
        aliases: tuple[str, ...] = (),
        required: bool = False,
        width: int | None = None,
    ) -> None:
        self._assign(zh, en, aliases, required, width)


class Printed(Frozen):
    """A row on the printed worksheet: its place (1 first), writing space on a blank form.

    ``only_if_filled``: printed only when the ticket has a value (never on a blank form).
    """

    __slots__ = ("row", "blank_lines", "only_if_filled")  # noqa: RUF023 - in order
    row: int
    blank_lines: int
    only_if_filled: bool

    def __init__(self, row: int, blank_lines: int = 1, only_if_filled: bool = False) -> None:
        self._assign(row, blank_lines, only_if_filled)


class Field(Frozen):
    """One field of a ticket as people read, type, print and exchange it.

    ``Frozen`` classes here, not dataclasses: the filter bar's labels import this module before
    the window's first paint (issue 11).
    """

    __slots__ = (  # noqa: RUF023 - in the order of __init__'s parameters
        "key", "zh", "en", "kind", "entry", "section", "required", "enum", "column", "printed",
        "screen", "stored_as", "max_length",
    )  # fmt: skip
    key: str
    zh: str
    en: str
    kind: Kind
    entry: Entry
    section: Section
    required: bool  # at intake: the form marks it and the checks refuse it empty
    enum: type[LabelledEnum] | None
    column: Column | None  # None: not exported nor imported
    printed: Printed | None  # None: not on the printed worksheet
    screen: bool  # a row of the worksheet view
    stored_as: tuple[str, ...] | None  # model columns behind it; None: (key,)
    # Text: the most characters it may hold (sized so that a worksheet with every field at
    # its maximum still prints on one page); every text must also show something visible.
    max_length: int | None

    def __init__(
        self,
        key: str,
        zh: str,
        en: str,
        kind: Kind,
        entry: Entry,
        section: Section = Section.BESIDE,
        required: bool = False,
        enum: type[LabelledEnum] | None = None,
        column: Column | None = None,
        printed: Printed | None = None,
        screen: bool = True,
        stored_as: tuple[str, ...] | None = None,
        max_length: int | None = None,
    ) -> None:
        self._assign(
            key, zh, en, kind, entry, section, required, enum, column, printed, screen,
            stored_as, max_length,
        )  # fmt: skip

    def label(self, lang: Lang) -> str:
        return pick(lang, self.zh, self.en)

    def header(self, lang: Lang) -> str:
        """The spreadsheet column's header in ``lang``."""
        assert self.column is not None, self.key
        return pick(lang, self.column.zh or self.zh, self.column.en or self.en)

    @property
    def editable(self) -> bool:
        """Typed at intake, and so editable on the worksheet."""
        return self.entry is Entry.INTAKE

    @property
    def columns(self) -> tuple[str, ...]:
        """The Ticket model columns that hold this field."""
        return (self.key,) if self.stored_as is None else self.stored_as


_T = Section.TEMPLATE

# fmt: off
FIELDS: tuple[Field, ...] = (
    # The worksheet template's 15 fields, in its order (service-desk.md).
    Field(
        "number", "问题编号", "Ticket No.", Kind.TEXT, Entry.ASSIGNED, _T,
        column=Column(
            aliases=("编号", "工单编号", "ticket no", "ticket number", "number", "no."), width=16
        ),
        printed=Printed(1),
    ),
    Field(
        "title", "问题标题", "Title", Kind.TEXT, Entry.INTAKE, _T, required=True,
        column=Column(aliases=("标题", "title"), required=True, width=24),
        printed=Printed(2),
        max_length=20,
    ),
    Field(
        "department", "所属部门/区域", "Department / Location", Kind.TEXT, Entry.INTAKE, _T,
        required=True,
        column=Column(
            aliases=("部门", "所属部门", "区域", "department", "location"), required=True
        ),
        printed=Printed(3),
        max_length=40,
    ),
    Field(
        "description", "问题描述", "Description", Kind.MULTILINE, Entry.INTAKE, _T,
        required=True,
        column=Column(aliases=("描述", "description"), required=True, width=48),
        printed=Printed(4, blank_lines=4),
        max_length=250,
    ),
    Field(
        "urgency", "紧急程度", "Urgency", Kind.ENUM, Entry.INTAKE, _T, required=True,
        enum=Urgency,
        column=Column(required=True),
        printed=Printed(5),
    ),
    Field(
        "requester", "提交人", "Requester", Kind.TEXT, Entry.INTAKE, _T, required=True,
        column=Column(aliases=("提报人", "报告人", "requester"), required=True),
        printed=Printed(6),
        max_length=20,
    ),
    Field(
        "contact", "联系方式", "Contact", Kind.TEXT, Entry.INTAKE, _T, required=True,
        column=Column(aliases=("联系电话", "电话", "contact"), required=True),
        printed=Printed(7),
        max_length=50,
    ),
    Field(
        "submitted_at", "提交时间", "Submitted", Kind.DATETIME, Entry.INTAKE, _T,
        column=Column(
            aliases=("提报时间", "报告时间", "submitted at", "submitted"), required=True
        ),
        printed=Printed(8),
    ),
    Field(
        "status", "当前状态", "Status", Kind.ENUM, Entry.ACTION, _T, enum=Status,
        column=Column(aliases=("状态", "status")),
        printed=Printed(9),
    ),
    Field(
        "assignee", "负责人", "Assignee", Kind.TEXT, Entry.ACTION, _T,
        column=Column(aliases=("处理人", "assignee")),
        printed=Printed(10),
        max_length=20,
    ),
    Field(
        "log", "处理过程记录", "Handling log", Kind.LOG, Entry.ACTION, _T,
        column=Column(aliases=("处理记录", "处理过程", "log", "handling log"), width=60),
        printed=Printed(15),
        stored_as=(),  # the log_entry table
    ),
    Field(
        "solution", "解决方案", "Solution", Kind.MULTILINE, Entry.ACTION, _T,
        column=Column(aliases=("solution",), width=40),
        printed=Printed(16, blank_lines=3),
        max_length=200,
    ),
    Field(
        "resolved_at", "解决时间", "Resolved at", Kind.DATETIME, Entry.ACTION, _T,
        column=Column(aliases=("完成时间", "resolved", "resolved at")),
        printed=Printed(17),
    ),
    Field(
        "feedback", "提交人反馈", "Requester feedback", Kind.FEEDBACK, Entry.ACTION, _T,
        column=Column(aliases=("反馈", "feedback", "requester feedback")),
        printed=Printed(18),
        stored_as=("feedback_resolved", "satisfaction", "feedback_score"),
    ),
    Field(
        "remarks", "备注", "Remarks", Kind.MULTILINE, Entry.INTAKE, _T,
        column=Column(aliases=("remarks", "notes", "note"), width=24),
        printed=Printed(19, blank_lines=2),
        max_length=100,
    ),
    # Beside the template: classification, deadlines, waiting, links, device and error.
    Field(
        "related", "关联工单", "Related tickets", Kind.LINKS, Entry.ACTION,
        printed=Printed(20, only_if_filled=True),
        stored_as=("follow_up_of",),
    ),
    Field(
        "category", "问题类型", "Category", Kind.ENUM, Entry.INTAKE, required=True,
        enum=Category,
        column=Column(aliases=("类型", "问题分类", "category")),
        printed=Printed(11),
    ),
    Field(
        "impact", "影响范围", "Impact scope", Kind.ENUM, Entry.INTAKE, required=True,
        enum=Impact,
        column=Column(aliases=("影响", "impact", "impact scope")),
        printed=Printed(12),
    ),
    Field(
        "channel", "渠道", "Channel", Kind.ENUM, Entry.INTAKE, enum=Channel, column=Column()
    ),
    Field(
        "priority", "优先级", "Priority", Kind.ENUM, Entry.COMPUTED, enum=Priority,
        column=Column(),
        printed=Printed(13),
    ),
    Field(
        "tier", "处理层级", "Tier", Kind.ENUM, Entry.ACTION, enum=Tier,
        column=Column(),
        printed=Printed(14),
    ),
    Field("respond_due", "响应期限", "Respond by", Kind.DATETIME, Entry.COMPUTED, column=Column()),
    Field("resolve_due", "解决期限", "Resolve by", Kind.DATETIME, Entry.COMPUTED, column=Column()),
    Field(
        "overdue", "是否超时", "Overdue", Kind.YES_NO, Entry.COMPUTED,
        column=Column(), screen=False, stored_as=(),
    ),
    Field("next_update_due", "下次进度同步", "Next progress update", Kind.DATETIME, Entry.COMPUTED),
    Field(
        "waiting", "等待状态", "Waiting", Kind.WAITING, Entry.ACTION,
        stored_as=("waiting_on", "waiting_contact", "waiting_until"),
    ),
    Field(
        "device_model", "设备型号", "Device model", Kind.TEXT, Entry.INTAKE, column=Column(),
        max_length=60,
    ),
    Field(
        "os", "操作系统", "Operating system", Kind.TEXT, Entry.INTAKE, column=Column(),
        max_length=60,
    ),
    Field(
        "software_version", "软件版本", "Software version", Kind.TEXT, Entry.INTAKE,
        column=Column(),
        max_length=60,
    ),
    Field(
        "error_code", "错误代码", "Error code", Kind.TEXT, Entry.INTAKE, column=Column(),
        max_length=60,
    ),
)
# fmt: on

BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}

# Texts typed in the worksheet's action dialogs (not fields of their own): a handling-log
# note or progress update, an escalation's reason and handover, whom a wait is on, a close or
# reopen reason, a feedback comment. (key, zh, en in a sentence, most characters).
ACTION_TEXTS: dict[str, tuple[str, str, int]] = {
    "text": ("记录内容", "text", 2000),
    "reason": ("原因", "reason", 500),
    "handover": ("交接说明", "handover summary", 2000),
    "waiting_contact": ("对接联系人", "contact person", 50),
    "note": ("说明", "note", 500),
    "close_reason": ("关闭原因", "close reason", 500),
    "reopen_reason": ("重新打开原因", "reopen reason", 500),
    "comment": ("反馈意见", "comment", 500),
    "filename": ("文件名", "file name", 200),
    "staff_name": ("姓名", "name", 20),  # as an assignee, which a staff name becomes
    "office_name": ("单位名称", "office name", 60),  # printed in every worksheet's header
}


def field(key: str) -> Field:
    """The declared field ``key``; KeyError for an unknown key."""
    return BY_KEY[key]


def label(key: str, lang: Lang) -> str:
    """The field's label in the reader's language: the template's term in Chinese."""
    return BY_KEY[key].label(lang)


def template_fields() -> tuple[Field, ...]:
    """The paper template's 15 fields in its order."""
    return tuple(f for f in FIELDS if f.section is Section.TEMPLATE)


def beside_fields() -> tuple[Field, ...]:
    """The fields Desk keeps beside the template, in the worksheet view's order."""
    return tuple(f for f in FIELDS if f.section is Section.BESIDE)


def printed_fields() -> tuple[Field, ...]:
    """The rows of the printed worksheet, top to bottom."""
    return tuple(sorted((f for f in FIELDS if f.printed), key=lambda f: _row(f)))


def _row(f: Field) -> int:
    assert f.printed is not None
    return f.printed.row


def column_fields() -> tuple[Field, ...]:
    """The spreadsheet columns, in export order."""
    return tuple(f for f in FIELDS if f.column is not None)


def intake_fields() -> tuple[Field, ...]:
    """The fields typed on the intake form (and editable on the worksheet)."""
    return tuple(f for f in FIELDS if f.entry is Entry.INTAKE)


def required_fields() -> tuple[Field, ...]:
    """The fields intake refuses to leave empty."""
    return tuple(f for f in FIELDS if f.required)
