"""Knowledge-base verbs: ``kb import``, ``kb export`` and ``suggest`` (matching without a window)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from desk_gui.commands import LANGS, _fail, _guarded, _open, _print_problems
from desk_gui.domain.lang import pick


def _cmd_kb_import(args: argparse.Namespace) -> int:
    from desk_gui.exchange.kb_sheet import read_articles

    lang = args.lang
    if not os.path.isfile(args.input):
        return _fail(args, pick(lang, f"找不到文件 {args.input}", f"No such file: {args.input}"), 2)
    sheet = read_articles(args.input)
    _print_problems(sheet.problems, lang)
    errors = len({p.row for p in sheet.errors})
    total = len(sheet.rows) + errors
    print(pick(lang, f"共 {total} 篇，有效 {len(sheet.rows)} 篇。",
               f"{total} article(s), {len(sheet.rows)} valid."))  # fmt: skip
    if sheet.errors:
        print(pick(lang, "有错误，未导入任何文章。", "Errors found: nothing was imported."),
              file=sys.stderr)  # fmt: skip
        return 1
    if args.dry_run:
        return 0
    with _open(args) as workspace:
        ids = workspace.kb.import_sheet(sheet)
    print(pick(lang, f"已导入 {len(ids)} 篇文章。", f"Imported {len(ids)} article(s)."))
    return 0


def _cmd_kb_export(args: argparse.Namespace) -> int:
    from desk_gui.exchange.kb_sheet import write_articles

    with _open(args) as workspace:
        n = write_articles(args.output, workspace.kb.all_articles(), args.lang)
    print(pick(args.lang, f"已导出 {n} 篇文章到 {args.output}",
               f"Exported {n} article(s) to {args.output}"))  # fmt: skip
    return 0


def suggestion_json(found: Any) -> dict[str, list[dict[str, Any]]]:
    """The ``suggest`` verb's object: articles, tickets, duplicates, best first."""
    return {
        "articles": [{"id": a.id, "title": a.title, "score": a.score} for a in found.articles],
        "tickets": [
            {"number": t.number, "title": t.title, "status": t.status.value, "score": t.score}
            for t in found.tickets
        ],
        "duplicates": [
            {"number": d.number, "title": d.title, "reason": d.reason} for d in found.duplicates
        ],
    }


def _cmd_suggest(args: argparse.Namespace) -> int:
    with _open(args) as workspace:
        found = workspace.kb.suggest(
            args.title, args.description, requester=args.requester,
            department=args.department, limit=args.limit,
        )  # fmt: skip
    data = suggestion_json(found)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for key in ("articles", "tickets", "duplicates"):
        print(f"{key}:")
        for item in data[key]:
            print("  " + "  ".join(str(v) for v in item.values()))
    return 0


def add_kb_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``kb import``, ``kb export`` and ``suggest``."""
    lang = {"choices": LANGS, "default": argparse.SUPPRESS, "help": "zh or en"}
    operator = {"metavar": "NAME", "default": "", "help": "who is working"}

    kb = sub.add_parser("kb", help="knowledge-base articles: import, export")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    i = kb_sub.add_parser("import", help="import articles from .xlsx or .csv")
    i.add_argument("--db", required=True)
    i.add_argument("input", metavar="ARTICLES.xlsx|csv")
    i.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    i.add_argument("--lang", **lang)
    i.add_argument("--operator", **operator)
    i.set_defaults(func=_guarded(_cmd_kb_import))
    e = kb_sub.add_parser("export", help="export every article to .xlsx or .csv")
    e.add_argument("--db", required=True)
    e.add_argument("-o", "--output", required=True)
    e.add_argument("--lang", **lang)
    e.add_argument("--operator", **operator)
    e.set_defaults(func=_guarded(_cmd_kb_export))

    s = sub.add_parser("suggest", help="articles, resolved tickets and duplicates for a call")
    s.add_argument("--db", required=True)
    s.add_argument("--title", required=True)
    s.add_argument("--description", default="")
    s.add_argument("--requester", default="")
    s.add_argument("--department", default="")
    s.add_argument("--limit", type=int, default=5)
    s.add_argument("--json", action="store_true", help="one JSON object on stdout")
    s.add_argument("--lang", **lang)
    s.add_argument("--operator", **operator)
    s.set_defaults(func=_guarded(_cmd_suggest))
