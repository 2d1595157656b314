"""Roles enforced in the services: every supervisor-only action refused for an agent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desk_gui.domain.enums import Category, Tier
from desk_gui.domain.kb import ArticleDraft
from desk_gui.domain.roles import Role
from desk_gui.exchange.export import ExportOptions
from desk_gui.services import access, accounts, passwords
from desk_gui.services.access import ALLOWED, AccessDenied, Privilege, allowed
from desk_gui.services.audit import AuditFilter, list_events, view_events
from desk_gui.services.context import Context
from desk_gui.services.directory import StaffMember, save_staff
from desk_gui.services.kb import KnowledgeService
from desk_gui.services.settings import load_settings, save_settings, set_masking
from desk_gui.services.sla_settings import save_sla
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from tests.services.conftest import Clock, make_draft

SUPERVISOR_ONLY = {p for p, roles in ALLOWED.items() if Role.AGENT not in roles}


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "COST", passwords.Cost(log_n=10))


@pytest.fixture
def office(db_path: Path, clock: Clock) -> dict[str, WorkflowService]:
    """Sign-in on; an administrator, a supervisor and two agents, each with a service."""
    admin = Context(operator="王管理", clock=clock, role=Role.ADMIN)
    accounts.create_first_admin(admin, "王管理", "admin-pass-1")
    accounts.add_account(admin, "周主管", Role.SUPERVISOR, "super-pass-1")
    accounts.add_account(admin, "李坐席", Role.AGENT, "agent-pass-1")
    accounts.add_account(admin, "张坐席", Role.AGENT, "agent-pass-2")
    return {
        name: WorkflowService(Context(operator=name, clock=clock, role=role))
        for name, role in (
            ("王管理", Role.ADMIN),
            ("周主管", Role.SUPERVISOR),
            ("李坐席", Role.AGENT),
            ("张坐席", Role.AGENT),
        )
    }


def _closed(desk: WorkflowService) -> int:
    rec = desk.create(make_draft())
    rec = desk.take(rec.id, rec.version)
    rec = desk.resolve(rec.id, rec.version, "重启服务")
    return desk.close(rec.id, rec.version, reason="电话确认").id


def test_the_table_names_the_issue_supervisor_actions() -> None:
    assert {
        Privilege.REOPEN_CLOSED,
        Privilege.REASSIGN,
        Privilege.OFFICE_SETTINGS,
        Privilege.SLA_SETTINGS,
        Privilege.STAFF,
        Privilege.ACCOUNTS,
        Privilege.UNMASKED_EXPORT,
        Privilege.DELETE_ATTACHMENT,
        Privilege.PUBLISH_ARTICLE,
        Privilege.RETIRE_ARTICLE,
        Privilege.VIEW_AUDIT,
    } == SUPERVISOR_ONLY
    for action in SUPERVISOR_ONLY:
        assert allowed(Role.ADMIN, action) and not allowed(Role.AGENT, action)
        assert allowed(None, action)  # sign-in off: nothing checked


def _agent_attempts(
    office: dict[str, WorkflowService], tmp_path: Path
) -> dict[Privilege, Callable[[], object]]:
    sup, agent = office["周主管"], office["李坐席"]
    closed = _closed(sup)
    theirs = office["张坐席"].create(make_draft(title="张的工单"))
    theirs = office["张坐席"].take(theirs.id, theirs.version)
    with_file = sup.create(make_draft(title="带附件"))
    with_file = sup.add_attachment(with_file.id, "a.log", b"log")
    item = with_file.attachments[0].id
    settings = load_settings()
    ws = Workspace.open(tmp_path / "desk.db", agent.ctx)
    draft = ws.kb.create(ArticleDraft(title="打印机脱机", solution="重新添加打印机端口"))
    sup_kb = KnowledgeService(sup.ctx)
    published = sup_kb.create(ArticleDraft(title="VPN 809", solution="开放 UDP 500 和 4500 端口"))
    published = sup_kb.publish(published.id, published.version)
    return {
        Privilege.REOPEN_CLOSED: lambda: agent.reopen(
            closed, agent.get(closed).version, "再次故障"
        ),
        Privilege.REASSIGN: lambda: agent.assign(theirs.id, theirs.version, "李坐席"),
        Privilege.OFFICE_SETTINGS: lambda: save_settings(
            settings.with_changes(office_name="x"), agent.ctx
        ),
        Privilege.SLA_SETTINGS: lambda: save_sla(settings, agent.ctx),
        Privilege.STAFF: lambda: save_staff(
            StaffMember("新人", Tier.L2, (Category.NETWORK,)), agent.ctx
        ),
        Privilege.ACCOUNTS: lambda: accounts.add_account(
            agent.ctx, "新人", Role.ADMIN, "pw-123456"
        ),
        Privilege.UNMASKED_EXPORT: lambda: ws.export(
            tmp_path / "out.csv", "csv", options=ExportOptions(mask_requester=False)
        ),
        Privilege.DELETE_ATTACHMENT: lambda: agent.delete_attachment(item),
        Privilege.VIEW_AUDIT: lambda: view_events(agent.ctx, AuditFilter()),
        Privilege.PUBLISH_ARTICLE: lambda: ws.kb.publish(draft.id, draft.version),
        Privilege.RETIRE_ARTICLE: lambda: ws.kb.retire(published.id, published.version),
    }


def test_every_supervisor_only_action_is_refused_for_an_agent(
    office: dict[str, WorkflowService], tmp_path: Path
) -> None:
    attempts = _agent_attempts(office, tmp_path)
    assert set(attempts) == SUPERVISOR_ONLY
    for action, attempt in attempts.items():
        with pytest.raises(AccessDenied) as refused:
            attempt()
        assert refused.value.action is action
        zh, en = refused.value.message("zh"), refused.value.message("en")
        assert "坐席" in zh and ("主管" in zh or "管理员" in zh), zh
        assert "your role is agent" in en and access.what(action) in en, en
    assert not (tmp_path / "out.csv").exists()
    assert not any(e.action in ("reopen_closed", "reassign") for e in list_events())
    assert {a.status.value for a in KnowledgeService(office["周主管"].ctx).all_articles()} == {
        "draft",
        "published",
    }  # nothing the agent tried changed an article


def test_masking_is_switched_off_by_a_supervisor_only_and_audited(
    office: dict[str, WorkflowService],
) -> None:
    with pytest.raises(AccessDenied):
        set_masking(False, office["李坐席"].ctx)
    assert load_settings().mask_requester
    set_masking(False, office["周主管"].ctx)
    assert not load_settings().mask_requester
    changed = [e for e in list_events() if e.action == "settings_changed"]
    assert (
        changed and changed[-1].desk_user == "周主管" and "mask_requester=off" in changed[-1].detail
    )


def test_a_supervisor_may_do_them(office: dict[str, WorkflowService], tmp_path: Path) -> None:
    sup = office["周主管"]
    closed = _closed(office["李坐席"])
    reopened = sup.reopen(closed, sup.get(closed).version, "再次故障")
    assert reopened.status.value == "in_progress"
    theirs = office["张坐席"].create(make_draft(title="张的工单"))
    theirs = office["张坐席"].take(theirs.id, theirs.version)
    assert sup.assign(theirs.id, theirs.version, "李坐席").assignee == "李坐席"
    save_settings(load_settings().with_changes(office_name="北京"), sup.ctx)
    save_staff(StaffMember("新人", Tier.L2, (Category.NETWORK,)), sup.ctx)
    ws = Workspace.open(tmp_path / "desk.db", sup.ctx)
    assert ws.export(tmp_path / "o.csv", "csv", options=ExportOptions(mask_requester=False))
    trail = {(e.action, e.desk_user) for e in view_events(sup.ctx)}
    assert {
        ("reopen_closed", "周主管"),
        ("reassign", "周主管"),
        ("settings_changed", "周主管"),
        ("staff_changed", "周主管"),
        ("export", "周主管"),
    } <= trail
    export = next(e for e in list_events() if e.action == "export")
    assert "UNMASKED" in export.detail and export.os_user == sup.ctx.os_user


def test_an_agent_keeps_their_own_work(office: dict[str, WorkflowService]) -> None:
    agent = office["李坐席"]
    rec = agent.create(make_draft())
    rec = agent.take(rec.id, rec.version)  # nobody's ticket: taking it is no reassignment
    rec = agent.assign(rec.id, rec.version, "张坐席")  # handing on one's own ticket is fine
    assert rec.assignee == "张坐席"


def test_sign_in_off_checks_nothing(db_path: Path, clock: Clock) -> None:
    ctx = Context(operator="张三", clock=clock)
    save_settings(load_settings().with_changes(office_name="x"), ctx)
    save_staff(StaffMember("李四", Tier.L1, ()), ctx)
    assert not access.sign_in_required()


def test_once_sign_in_is_required_an_unsigned_context_is_refused(
    office: dict[str, WorkflowService],
) -> None:
    with pytest.raises(access.NotSignedIn):
        save_settings(load_settings().with_changes(office_name="x"), "张三")
    with pytest.raises(access.NotSignedIn):
        save_staff(StaffMember("李四", Tier.L1, ()))
