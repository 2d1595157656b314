"""The ``report`` verb: the review report of a period as JSON, a printed PDF or an .xlsx.

``desk-gui report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD [--format json|pdf|xlsx] -o OUT``;
``--to`` is inclusive. The database must exist: a report never creates one.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desk_gui.domain.errors import DeskError

FORMATS = ("json", "pdf", "xlsx")


def _fail(text: str, code: int = 2) -> int:
    print(f"desk-gui report: {text}", file=sys.stderr)
    return code


def _day(text: str) -> date:
    from desk_gui.domain.review import FIRST_DAY, LAST_DAY

    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"not a date between {FIRST_DAY} and {LAST_DAY}: {text}")
    return day


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "json"


def _language(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None)
    if lang in ("zh", "en"):
        return str(lang)
    from PySide6.QtCore import QSettings

    from desk_gui.ui.common.prefs import WorkstationPrefs

    settings = QSettings(  # the window's choice on this workstation (as cli.workstation_prefs)
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "Desk", "Desk"
    )
    return WorkstationPrefs(settings).effective_language()


def _filter(args: argparse.Namespace) -> Any:
    from desk_gui.domain.review import ReportFilter

    return ReportFilter(
        category=args.category, department=args.department,
        assignee=args.assignee, priority=args.priority,
    )  # fmt: skip


def _write(report: Any, fmt: str, out: Path, lang: str) -> None:
    if fmt == "json":
        from desk_gui.domain.review_json import report_json

        text = json.dumps(report_json(report), ensure_ascii=False, indent=2)
        out.write_text(text + "\n", encoding="utf-8")
    elif fmt == "pdf":
        from desk_gui.commands import ensure_gui_app
        from desk_gui.printing.review_print import write_review_pdf

        ensure_gui_app()
        write_review_pdf(report, out, lang)
    else:
        from desk_gui.exchange.review_xlsx import write_review_xlsx

        write_review_xlsx(report, out, lang)


def _cmd_report(args: argparse.Namespace) -> int:
    from desk_gui.domain.review import Period
    from desk_gui.services.workspace import Workspace

    if args.date_to < args.date_from:
        return _fail(f"--to {args.date_to} is before --from {args.date_from}")
    lang = _language(args)
    try:
        with Workspace.open(args.db, create=False) as workspace:
            period = Period(args.date_from, args.date_to)
            report = workspace.review_report(period, _filter(args))
            report.open_problems = workspace.review_open_items(period, lang)
            out = Path(args.output)
            _write(report, _format(args), out, lang)  # the xlsx reads the tickets behind
    except DeskError as exc:
        return _fail(exc.message(lang))
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    print(f"{out}")
    return 0


def add_report_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``report``."""
    r = subparsers.add_parser("report", help="the review report of a period (JSON, PDF, xlsx)")
    r.add_argument("--db", required=True, help="an existing database file or URL")
    r.add_argument("--from", dest="date_from", required=True, type=_day, metavar="YYYY-MM-DD")
    r.add_argument(
        "--to", dest="date_to", required=True, type=_day, metavar="YYYY-MM-DD", help="inclusive"
    )
    r.add_argument("--format", choices=FORMATS, help="default: from the output's suffix, else json")
    r.add_argument("-o", "--output", required=True, metavar="OUT")
    r.add_argument("--category", help="only this category code (hardware, software, …)")
    r.add_argument("--department")
    r.add_argument("--assignee")
    r.add_argument("--priority", help="p1 … p4")
    r.add_argument(
        "--lang", choices=("zh", "en"), default=argparse.SUPPRESS,
        help="zh or en (default: the language chosen on this workstation)",
    )  # fmt: skip
    r.set_defaults(func=_cmd_report)
