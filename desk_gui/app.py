"""Composition root: parse arguments, then run a command, the self-test or the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desk_gui.cli import build_parser, run_command


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``desk-gui`` and ``python -m desk_gui``."""
    args = build_parser().parse_args(list(argv) if argv is not None else sys.argv[1:])
    if args.command:
        return run_command(args)
    if args.self_test:
        from desk_gui.selftest import run_self_test

        return run_self_test()
    from desk_gui.ui.app.launcher import launch

    return launch(args)
