"""What the desk is offered while a call is typed: articles, resolved tickets, duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from desk_gui.domain import kb_match, log_lines
from desk_gui.domain.enums import LogKind, Status
from desk_gui.services import records
from desk_gui.services.context import Context
from desk_gui.store import kb_index, kb_tickets
from desk_gui.store.database import (
    read_transaction,
    rows_of,
    translate_errors,
    write_transaction,
)
from desk_gui.store.errors import NotFound
from desk_gui.store.models import KbArticle, Ticket, TicketLink

DUPLICATE_DAYS = 7
DUPLICATE_MIN = 0.34
"""How alike (token Dice, 0 … 1) an open ticket's title or text must be to be shown."""


@dataclass(frozen=True)
class ArticleHit:
    id: int
    title: str
    score: float
    solution: str = ""


@dataclass(frozen=True)
class TicketHit:
    id: int
    number: str
    title: str
    status: Status
    score: float
    solution: str = ""


@dataclass(frozen=True)
class Duplicate:
    id: int
    number: str
    title: str
    reason: str  # "requester" or "department"
    similarity: float
    description: str = ""


@dataclass(frozen=True)
class Suggestions:
    articles: tuple[ArticleHit, ...] = ()
    tickets: tuple[TicketHit, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


ANSWERS_OVERLAP = 0.3
"""How alike (Dice over tokens) a problem title and an article title must be for the report."""


class SuggestService:
    """Read-only matching for the intake form and ``desk-gui suggest``; plus linking calls."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def suggest(
        self,
        title: str,
        description: str = "",
        *,
        requester: str = "",
        department: str = "",
        limit: int = 5,
    ) -> Suggestions:
        text = f"{title}\n{description}".strip()
        with read_transaction():
            articles = self.articles(text, limit) if text else ()
            tickets = self.tickets(text, limit) if text else ()
            dups = self.duplicates(title, description, requester, department)
        return Suggestions(tuple(articles), tuple(tickets), tuple(dups[:limit]))

    def articles(self, text: str, limit: int = 5) -> list[ArticleHit]:
        """Published articles, best first."""
        with translate_errors():
            hits = kb_index.search(text, limit=limit)
            rows = {
                r.id: r
                for r in KbArticle.select(KbArticle.id, KbArticle.title, KbArticle.solution).where(
                    KbArticle.id.in_([h.article_id for h in hits])
                )
            }
        return [
            ArticleHit(h.article_id, rows[h.article_id].title, h.score, rows[h.article_id].solution)
            for h in hits
            if h.article_id in rows
        ]

    def answering_article(self, title: str) -> str | None:
        """The published article that answers a recurring problem's title, if one clearly does.

        The best of the top three whose own title is like the problem's (token overlap), so a
        report never names an article that merely shares a character with the problem."""
        for hit in self.articles(title, 3):
            if kb_match.overlap(title, hit.title) >= ANSWERS_OVERLAP:
                return hit.title
        return None

    def tickets(self, text: str, limit: int = 5) -> list[TicketHit]:
        """Resolved and closed tickets like the call, with their solutions, best first."""
        with translate_errors():
            found = kb_tickets.similar_resolved(kb_match.phrases(text), limit)
        return [
            TicketHit(
                int(r["id"]),
                r["number"],
                r["title"],
                Status(r["status"]),
                score,
                r["solution"] or "",
            )
            for r, score in found
        ]

    def duplicates(
        self, title: str, description: str, requester: str, department: str
    ) -> list[Duplicate]:
        """Open tickets of the same requester or department in recent days that look alike."""
        if not (title.strip() or description.strip()):
            return []
        since = self.ctx.now() - timedelta(days=DUPLICATE_DAYS)
        with translate_errors():
            rows = kb_tickets.open_tickets_of(requester, department, since)
        out: list[Duplicate] = []
        for row in rows:
            alike = max(
                kb_match.overlap(title, row["title"]) if title.strip() else 0.0,
                kb_match.overlap(f"{title} {description}", f"{row['title']} {row['description']}"),
            )
            if alike < DUPLICATE_MIN:
                continue
            same_person = requester.strip() and row["requester"] == requester.strip()
            reason = "requester" if same_person else "department"
            out.append(
                Duplicate(
                    int(row["id"]),
                    row["number"],
                    row["title"],
                    reason,
                    round(alike, 3),
                    row["description"],
                )
            )
        out.sort(key=lambda d: (d.reason != "requester", -d.similarity))
        return out

    # -- acting on a duplicate ----------------------------------------------------------

    def add_call_to(self, ticket_id: int, text: str) -> None:
        """Log a repeated call on the open ticket instead of opening a new one."""
        line = log_lines.repeated_call(text.strip())
        with write_transaction():
            if not Ticket.select().where(Ticket.id == ticket_id).exists():
                raise NotFound(str(ticket_id))
            records.add_line(self.ctx, ticket_id, LogKind.KB, line)
            records.reindex(ticket_id)

    def link_tickets(self, a: int, b: int) -> None:
        """Two tickets about the same problem: each shows the other."""
        if a == b:
            return
        first, second = sorted((a, b))
        with write_transaction():
            TicketLink.insert(
                ticket=first, other=second, at=self.ctx.now(), by=self.ctx.operator
            ).on_conflict_ignore().execute()

    def linked_tickets(self, ticket_id: int) -> list[tuple[int, str, str]]:
        """(id, number, title) of the tickets linked to this one, either way."""
        with translate_errors():
            one = TicketLink.select(TicketLink.other).where(TicketLink.ticket == ticket_id)
            two = TicketLink.select(TicketLink.ticket).where(TicketLink.other == ticket_id)
            ids = [int(r[0]) for r in rows_of(one)] + [int(r[0]) for r in rows_of(two)]
            if not ids:
                return []
            query = Ticket.select(Ticket.id, Ticket.number, Ticket.title).where(Ticket.id.in_(ids))
            return [(int(t.id), t.number, t.title) for t in query.order_by(Ticket.id)]
