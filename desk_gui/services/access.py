"""Who may do what: one table of privileged actions → roles, and ``require`` that enforces it.

Every service that does a privileged action calls ``require(ctx, action)`` before writing, so
an agent is refused in the services whatever the window shows. While the office works without
sign-in (the remembered operator, ``Context.role`` None) no role is checked, as before accounts
existed; once sign-in is required, a context without a signed-in person is refused.

On a shared SQLite file this is a guardrail and an attribution, not a wall: whoever can open the
file can change any row (see README, "Accounts and roles"). PostgreSQL enforces it in the
server as well (``store.pg_roles``).
"""

from __future__ import annotations

import json
from enum import StrEnum

from desk_gui.domain.errors import DeskError
from desk_gui.domain.roles import Role
from desk_gui.services.context import Context
from desk_gui.store.database import translate_errors, write_transaction
from desk_gui.store.models import Setting

ACCESS_KEY = "access"
"""The Setting row holding the office's sign-in switch (JSON)."""


class Privilege(StrEnum):
    """An action that not every role may do."""

    REOPEN_CLOSED = "reopen_closed"
    REASSIGN = "reassign"  # give another person's ticket to someone else
    OFFICE_SETTINGS = "office_settings"
    SLA_SETTINGS = "sla_settings"
    STAFF = "staff"  # the staff list: tiers, skills, who is active
    ACCOUNTS = "accounts"  # sign-in accounts: add, role, reset, disable, unlock
    UNMASKED_EXPORT = "unmasked_export"  # export or print requester names in full
    DELETE_ATTACHMENT = "delete_attachment"
    PUBLISH_ARTICLE = "publish_article"  # knowledge base
    RETIRE_ARTICLE = "retire_article"
    VIEW_AUDIT = "view_audit"
    IMPORT = "import"
    EXPORT = "export"
    PRINT = "print"


_SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
_EVERYONE = frozenset(Role)

ALLOWED: dict[Privilege, frozenset[Role]] = {
    Privilege.REOPEN_CLOSED: _SUPERVISORS,
    Privilege.REASSIGN: _SUPERVISORS,
    Privilege.OFFICE_SETTINGS: _SUPERVISORS,
    Privilege.SLA_SETTINGS: _SUPERVISORS,
    Privilege.STAFF: _SUPERVISORS,
    Privilege.ACCOUNTS: frozenset({Role.ADMIN}),
    Privilege.UNMASKED_EXPORT: _SUPERVISORS,
    Privilege.DELETE_ATTACHMENT: _SUPERVISORS,
    Privilege.PUBLISH_ARTICLE: _SUPERVISORS,
    Privilege.RETIRE_ARTICLE: _SUPERVISORS,
    Privilege.VIEW_AUDIT: _SUPERVISORS,
    Privilege.IMPORT: _EVERYONE,
    Privilege.EXPORT: _EVERYONE,
    Privilege.PRINT: _EVERYONE,
}
"""The one table of who may do what; the window greys out by it, the services refuse by it."""

_WHAT: dict[Privilege, tuple[str, str]] = {
    Privilege.REOPEN_CLOSED: ("重新打开已关闭的工单", "reopen a closed ticket"),
    Privilege.REASSIGN: ("改派他人负责的工单", "reassign another person's ticket"),
    Privilege.OFFICE_SETTINGS: ("修改办公室设置", "change the office settings"),
    Privilege.SLA_SETTINGS: ("修改时限与日历", "change deadlines and the calendar"),
    Privilege.STAFF: ("管理人员名单", "manage the staff list"),
    Privilege.ACCOUNTS: ("管理登录账号", "manage sign-in accounts"),
    Privilege.UNMASKED_EXPORT: ("不打码导出或打印", "export or print without masking"),
    Privilege.DELETE_ATTACHMENT: ("删除附件", "delete attachments"),
    Privilege.PUBLISH_ARTICLE: ("发布知识库文章", "publish knowledge-base articles"),
    Privilege.RETIRE_ARTICLE: ("停用知识库文章", "retire knowledge-base articles"),
    Privilege.VIEW_AUDIT: ("查看审计记录", "view the audit trail"),
    Privilege.IMPORT: ("导入", "import"),
    Privilege.EXPORT: ("导出", "export"),
    Privilege.PRINT: ("打印", "print"),
}


def what(action: Privilege, lang: str = "en") -> str:
    """The action in words, for messages and tooltips."""
    zh, en = _WHAT[action]
    return zh if lang.lower().startswith("zh") else en


def _who_may(action: Privilege) -> tuple[str, str]:
    roles = sorted(ALLOWED[action], key=lambda r: r.rank)
    article = {Role.ADMIN: "an"}
    en = " or ".join(f"{article.get(r, 'a')} {r.en}" for r in roles)
    return "或".join(r.zh for r in roles), en


class AccessDenied(DeskError):
    """The signed-in person's role does not allow the action."""

    def __init__(self, action: Privilege, role: Role) -> None:
        self.action = action
        self.role = role
        zh_who, en_who = _who_may(action)
        super().__init__(
            zh=f"只有{zh_who}可以{what(action, 'zh')}；您的角色是{role.zh}。",
            en=f"Only {en_who} may {what(action)}; your role is {role.en}.",
        )


class NotSignedIn(DeskError):
    """Sign-in is required in this office and nobody is signed in."""

    def __init__(self, action: Privilege) -> None:
        self.action = action
        super().__init__(
            zh=f"本办公室要求登录：请先登录，才能{what(action, 'zh')}。",
            en=f"This office requires sign-in: sign in to {what(action)}.",
        )


def allowed(role: Role | None, action: Privilege) -> bool:
    """Whether ``role`` may do ``action`` (None: sign-in is off, nothing is checked)."""
    return role is None or role in ALLOWED[action]


def require(ctx: Context | str | None, action: Privilege) -> None:
    """Refuse (AccessDenied / NotSignedIn) unless the context's person may do ``action``.

    A bare operator name or None stands for someone not signed in: allowed while the office
    works without sign-in, refused once it is required.
    """
    role = ctx.role if isinstance(ctx, Context) else None
    if role is None:
        if sign_in_required():
            raise NotSignedIn(action)
        return
    if role not in ALLOWED[action]:
        raise AccessDenied(action, role)


def may(ctx: Context, action: Privilege) -> bool:
    """Whether ``require(ctx, action)`` would pass (for greying out; the service still checks)."""
    return allowed(ctx.role, action)


def _access_row() -> dict[str, object]:
    with translate_errors():
        row = Setting.get_or_none(Setting.key == ACCESS_KEY)
    return json.loads(row.value) if row is not None else {}


def sign_in_required() -> bool:
    """Whether this office requires staff to sign in with a password."""
    return bool(_access_row().get("sign_in_required", False))


def store_sign_in_required(required: bool, by: str) -> None:
    """Write the switch (inside the caller's transaction; callers check and audit)."""
    with write_transaction():
        value = json.dumps({"sign_in_required": required})
        Setting.insert(key=ACCESS_KEY, value=value, updated_by=by).on_conflict(
            conflict_target=[Setting.key],
            preserve=[Setting.value, Setting.updated_at, Setting.updated_by],
        ).execute()
