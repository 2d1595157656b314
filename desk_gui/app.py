"""Composition root: parse arguments, then run a command, the self-test or the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

_WINDOW_FLAGS = frozenset(("-h", "--help", "--version"))


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options (``--db``, ``--lang``, ``--self-test``) when that is all ``argv``
    holds; None when it names a verb, asks for help, or is not valid (the full parser answers).

    Starting the window this way skips importing and building every verb's parser (issue 11).
    """
    if _WINDOW_FLAGS.intersection(argv):
        return None
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    parser.add_argument("--db")
    parser.add_argument("--lang")
    parser.add_argument("--self-test", action="store_true")
    try:
        args, rest = parser.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None
    if rest or args.lang not in (None, "zh", "en"):
        return None
    args.command = None
    return args


def import_data_layer() -> None:
    """Import the database side of the window (peewee, store, services, domain).

    peewee comes first and without psycopg2 (``pg_driver``: a SQLite file never loads the
    driver). The window calls this just after its first paint when the file's first page could
    be read without it (``ui.app.first_paint``), else before it opens the database (issue 11).
    """
    from desk_gui.store.pg_driver import import_peewee

    import_peewee()
    import desk_gui.services.errors
    import desk_gui.services.reminders  # the reminder dock's poller
    import desk_gui.services.workspace  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``desk-gui`` and ``python -m desk_gui``."""
    argv = list(argv) if argv is not None else sys.argv[1:]
    args = window_arguments(argv)
    if args is None:
        from desk_gui.store.pg_driver import import_peewee

        import_peewee()  # before any verb's store module: no psycopg2 for a SQLite file
        from desk_gui.cli import build_parser, run_command

        args = build_parser().parse_args(argv)
        if args.command:
            return run_command(args)
    if args.self_test:
        from desk_gui.selftest import run_self_test

        return run_self_test()
    from desk_gui.ui.app.launcher import launch

    return launch(args, import_data_layer)
