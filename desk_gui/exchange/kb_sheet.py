"""Knowledge-base articles to and from .xlsx / .csv, with Chinese or English headers.

Reading reuses the ticket import's readers (``importer.read_sheet``: xlsx without openpyxl's
load, CSV in UTF-8 or GBK); headers may come in any order and either language; every problem is
reported by row and column, and the caller writes nothing while any row is invalid.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desk_gui.domain.enums import Category
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.kb import Article, ArticleDraft, ArticleStatus, validate_article
from desk_gui.domain.lang import is_zh
from desk_gui.exchange.export import DANGEROUS
from desk_gui.exchange.importer import RowProblem, read_sheet
from desk_gui.exchange.target import check_target

# Column key → (zh header, en header), in export order.
COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "title": ("标题", "Title"),
    "symptom": ("现象", "Symptom"),
    "cause": ("原因", "Cause"),
    "solution": ("解决方法", "Solution"),
    "category": ("问题类型", "Category"),
    "keywords": ("关键词", "Keywords"),
    "applies_to": ("适用范围", "Applies to"),
    "status": ("状态", "Status"),
}
# Other headers knowledge sheets use (older lists, other tools), word → column key.
_ALIASES = {
    word: key
    for key, words in {
        "title": ("问题", "主题", "文章标题", "问题名称", "subject"),
        "symptom": ("现象描述", "问题描述", "故障现象", "描述", "symptoms", "description"),
        "cause": ("原因分析", "故障原因", "root cause"),
        "solution": (
            "解决方案",
            "处理方法",
            "解决办法",
            "解决步骤",
            "处理步骤",
            "resolution",
            "fix",
        ),
        "category": ("分类", "类别", "问题分类", "type"),
        "keywords": ("关键字", "标签", "tags"),
        "applies_to": ("适用对象", "适用于", "适用设备"),
    }.items()
    for word in words
}


def key_for(header: str) -> str | None:
    text = header.strip()
    for key, (zh, en) in COLUMNS.items():
        if text == zh or text.lower() == en.lower() or text.lower() == key:
            return key
    return _ALIASES.get(text) or _ALIASES.get(text.lower())


@dataclass
class ArticleRow:
    line: int
    draft: ArticleDraft
    status: ArticleStatus


@dataclass
class ArticleSheet:
    """A read sheet: its valid rows, every problem, and the headers Desk does not know."""

    rows: list[ArticleRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if not p.warning]


def _problem(
    line: int, column: str, code: str, zh: str, en: str, warning: bool = False
) -> RowProblem:
    return RowProblem(line, column, code, zh, en, warning)


def _names_title_and_solution(texts: list[str]) -> bool:
    """Whether a row of texts is the header: it names the title and the solution columns."""
    return {"title", "solution"} <= {key_for(t) for t in texts}


def read_articles(
    path: str | Path, default_status: ArticleStatus = ArticleStatus.PUBLISHED
) -> ArticleSheet:
    """Every row of the sheet as an article draft, with its problems."""
    table = read_sheet(path, _names_title_and_solution)
    headers, body, at = table.headers, table.rows, table.header_line
    sheet = ArticleSheet()
    for zh, en in table.notes:  # the encoding a CSV was read in, rows above the headers
        sheet.problems.append(_problem(0, "", "file_note", zh, en, warning=True))
    found: dict[str, int] = {}
    for i, head in enumerate(headers):
        key = key_for(head)
        if key is None or key in found:
            if head:
                sheet.unknown_columns.append(head)
                sheet.problems.append(_problem(at, head, "unknown_column", "未知的列，已忽略。",
                                               "Unknown column, ignored.", warning=True))  # fmt: skip
            continue
        found[key] = i
    for key in ("title", "solution"):
        if key not in found:
            zh, en = COLUMNS[key]
            sheet.problems.append(_problem(at, f"{zh}/{en}", "missing_column", "缺少此列。",
                                           "The column is missing."))  # fmt: skip
    if sheet.errors:
        return sheet
    for line, cells in body:
        row = _row(line, cells, found, headers, default_status, sheet.problems)
        if row is not None:
            sheet.rows.append(row)
    return sheet


def _cell(cells: list[object], index: int | None) -> str:
    if index is None or index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1] in DANGEROUS:
        text = text[1:]  # what _safe added on export
    return text


def _row(
    line: int,
    cells: list[object],
    found: dict[str, int],
    headers: list[str],
    default_status: ArticleStatus,
    problems: list[RowProblem],
) -> ArticleRow | None:
    get = {key: _cell(cells, found.get(key)) for key in COLUMNS}
    ok = True
    category = Category.OTHER
    if get["category"]:
        try:
            category = Category.parse(get["category"])
        except ValueError:
            ok = False
            problems.append(_problem(line, headers[found["category"]], "bad_category",
                                     f"无法识别的问题类型“{get['category']}”。",
                                     f"Unknown category \"{get['category']}\"."))  # fmt: skip
    status = default_status
    if get["status"]:
        try:
            status = ArticleStatus.parse(get["status"])
        except ValueError:
            ok = False
            problems.append(_problem(line, headers[found["status"]], "bad_status",
                                     f"无法识别的状态“{get['status']}”。",
                                     f"Unknown status \"{get['status']}\"."))  # fmt: skip
    draft = ArticleDraft(
        title=get["title"], symptom=get["symptom"], cause=get["cause"], solution=get["solution"],
        category=category, keywords=get["keywords"], applies_to=get["applies_to"],
    )  # fmt: skip
    try:
        validate_article(draft)
    except RuleViolation as exc:
        column = headers[found[exc.field]] if exc.field in found else str(exc.field)
        problems.append(_problem(line, column, exc.code, exc.zh, exc.en))
        ok = False
    return ArticleRow(line, draft, status) if ok else None


def _values(article: Article, lang: str) -> list[object]:
    zh = is_zh(lang)
    return [
        f"KB{article.id}", article.title, article.symptom, article.cause, article.solution,
        article.category.label("zh" if zh else "en"), article.keywords, article.applies_to,
        article.status.label("zh" if zh else "en"),
    ]  # fmt: skip


def write_articles(path: str | Path, articles: Iterable[Article], lang: str = "zh") -> int:
    """Write ``articles`` to .xlsx or .csv (UTF-8 with BOM, for Excel); how many."""
    path = Path(path)
    check_target(path)
    head = [zh if is_zh(lang) else en for zh, en in COLUMNS.values()]
    rows = [_values(a, lang) for a in articles]
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("KB")
        sheet.append(head)
        for row in rows:
            sheet.append([_safe(v) for v in row])
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(head)
            writer.writerows([[_safe(v) for v in row] for row in rows])
    return len(rows)


def _safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets an apostrophe (the import takes it off)."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value
