"""Writing and reading knowledge-base articles: drafts, edits with revisions, publish, retire."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from desk_gui.domain import kb
from desk_gui.domain.enums import Category, LogKind, Status
from desk_gui.domain.errors import DeskError, RuleViolation
from desk_gui.domain.kb import Article, ArticleDraft, ArticleLink, ArticleStatus, LinkKind, Revision
from desk_gui.domain.log_lines import LogLine
from desk_gui.domain.log_render import texts
from desk_gui.exchange.kb_sheet import ArticleSheet
from desk_gui.services import audit, records
from desk_gui.services.access import Privilege, require
from desk_gui.services.context import Context
from desk_gui.store import kb_index, kb_locks
from desk_gui.store.database import (
    read_transaction,
    rows_of,
    translate_errors,
    write_transaction,
)
from desk_gui.store.errors import NotFound
from desk_gui.store.models import KbArticle, KbLink, KbRevision, LogEntry, Ticket


class ArticleNotFound(NotFound):
    zh = "找不到该知识库文章。"
    en = "No such knowledge-base article."


class ImportRefused(DeskError):
    zh = "表格中有错误的行，未导入任何文章。"
    en = "The sheet has rows with errors; no article was imported."


class ArticleLocked(DeskError):
    """Another workstation is editing the article."""

    def __init__(self, article_id: int, holder: str, workstation: str, until: datetime) -> None:
        self.holder, self.workstation = holder, workstation
        when = until.strftime("%H:%M:%S")
        super().__init__(
            zh=f"文章 KB{article_id} 正在由 {holder}（{workstation}）编辑，锁定至 {when}。",
            en=f"Article KB{article_id} is being edited by {holder} ({workstation}) until {when}.",
        )


class ArticleConflict(DeskError):
    """An article saved from a version another workstation has since replaced."""

    def __init__(self, article_id: int, changed_by: str, changed_at: datetime | None) -> None:
        self.article_id = article_id
        self.changed_by = changed_by
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S") if changed_at else "?"
        super().__init__(
            zh=f"文章 KB{article_id} 已被 {changed_by} 于 {when} 修改。请重新载入后再保存。",
            en=f"Article KB{article_id} was changed by {changed_by} at {when}. "
            "Reload it before saving.",
        )


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list."""

    id: int
    title: str
    category: Category
    status: ArticleStatus
    updated_at: datetime
    score: float = 0.0


def _load(article_id: int) -> KbArticle:
    row = KbArticle.get_or_none(KbArticle.id == article_id)
    if row is None:
        raise ArticleNotFound(f"KB{article_id}")
    return row


def _category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        return Category.OTHER


def to_article(row: KbArticle) -> Article:
    revisions = tuple(
        Revision(
            r.version, r.title, r.symptom, r.cause, r.solution, r.keywords, r.edited_at, r.edited_by
        )
        for r in KbRevision.select().where(KbRevision.article == row.id).order_by(KbRevision.id)
    )
    links = tuple(
        ArticleLink(int(t.id), t.number, t.title, LinkKind(link.kind))
        for link, t in (
            (lk, lk.ticket)
            for lk in KbLink.select(KbLink, Ticket)
            .join(Ticket)
            .where(KbLink.article == row.id)
            .order_by(KbLink.id)
        )
    )
    return Article(
        id=int(row.id), title=row.title, symptom=row.symptom, cause=row.cause,
        solution=row.solution, category=_category(row.category), keywords=row.keywords,
        applies_to=row.applies_to, status=ArticleStatus(row.status), author=row.author,
        created_at=row.created_at, updated_at=row.updated_at, updated_by=row.updated_by,
        version=int(row.version), revisions=revisions, links=links,
    )  # fmt: skip


def _columns(draft: ArticleDraft) -> dict[str, Any]:
    values = asdict(draft)
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    values["category"] = Category(draft.category).value
    return values


def _reindex(row: KbArticle) -> None:
    kb_index.write(int(row.id), row.title, row.keywords, kb.body_text(row))


class ArticleService:
    """Articles' life cycle; every method is one transaction."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def get(self, article_id: int) -> Article:
        with read_transaction():
            return to_article(_load(article_id))

    def create(
        self,
        draft: ArticleDraft,
        *,
        source_ticket: int | None = None,
        since: datetime | None = None,
    ) -> Article:
        """A new draft article (linked to the ticket it was archived from, if any).

        ``since``: when the first of a save's attempts started (a hung share); the article it
        made, same title by the same person from then on, is returned instead of a second.
        """
        kb.validate_article(draft)
        now = self.ctx.now()
        with write_transaction():
            if since is not None:
                made = (
                    KbArticle.select()
                    .where(
                        (KbArticle.title == _columns(draft)["title"])
                        & (KbArticle.author == self.ctx.operator)
                        & (KbArticle.created_at >= since)
                    )
                    .first()
                )
                if made is not None:
                    return to_article(made)
            row = KbArticle.create(
                **_columns(draft), status=ArticleStatus.DRAFT.value, author=self.ctx.operator,
                created_at=now, updated_at=now, updated_by=self.ctx.operator,
            )  # fmt: skip
            _reindex(row)
            if source_ticket is not None:
                self._link(int(row.id), source_ticket, LinkKind.SOURCE)
                line = LogLine(
                    f"归档至知识库：KB{row.id} {row.title}",
                    f"Archived to the knowledge base: KB{row.id} {row.title}",
                )
                records.add_line(self.ctx, source_ticket, LogKind.KB, line)
            return to_article(row)

    # -- edit locks ----------------------------------------------------------------------

    def lock(self, article_id: int) -> None:
        """Take or renew this workstation's edit lock; ArticleLocked if another holds it."""
        other = kb_locks.acquire(
            article_id, self.ctx.operator, self.ctx.workstation, self.ctx.now()
        )
        if other is not None:
            raise ArticleLocked(article_id, *other)

    def unlock(self, article_id: int) -> None:
        kb_locks.release(article_id, self.ctx.workstation)

    def _check_lock(self, article_id: int) -> None:
        held = kb_locks.holder_of(article_id, self.ctx.now())
        if held and (held[0], held[1]) != (self.ctx.operator, self.ctx.workstation):
            raise ArticleLocked(article_id, *held)

    def update(self, article_id: int, expected_version: int, draft: ArticleDraft) -> Article:
        """Save an edit if nobody saved in between; the old text becomes a revision."""
        kb.validate_article(draft)
        with write_transaction():
            self._check_lock(article_id)
            row = _load(article_id)
            if row.version != expected_version:
                raise ArticleConflict(article_id, row.updated_by or "?", row.updated_at)
            values = _columns(draft)
            if all(getattr(row, k) == v for k, v in values.items()):
                return to_article(row)
            KbRevision.create(
                article=row.id, version=row.version, title=row.title, symptom=row.symptom,
                cause=row.cause, solution=row.solution, category=row.category,
                keywords=row.keywords, applies_to=row.applies_to, edited_at=row.updated_at,
                edited_by=row.updated_by,
            )  # fmt: skip
            row = self._save(row, expected_version, values)
            _reindex(row)
            return to_article(row)

    def publish(self, article_id: int, expected_version: int) -> Article:
        """Make an article one the desk is offered while it types (the only way to publish).

        A supervisor's action (``services.access``), audited."""
        require(self.ctx, Privilege.PUBLISH_ARTICLE)
        with write_transaction():
            article = self._set_status(article_id, expected_version, ArticleStatus.PUBLISHED)
            audit.record(
                self.ctx, audit.AuditAction.ARTICLE_PUBLISHED, str(article.id), article.title
            )
            return article

    def retire(self, article_id: int, expected_version: int) -> Article:
        """Stop offering an article; it is kept, with its links (the only way to retire).

        A supervisor's action (``services.access``), audited."""
        require(self.ctx, Privilege.RETIRE_ARTICLE)
        with write_transaction():
            article = self._set_status(article_id, expected_version, ArticleStatus.RETIRED)
            audit.record(
                self.ctx, audit.AuditAction.ARTICLE_RETIRED, str(article.id), article.title
            )
            return article

    def _set_status(self, article_id: int, expected: int, status: ArticleStatus) -> Article:
        with write_transaction():
            row = _load(article_id)
            if row.version != expected:
                raise ArticleConflict(article_id, row.updated_by or "?", row.updated_at)
            if row.status != status.value:
                row = self._save(row, expected, {"status": status.value})
            return to_article(row)

    def _save(self, row: KbArticle, expected: int, values: dict[str, Any]) -> KbArticle:
        changes: dict[Any, Any] = {getattr(KbArticle, k): v for k, v in values.items()}
        changes[KbArticle.version] = KbArticle.version + 1
        changes[KbArticle.updated_at] = self.ctx.now()
        changes[KbArticle.updated_by] = self.ctx.operator
        query = KbArticle.update(changes).where(
            (KbArticle.id == row.id) & (KbArticle.version == expected)
        )
        if query.execute() != 1:
            current = _load(int(row.id))
            raise ArticleConflict(int(row.id), current.updated_by or "?", current.updated_at)
        return _load(int(row.id))

    # -- tickets -------------------------------------------------------------------------

    def archive_ticket(self, ticket_id: int, since: datetime | None = None) -> Article:
        """A draft article from a resolved or closed ticket: title, description, log, solution.

        ``since`` as for ``create``: a retry returns the article its first attempt made."""
        with translate_errors():
            ticket = Ticket.get_or_none(Ticket.id == ticket_id)
            if ticket is None:
                raise NotFound(str(ticket_id))
            if ticket.status not in (Status.RESOLVED.value, Status.CLOSED.value):
                raise RuleViolation(
                    "not_resolved",
                    zh="只有已解决或已关闭的工单可以归档至知识库。",
                    en="Only a resolved or closed ticket can be archived to the knowledge base.",
                )
            notes = [
                texts(e.text, e.text_en, e.args)[0]
                for e in LogEntry.select()
                .where((LogEntry.ticket == ticket_id) & (LogEntry.kind == LogKind.NOTE.value))
                .order_by(LogEntry.at, LogEntry.id)
            ]
        draft = ArticleDraft(
            title=ticket.title,
            symptom=ticket.description,
            cause="\n".join(notes),
            solution=ticket.solution or ticket.title,
            category=_category(ticket.category),
            keywords=" ".join(x for x in (ticket.error_code, ticket.device_model) if x),
            applies_to=" / ".join(
                x for x in (ticket.device_model, ticket.os, ticket.software_version) if x
            ),
        )
        return self.create(draft, source_ticket=ticket_id, since=since)

    def apply_to_ticket(self, article_id: int, ticket_id: int) -> None:
        """Record that an article helped a ticket: a log line and a 'helped' link.

        Reports count a ticket resolved at first contact with a 'helped' link as resolved
        with the knowledge base.
        """
        with write_transaction():
            row = _load(article_id)
            self._link(article_id, ticket_id, LinkKind.HELPED)
            line = LogLine(
                f"应用知识库文章 KB{row.id}：{row.title}",
                f"Applied KB article KB{row.id}: {row.title}",
            )
            records.add_line(self.ctx, ticket_id, LogKind.KB, line)

    def _link(self, article_id: int, ticket_id: int, kind: LinkKind) -> None:
        if not Ticket.select().where(Ticket.id == ticket_id).exists():
            raise NotFound(str(ticket_id))
        KbLink.insert(
            article=article_id, ticket=ticket_id, kind=kind.value, at=self.ctx.now(),
            by=self.ctx.operator,
        ).on_conflict_ignore().execute()  # fmt: skip

    def articles_of_ticket(self, ticket_id: int) -> list[tuple[int, str, LinkKind]]:
        """(article id, title, how) of the articles linked to a ticket."""
        with translate_errors():
            query = (
                KbLink.select(KbLink.kind, KbArticle.id, KbArticle.title)
                .join(KbArticle)
                .where(KbLink.ticket == ticket_id)
                .order_by(KbLink.id)
            )
            return [(int(i), str(t), LinkKind(k)) for k, i, t in rows_of(query)]

    # -- exchange ------------------------------------------------------------------------

    def import_sheet(self, sheet: ArticleSheet) -> list[int]:
        """Create every article of a read sheet in one transaction; none while any row is bad."""
        if sheet.errors:
            raise ImportRefused(str(len(sheet.errors)))
        ids = []
        with write_transaction():
            for row in sheet.rows:
                article = self.create(row.draft)
                if row.status is ArticleStatus.PUBLISHED:
                    article = self.publish(article.id, article.version)
                elif row.status is ArticleStatus.RETIRED:
                    article = self.retire(article.id, article.version)
                ids.append(article.id)
        return ids

    def all_articles(self) -> list[Article]:
        """Every article, oldest first (an export)."""
        with read_transaction():
            return [to_article(r) for r in KbArticle.select().order_by(KbArticle.id)]

    # -- lists ---------------------------------------------------------------------------

    def list(
        self,
        text: str = "",
        *,
        statuses: tuple[ArticleStatus, ...] = (),
        category: Category | None = None,
        limit: int = 500,
    ) -> list[ArticleSummary]:
        """Articles matching ``text`` best first (blank: newest edited first), filtered."""
        wanted = tuple(s.value for s in statuses) or tuple(s.value for s in ArticleStatus)
        cat = category.value if category else None
        with read_transaction():
            if text.strip():
                hits = kb_index.search(text, limit=limit, statuses=wanted, category=cat)
                scores = {h.article_id: h.score for h in hits}
                rows = list(KbArticle.select().where(KbArticle.id.in_(list(scores))))
                rows.sort(key=lambda r: (-scores[r.id], r.id))
            else:
                query = KbArticle.select().where(KbArticle.status.in_(wanted))
                if cat:
                    query = query.where(KbArticle.category == cat)
                rows = list(query.order_by(KbArticle.updated_at.desc()).limit(limit))
                scores = {}
        return [
            ArticleSummary(
                int(r.id),
                r.title,
                _category(r.category),
                ArticleStatus(r.status),
                r.updated_at,
                scores.get(r.id, 0.0),
            )
            for r in rows
        ]
