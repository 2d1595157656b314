"""The knowledge base: articles (``articles``), matching and duplicate calls (``suggest``)."""

from __future__ import annotations

from desk_gui.domain.enums import Status
from desk_gui.services.context import Context
from desk_gui.services.kb.articles import (
    ArticleConflict,
    ArticleLocked,
    ArticleNotFound,
    ArticleService,
    ArticleSummary,
)
from desk_gui.services.kb.suggest import (
    ArticleHit,
    Duplicate,
    Suggestions,
    SuggestService,
    TicketHit,
)

__all__ = [
    "ArticleConflict",
    "ArticleHit",
    "ArticleLocked",
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

    def resolve_with_article(self, ticket_id: int, article_id: int) -> None:
        """First-contact resolution: the article applied, its solution the ticket's solution.

        The ticket is taken by the operator and resolved at once (L1, on this call); with the
        'helped' link this is what the reports count as resolved at first contact with the
        knowledge base.
        """
        from desk_gui.services.workflow import WorkflowService

        self.apply_to_ticket(article_id, ticket_id)
        article = self.get(article_id)
        flow = WorkflowService(self.ctx)
        record = flow.get(ticket_id)
        if record.status is Status.PENDING:
            record = flow.take(ticket_id, record.version)
        flow.resolve(ticket_id, record.version, article.solution)
