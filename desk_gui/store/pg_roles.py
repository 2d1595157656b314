"""PostgreSQL: the roles enforced by the server (one login per staff member, three groups).

Roles are cluster-wide, so every name starts with the database's: ``<db>_agent``,
``<db>_supervisor``, ``<db>_admin`` (each a member of the one before, so it inherits its
rights), and ``<db>_<staff name>`` for each person's login. The groups get GRANTs table by table
(an agent reads tickets and writes them, never the office settings, the staff list's other
rows, the audit trail or the password hashes) and a trigger on ``ticket`` refuses, for an
agent's login, reopening a closed ticket or taking another person's ticket: the same rules as
``services.access``, now checked by the server whatever program connects.

The database owner (Desk's ordinary connection) belongs to no group and is not limited; it
needs CREATEROLE to make the roles, as do administrators' logins (attributes are not inherited).
"""

from __future__ import annotations

import peewee as pw

GROUPS: tuple[str, ...] = ("agent", "supervisor", "admin")
_MAX_NAME_BYTES = 63  # PostgreSQL truncates longer identifiers


def is_postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def _q(name: str) -> str:
    """A quoted identifier."""
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    """A quoted literal (for names inside DDL, where bound parameters cannot go)."""
    return "'" + text.replace("'", "''") + "'"


def prefix(db: pw.Database) -> str:
    return f"{db.database}_"


def group_role(db: pw.Database, role: str) -> str:
    """The group of a Desk role ("agent", "supervisor", "admin") in this database."""
    return prefix(db) + role


def login_role(db: pw.Database, staff_name: str) -> str:
    """The login of a staff member: ``<db>_<name>``, cut to PostgreSQL's 63 bytes."""
    name = prefix(db) + staff_name
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = name[:-1]
    return name


def _exists(db: pw.Database, role: str) -> bool:
    cursor = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    found = cursor.fetchone() is not None
    cursor.close()
    return found


def _grants(db: pw.Database) -> list[str]:
    agent, supervisor, admin = (_q(group_role(db, g)) for g in GROUPS)
    return [
        f"GRANT {agent} TO {supervisor}",
        f"GRANT {supervisor} TO {admin}",
        f"GRANT CONNECT ON DATABASE {_q(db.database)} TO {agent}",
        f"GRANT USAGE ON SCHEMA public TO {agent}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {agent}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {agent}",
        # The password hashes and the audit trail are not an agent's to read.
        f'REVOKE SELECT ON "account", "audit_event" FROM {agent}',
        f'GRANT SELECT ("staff_id", "role", "failed_attempts", "locked_until", "disabled", '
        f'"must_change", "changed_at") ON "account" TO {agent}',
        f'GRANT SELECT ("id"), INSERT ON "audit_event" TO {agent}',
        f'GRANT INSERT, UPDATE ON "ticket", "daily_sequence" TO {agent}',
        f'GRANT INSERT ON "log_entry", "log_author", "attachment", "staff" TO {agent}',
        f'GRANT INSERT, UPDATE, DELETE ON "edit_lock", "reminder" TO {agent}',
        f'GRANT INSERT ON "intake_token", "kb_revision", "kb_link", "ticket_link" TO {agent}',
        f'GRANT INSERT, UPDATE ON "kb_article", "problem", "problem_action" TO {agent}',
        f'GRANT INSERT, UPDATE, DELETE ON "kb_edit_lock", "kb_index" TO {agent}',
        f'GRANT INSERT, DELETE ON "problem_ticket" TO {agent}',
        f'GRANT INSERT, UPDATE ON "ticket_search", "search_word" TO {agent}',
        f'GRANT INSERT, UPDATE ON "setting" TO {supervisor}',
        f'GRANT UPDATE ON "staff" TO {supervisor}',
        f'GRANT DELETE ON "attachment" TO {supervisor}',
        f'GRANT SELECT ON "audit_event" TO {supervisor}',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON "account" TO {admin}',
        # Tables a later migration creates (run by the owner) are readable by every group;
        # what each group may write there needs its line above.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {agent}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {agent}",
    ]


# "%%": the driver formats every statement (peewee passes an empty tuple), so a literal % doubles.
_GUARD_FUNCTION = """
CREATE OR REPLACE FUNCTION desk_role_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_has_role(current_user, TG_ARGV[0], 'MEMBER')
       AND NOT pg_has_role(current_user, TG_ARGV[1], 'MEMBER') THEN
        IF OLD.status = 'closed' AND NEW.status <> 'closed' THEN
            RAISE EXCEPTION 'only a supervisor may reopen a closed ticket (%%)', OLD.number
                USING ERRCODE = '42501';
        END IF;
        IF OLD.assignee IS NOT NULL AND NEW.assignee IS DISTINCT FROM OLD.assignee
           AND TG_ARGV[2] || OLD.assignee <> current_user THEN
            RAISE EXCEPTION 'only a supervisor may reassign another person''s ticket (%%)',
                OLD.number USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN NEW;
END $$
"""


def install(db: pw.Database) -> None:
    """Create the groups (if missing), their GRANTs and the ticket guard; idempotent."""
    for group in GROUPS:
        name = group_role(db, group)
        if not _exists(db, name):
            db.execute_sql(f"CREATE ROLE {_q(name)} NOLOGIN")
    for sql in _grants(db):
        db.execute_sql(sql)
    db.execute_sql(_GUARD_FUNCTION)
    db.execute_sql('DROP TRIGGER IF EXISTS "ticket_role_guard" ON "ticket"')
    args = ", ".join(
        _lit(v) for v in (group_role(db, "agent"), group_role(db, "supervisor"), prefix(db))
    )
    db.execute_sql(
        'CREATE TRIGGER "ticket_role_guard" BEFORE UPDATE ON "ticket" '
        f"FOR EACH ROW EXECUTE FUNCTION desk_role_guard({args})"
    )


def create_login(db: pw.Database, staff_name: str, role: str, password: str) -> str:
    """A login for a staff member in ``role``'s group (replacing its password if it exists)."""
    login = login_role(db, staff_name)
    extra = " CREATEROLE" if role == "admin" else ""
    verb = "ALTER" if _exists(db, login) else "CREATE"
    db.execute_sql(f"{verb} ROLE {_q(login)} LOGIN{extra} PASSWORD %s", (password,))
    set_group(db, staff_name, role)
    return login


def set_group(db: pw.Database, staff_name: str, role: str) -> None:
    """Put the login in exactly one group."""
    login = _q(login_role(db, staff_name))
    for group in GROUPS:
        db.execute_sql(f"REVOKE {_q(group_role(db, group))} FROM {login}")
    db.execute_sql(f"GRANT {_q(group_role(db, role))} TO {login}")
    attribute = "CREATEROLE" if role == "admin" else "NOCREATEROLE"
    db.execute_sql(f"ALTER ROLE {login} {attribute}")


def set_password(db: pw.Database, staff_name: str, password: str) -> None:
    db.execute_sql(f"ALTER ROLE {_q(login_role(db, staff_name))} PASSWORD %s", (password,))


def set_login_allowed(db: pw.Database, staff_name: str, allowed: bool) -> None:
    login = _q(login_role(db, staff_name))
    db.execute_sql(f"ALTER ROLE {login} {'LOGIN' if allowed else 'NOLOGIN'}")


def identity(db: pw.Database) -> tuple[str, str] | None:
    """(staff name, role) when this connection is a staff member's own login, else None."""
    cursor = db.execute_sql("SELECT current_user")
    user = str(cursor.fetchone()[0])
    cursor.close()
    if not user.startswith(prefix(db)):
        return None
    for role in reversed(GROUPS):
        group = group_role(db, role)
        if not _exists(db, group):
            return None
        cursor = db.execute_sql("SELECT pg_has_role(current_user, %s, 'MEMBER')", (group,))
        member = bool(cursor.fetchone()[0])
        cursor.close()
        if member:
            return user[len(prefix(db)) :], role
    return None


def drop_all(db: pw.Database, staff_names: list[str]) -> None:
    """Drop this database's logins and groups (tests; an office leaving PostgreSQL)."""
    for name in [login_role(db, n) for n in staff_names] + [
        group_role(db, g) for g in reversed(GROUPS)
    ]:
        if _exists(db, name):
            role = _q(name)
            for sql in (
                f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {role}",
                f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {role}",
                f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
                f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}",
                f"REVOKE ALL ON SCHEMA public FROM {role}",
                f"REVOKE ALL ON DATABASE {_q(db.database)} FROM {role}",
                f"DROP ROLE {role}",
            ):
                db.execute_sql(sql)


def refresh_grants(db: pw.Database) -> None:
    """The groups' GRANTs again when they are installed (a migration added tables)."""
    if _exists(db, group_role(db, "agent")):
        install(db)
