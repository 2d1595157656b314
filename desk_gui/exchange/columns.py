"""The spreadsheet columns Desk exports and recognises on import, built from domain.fields."""

from __future__ import annotations

from functools import cache

from desk_gui.domain.fields import Entry, Field, Kind, column_fields, field
from desk_gui.domain.lang import Lang

# (key, zh, en) in export order: the template's 15 fields, then the fields beside it.
COLUMNS: tuple[tuple[str, str, str], ...] = tuple(
    (f.key, f.header("zh"), f.header("en")) for f in column_fields()
)

# Columns the exporter computes: read on import only to be ignored.
COMPUTED = frozenset(f.key for f in column_fields() if f.entry is Entry.COMPUTED)
DATE_KEYS = frozenset(f.key for f in column_fields() if f.kind is Kind.DATETIME)
# An import refuses a sheet without one of these.
REQUIRED = tuple(f.key for f in column_fields() if f.column and f.column.required)


def column(key: str) -> Field:
    """The declared field behind the column ``key``."""
    found = field(key)
    if found.column is None:
        raise KeyError(key)
    return found


def header(key: str, lang: Lang) -> str:
    """The column's header in ``lang``."""
    return column(key).header(lang)


# More headers old sheets and other tools put on these columns, after the declared aliases.
# 序号 (a row count) is left out on purpose: it is not a ticket number.
OLD_SHEET_HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("工单号", "单号", "问题单号", "报修单号", "ticket id", "ticket", "case no", "id"),
    "title": ("问题简述", "问题摘要", "摘要", "主题", "问题名称", "故障简述", "问题", "subject",
              "summary"),
    "department": ("报修部门", "所在部门", "使用部门", "部门/区域", "部门区域", "dept",
                   "department / location"),
    "description": ("问题现象", "故障描述", "故障现象", "现象描述", "详细描述", "问题详情",
                    "现象", "details", "detail"),
    "urgency": ("紧急度", "紧急性", "紧迫程度", "urgent"),
    "requester": ("报修人", "报障人", "申请人", "使用人", "用户", "用户姓名", "提问人",
                  "reporter", "caller", "requested by", "user"),
    "contact": ("手机", "分机", "分机号", "电话/分机", "联系方式/分机", "phone", "extension",
                "tel"),
    "submitted_at": ("报修时间", "报障时间", "提交日期", "登记时间", "发生时间", "创建时间",
                     "日期", "时间", "created", "created at", "opened", "date", "reported"),
    "status": ("处理状态", "工单状态", "进度", "state"),
    "assignee": ("工程师", "it工程师", "处理工程师", "负责工程师", "技术员", "维修人",
                 "assigned to", "owner", "engineer", "handler"),
    "log": ("处理情况", "处理经过", "处理步骤", "跟进记录", "progress", "work notes"),
    "solution": ("解决办法", "解决方法", "处理方法", "解决措施", "处理结果", "resolution", "fix"),
    "resolved_at": ("解决日期", "处理完成时间", "结束时间", "resolved on", "completed"),
    "feedback": ("满意度", "用户反馈", "是否解决", "用户评价", "评价", "satisfaction"),
    "remarks": ("备注说明", "说明", "comments", "comment"),
    "category": ("故障类型", "问题类别", "类别", "分类", "type"),
    "impact": ("影响程度", "影响面"),
    "channel": ("报修方式", "报修渠道", "来源", "source"),
    "device_model": ("设备", "设备名称", "型号"),
    "error_code": ("错误码", "报错代码", "报错信息", "错误信息"),
}  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(str(text).replace("\u3000", " ").split()).strip().lower().rstrip(":：")


@cache
def header_index() -> dict[str, str]:
    """Normalised header text → column key, for both languages and the aliases."""
    index: dict[str, str] = {}
    for f in column_fields():
        for name in (f.header("zh"), f.header("en"), f.key):
            index[_norm(name)] = f.key
    for f in column_fields():
        assert f.column is not None
        for name in f.column.aliases:
            index.setdefault(_norm(name), f.key)
    for key, names in OLD_SHEET_HEADERS.items():
        for name in names:
            index.setdefault(_norm(name), key)
    return index


def key_for(text: object) -> str | None:
    """The column key a header names, or None when Desk does not know it."""
    return header_index().get(_norm(str(text or "")))
