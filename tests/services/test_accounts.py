"""Staff accounts: hashes, the first administrator, sign-in, lock-out, reset, disable."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.roles import Role
from desk_gui.services import access, accounts, passwords
from desk_gui.services.access import AccessDenied
from desk_gui.services.accounts import (
    AccountDisabled,
    AccountLocked,
    AccountsExist,
    SignInFailed,
)
from desk_gui.services.audit import list_events
from desk_gui.services.context import Context
from desk_gui.services.workspace import Workspace
from tests.services.conftest import Clock

SECRET = "Sekr3t-密码-2026"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests hash with a small scrypt cost (the format records the cost, so both verify)."""
    monkeypatch.setattr(passwords, "COST", passwords.Cost(log_n=10))


@pytest.fixture
def admin(db_path: Path, clock: Clock) -> Context:
    ctx = Context(operator="王管理", workstation="PC-A", clock=clock, role=Role.ADMIN)
    accounts.create_first_admin(ctx, "王管理", SECRET)
    return ctx


def test_hash_is_salted_and_verifies() -> None:
    a, b = passwords.hash_password(SECRET), passwords.hash_password(SECRET)
    assert a != b and a.startswith("scrypt$10$8$1$")
    assert passwords.verify_password(SECRET, a)
    assert not passwords.verify_password(SECRET + "x", a)
    assert not passwords.verify_password(SECRET, "plain text")


def test_default_cost_is_slow_and_within_maxmem() -> None:
    cost = passwords.Cost()
    assert cost.log_n >= 17 and cost.maxmem > 128 * 2**17 * 8
    stored = passwords.hash_password("x" * 8, passwords.Cost(log_n=17))
    assert passwords.verify_password("x" * 8, stored)


def test_first_admin_turns_sign_in_on_and_only_once(admin: Context, clock: Clock) -> None:
    assert access.sign_in_required()
    assert [(a.name, a.role) for a in accounts.list_accounts()] == [("王管理", Role.ADMIN)]
    with pytest.raises(AccountsExist):
        accounts.create_first_admin(Context(operator="x", clock=clock), "黑客", SECRET)


def test_sign_in_and_wrong_password_counted(admin: Context, clock: Clock) -> None:
    desk = Context(operator="", workstation="PC-B", clock=clock)
    signed = accounts.authenticate(desk, "王管理", SECRET)
    assert signed.role is Role.ADMIN and not signed.must_change
    with pytest.raises(SignInFailed):
        accounts.authenticate(desk, "王管理", "wrong")
    assert accounts.list_accounts()[0].failed_attempts == 1
    with pytest.raises(SignInFailed):
        accounts.authenticate(desk, "没有此人", SECRET)
    actions = [(e.action, e.desk_user, e.ok) for e in list_events()]
    assert ("sign_in", "王管理", True) in actions
    assert ("sign_in_failed", "王管理", False) in actions
    assert ("sign_in_failed", "没有此人", False) in actions
    accounts.authenticate(desk, "王管理", SECRET)
    assert accounts.list_accounts()[0].failed_attempts == 0  # a success clears the count


def test_lock_out_after_repeated_failures_and_unlock(admin: Context, clock: Clock) -> None:
    accounts.add_account(admin, "李坐席", Role.AGENT, "agent-pass-1")
    desk = Context(operator="", clock=clock)
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(SignInFailed):
            accounts.authenticate(desk, "李坐席", "nope")
    with pytest.raises(AccountLocked):
        accounts.authenticate(desk, "李坐席", "nope")
    with pytest.raises(AccountLocked) as locked:  # even the right password, while locked
        accounts.authenticate(desk, "李坐席", "agent-pass-1")
    assert "管理员" in locked.value.message("zh") and "administrator" in locked.value.message("en")
    assert any(e.action == "locked_out" for e in list_events())
    accounts.unlock(admin, "李坐席")
    assert accounts.authenticate(desk, "李坐席", "agent-pass-1").must_change
    # or the lock runs out by itself
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises((SignInFailed, AccountLocked)):
            accounts.authenticate(desk, "李坐席", "nope")
    clock.now += timedelta(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.authenticate(desk, "李坐席", "agent-pass-1").name == "李坐席"


def test_reset_disable_and_change_password(admin: Context, clock: Clock) -> None:
    accounts.add_account(admin, "李坐席", Role.AGENT, "agent-pass-1")
    accounts.reset_password(admin, "李坐席", "temporary-2")
    desk = Context(operator="", clock=clock)
    assert accounts.authenticate(desk, "李坐席", "temporary-2").must_change
    agent = Context(operator="李坐席", clock=clock, role=Role.AGENT)
    with pytest.raises(SignInFailed):
        accounts.change_password(agent, "wrong", "my-own-pass-3")
    accounts.change_password(agent, "temporary-2", "my-own-pass-3")
    assert not accounts.authenticate(desk, "李坐席", "my-own-pass-3").must_change
    accounts.set_disabled(admin, "李坐席", True)
    with pytest.raises(AccountDisabled):
        accounts.authenticate(desk, "李坐席", "my-own-pass-3")
    accounts.set_disabled(admin, "李坐席", False)
    accounts.authenticate(desk, "李坐席", "my-own-pass-3")


def test_password_rules_and_last_admin_kept(admin: Context) -> None:
    with pytest.raises(RuleViolation):
        accounts.add_account(admin, "短", Role.AGENT, "short")
    with pytest.raises(RuleViolation):
        accounts.add_account(admin, "zhangsan123", Role.AGENT, "ZhangSan123")
    with pytest.raises(RuleViolation):
        accounts.set_disabled(admin, "王管理", True)
    with pytest.raises(RuleViolation):
        accounts.set_role(admin, "王管理", Role.AGENT)


def test_only_an_administrator_manages_accounts(admin: Context, clock: Clock) -> None:
    accounts.add_account(admin, "周主管", Role.SUPERVISOR, "super-pass-1")
    supervisor = Context(operator="周主管", clock=clock, role=Role.SUPERVISOR)
    agent = Context(operator="李坐席", clock=clock, role=Role.AGENT)
    for ctx in (supervisor, agent):
        with pytest.raises(AccessDenied):
            accounts.add_account(ctx, "新人", Role.ADMIN, "whatever-1")
        with pytest.raises(AccessDenied):
            accounts.reset_password(ctx, "王管理", "whatever-1")
        with pytest.raises(AccessDenied):
            accounts.set_sign_in_required(ctx, False)
    # Not signed in at all, once sign-in is required: refused too.
    with pytest.raises(access.NotSignedIn):
        accounts.unlock(Context(operator="谁", clock=clock), "周主管")


def test_workspace_sign_in_sets_the_role(tmp_path: Path, clock: Clock) -> None:
    with Workspace.open(tmp_path / "w.db", Context(operator="", clock=clock)) as ws:
        assert not ws.sign_in_required()
        accounts.create_first_admin(ws.ctx, "王管理", SECRET)
        accounts.add_account(
            Context(operator="王管理", role=Role.ADMIN), "周主管", Role.SUPERVISOR, "super-pass-1"
        )
        assert ws.sign_in_required()
        ws.sign_in("周主管", "super-pass-1")
        assert ws.ctx.role is Role.SUPERVISOR and ws.ctx.supervisor
        assert ws.tickets.ctx.operator == "周主管"
        ws.sign_out()
        assert ws.ctx.role is None and not ws.ctx.supervisor


def test_no_password_bytes_in_the_database_file(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "bytes.db"
    temporary, changed = "Tempor-临时-77", "Chang3d-改过-88"
    with Workspace.open(path, Context(operator="", clock=clock)) as ws:
        accounts.create_first_admin(ws.ctx, "王管理", SECRET)
        admin = Context(operator="王管理", role=Role.ADMIN, clock=clock)
        accounts.add_account(admin, "李坐席", Role.AGENT, temporary)
        accounts.reset_password(admin, "李坐席", temporary)
        ws.sign_in("李坐席", temporary)
        accounts.change_password(ws.ctx, temporary, changed)
        with pytest.raises(SignInFailed):
            ws.sign_in("李坐席", SECRET)  # a wrong password typed is not kept either
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("bytes"))
    assert b"scrypt$" in data  # the hashes are there …
    for secret in (SECRET, temporary, changed):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(encoding) not in data  # … never a password
