"""The command-line verbs: demo, check, backup (and print/export/import from exchange)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desk_gui import __version__
from desk_gui.domain.errors import DeskError


def _lang() -> str:
    lang = os.environ.get("DESK_LANG") or os.environ.get("LANG", "")
    return "zh" if lang.startswith("zh") else "en"


def _cmd_demo(args: argparse.Namespace) -> int:
    from desk_gui.services.demo_load import generate_demo
    from desk_gui.store.database import close_database, open_database

    open_database(args.db, create=True)
    started = time.perf_counter()

    def progress(n: int) -> None:
        if not args.quiet:
            print(f"\r{n:,} / {args.tickets:,}", end="", file=sys.stderr, flush=True)

    try:
        anchor = datetime.fromisoformat(args.anchor) if args.anchor else None
        n = generate_demo(args.tickets, seed=args.seed, anchor=anchor, progress=progress)
    finally:
        close_database()
    if not args.quiet:
        print(file=sys.stderr)
    print(f"{n:,} demo tickets written to {args.db} in {time.perf_counter() - started:.1f} s")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from desk_gui.store.backup import check_database, refuse_server_url
    from desk_gui.store.database import check_sqlite_library

    refuse_server_url(args.db)  # PostgreSQL: pg_amcheck / pg_dump, not this command
    check_sqlite_library()
    path = Path(args.db)
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    problems = check_database(path)
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"{path}: ok")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from desk_gui.store.backup import backup_database

    dest = backup_database(Path(args.dest), src=args.db)  # refuses a PostgreSQL URL
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

    try:
        from desk_gui.exchange.commands import add_commands
    except ImportError:  # exchange not built yet in this checkout
        pass
    else:
        add_commands(sub)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run a verb; errors the user can act on print plainly and exit non-zero."""
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DeskError as exc:
        print(f"desk-gui {args.command}: {exc.message(_lang())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
