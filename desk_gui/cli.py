"""The command-line verbs: demo, check, backup (and print/export/import from commands.py).

Each verb is handed one Workspace (or, for the file-level check and backup, the Workspace's
static file operations): no verb opens the store itself.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desk_gui import __version__
from desk_gui.cli_accounts import add_accounts_commands, authorize
from desk_gui.cli_kb import add_kb_commands
from desk_gui.cli_report import add_report_commands
from desk_gui.commands import add_commands
from desk_gui.domain.errors import DeskError

if TYPE_CHECKING:
    from desk_gui.ui.common.prefs import WorkstationPrefs

WORKSTATION_SETTINGS = ("Desk", "Desk")
"""Organisation and application under which the window keeps this workstation's preferences
(``ui.launcher.ORGANIZATION`` / ``APPLICATION``): the verbs read the same language and operator."""


def workstation_prefs() -> WorkstationPrefs:
    """The preferences the window stores on this workstation (QtCore only, no window)."""
    from PySide6.QtCore import QSettings

    from desk_gui.ui.common.prefs import WorkstationPrefs

    organization, application = WORKSTATION_SETTINGS
    return WorkstationPrefs(
        QSettings(
            QSettings.Format.NativeFormat, QSettings.Scope.UserScope, organization, application
        )
    )


def _apply_workstation(args: argparse.Namespace) -> None:
    """Fill what the command line left open from the workstation's preferences.

    Language: ``--lang``, else the language chosen in the window's settings (or the system's,
    as the window does). Operator: ``--operator``, else the operator the window remembers.
    """
    needs_lang = getattr(args, "lang", None) not in ("zh", "en")
    needs_operator = hasattr(args, "operator") and not args.operator
    if not (needs_lang or needs_operator):
        return
    prefs = workstation_prefs()
    if needs_lang:
        args.lang = prefs.effective_language()
    if needs_operator:
        args.operator = prefs.operator().strip()


def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None)
    return lang if lang in ("zh", "en") else workstation_prefs().effective_language()


def _cmd_demo(args: argparse.Namespace) -> int:
    from desk_gui.services.demo_load import generate_demo
    from desk_gui.services.workspace import Workspace

    def progress(n: int) -> None:
        if not args.quiet:
            print(f"\r{n:,} / {args.tickets:,}", end="", file=sys.stderr, flush=True)

    with Workspace.open(args.db, create=True):
        started = time.perf_counter()
        anchor = datetime.fromisoformat(args.anchor) if args.anchor else None
        n = generate_demo(args.tickets, seed=args.seed, anchor=anchor, progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    print(f"{n:,} demo tickets written to {args.db} in {time.perf_counter() - started:.1f} s")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from desk_gui.services.workspace import Workspace
    from desk_gui.store.database import is_server_url, redact_url

    Workspace.check_engine()
    # PostgreSQL: Desk's own checks (schema, log guard, log chain); pg_amcheck checks storage.
    server = is_server_url(args.db)
    path = Path(args.db)
    shown = redact_url(args.db) if server else str(path)
    # A missing or unreadable file: a DeskError that run_command prints plainly.
    problems = Workspace.check_target(args.db if server else path)
    for p in problems:
        print(f"{shown}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{shown}: ok")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from desk_gui.services.workspace import Workspace

    dest = Workspace.backup_target(args.db, Path(args.dest))  # refuses a PostgreSQL URL
    print(f"backup written to {dest}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The full parser: GUI options at the top, one subcommand per verb."""
    parser = argparse.ArgumentParser(
        prog="desk-gui", description="Desk: a service-desk workstation."
    )
    parser.add_argument("--version", action="version", version=f"Desk {__version__}")
    parser.add_argument("--db", help="database file (or URL) to open in the window")
    parser.add_argument("--lang", choices=["zh", "en"], help="user-interface language")
    parser.add_argument(
        "--self-test", action="store_true", help="create, save, search and print, then exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill a database with realistic sample tickets")
    demo.add_argument("--db", required=True)
    demo.add_argument("--tickets", type=int, default=1000)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--anchor", help="latest submission time (ISO); default now")
    demo.add_argument("--quiet", action="store_true")
    demo.set_defaults(func=_cmd_demo)

    check = sub.add_parser("check", help="integrity and schema check; non-zero exit on problems")
    check.add_argument("--db", required=True)
    check.set_defaults(func=_cmd_check)

    backup = sub.add_parser("backup", help="consistent online backup while others write")
    backup.add_argument("--db", required=True)
    backup.add_argument("dest")
    backup.set_defaults(func=_cmd_backup)

    add_commands(sub)
    add_kb_commands(sub)
    add_report_commands(sub)
    add_accounts_commands(sub)  # after add_commands: puts --user on their verbs
    return parser


VERBS_WITH_WORKSTATION = frozenset({"print", "export", "import", "kb", "suggest", "staff", "audit"})
"""The verbs that speak the workstation's language and act as its operator."""


def run_command(args: argparse.Namespace) -> int:
    """Run a verb; errors the user can act on print plainly and exit non-zero."""
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        if args.command in VERBS_WITH_WORKSTATION:
            _apply_workstation(args)
        authorize(args)  # --user once the database requires sign-in (cli_accounts)
        return func(args)
    except DeskError as exc:
        print(f"desk-gui {args.command}: {exc.message(_lang(args))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
