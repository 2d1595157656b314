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
    """Import the database side of the window (peewee, store, services, domain) before Qt.

    Once imported, PySide6 inspects each module an import statement names (its ``__feature__``
    hook reads the module's source with ``inspect.getsource``, once a module): imported first,
    peewee, the standard library it pulls in and the store modules only the database side
    names are never inspected; the ui's imports still are (issue 11).
    """
    import desk_gui.config
    import desk_gui.services.errors
    import desk_gui.services.reminders  # the reminder dock's poller
    import desk_gui.services.workspace  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``desk-gui`` and ``python -m desk_gui``."""
    argv = list(argv) if argv is not None else sys.argv[1:]
    args = window_arguments(argv)
    if args is None:
        from desk_gui.cli import build_parser, run_command

        args = build_parser().parse_args(argv)
        if args.command:
            return run_command(args)
    if args.self_test:
        from desk_gui.selftest import run_self_test

        return run_self_test()
    import_data_layer()
    from desk_gui.ui.app.launcher import launch

    return launch(args)
