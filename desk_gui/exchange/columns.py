"""The spreadsheet columns Desk exports and recognises on import, with their zh and en headers."""

from __future__ import annotations

from desk_gui.domain.enums import EXTRA_FIELDS, WORKSHEET_FIELDS, Lang

OVERDUE = ("overdue", "是否超时", "Overdue")

# (key, zh, en) in export order: the template's 15 fields, then the fields beside it.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    *WORKSHEET_FIELDS,
    *EXTRA_FIELDS[:7],  # category … resolve_due
    OVERDUE,
    *EXTRA_FIELDS[7:],  # device, OS, software version, error code
)

# Other headers people put on the old worksheet for the same column.
ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("编号", "工单编号", "ticket no", "ticket number", "number", "no."),
    "title": ("标题", "title"),
    "department": ("部门", "所属部门", "区域", "department", "location"),
    "description": ("描述", "description"),
    "requester": ("提报人", "报告人", "requester"),
    "contact": ("联系电话", "电话", "contact"),
    "submitted_at": ("提报时间", "报告时间", "submitted at", "submitted"),
    "status": ("状态", "status"),
    "assignee": ("处理人", "assignee"),
    "log": ("处理记录", "处理过程", "log", "handling log"),
    "solution": ("solution",),
    "resolved_at": ("完成时间", "resolved", "resolved at"),
    "feedback": ("反馈", "feedback", "requester feedback"),
    "remarks": ("remarks", "notes", "note"),
    "category": ("类型", "问题分类", "category"),
    "impact": ("影响", "impact", "impact scope"),
}

# Columns the exporter computes: read on import only to be ignored.
COMPUTED = frozenset(("priority", "respond_due", "resolve_due", "overdue"))
DATE_KEYS = frozenset(("submitted_at", "resolved_at", "respond_due", "resolve_due"))


def header(key: str, lang: Lang) -> str:
    """The column's header in ``lang``."""
    for k, zh, en in COLUMNS:
        if k == key:
            return zh if lang.startswith("zh") else en
    raise KeyError(key)


def _norm(text: str) -> str:
    return " ".join(str(text).replace("\u3000", " ").split()).strip().lower().rstrip(":：")


def header_index() -> dict[str, str]:
    """Normalised header text → column key, for both languages and the aliases."""
    index: dict[str, str] = {}
    for key, zh, en in COLUMNS:
        index[_norm(zh)] = key
        index[_norm(en)] = key
        index[_norm(key)] = key
    for key, names in ALIASES.items():
        for name in names:
            index.setdefault(_norm(name), key)
    return index


def key_for(text: object) -> str | None:
    """The column key a header names, or None when Desk does not know it."""
    return header_index().get(_norm(str(text or "")))
