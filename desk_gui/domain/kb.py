"""Knowledge-base articles: their status, what an edit may change, and a read-only snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from desk_gui.domain.enums import Category
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.lang import is_zh


class ArticleStatus(StrEnum):
    """Draft (being written), published (suggested to the desk), retired (kept, never shown)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"

    def label(self, lang: str = "zh") -> str:
        zh, en = _STATUS_LABELS[self.value]
        return zh if is_zh(lang) else en

    @classmethod
    def parse(cls, text: str) -> ArticleStatus:
        key = text.strip().lower()
        for member in cls:
            zh, en = _STATUS_LABELS[member.value]
            if key in (member.value, en.lower()) or text.strip() == zh:
                return member
        raise ValueError(f"unknown article status {text!r}")


_STATUS_LABELS = {
    "draft": ("草稿", "Draft"),
    "published": ("已发布", "Published"),
    "retired": ("已停用", "Retired"),
}


class LinkKind(StrEnum):
    """How a ticket relates to an article."""

    SOURCE = "source"  # the article was archived from this ticket
    HELPED = "helped"  # the article was applied to this ticket


# The fields an edit may change (status changes go through publish / retire).
ARTICLE_FIELDS: tuple[str, ...] = (
    "title",
    "symptom",
    "cause",
    "solution",
    "category",
    "keywords",
    "applies_to",
)
TITLE_MAX = 120


@dataclass
class ArticleDraft:
    """An article's editable text, as typed."""

    title: str = ""
    symptom: str = ""
    cause: str = ""
    solution: str = ""
    category: Category = Category.OTHER
    keywords: str = ""
    applies_to: str = ""


@dataclass(frozen=True)
class Revision:
    """The text an article had before one edit."""

    version: int
    title: str
    symptom: str
    cause: str
    solution: str
    keywords: str
    edited_at: datetime
    edited_by: str


@dataclass(frozen=True)
class ArticleLink:
    """A ticket linked to an article."""

    ticket_id: int
    number: str
    title: str
    kind: LinkKind


@dataclass(frozen=True)
class Article:
    """One article as read: its text, status, bookkeeping, revisions and linked tickets."""

    id: int
    title: str
    symptom: str
    cause: str
    solution: str
    category: Category
    keywords: str
    applies_to: str
    status: ArticleStatus
    author: str
    created_at: datetime
    updated_at: datetime
    updated_by: str
    version: int
    revisions: tuple[Revision, ...] = field(default_factory=tuple)
    links: tuple[ArticleLink, ...] = field(default_factory=tuple)

    def draft(self) -> ArticleDraft:
        return ArticleDraft(
            self.title, self.symptom, self.cause, self.solution, self.category,
            self.keywords, self.applies_to,
        )  # fmt: skip


def validate_article(draft: ArticleDraft) -> None:
    """A title and a solution are what make an article worth suggesting."""
    if not draft.title.strip():
        raise RuleViolation(
            "required", field="title", zh="请填写文章标题。", en="Enter the article's title."
        )
    if len(draft.title.strip()) > TITLE_MAX:
        raise RuleViolation(
            "too_long",
            field="title",
            zh=f"标题最多 {TITLE_MAX} 个字。",
            en=f"The title may have at most {TITLE_MAX} characters.",
        )
    if not draft.solution.strip():
        raise RuleViolation(
            "required", field="solution", zh="请填写解决方法。", en="Enter the solution steps."
        )


def body_text(draft: ArticleDraft | Article | Any) -> str:
    """The text matched as the article's body: symptom, cause, solution and applies-to."""
    return "\n".join((draft.symptom, draft.cause, draft.solution, draft.applies_to))
