"""An article as HTML for reading (the knowledge-base window and the intake panel)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication

CONTEXT = "ArticleView"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


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
        + part(_t("Symptom"), article.symptom)
        + part(_t("Cause"), article.cause)
        + part(_t("Solution"), article.solution)
        + part(_t("Keywords"), article.keywords)
        + part(_t("Applies to"), article.applies_to)
        + (f"<p><b>{html.escape(_t('Linked tickets'))}</b></p><ul>{links}</ul>" if links else "")
    )
