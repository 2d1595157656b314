"""Composition root: parse arguments, then run a command, the self-test or the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

_WINDOW_FLAGS = frozenset(("-h", "--help", "--version"))
_VALUED = ("--db", "--lang")


def window_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """The window's options (``--db``, ``--lang``, ``--self-test``) when that is all ``argv``
    holds; None when it names a verb, asks for help, or is not valid (the full parser answers).

    Starting the window this way skips importing argparse and building every verb's parser
    (issue 11); anything unusual (an abbreviated option, a value that looks like an option) is
    left to the full parser too.
    """
    if _WINDOW_FLAGS.intersection(argv):
        return None
    found: dict[str, Any] = {"db": None, "lang": None, "self_test": False, "command": None}
    words = list(argv)
    while words:
        word = words.pop(0)
        name, eq, value = word.partition("=")
        if word == "--self-test":
            found["self_test"] = True
        elif name in _VALUED and eq:
            found[name[2:]] = value
        elif word in _VALUED and words and not words[0].startswith("-"):
            found[word[2:]] = words.pop(0)
        else:
            return None
    if found["lang"] not in (None, "zh", "en"):
        return None
    return SimpleNamespace(**found)


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
    args: Any = window_arguments(argv)
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
