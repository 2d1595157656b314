"""Staff accounts: sign-in with a password, roles, lock-out, reset, disable, the first admin.

Passwords are hashed (``services.passwords``) outside any write transaction: a hash takes most
of a second, and on a shared file a write transaction holds the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from desk_gui.domain.enums import Tier
from desk_gui.domain.errors import DeskError, RuleViolation
from desk_gui.domain.roles import Role
from desk_gui.domain.validation import action_text
from desk_gui.services import passwords
from desk_gui.services.access import Privilege, require, store_sign_in_required
from desk_gui.services.audit import AuditAction, record
from desk_gui.services.context import Context
from desk_gui.store import pg_roles
from desk_gui.store.database import current_database, translate_errors, write_transaction
from desk_gui.store.models import Account, Staff

MAX_FAILURES = 5
"""Wrong passwords in a row before the account locks."""
LOCK_MINUTES = 15
"""How long a lock lasts unless an administrator unlocks it sooner."""


class SignInFailed(DeskError):
    """Wrong name or password (which one is not said)."""

    zh = "姓名或密码不正确。"
    en = "The name or the password is wrong."


class AccountLocked(DeskError):
    """Too many wrong passwords: locked until a time, or until an administrator unlocks it."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        at = until.strftime("%H:%M")
        super().__init__(
            zh=f"密码错误次数过多，账号已锁定至 {at}；管理员可在“人员与账号”中提前解锁。",
            en=f"Too many wrong passwords: the account is locked until {at}; an administrator"
            " can unlock it sooner under Staff and accounts.",
        )


class AccountDisabled(DeskError):
    zh = "此账号已停用，请联系管理员。"
    en = "This account is disabled; ask an administrator."


class AccountsExist(DeskError):
    zh = "已有账号：新账号须由管理员添加。"
    en = "Accounts already exist: an administrator must add new ones."


@dataclass(frozen=True)
class AccountInfo:
    """An account as the staff-management dialog shows it (no hash)."""

    name: str
    role: Role
    disabled: bool
    locked_until: datetime | None
    failed_attempts: int
    must_change: bool

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, and whether they must choose a new password now."""

    name: str
    role: Role
    must_change: bool


def check_new_password(name: str, password: str) -> None:
    """Refuse a password too short or equal to the name."""
    if len(password) < passwords.MIN_LENGTH:
        n = passwords.MIN_LENGTH
        raise RuleViolation(
            "password",
            field="password",
            zh=f"密码至少 {n} 个字符。",
            en=f"Use at least {n} characters.",
        )
    if password.strip().lower() == name.strip().lower():
        raise RuleViolation(
            "password",
            field="password",
            zh="密码不能与姓名相同。",
            en="The password must not be the name.",
        )


def has_accounts() -> bool:
    with translate_errors():
        return bool(Account.select().exists())


def list_accounts() -> list[AccountInfo]:
    """Every account, by name."""
    with translate_errors():
        rows = Account.select(Account, Staff).join(Staff).order_by(Staff.name)
        return [
            AccountInfo(
                a.staff.name,
                Role(a.role),
                bool(a.disabled),
                a.locked_until,
                a.failed_attempts,
                bool(a.must_change),
            )
            for a in rows
        ]


def _account(name: str) -> Account | None:
    with translate_errors():
        return Account.select(Account, Staff).join(Staff).where(Staff.name == name.strip()).first()


def _staff_id(name: str) -> int:
    Staff.insert(name=name, tier=Tier.L1.value).on_conflict_ignore().execute()
    return int(Staff.get(Staff.name == name).id)


def _required_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RuleViolation("required", field="name", zh="请填写姓名。", en="Enter a name.")
    try:  # a staff name: controls out, refused if broken, invisible or too long
        return action_text("staff_name", name, required=True)
    except RuleViolation as exc:
        raise RuleViolation(exc.code, field="name", zh=exc.zh, en=exc.en) from exc


def create_first_admin(ctx: Context, name: str, password: str) -> None:
    """The first account, an administrator; sign-in becomes required. Only with no accounts."""
    name = _required_name(name)
    check_new_password(name, password)
    hashed = passwords.hash_password(password)
    with write_transaction():
        if Account.select().exists():
            raise AccountsExist()
        Account.insert(staff=_staff_id(name), role=Role.ADMIN.value, password_hash=hashed).execute()
        store_sign_in_required(True, name)
        _on_server(lambda db: pg_roles.install(db))
        _on_server(lambda db: pg_roles.create_login(db, name, Role.ADMIN.value, password))
        record(ctx, AuditAction.ACCOUNT_ADDED, name, "first administrator", desk_user=name)


def add_account(ctx: Context, name: str, role: Role, password: str) -> None:
    """An administrator gives a staff member (new or listed) an account."""
    require(ctx, Privilege.ACCOUNTS)
    name = _required_name(name)
    check_new_password(name, password)
    hashed = passwords.hash_password(password)
    with write_transaction():
        staff_id = _staff_id(name)
        if Account.select().where(Account.staff == staff_id).exists():
            raise RuleViolation(
                "exists",
                field="name",
                zh=f"{name} 已有账号。",
                en=f"{name} already has an account.",
            )
        Account.insert(
            staff=staff_id, role=role.value, password_hash=hashed, must_change=True
        ).execute()
        _on_server(lambda db: pg_roles.create_login(db, name, role.value, password))
        record(ctx, AuditAction.ACCOUNT_ADDED, name, role.value)


def _existing(name: str) -> Account:
    account = _account(name)
    if account is None:
        raise RuleViolation(
            "no_account", field="name", zh=f"{name} 没有账号。", en=f"{name} has no account."
        )
    return account


def _keep_an_admin(account: Account) -> None:
    """Refuse to take the last active administrator away (nobody could manage accounts)."""
    others = (
        Account.select()
        .where(
            (Account.role == Role.ADMIN.value)
            & (Account.disabled == False)  # noqa: E712
            & (Account.staff != account.staff_id)
        )
        .exists()
    )
    if account.role == Role.ADMIN.value and not account.disabled and not others:
        raise RuleViolation(
            "last_admin",
            zh="这是最后一个启用的管理员账号，不能停用或降级。",
            en="This is the last active administrator; it cannot be disabled or demoted.",
        )


def set_role(ctx: Context, name: str, role: Role) -> None:
    require(ctx, Privilege.ACCOUNTS)
    with write_transaction():
        account = _existing(name)
        if role != Role.ADMIN:
            _keep_an_admin(account)
        Account.update(role=role.value).where(Account.staff == account.staff_id).execute()
        _on_server(lambda db: pg_roles.set_group(db, name, role.value))
        record(ctx, AuditAction.ROLE_CHANGED, name, f"{account.role} → {role.value}")


def set_disabled(ctx: Context, name: str, disabled: bool) -> None:
    require(ctx, Privilege.ACCOUNTS)
    with write_transaction():
        account = _existing(name)
        if disabled:
            _keep_an_admin(account)
        Account.update(disabled=disabled).where(Account.staff == account.staff_id).execute()
        _on_server(lambda db: pg_roles.set_login_allowed(db, name, not disabled))
        action = AuditAction.ACCOUNT_DISABLED if disabled else AuditAction.ACCOUNT_ENABLED
        record(ctx, action, name)


def unlock(ctx: Context, name: str) -> None:
    require(ctx, Privilege.ACCOUNTS)
    with write_transaction():
        account = _existing(name)
        Account.update(failed_attempts=0, locked_until=None).where(
            Account.staff == account.staff_id
        ).execute()
        record(ctx, AuditAction.ACCOUNT_UNLOCKED, name)


def reset_password(ctx: Context, name: str, temporary: str) -> None:
    """An administrator sets a temporary password; its owner must change it at sign-in."""
    require(ctx, Privilege.ACCOUNTS)
    check_new_password(name, temporary)
    hashed = passwords.hash_password(temporary)
    with write_transaction():
        account = _existing(name)
        Account.update(
            password_hash=hashed, must_change=True, failed_attempts=0, locked_until=None,
            changed_at=ctx.now(),
        ).where(Account.staff == account.staff_id).execute()  # fmt: skip
        _on_server(lambda db: pg_roles.set_password(db, name, temporary))
        record(ctx, AuditAction.PASSWORD_RESET, name)


def change_password(ctx: Context, old: str, new: str) -> None:
    """The signed-in person changes their own password (the old one is asked again)."""
    account = _existing(ctx.operator)
    if not passwords.verify_password(old, account.password_hash):
        record(ctx, AuditAction.PASSWORD_CHANGED, ctx.operator, "wrong current password", ok=False)
        raise SignInFailed()
    check_new_password(ctx.operator, new)
    if new == old:
        raise RuleViolation(
            "password", field="password", zh="新密码须与旧密码不同。", en="Choose a new password."
        )
    hashed = passwords.hash_password(new)
    with write_transaction() as db:
        if pg_roles.is_postgres(db) and pg_roles.identity(db) is not None:
            # Connected as one's own login: the server's password is the one that counts
            # (an agent's login may not write the account table).
            pg_roles.set_password(db, ctx.operator, new)
        else:
            Account.update(password_hash=hashed, must_change=False, changed_at=ctx.now()).where(
                Account.staff == account.staff_id
            ).execute()
            _on_server(lambda db: pg_roles.set_password(db, ctx.operator, new))
        record(ctx, AuditAction.PASSWORD_CHANGED, ctx.operator)


def has_password(name: str, password: str) -> bool:
    """Whether ``name``'s account has this password now (nothing counted or recorded): a
    retried change asks it to learn that its first attempt got through."""
    account = _account(name)
    return account is not None and passwords.verify_password(password, account.password_hash)


def has_account(name: str, role: Role | None = None) -> bool:
    """Whether ``name`` has an account (with ``role``, if given): a retried add asks it."""
    return any(a.name == name and role in (None, a.role) for a in list_accounts())


def _on_server(change: Callable[[pw.Database], object]) -> None:
    """On PostgreSQL, mirror an account change in the server's roles (same transaction)."""
    db = current_database()
    if pg_roles.is_postgres(db):
        change(db)


_DUMMY_HASH: list[str] = []


def _burn_time(password: str) -> None:
    """Spend a hash's time on an unknown name, so timing does not tell which names exist."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(passwords.hash_password("not a password"))
    passwords.verify_password(password, _DUMMY_HASH[0])


def authenticate(ctx: Context, name: str, password: str) -> SignedIn:
    """Check a name and password; count a failure and lock after MAX_FAILURES. Audited."""
    name = name.strip()
    account = _account(name)
    now = ctx.now()
    if account is None:
        _burn_time(password)
        record(ctx, AuditAction.SIGN_IN_FAILED, name, "unknown name", ok=False, desk_user=name)
        raise SignInFailed()
    if account.disabled:
        record(ctx, AuditAction.SIGN_IN_FAILED, name, "disabled", ok=False, desk_user=name)
        raise AccountDisabled()
    if account.locked_until is not None and account.locked_until > now:
        record(ctx, AuditAction.SIGN_IN_FAILED, name, "locked", ok=False, desk_user=name)
        raise AccountLocked(account.locked_until)
    if not passwords.verify_password(password, account.password_hash):
        _count_failure(ctx, account, name, now)
    with write_transaction():
        Account.update(failed_attempts=0, locked_until=None).where(
            Account.staff == account.staff_id
        ).execute()
        record(ctx, AuditAction.SIGN_IN, name, Role(account.role).value, desk_user=name)
    if passwords.needs_rehash(account.password_hash):
        _rehash(account, password)
    return SignedIn(name, Role(account.role), bool(account.must_change))


def _count_failure(ctx: Context, account: Account, name: str, now: datetime) -> None:
    """Record a wrong password (locking at the limit) and raise."""
    with write_transaction():
        Account.update(failed_attempts=Account.failed_attempts + 1).where(
            Account.staff == account.staff_id
        ).execute()
        failures = Account.get(Account.staff == account.staff_id).failed_attempts
        record(ctx, AuditAction.SIGN_IN_FAILED, name, f"wrong password ({failures})", ok=False,
               desk_user=name)  # fmt: skip
        until = now + timedelta(minutes=LOCK_MINUTES)
        if failures >= MAX_FAILURES:
            Account.update(locked_until=until).where(Account.staff == account.staff_id).execute()
            record(ctx, AuditAction.LOCKED_OUT, name, f"until {until:%H:%M}", desk_user=name)
    if failures >= MAX_FAILURES:
        raise AccountLocked(until)
    raise SignInFailed()


def _rehash(account: Account, password: str) -> None:
    hashed = passwords.hash_password(password)
    with write_transaction():
        Account.update(password_hash=hashed).where(Account.staff == account.staff_id).execute()


def set_sign_in_required(ctx: Context, required: bool) -> None:
    """An administrator switches sign-in on or off for the office (needs an active admin)."""
    require(ctx, Privilege.ACCOUNTS)
    with write_transaction():
        has_admin = (
            Account.select()
            .where((Account.role == Role.ADMIN.value) & (Account.disabled == False))  # noqa: E712
            .exists()
        )
        if required and not has_admin:
            raise RuleViolation(
                "no_admin",
                zh="请先创建一个管理员账号，再要求登录。",
                en="Create an administrator account before requiring sign-in.",
            )
        store_sign_in_required(required, ctx.operator)
        record(ctx, AuditAction.SIGN_IN_SETTING, "", "required" if required else "off")
