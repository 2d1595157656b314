"""The accounts side of the command line: ``staff`` and ``audit`` verbs, and ``--user``.

Once a database requires sign-in, the verbs in ``VERBS_NEEDING_USER`` take ``--user NAME`` and
read that person's password from standard input (the first line), and run with that person's
role; without them, or when the role does not allow the action, they stop with a plain message
and a non-zero exit.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from desk_gui.domain.errors import DeskError
from desk_gui.domain.lang import pick
from desk_gui.domain.roles import Role

if TYPE_CHECKING:
    from desk_gui.services.workspace import Workspace

VERBS_NEEDING_USER: tuple[str, ...] = ("import", "export", "print", "kb import", "report")
"""The verbs that change data or export: they need ``--user`` once sign-in is required.

A nested verb is written with its parent ("kb import"): it matches ``args.command`` followed by
the value of ``args.<command>_command``."""


class CliRefused(DeskError):
    """A verb refused before it started (no user, wrong password, role)."""


def _verb(args: argparse.Namespace) -> str:
    command = str(getattr(args, "command", "") or "")
    sub = getattr(args, f"{command}_command", None)
    return f"{command} {sub}" if sub else command


def read_password(prompt: str) -> str:
    """One password: typed hidden at a terminal, else the next line of standard input."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise CliRefused(
            zh="标准输入中缺少密码（每行一个）。",
            en="A password is missing on standard input (one a line).",
        )
    return line.rstrip("\r\n")


def _refuse_without_user(lang: str) -> CliRefused:
    return CliRefused(
        zh="此数据库要求登录：请加 --user 姓名，并在标准输入中给出密码。",
        en="This database requires sign-in: add --user NAME and give the password on standard"
        " input.",
    )


def sign_in(workspace: Workspace, user: str | None, lang: str) -> Role | None:
    """Sign ``user`` in when the database requires it; the role (None: sign-in is off)."""
    if not workspace.sign_in_required():
        return None
    if not user:
        raise _refuse_without_user(lang)
    signed = workspace.sign_in(user, read_password(f"{user} password: "))
    return signed.role


def authorize(args: argparse.Namespace) -> None:
    """Before a verb of VERBS_NEEDING_USER runs: sign its ``--user`` in, or refuse.

    The role and name land on ``args`` (``signed_role``, ``operator``) for the verb's own
    workspace, whose services check the role again.
    """
    if _verb(args) not in VERBS_NEEDING_USER or not getattr(args, "db", None):
        return
    from desk_gui.services import access
    from desk_gui.services.workspace import Workspace

    lang = getattr(args, "lang", "en") or "en"
    with Workspace.open(args.db, create=False) as workspace:
        role = sign_in(workspace, getattr(args, "user", None), lang)
        if role is None:
            return
        if getattr(args, "no_mask", False):
            access.require(workspace.ctx, access.Privilege.UNMASKED_EXPORT)
        args.operator = workspace.ctx.operator
        args.signed_role = role


# -- staff -------------------------------------------------------------------------------------


def _admin_workspace(args: argparse.Namespace) -> Workspace:
    """The database, signed in as ``--user`` (refused when accounts exist and none is given)."""
    from desk_gui.services.workspace import Workspace

    workspace = Workspace.open(args.db, create=False)
    try:
        if not args.user:
            raise _refuse_without_user(args.lang)
        workspace.sign_in(args.user, read_password(f"{args.user} password: "))
    except BaseException:
        workspace.close()
        raise
    return workspace


def _cmd_staff_add(args: argparse.Namespace) -> int:
    from desk_gui.services import accounts
    from desk_gui.services.workspace import Workspace

    role = Role.parse(args.role)
    password = read_password(f"{args.name} new password: ")
    with Workspace.open(args.db, create=False) as probe:
        first = not accounts.has_accounts()
        if first:
            if role is not Role.ADMIN:
                raise CliRefused(
                    zh="第一个账号必须是管理员（--role admin）。",
                    en="The first account must be an administrator (--role admin).",
                )
            accounts.create_first_admin(probe.ctx, args.name, password)
    if not first:
        with _admin_workspace(args) as workspace:
            accounts.add_account(workspace.ctx, args.name, role, password)
    print(
        pick(args.lang, f"已添加账号 {args.name}（{role.zh}）。", f"Added {args.name} ({role.en}).")
    )
    return 0


def _cmd_staff_change(args: argparse.Namespace) -> int:
    from desk_gui.services import accounts

    temporary = read_password(f"{args.name} new password: ") if args.action == "reset" else ""
    with _admin_workspace(args) as workspace:
        ctx = workspace.ctx
        if args.action == "reset":
            accounts.reset_password(ctx, args.name, temporary)
        elif args.action == "disable":
            accounts.set_disabled(ctx, args.name, True)
        elif args.action == "enable":
            accounts.set_disabled(ctx, args.name, False)
        elif args.action == "unlock":
            accounts.unlock(ctx, args.name)
        elif args.action == "role":
            accounts.set_role(ctx, args.name, Role.parse(args.role))
    print(pick(args.lang, f"{args.name}：已完成。", f"{args.name}: done."))
    return 0


def _cmd_staff_list(args: argparse.Namespace) -> int:
    from desk_gui.services import accounts
    from desk_gui.services.workspace import Workspace

    with Workspace.open(args.db, create=False):
        for a in accounts.list_accounts():
            state = "disabled" if a.disabled else ("locked" if a.locked_until else "active")
            print(f"{a.name}\t{a.role.value}\t{state}")
    return 0


# -- audit -------------------------------------------------------------------------------------


def _cmd_audit(args: argparse.Namespace) -> int:
    from desk_gui.services import audit
    from desk_gui.services.workspace import Workspace

    with Workspace.open(args.db, create=False) as workspace:
        sign_in(workspace, args.user, args.lang)
        if args.output:
            n = audit.export_events(workspace.ctx, args.output, None, args.lang)
            print(
                pick(
                    args.lang,
                    f"已导出 {n} 条到 {args.output}。",
                    f"Wrote {n} events to {args.output}.",
                )
            )
            return 0
        out = sys.stdout
        for e in audit.view_events(workspace.ctx):
            ok = "" if e.ok else " !"
            who = f"{e.desk_user} ({e.os_user}@{e.workstation})"
            label = audit.action_label(e.action, args.lang)
            out.write(f"{e.at:%Y-%m-%d %H:%M:%S}  {label}{ok}  {who}  {e.target}  {e.detail}\n")
    return 0


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    from desk_gui.commands import _guarded as guarded

    return cast("Callable[[argparse.Namespace], int]", guarded(func))


def _role(text: str) -> str:
    """A --role value argparse refuses plainly (exit 2) unless it names a role."""
    try:
        Role.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"not a role (agent, supervisor or admin): {text!r}"
        ) from exc
    return text


def add_accounts_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``staff`` and ``audit``, and ``--user`` on the verbs that need it."""
    for verb in VERBS_NEEDING_USER:
        if verb in sub.choices:
            sub.choices[verb].add_argument(
                "--user", metavar="NAME", help="sign in as NAME (password on standard input)"
            )
    lang = {"choices": ("zh", "en"), "default": argparse.SUPPRESS}
    staff = sub.add_parser("staff", help="staff accounts: add, reset, disable, enable, unlock")
    staff_sub = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    add = staff_sub.add_parser("add", help="add an account (password on standard input)")
    add.add_argument("--role", default="agent", type=_role, help="agent, supervisor or admin")
    add.set_defaults(func=_guarded(_cmd_staff_add))
    parsers = [add]
    for action in ("reset", "disable", "enable", "unlock", "role"):
        p = staff_sub.add_parser(action, help=f"{action} an account (an administrator's)")
        if action == "role":
            p.add_argument("--role", required=True, type=_role, help="agent, supervisor or admin")
        p.set_defaults(func=_guarded(_cmd_staff_change), action=action)
        parsers.append(p)
    for p in parsers:
        p.add_argument("--db", required=True)
        p.add_argument("--name", required=True)
        p.add_argument("--user", metavar="ADMIN", help="the administrator acting")
        p.add_argument("--lang", **lang)
    listing = staff_sub.add_parser("list", help="the accounts and their state")
    listing.add_argument("--db", required=True)
    listing.add_argument("--lang", **lang)
    listing.set_defaults(func=_guarded(_cmd_staff_list))

    audit = sub.add_parser("audit", help="the audit trail (a supervisor's), printed or as CSV")
    audit.add_argument("--db", required=True)
    audit.add_argument("-o", "--output", metavar="OUT.csv")
    audit.add_argument("--user", metavar="NAME", help="sign in as NAME (password on stdin)")
    audit.add_argument("--lang", **lang)
    audit.set_defaults(func=_guarded(_cmd_audit))
