"""A ticket's attachments: stored in the database within the office's size cap, read back,
deleted by a supervisor; the handling log and the audit trail say so (part of TicketService)."""

from __future__ import annotations

import mimetypes
from datetime import datetime

from desk_gui.domain import log_lines
from desk_gui.domain.enums import LogKind
from desk_gui.domain.text import clean, printable
from desk_gui.domain.ticket import TicketRecord
from desk_gui.domain.transitions import Action
from desk_gui.services import audit, records
from desk_gui.services.access import Privilege, require
from desk_gui.services.context import Context
from desk_gui.services.settings import OfficeSettings
from desk_gui.store.database import translate_errors, write_transaction
from desk_gui.store.errors import AttachmentTooLarge, NotFound
from desk_gui.store.models import Attachment, Ticket


class TicketAttachments:
    """Attachment methods of TicketService (which provides the context, settings and the
    status and lock checks)."""

    ctx: Context

    @property
    def settings(self) -> OfficeSettings:
        raise NotImplementedError

    def _allowed(self, row: Ticket, action: Action) -> None:
        raise NotImplementedError

    def _check_lock(self, row: Ticket) -> None:
        raise NotImplementedError

    def attachment_data(self, attachment_id: int) -> bytes:
        with translate_errors():
            row = Attachment.get_or_none(Attachment.id == attachment_id)
        if row is None:
            raise NotFound(str(attachment_id))
        return bytes(row.data)

    def add_attachment(
        self,
        ticket_id: int,
        filename: str,
        data: bytes,
        mime: str | None = None,
        since: datetime | None = None,
    ) -> TicketRecord:
        """Store a screenshot or log file in the database, within the office's size cap.

        ``since``: when the first of a save's attempts started; a file it stored is not stored again.
        """
        self._check_size(filename, data)
        with write_transaction():
            row = records.load(ticket_id)
            if records.stored_since(self.ctx, row.id, _file_name(filename), len(data), since):
                return records.to_record(row)
            self._allowed(row, Action.ATTACH)
            self._check_lock(row)
            self._store_attachment(row.id, filename, data, mime)
            return records.to_record(row)

    def _check_size(self, filename: str, data: bytes) -> None:
        limit = self.settings.attachment_limit
        if len(data) > limit:
            raise AttachmentTooLarge(
                zh=f"附件 {filename} 为 {len(data) / 1048576:.1f} MB，超过上限 {limit / 1048576:.0f} MB。",
                en=f"{filename} is {len(data) / 1048576:.1f} MB; the limit is {limit / 1048576:.0f} MB.",
            )

    def _store_attachment(
        self, ticket_id: int, filename: str, data: bytes, mime: str | None
    ) -> None:
        # A file's name is not typed: one from a file system that is not UTF-8 is mended.
        filename = _file_name(filename)
        mime = mime or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        Attachment.create(
            ticket=ticket_id,
            filename=filename,
            mime=mime,
            size=len(data),
            data=data,
            added_at=self.ctx.now(),
            added_by=self.ctx.operator,
        )
        line = log_lines.attachment(filename, len(data))
        records.add_line(self.ctx, ticket_id, LogKind.ATTACHMENT, line)

    def delete_attachment(self, attachment_id: int) -> TicketRecord:
        """Remove an attachment (a supervisor's action); the log and the audit trail say so."""
        require(self.ctx, Privilege.DELETE_ATTACHMENT)
        with write_transaction():
            item = Attachment.get_or_none(Attachment.id == attachment_id)
            if item is None:
                raise NotFound(f"attachment {attachment_id}")
            row = records.load(item.ticket.id)
            name = str(item.filename)
            item.delete_instance()
            line = log_lines.attachment_deleted(name)
            records.add_line(self.ctx, row.id, LogKind.ATTACHMENT, line)
            audit.record(self.ctx, audit.AuditAction.ATTACHMENT_DELETED, row.number, name)
            return records.to_record(row)


def _file_name(filename: str) -> str:
    """An attachment's name as stored (one from a file system that is not UTF-8 is mended)."""
    return printable(clean(filename, multiline=False)).strip()[:200] or "attachment"
