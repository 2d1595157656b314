"""The audit trail: sign-ins, privileged actions, exports, printing and settings changes.

Each event names the Desk user beside the Windows account and the workstation it came from
(both hints, not proof: see ``Context.os_user``). Events are written in the transaction of the
action they record where there is one, so a refused or failed action leaves no "done" line.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from desk_gui.services.context import Context
from desk_gui.store.database import translate_errors, write_transaction
from desk_gui.store.models import AuditEvent


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCKED_OUT = "locked_out"
    PASSWORD_CHANGED = "password_changed"
    ACCOUNT_ADDED = "account_added"
    PASSWORD_RESET = "password_reset"
    ROLE_CHANGED = "role_changed"
    ACCOUNT_DISABLED = "account_disabled"
    ACCOUNT_ENABLED = "account_enabled"
    ACCOUNT_UNLOCKED = "account_unlocked"
    SIGN_IN_SETTING = "sign_in_setting"
    SETTINGS_CHANGED = "settings_changed"
    STAFF_CHANGED = "staff_changed"
    EXPORT = "export"
    PRINT = "print"
    REOPEN_CLOSED = "reopen_closed"
    REASSIGN = "reassign"
    ATTACHMENT_DELETED = "attachment_deleted"
    AUDIT_EXPORTED = "audit_exported"
    ARTICLE_PUBLISHED = "article_published"
    ARTICLE_RETIRED = "article_retired"


_LABELS: dict[str, tuple[str, str]] = {
    "sign_in": ("登录", "sign-in"),
    "sign_in_failed": ("登录失败", "failed sign-in"),
    "sign_out": ("退出登录", "sign-out"),
    "locked_out": ("账号锁定", "locked out"),
    "password_changed": ("修改密码", "password changed"),
    "account_added": ("新增账号", "account added"),
    "password_reset": ("重置密码", "password reset"),
    "role_changed": ("角色变更", "role changed"),
    "account_disabled": ("停用账号", "account disabled"),
    "account_enabled": ("启用账号", "account enabled"),
    "account_unlocked": ("解锁账号", "account unlocked"),
    "sign_in_setting": ("登录要求变更", "sign-in requirement"),
    "settings_changed": ("设置变更", "settings changed"),
    "staff_changed": ("人员名单变更", "staff list changed"),
    "export": ("导出", "export"),
    "print": ("打印", "print"),
    "reopen_closed": ("重新打开已关闭工单", "closed ticket reopened"),
    "reassign": ("改派工单", "ticket reassigned"),
    "attachment_deleted": ("删除附件", "attachment deleted"),
    "audit_exported": ("导出审计记录", "audit trail exported"),
    "article_published": ("发布知识库文章", "knowledge-base article published"),
    "article_retired": ("停用知识库文章", "knowledge-base article retired"),
}


def action_label(action: str, lang: str = "en") -> str:
    zh, en = _LABELS.get(action, (action, action))
    return zh if lang.lower().startswith("zh") else en


@dataclass(frozen=True)
class AuditRecord:
    """One event as the viewer and the CSV show it."""

    id: int
    at: datetime
    action: str
    desk_user: str
    os_user: str
    workstation: str
    target: str
    detail: str
    ok: bool


def record(
    ctx: Context | None,
    action: AuditAction,
    target: str = "",
    detail: str = "",
    *,
    ok: bool = True,
    desk_user: str | None = None,
) -> None:
    """Write one event (in the caller's transaction when there is one)."""
    who = desk_user if desk_user is not None else (ctx.operator if ctx else "")
    fresh = Context(operator=who)  # the Windows account and PC when no context is given
    source = ctx or fresh
    with write_transaction():
        AuditEvent.insert(
            at=source.now(),
            action=action.value,
            desk_user=who[:64],
            os_user=source.os_user[:128],
            workstation=source.workstation[:128],
            target=target,
            detail=detail,
            ok=ok,
        ).execute()


@dataclass(frozen=True)
class AuditFilter:
    """Which events to list: a time range, a person (Desk or Windows), an action."""

    since: datetime | None = None
    until: datetime | None = None
    user: str = ""
    action: str = ""
    limit: int = 5000


def list_events(flt: AuditFilter | None = None) -> list[AuditRecord]:
    """Events, newest first."""
    flt = flt or AuditFilter()
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if flt.since is not None:
        query = query.where(AuditEvent.at >= flt.since)
    if flt.until is not None:
        query = query.where(AuditEvent.at < flt.until)
    if flt.user:
        query = query.where((AuditEvent.desk_user == flt.user) | (AuditEvent.os_user == flt.user))
    if flt.action:
        query = query.where(AuditEvent.action == flt.action)
    with translate_errors():
        return [
            AuditRecord(
                e.id,
                e.at,
                e.action,
                e.desk_user,
                e.os_user,
                e.workstation,
                e.target,
                e.detail,
                bool(e.ok),
            )
            for e in query.limit(flt.limit)
        ]


CSV_HEADER = (
    "time",
    "action",
    "desk user",
    "windows account",
    "workstation",
    "target",
    "detail",
    "ok",
)


def write_csv(path: str | Path, events: list[AuditRecord], lang: str = "en") -> int:
    """Write ``events`` as CSV (UTF-8 with BOM, so Excel reads Chinese); the count written."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(CSV_HEADER)
        for e in events:
            out.writerow(
                (
                    e.at.isoformat(sep=" "),
                    action_label(e.action, lang),
                    e.desk_user,
                    e.os_user,
                    e.workstation,
                    e.target,
                    e.detail,
                    "yes" if e.ok else "no",
                )
            )
    return len(events)


def view_events(ctx: Context, flt: AuditFilter | None = None) -> list[AuditRecord]:
    """The events a supervisor may read (AccessDenied for an agent)."""
    from desk_gui.services.access import Privilege, require

    require(ctx, Privilege.VIEW_AUDIT)
    return list_events(flt)


def export_events(
    ctx: Context, path: str | Path, flt: AuditFilter | None = None, lang: str = "en"
) -> int:
    """Write the filtered events to a CSV file (a supervisor's action, itself audited)."""
    events = view_events(ctx, flt)
    n = write_csv(path, events, lang)
    record(ctx, AuditAction.AUDIT_EXPORTED, str(path), f"{n} events")
    return n


def describe_selection(flt: object | None, ids: Sequence[int] | None) -> str:
    """The export's selection in words for the trail: the filter's set fields, or the count."""
    if flt is not None:
        fields = {k: v for k, v in vars(flt).items() if v not in (None, "", False, (), frozenset())}
        text = "; ".join(f"{k}={_plain(v)}" for k, v in fields.items())
        return f"filter: {text or 'all'}"
    if ids is not None:
        return f"{len(ids)} selected"
    return "all"


def _plain(value: object) -> str:
    if isinstance(value, (set, frozenset, tuple, list)):
        return ",".join(sorted(str(v) for v in value))
    return str(value)


def exported(ctx: Context, target: str, selection: str, *, masked: bool, count: int) -> None:
    """An export: who, which file, what filter, masked or not, how many tickets."""
    detail = f"{selection}; {'masked' if masked else 'UNMASKED'}; {count} tickets"
    record(ctx, AuditAction.EXPORT, target, detail)


def printed(ctx: Context, numbers: Sequence[str], *, masked: bool, how: str) -> None:
    """Printed worksheets: who, which tickets, masked or not, to a printer or a PDF."""
    detail = f"{how}; {'masked' if masked else 'UNMASKED'}; {len(numbers)} worksheets"
    record(ctx, AuditAction.PRINT, " ".join(numbers) or "(blank)", detail)
