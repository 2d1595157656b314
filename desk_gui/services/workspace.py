"""One open database and the services that work on it: what a window or a CLI verb is handed.

It lives in services because it is a use-case object without Qt: the ui and the CLI reach the
store only through it (ui → services → store), and it is the one place besides the store that
opens, binds and closes a database. The models still reach the database through the store's
process-wide proxy; a workspace decides *when* its database is the bound one, so the next
database can be opened and migrated while the previous window, still bound to the previous
file, is torn down (see ``Workspace.open(..., bind=False)`` and ``bind()``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw

from desk_gui.domain.errors import DeskError
from desk_gui.domain.roles import Role
from desk_gui.services import access, audit, directory
from desk_gui.services.context import Context
from desk_gui.services.queue import QueueFilter, QueueService, SortKey
from desk_gui.services.settings import (
    OfficeSettings,
    load_settings,
    save_settings,
    set_masking,
)
from desk_gui.services.workflow import WorkflowService
from desk_gui.store import pg_roles
from desk_gui.store.backup import backup_database, check_database, refuse_server_url
from desk_gui.store.database import (
    bind_database,
    check_sqlite_library,
    close_database,
    close_thread_connection,
    connect_database,
    database_path,
    is_bound,
    is_sqlite,
    redact_url,
    translate_errors,
)
from desk_gui.store.migrations import SCHEMA_VERSION, schema_version
from desk_gui.store.office import office_masks_requester
from desk_gui.store.probe import ProbeResult, probe_target
from desk_gui.store.queue import ticket_ids

if TYPE_CHECKING:
    from desk_gui.domain.review import OpenItem
    from desk_gui.exchange.export import ExportOptions, Progress
    from desk_gui.services.accounts import SignedIn
    from desk_gui.services.importing import ImportService
    from desk_gui.services.kb import KnowledgeService
    from desk_gui.services.problems import ProblemService
    from desk_gui.services.reminders import ReminderService
    from desk_gui.services.review.compute import Period, Report, ReportFilter

__all__ = ["SCHEMA_VERSION", "ProbeResult", "Workspace"]

# Exchange (openpyxl), the knowledge base, problems, the review report, accounts (sign-in) and
# reminders are imported when first used, not at start-up: the queue window paints before they
# are ever needed (issue 11).

ACTIONS_AHEAD_DAYS = 7
"""The review report lists improvement actions due up to this many days after its period."""


class Workspace:
    """The open database of one window or verb, its operator's context and its services."""

    def __init__(self, db: pw.Database, target: str, ctx: Context) -> None:
        self._db = db
        self.target = target
        self.ctx = ctx
        self.queue = QueueService()
        self.tickets = WorkflowService(ctx, auto_escalate_p1=True)
        self._closed = False

    @property
    def kb(self) -> KnowledgeService:
        """The knowledge base, for the current operator."""
        from desk_gui.services.kb import KnowledgeService

        return KnowledgeService(self.ctx)

    # -- life cycle ------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str],
        operator: str | Context = "",
        *,
        create: bool = True,
        migrate: bool = True,
        backup_dir: Path | None = None,
        bind: bool = True,
        finish_import: bool = True,
    ) -> Workspace:
        """Open (creating and migrating as asked) ``target`` for ``operator``.

        ``bind=False`` leaves the database that is bound now in place (a window still works on
        it) until ``bind()`` is called. ``finish_import=False`` leaves an interrupted import's
        search rows to ``finish_interrupted_import()`` (the window runs it after its first page).
        """
        db = connect_database(target, create=create, migrate=migrate, backup_dir=backup_dir)
        ctx = operator if isinstance(operator, Context) else Context(operator=operator)
        workspace = cls(db, os.fspath(target), ctx)
        workspace._adopt_server_login()
        if bind:
            workspace.bind()
            if finish_import:
                _finish_interrupted_import()
        return workspace

    def finish_interrupted_import(self) -> None:
        """Index what an import killed half-way left unindexed (cheap when nothing was)."""
        _finish_interrupted_import()

    def _adopt_server_login(self) -> None:
        """On PostgreSQL with a staff member's own login, the server has signed them in: act
        as that person with their group's role (no second password)."""
        if not pg_roles.is_postgres(self._db):
            return
        with translate_errors(self._db):
            found = pg_roles.identity(self._db)
        if found is not None:
            name, role = found
            self.ctx.role = Role(role)
            self.ctx.supervisor = self.ctx.role.at_least(Role.SUPERVISOR)
            self.set_operator(name)

    @property
    def server_signed_in(self) -> bool:
        """Whether the database server itself identified the person (their own login)."""
        return pg_roles.is_postgres(self._db) and self.ctx.role is not None

    def bind(self) -> None:
        """Make this workspace's database the one the services of this process use."""
        if self._closed:
            raise RuntimeError("the workspace is closed")
        bind_database(self._db)

    @property
    def is_bound(self) -> bool:
        return not self._closed and is_bound(self._db)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the database (unbinding it if it is the bound one); idempotent."""
        if not self._closed:
            self._closed = True
            close_database(self._db)

    def release_thread(self) -> None:
        """Close the calling thread's connection, if it has one (a worker thread's job ended).

        peewee keeps one connection per thread; the window's own is closed by ``close()``.
        """
        if not self._closed:
            close_thread_connection(self._db)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- who works ------------------------------------------------------------------------

    @property
    def display_target(self) -> str:
        """The target fit to show (a URL's password masked)."""
        return redact_url(self.target)

    @property
    def path(self) -> Path | None:
        """The SQLite file; None for a server database."""
        return database_path(self._db)

    def schema_version(self) -> int:
        with translate_errors(self._db):
            return schema_version(self._db)

    def journal_mode(self) -> str:
        """SQLite's journal mode of this connection ("delete" here); "" for a server."""
        if self.path is None:
            return ""
        with translate_errors(self._db):
            return str(self._db.execute_sql("PRAGMA journal_mode").fetchone()[0])

    def set_operator(self, name: str) -> None:
        self.ctx.operator = name
        self.tickets = WorkflowService(self.ctx, auto_escalate_p1=True)

    # -- accounts (issue 14) ----------------------------------------------------------------

    def sign_in_required(self) -> bool:
        """Whether the office requires staff to sign in with a password."""
        with translate_errors(self._db):
            return access.sign_in_required()

    def sign_in(self, name: str, password: str) -> SignedIn:
        """Check the password (audited, counted) and act as that person with their role."""
        from desk_gui.services.accounts import authenticate

        signed = authenticate(self.ctx, name, password)
        self.ctx.role = signed.role
        self.ctx.supervisor = signed.role.at_least(Role.SUPERVISOR)
        self.set_operator(signed.name)
        return signed

    def sign_out(self) -> None:
        """Nobody is signed in any more (audited); privileged services refuse until sign-in."""
        if self.ctx.role is not None:
            audit.record(self.ctx, audit.AuditAction.SIGN_OUT, self.ctx.operator)
        self.ctx.role = None
        self.ctx.supervisor = False
        self.set_operator("")

    def record_print(self, numbers: Sequence[str], *, masked: bool, how: str) -> None:
        """Audit printed worksheets; unmasked printing is a supervisor's (AccessDenied)."""
        access.require(self.ctx, access.Privilege.PRINT)
        if not masked:
            access.require(self.ctx, access.Privilege.UNMASKED_EXPORT)
        audit.printed(self.ctx, numbers, masked=masked, how=how)

    def reminders(self) -> ReminderService:
        """A reminder service for the current operator."""
        from desk_gui.services.reminders import ReminderService

        return ReminderService(self.ctx)

    def staff(self, active_only: bool = False) -> list[directory.StaffMember]:
        with translate_errors(self._db):
            return directory.list_staff(active_only=active_only)

    def settings(self) -> OfficeSettings:
        with translate_errors(self._db):
            return load_settings()

    def save_settings(self, settings: OfficeSettings) -> OfficeSettings:
        return save_settings(settings, self.ctx)

    def set_masking(self, on: bool) -> OfficeSettings:
        """Masking of names and phone numbers on paper and in exports (a supervisor's call)."""
        return set_masking(on, self.ctx)

    # -- exchange -------------------------------------------------------------------------

    def importer(self) -> ImportService:
        from desk_gui.services.importing import ImportService

        return ImportService(self.ctx)

    def ticket_ids(self, flt: QueueFilter | None = None) -> list[int]:
        with translate_errors(self._db):
            return ticket_ids(flt)

    def export(
        self,
        path: str | Path,
        fmt: str | None = None,
        *,
        flt: QueueFilter | None = None,
        ids: Sequence[int] | None = None,
        sort: SortKey | None = None,
        descending: bool = False,
        options: ExportOptions | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Export a selection, a filter's tickets in queue order, or every ticket (masking:
        the office setting unless ``options`` says; unmasked is a supervisor's). Audited."""
        from desk_gui.exchange.export import export_tickets

        with translate_errors(self._db):
            masked = office_masks_requester()
        if options is not None and options.mask_requester is not None:
            masked = options.mask_requester
        access.require(self.ctx, access.Privilege.EXPORT)
        if not masked:
            access.require(self.ctx, access.Privilege.UNMASKED_EXPORT)
        n = export_tickets(
            path, fmt, flt=flt, ids=ids, sort=sort, descending=descending,
            options=options, progress=progress,
        )  # fmt: skip
        what = audit.describe_selection(flt, ids)
        audit.exported(self.ctx, str(path), what, masked=masked, count=n)
        return n

    # -- the file -------------------------------------------------------------------------

    @staticmethod
    def check_engine() -> None:
        """Refuse an SQLite library without the features the schema needs (SqliteTooOld)."""
        check_sqlite_library()

    @staticmethod
    def refuse_server(target: str | os.PathLike[str]) -> None:
        """SqliteOnly for a server URL: file-level commands are SQLite's."""
        refuse_server_url(target)

    @staticmethod
    def probe(target: str) -> ProbeResult:
        """Whether ``target`` could be opened, without opening it; raises StoreError if not."""
        return probe_target(target)

    def check(self) -> list[str]:
        """Integrity, schema and handling-log problems of this workspace's database."""
        return self.check_target(self.target)

    @staticmethod
    def check_target(target: str | os.PathLike[str]) -> list[str]:
        """Problems of the file (or PostgreSQL database) at ``target``, read without opening
        it for work: integrity, schema, the log's guard and hash chain."""
        return check_database(target)

    def backup(self, dest: Path, *, overwrite: bool = False) -> Path:
        """A consistent copy of this workspace's file (SQLite only) while others write."""
        return self.backup_target(self.target, dest, overwrite=overwrite)

    @staticmethod
    def backup_target(
        target: str | os.PathLike[str], dest: Path, *, overwrite: bool = False
    ) -> Path:
        """A consistent copy of the file at ``target`` (it is not migrated first)."""
        return backup_database(dest, src=target, overwrite=overwrite)

    # -- review ---------------------------------------------------------------------------

    def review_report(
        self,
        period: Period,
        flt: ReportFilter | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        """The review report of ``period`` (and the one before) on the office's calendar."""
        from desk_gui.services.review.compute import build_report

        with translate_errors(self._db):
            settings = load_settings()
            answers = self.kb.answering_article  # the top problems' knowledge-base articles
            report = build_report(
                period, settings.calendar, flt, progress=progress, article=answers
            )
            report.office = settings.office_name
            return report

    def review_filter_values(self) -> dict[str, list[str]]:
        """Values the report's filters offer: departments, assignees, categories, priorities."""
        from desk_gui.services.review.compute import filter_values

        with translate_errors(self._db):
            return filter_values()

    def review_open_items(self, period: Period, lang: str = "zh") -> list[OpenItem]:
        """Open problem records, and unfinished actions due by a week after the period."""
        until = period.last + timedelta(days=ACTIONS_AHEAD_DAYS)
        return self.problems().open_items(until, lang)

    def problems(self) -> ProblemService:
        """Problem records for the current operator."""
        from desk_gui.services.problems import ProblemService

        return ProblemService(self.ctx)


def _finish_interrupted_import() -> None:
    """The search rows of an import published by a process killed before it wrote them all
    (store/import_stage.py); cheap when there is none (one look at ``meta``). A file this
    workstation cannot write now (read-only, busy) is left for the next opening."""
    if not is_sqlite():
        return
    from desk_gui.store.import_stage import finish_interrupted  # not needed for a first paint

    try:
        with translate_errors():
            finish_interrupted()
    except DeskError:
        pass
