"""A worksheet's knowledge-base line: its articles, the tickets linked to it, and "Archive"."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from desk_gui.domain.enums import Status
from desk_gui.domain.errors import DeskError
from desk_gui.domain.kb import Article, LinkKind
from desk_gui.domain.ticket import TicketRecord
from desk_gui.services.kb import KnowledgeService
from desk_gui.services.threads import release_thread
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.form_fields import ui_lang
from desk_gui.ui.kb.article_editor import ArticleEditorDialog

HREF = "desk-ticket:"
# (article id, title, link kind) of the ticket's articles; (id, number, title) of linked tickets
Found = tuple[list[tuple[int, str, LinkKind]], list[tuple[int, str, str]]]


class TicketKnowledgeStrip(QWidget):
    """Articles archived from or applied to the ticket, linked tickets, and the archive button."""

    ticket_link_activated = Signal(int)
    changed = Signal()  # an article was archived from the ticket: read it again

    def __init__(self, kb: KnowledgeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketKnowledge")
        self._kb, self._lang = kb, ui_lang()
        self.record: TicketRecord | None = None
        self._found: Found = ([], [])
        self.label = QLabel()
        self.label.setObjectName("ticketKnowledgeText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.linkActivated.connect(self._on_label_link_activated)
        self.archive_button = QPushButton(self.tr("Archive to knowledge base…"))
        self.archive_button.setObjectName("archiveToKb")
        self.archive_button.clicked.connect(self.archive)
        self.status = DialogStatus()
        self._saver: BoundedSave | None = None
        self._saver_for = 0
        self._since = kb.ctx.now()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.archive_button)
        self.archive_button.hide()
        self.hide()  # until the ticket is read

    def read(self, ticket_id: int) -> Found:
        """What the line shows of a ticket: a read for the worksheet's loading thread."""
        try:
            return self._kb.articles_of_ticket(ticket_id), self._kb.linked_tickets(ticket_id)
        except DeskError:
            return [], []

    def show_record(self, record: TicketRecord, found: Found | None = None) -> None:
        """Show the line for ``record`` with what ``read`` found (the last found if None)."""
        self.record = record
        if found is not None:
            self._found = found
        articles, linked = self._found
        parts = []
        if articles:
            how = {LinkKind.SOURCE: self.tr("archived"), LinkKind.HELPED: self.tr("applied")}
            items = ", ".join(f"KB{i} {html.escape(t)} ({how[k]})" for i, t, k in articles)
            parts.append(f"<b>{html.escape(self.tr('Knowledge base'))}:</b> {items}")
        if linked:
            items = ", ".join(
                f'<a href="{HREF}{i}">{html.escape(n)}</a> {html.escape(t)}' for i, n, t in linked
            )
            parts.append(f"<b>{html.escape(self.tr('Linked tickets'))}:</b> {items}")
        self.label.setText("<br>".join(parts))
        solved = record.status in (Status.RESOLVED, Status.CLOSED)
        archived = any(k is LinkKind.SOURCE for _, _, k in articles)
        self.archive_button.setVisible(solved and not archived)
        self.setVisible(bool(parts) or self.archive_button.isVisibleTo(self))

    def _on_label_link_activated(self, href: str) -> None:
        if href.startswith(HREF) and href[len(HREF) :].isdigit():
            self.ticket_link_activated.emit(int(href[len(HREF) :]))

    def archive(self) -> None:
        """Draft an article from the ticket (off the window's thread, waited for a bounded
        time; a retry returns the article its first attempt made), then let the agent edit it."""
        record = self.record
        if record is None or (self._saver is not None and self._saver.saving):
            return
        if self._saver is None or self._saver.done or self._saver_for != record.id:
            self._saver = BoundedSave(self, release_thread, self.archive_button, self.status)
            self._saver.landed.connect(self._on_archived)
            self._saver.failed.connect(
                lambda exc: QMessageBox.warning(
                    self, self.tr("Knowledge base"), exc.message(self._lang)
                )
            )
            self._saver_for, self._since = record.id, self._kb.ctx.now()
        kb, since = self._kb, self._since
        self._saver.start(lambda _attempt: kb.archive_ticket(record.id, since=since))

    def _on_archived(self, article: Article) -> None:
        self.changed.emit()
        ArticleEditorDialog.ask(self.window(), self._kb, article=article)
