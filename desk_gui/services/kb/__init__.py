"""The knowledge base: articles (``articles``), matching and duplicate calls (``suggest``)."""

from __future__ import annotations

from desk_gui.services.context import Context
from desk_gui.services.kb.articles import (
    ArticleConflict,
    ArticleNotFound,
    ArticleService,
    ArticleSummary,
)
from desk_gui.services.kb.suggest import (
    ArticleHit,
    Duplicate,
    SuggestService,
    Suggestions,
    TicketHit,
)

__all__ = [
    "ArticleConflict",
    "ArticleHit",
    "ArticleNotFound",
    "ArticleSummary",
    "Duplicate",
    "KnowledgeService",
    "Suggestions",
    "TicketHit",
]


class KnowledgeService(ArticleService, SuggestService):
    """Everything the knowledge base does, for one operator (``Workspace.kb``)."""

    def __init__(self, ctx: Context) -> None:
        ArticleService.__init__(self, ctx)
        SuggestService.__init__(self, ctx)
