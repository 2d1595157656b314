"""PostgreSQL enforces the roles: one login per staff member, group GRANTs, the ticket guard.

Against the real server of ``DESK_TEST_PG_URL`` (skipped without one, like test_postgres.py);
its role needs CREATEROLE (``.ci/postgres.sh`` grants it). Roles are cluster-wide: every one
made here starts with the test database's name and is dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlparse, urlunparse

import pytest

from desk_gui.domain.roles import Role
from desk_gui.services import accounts, passwords
from desk_gui.services.context import Context
from desk_gui.services.workflow import WorkflowService
from desk_gui.services.workspace import Workspace
from desk_gui.store import pg_roles
from desk_gui.store.database import close_database, open_database, translate_errors
from desk_gui.store.errors import PermissionRefused
from desk_gui.store.models import Ticket
from tests.services.conftest import make_draft
from tests.store.test_postgres import PG_URL, _reset_schema

NAMES = ("王管理", "周主管", "李坐席", "张坐席")
PASSWORDS = {"王管理": "admin-pass-1", "周主管": "super-pass-1", "李坐席": "agent-pass-1",
             "张坐席": "agent-pass-2"}  # fmt: skip


def _drop_roles() -> None:
    db = open_database(PG_URL)
    try:
        pg_roles.drop_all(db, list(NAMES))
    finally:
        close_database()


def login_url(name: str, password: str | None = None) -> str:
    """The test server's URL as ``name``'s own login."""
    parsed = urlparse(PG_URL)
    login = pg_roles.prefix(type("D", (), {"database": parsed.path.lstrip("/")})()) + name
    host = parsed.hostname or "127.0.0.1"
    netloc = f"{quote(login, safe='')}:{quote(password or PASSWORDS[name], safe='')}@{host}"
    if parsed.port:
        netloc += f":{parsed.port}"
    return urlunparse(parsed._replace(netloc=netloc))


def _connect(name: str, password: str | None = None) -> Any:
    import psycopg2

    conn = psycopg2.connect(login_url(name, password), connect_timeout=5)
    conn.autocommit = True
    return conn


@pytest.fixture
def office(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Accounts on a fresh schema; a closed ticket, one of 张坐席's, one with an attachment."""
    monkeypatch.setattr(passwords, "COST", passwords.Cost(log_n=10))
    close_database()
    _drop_roles()
    _reset_schema()
    open_database(PG_URL)
    accounts.create_first_admin(Context(operator=""), "王管理", PASSWORDS["王管理"])
    admin = Context(operator="王管理", role=Role.ADMIN)
    accounts.add_account(admin, "周主管", Role.SUPERVISOR, PASSWORDS["周主管"])
    accounts.add_account(admin, "李坐席", Role.AGENT, PASSWORDS["李坐席"])
    accounts.add_account(admin, "张坐席", Role.AGENT, PASSWORDS["张坐席"])
    sup = WorkflowService(Context(operator="周主管", role=Role.SUPERVISOR))
    rec = sup.create(make_draft())
    rec = sup.take(rec.id, rec.version)
    rec = sup.resolve(rec.id, rec.version, "重启服务后恢复")
    closed = sup.close(rec.id, rec.version, reason="电话确认").id
    zhang = WorkflowService(Context(operator="张坐席", role=Role.AGENT))
    theirs = zhang.create(make_draft(title="张的工单"))
    theirs = zhang.take(theirs.id, theirs.version)
    zhang.add_attachment(theirs.id, "a.log", b"log")
    close_database()
    yield {"closed": closed, "theirs": theirs.id}
    close_database()
    _drop_roles()
    _reset_schema()


def _refused(conn: Any, sql: str, params: tuple[object, ...] = ()) -> bool:
    import psycopg2

    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
    except psycopg2.errors.InsufficientPrivilege:
        return True
    return False


def test_an_agents_login_is_refused_by_the_server(office: dict[str, int]) -> None:
    conn = _connect("李坐席")
    try:
        reopen = "UPDATE ticket SET status = 'in_progress' WHERE id = %s"
        assert _refused(conn, reopen, (office["closed"],))
        assert _refused(
            conn, "UPDATE ticket SET assignee = '李坐席' WHERE id = %s", (office["theirs"],)
        )
        assert _refused(conn, "UPDATE setting SET value = '{}'")
        assert _refused(conn, "INSERT INTO setting (key, value, updated_at, updated_by) "
                              "VALUES ('x', '{}', now(), 'x')")  # fmt: skip
        assert _refused(conn, "SELECT password_hash FROM account")
        assert _refused(conn, "SELECT * FROM audit_event")
        assert _refused(conn, "DELETE FROM attachment")
        assert _refused(conn, "UPDATE staff SET tier = 'expert'")
        assert _refused(conn, "UPDATE account SET role = 'admin'")
        # … while the ordinary work is allowed.
        assert not _refused(
            conn, "UPDATE ticket SET remarks = 'x' WHERE id = %s", (office["closed"],)
        )
        assert not _refused(conn, "SELECT role, disabled FROM account")
    finally:
        conn.close()


def test_a_supervisors_login_may(office: dict[str, int]) -> None:
    conn = _connect("周主管")
    try:
        assert not _refused(conn, "UPDATE ticket SET status = 'in_progress' WHERE id = %s",
                            (office["closed"],))  # fmt: skip
        assert not _refused(conn, "UPDATE setting SET updated_by = '周主管'")
        assert not _refused(conn, "SELECT count(*) FROM audit_event")
        assert _refused(conn, "SELECT password_hash FROM account")  # an administrator's only
    finally:
        conn.close()


def test_desk_on_an_agents_login_works_and_the_server_refuses_through_it(
    office: dict[str, int],
) -> None:
    with Workspace.open(login_url("李坐席")) as ws:
        assert (ws.ctx.operator, ws.ctx.role) == ("李坐席", Role.AGENT) and ws.server_signed_in
        rec = ws.tickets.create(make_draft(title="代理新建"))  # the whole ordinary path
        rec = ws.tickets.take(rec.id, rec.version)
        rec = ws.tickets.resolve(rec.id, rec.version, "更换网线后恢复")
        assert rec.status.value == "resolved"
        with pytest.raises(PermissionRefused) as refused, translate_errors():
            Ticket.update(status="in_progress").where(Ticket.id == office["closed"]).execute()
        assert "supervisor" in refused.value.detail


def test_reset_and_disable_change_the_server_login(office: dict[str, int]) -> None:
    import psycopg2

    open_database(PG_URL)
    admin = Context(operator="王管理", role=Role.ADMIN)
    accounts.reset_password(admin, "李坐席", "temporary-9")
    _connect("李坐席", "temporary-9").close()
    with pytest.raises(psycopg2.OperationalError):
        _connect("李坐席")
    accounts.set_disabled(admin, "李坐席", True)
    with pytest.raises(psycopg2.OperationalError):
        _connect("李坐席", "temporary-9")
    accounts.set_role(admin, "张坐席", Role.SUPERVISOR)
    close_database()
    conn = _connect("张坐席")
    try:
        assert not _refused(conn, "UPDATE setting SET updated_by = '张坐席'")
    finally:
        conn.close()


def test_a_table_a_later_migration_adds_is_readable_by_agents(office: dict[str, int]) -> None:
    db = open_database(PG_URL)  # the owner, as migrations run
    try:
        db.execute_sql('CREATE TABLE "later_step" ("id" SERIAL PRIMARY KEY, "x" TEXT)')
    finally:
        close_database()
    conn = _connect("李坐席")
    try:
        assert not _refused(conn, "SELECT * FROM later_step")
        assert _refused(conn, "INSERT INTO later_step (x) VALUES ('y')")
    finally:
        conn.close()
