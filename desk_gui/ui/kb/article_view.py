"""An article as HTML for reading (the knowledge-base window and the intake panel)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ArticleView"
PARTS: tuple[tuple[str, object], ...] = (
    ("symptom", QT_TRANSLATE_NOOP("ArticleView", "Symptom")),
    ("cause", QT_TRANSLATE_NOOP("ArticleView", "Cause")),
    ("solution", QT_TRANSLATE_NOOP("ArticleView", "Solution")),
    ("keywords", QT_TRANSLATE_NOOP("ArticleView", "Keywords")),
    ("applies_to", QT_TRANSLATE_NOOP("ArticleView", "Applies to")),
)
LINKED = QT_TRANSLATE_NOOP("ArticleView", "Linked tickets")


def _t(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def article_html(article: Any, lang: str = "en") -> str:
    """Title, facts, then symptom, cause, solution, keywords and applies-to (newlines kept)."""

    def part(label: str, text: str) -> str:
        body = html.escape(text).replace("\n", "<br>")
        return f"<p><b>{html.escape(label)}</b><br>{body}</p>" if text.strip() else ""

    facts = " · ".join(
        (
            article.category.label(lang),
            article.status.label(lang),
            article.author,
            article.updated_at.strftime("%Y-%m-%d %H:%M"),
        )
    )
    links = "".join(
        f"<li>{html.escape(link.number)} {html.escape(link.title)}</li>" for link in article.links
    )
    return (
        f"<h3>KB{article.id} {html.escape(article.title)}</h3>"
        f"<p style='color:gray'>{html.escape(facts)}</p>"
        + "".join(part(_t(label), getattr(article, key)) for key, label in PARTS)
        + (f"<p><b>{html.escape(_t(LINKED))}</b></p><ul>{links}</ul>" if links else "")
    )
