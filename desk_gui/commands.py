"""The print, export and import verbs of the command line (registered by cli.py).

They sit beside cli.py, above services, exchange and printing (which never import them); each
verb opens one Workspace and closes it when done.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desk_gui.domain.enums import Category, Impact, Status
from desk_gui.domain.errors import DeskError
from desk_gui.domain.lang import pick

if TYPE_CHECKING:
    from desk_gui.services.workspace import Workspace

LANGS = ("zh", "en")


def _author(args: argparse.Namespace) -> str:
    """Who the log lines name: the operator, else (nobody chosen yet) the system user."""
    return getattr(args, "operator", None) or os.environ.get("USERNAME") or getpass.getuser()


def _fail(args: argparse.Namespace, text: str, code: int = 1) -> int:
    print(f"desk-gui {args.command}: {text}", file=sys.stderr)
    return code


def ensure_gui_app() -> Any:
    """A QGuiApplication to paint with; offscreen on a Linux box without a display."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["desk-gui"])


def _open(args: argparse.Namespace) -> Workspace:
    """The verb's one open database, acting as its operator; never creates one.

    A missing file is an unmounted share's empty mount point far more often than a wish for a
    new database: only ``demo`` creates one.
    """
    from desk_gui.services.context import Context
    from desk_gui.services.workspace import Workspace

    role = getattr(args, "signed_role", None)  # set by cli_accounts.authorize after sign-in
    ctx = Context(operator=_author(args), role=role)
    return Workspace.open(args.db, ctx, create=False)


MAX_COPIES = 500
"""Blank worksheets one print run may make (a typo of 100000 would write for minutes)."""


def _cmd_print(args: argparse.Namespace) -> int:
    from desk_gui.printing.content import WorksheetOptions
    from desk_gui.printing.render import write_pdf
    from desk_gui.services.settings import OfficeSettings

    lang = args.lang
    if not args.blank and not args.numbers:
        return _fail(
            args,
            pick(lang, "请给出问题编号，或使用 --blank。", "Give ticket numbers, or --blank."),
            2,
        )
    if not args.blank and not args.db:
        return _fail(args, pick(lang, "打印工单需要 --db。", "Printing tickets needs --db."), 2)
    if not 1 <= args.copies <= MAX_COPIES:
        return _fail(
            args,
            pick(lang, f"--copies 须在 1 到 {MAX_COPIES} 之间。",
                 f"--copies must be between 1 and {MAX_COPIES}."),
            2,
        )  # fmt: skip
    settings = OfficeSettings()
    records: list[Any] = []
    if args.db:
        with _open(args) as workspace:
            settings = workspace.settings()
            records = [workspace.tickets.get_by_number(n) for n in args.numbers]
            masked = settings.mask_requester and not args.no_mask
            workspace.record_print(args.numbers, masked=masked, how=f"pdf {args.pdf}")
    if args.blank:
        records.extend([None] * max(1, args.copies))
    options = WorksheetOptions(
        lang=lang,
        mask_requester=settings.mask_requester and not args.no_mask,
        office_name=settings.office_name,
        printed_by=args.operator,  # nobody chosen: no name rather than the system login
        printed_at=datetime.now(),
    )
    _app = ensure_gui_app()
    pages = write_pdf(args.pdf, records, lang, options)
    print(pick(lang, f"已写入 {args.pdf}：{pages} 页。", f"Wrote {args.pdf}: {pages} page(s)."))
    return 0


def _parse_day(text: str | None, end: bool) -> datetime | None:
    from desk_gui.exchange.dates import parse_datetime

    if not text:
        return None
    value = parse_datetime(text)
    assert value is not None
    if end and value.hour == 0 and value.minute == 0:
        try:
            return value + timedelta(days=1)  # --to 2024-05-31 includes that whole day
        except OverflowError:
            return None  # --to 9999-12-31: no end
    return value


def _cmd_export(args: argparse.Namespace) -> int:
    from desk_gui.exchange.export import ExportOptions
    from desk_gui.services.queue import QueueFilter

    lang = args.lang
    fmt = args.format or ("csv" if args.output.lower().endswith(".csv") else "xlsx")
    try:
        statuses = frozenset(Status.parse(s).value for s in args.status) if args.status else None
        flt = QueueFilter(
            statuses=statuses,
            submitted_from=_parse_day(args.date_from, end=False),
            submitted_to=_parse_day(args.date_to, end=True),
        )
    except ValueError as exc:
        return _fail(args, pick(lang, f"参数无效：{exc}", f"Invalid option: {exc}"), 2)
    if flt.submitted_from and flt.submitted_to and flt.submitted_to <= flt.submitted_from:
        return _fail(
            args,
            pick(
                lang,
                "--to 早于 --from，没有导出任何内容。",
                "--to is before --from; nothing exported.",
            ),
            2,
        )
    options = ExportOptions(lang=lang, mask_requester=False if args.no_mask else None)
    with _open(args) as workspace:
        if args.numbers:
            ids = [workspace.tickets.get_by_number(n).id for n in args.numbers]
        else:
            ids = workspace.ticket_ids(flt)
        n = workspace.export(args.output, fmt, ids=ids, options=options)
    print(
        pick(
            lang,
            f"已导出 {n} 张工单到 {args.output}。",
            f"Exported {n} ticket(s) to {args.output}.",
        )
    )
    return 0


def _print_problems(problems: list[Any], lang: str) -> None:
    for p in problems:
        tag = pick(lang, "警告", "warning") if p.warning else pick(lang, "错误", "error")
        print(f"  [{tag}] {p.message(lang)}", file=sys.stderr)


def _cmd_import(args: argparse.Namespace) -> int:
    from desk_gui.exchange.importer import ImportDefaults, preview_file

    lang = args.lang
    try:
        defaults = ImportDefaults(
            category=Category.parse(args.default_category), impact=Impact.parse(args.default_impact)
        )
    except ValueError as exc:
        return _fail(args, pick(lang, f"默认值无效：{exc}", f"Invalid default: {exc}"), 2)
    if not os.path.isfile(args.input):
        return _fail(args, pick(lang, f"找不到文件 {args.input}", f"No such file: {args.input}"), 2)
    preview = preview_file(args.input, defaults)
    with _open(args) as workspace:
        return _import_preview(args, workspace, preview)


def _import_preview(args: argparse.Namespace, workspace: Workspace, preview: Any) -> int:
    from desk_gui.services.importing import ImportRefused

    lang = args.lang
    service = workspace.importer()
    service.check_numbers(preview)
    _print_problems(preview.problems, lang)
    valid, total = len(preview.valid_rows), len(preview.rows)
    print(pick(lang, f"共 {total} 行，有效 {valid} 行。", f"{total} row(s), {valid} valid."))
    if args.dry_run:
        return 1 if preview.errors else 0
    try:
        result = service.run(preview, only_valid=args.only_valid)
    except ImportRefused as exc:
        return _fail(args, exc.message(lang))
    for line, old, new in result.renumbered:
        print(pick(lang, f"第 {line} 行：{old} → {new}", f"row {line}: {old} → {new}"))
    print(
        pick(
            lang,
            f"已导入 {len(result.created)} 张工单。",
            f"Imported {len(result.created)} ticket(s).",
        )
    )
    return 0


def _guarded(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(func(args))
        except DeskError as exc:
            return _fail(args, exc.message(args.lang), 2)
        except OSError as exc:
            return _fail(args, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), 2)

    return run


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``print``, ``export`` and ``import``."""
    lang = {
        "choices": LANGS,
        "default": argparse.SUPPRESS,  # keep a --lang given before the verb
        "help": "zh or en (default: the language chosen on this workstation)",
    }
    operator = {
        "metavar": "NAME",
        "default": "",
        "help": "who is working (default: the operator remembered on this workstation)",
    }

    p = subparsers.add_parser("print", help="print worksheets to a PDF file")
    p.add_argument("--db")
    p.add_argument("numbers", nargs="*", metavar="TICKET_NO")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf")
    p.add_argument("--blank", action="store_true", help="a blank worksheet to fill in by hand")
    p.add_argument("--copies", type=int, default=1, help="how many blank worksheets")
    p.add_argument("--no-mask", action="store_true", help="print requester names unmasked")
    p.add_argument("--lang", **lang)
    p.add_argument("--operator", **operator)
    p.set_defaults(func=_guarded(_cmd_print))

    e = subparsers.add_parser("export", help="export tickets to .xlsx or .csv")
    e.add_argument("--db", required=True)
    e.add_argument("numbers", nargs="*", metavar="TICKET_NO", help="only these tickets")
    e.add_argument("--format", choices=("xlsx", "csv"))
    e.add_argument("-o", "--output", required=True)
    e.add_argument("--status", action="append", help="repeatable: pending, 处理中, …")
    e.add_argument("--from", dest="date_from", metavar="DATE")
    e.add_argument("--to", dest="date_to", metavar="DATE", help="inclusive")
    e.add_argument("--no-mask", action="store_true", help="export requester names unmasked")
    e.add_argument("--lang", **lang)
    e.set_defaults(func=_guarded(_cmd_export))

    i = subparsers.add_parser("import", help="import the old worksheet spreadsheet")
    i.add_argument("--db", required=True)
    i.add_argument("input", metavar="IN.xlsx|IN.csv")
    i.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    i.add_argument("--only-valid", action="store_true", help="import the valid rows, skip the rest")
    i.add_argument("--default-category", default="other")
    i.add_argument("--default-impact", default="individual")
    i.add_argument("--lang", **lang)
    i.add_argument("--operator", **operator)
    i.set_defaults(func=_guarded(_cmd_import))
