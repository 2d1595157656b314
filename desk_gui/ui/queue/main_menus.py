"""The main window's menus, toolbar and shortcuts, and the print/export commands behind them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QToolBar  # the dialogs', tray's and QStyle: where used (issue 11)

from desk_gui import __version__
from desk_gui.ui.common.background import Job, ProgressJob

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QSystemTrayIcon

    from desk_gui.domain.ticket import TicketRecord
    from desk_gui.printing.content import WorksheetOptions
    from desk_gui.services.context import Context
    from desk_gui.ui.queue.window_base import QueueWindow


class MainMenus(QObject):
    """Builds the window's actions (each with an objectName) and runs the print commands."""

    def __init__(self, window: QueueWindow) -> None:
        super().__init__(window)
        self.w = window
        self._tray: QSystemTrayIcon | None = None
        self._audit_serial = itertools.count()
        self._build()

    def _act(
        self, name: str, text: str, slot: Callable[[], object], shortcut: QKeySequence | str = ""
    ) -> QAction:
        action = QAction(text, self.w)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda *_: slot())
        self.w.addAction(action)
        return action

    def _build(self) -> None:
        w = self.w
        std = QKeySequence.StandardKey
        self.new_ticket = self._act(
            "actionNewTicket", self.tr("&New ticket…"), w.new_ticket, "Ctrl+N"
        )
        self.open_ticket = self._act(
            "actionOpenTicket", self.tr("&Open ticket"), self._open_current
        )
        self.preview = self._act(
            "actionPrintPreview", self.tr("Print pre&view…"), self.print_preview
        )
        self.print = self._act("actionPrint", self.tr("&Print…"), self.print_selected, "Ctrl+P")
        self.pdf = self._act("actionSavePdf", self.tr("Save as PD&F…"), self.save_pdf)
        self.blank = self._act(
            "actionBlankWorksheet", self.tr("&Blank worksheet…"), self.print_blank
        )
        self.export = self._act("actionExport", self.tr("&Export queue…"), self.export_queue)
        self.import_sheet = self._act(
            "actionImport", self.tr("&Import spreadsheet…"), self.import_spreadsheet
        )
        self.open_db = self._act(
            "actionOpenDatabase", self.tr("Open &database…"), self.open_database
        )
        self.quit = self._act("actionQuit", self.tr("&Quit"), w.close, "Ctrl+Q")
        self.find = self._act("actionFind", self.tr("&Search"), w.focus_search, "Ctrl+F")
        self.refresh = self._act("actionRefresh", self.tr("&Refresh"), w.refresh, "F5")
        self.clear = self._act("actionClearFilters", self.tr("&Clear filters"), self._clear_filters)
        self.operator = self._act("actionOperator", self.tr("Change &operator…"), w.change_operator)
        self.settings = self._act("actionSettings", self.tr("&Settings…"), w.open_settings)
        self.about = self._act("actionAbout", self.tr("&About Desk"), self._about)
        self.knowledge_base = self._act(
            "actionKnowledgeBase", self.tr("&Knowledge base…"), self.open_knowledge_base, "Ctrl+K"
        )
        self.new_ticket.setToolTip(self.tr("Log a new ticket (Ctrl+N)"))
        self.refresh.setToolTip(self.tr("Refresh the queue (F5)"))
        self.settings.setShortcut(QKeySequence(std.Preferences))

        bar = w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_ticket, self.open_ticket])
        file_menu.addSeparator()
        file_menu.addActions([self.preview, self.print, self.pdf, self.blank])
        file_menu.addSeparator()
        file_menu.addActions([self.export, self.import_sheet, self.open_db])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.view_menu = view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.find, self.refresh, self.clear])
        self.tools_menu = tools_menu = bar.addMenu(self.tr("&Tools"))
        tools_menu.addActions([self.operator, self.settings])
        tools_menu.addAction(self.knowledge_base)
        self.review = self._act(
            "actionReviewReport", self.tr("&Review report…"), self.review_report
        )
        tools_menu.addAction(self.review)
        self.problem = self._act(
            "actionProblemRecord",
            self.tr("Problem record of selected tickets…"),
            self.problem_record,
        )
        tools_menu.addAction(self.problem)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about)

        self.toolbar = toolbar = QToolBar(self.tr("Main"), w)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Blank icons of the same size until ``show_icons``: the buttons keep their width.
        blank = QPixmap(toolbar.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        for action in (self.new_ticket, self.refresh, self.print):
            action.setIcon(QIcon(blank))
        self.icons_shown = False
        toolbar.addActions([self.new_ticket, self.refresh, self.print])
        w.addToolBar(toolbar)

    def show_icons(self) -> None:
        """The toolbar's icons from the style: just after the first paint at a start (PySide
        creating ``QStyle``'s Python enums took 5-6 ms before it, issue 11), else at once."""
        if self.icons_shown:
            return
        from PySide6.QtWidgets import QStyle

        self.icons_shown = True
        style = self.w.style()
        self.new_ticket.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.refresh.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.print.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))

    def tray(self) -> QSystemTrayIcon:
        """A tray icon for P1 notices (created on first use)."""
        if self._tray is None:
            from PySide6.QtWidgets import QStyle, QSystemTrayIcon

            self._tray = QSystemTrayIcon(self.w.windowIcon(), self.w)
            self._tray.setIcon(
                self.w.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            )
            self._tray.show()
        return self._tray

    # -- commands ------------------------------------------------------------------------------

    def _open_current(self) -> None:
        ticket_id = self.w.current_id()
        if ticket_id is not None:
            self.w.open_ticket(ticket_id)

    def _clear_filters(self) -> None:
        self.w.filter_bar.reset()
        self.w.filter_bar.filter_changed.emit(self.w.filter_bar.current_filter())

    def options(self) -> WorksheetOptions:
        from desk_gui.printing.content import WorksheetOptions

        office = self.w.office
        return WorksheetOptions(
            lang=self.w.session.lang,
            mask_requester=office.mask_requester,
            office_name=office.office_name,
            printed_by=self.w.session.ctx.operator,
        )

    def selected_records(self, then: Callable[[list[TicketRecord | None]], None]) -> None:
        """Read the selected tickets in full in the background, then ``then(records)``;
        nothing (after telling the user) when none is selected."""
        from PySide6.QtWidgets import QMessageBox

        ids = self.w.selected_ids()
        if not ids:
            QMessageBox.information(
                self.w, self.tr("Print"), self.tr("Select one or more tickets in the queue first.")
            )
            return
        tickets = self.w.session.tickets

        def read(job: Job) -> list[TicketRecord | None]:
            records: list[TicketRecord | None] = []
            for n, ticket_id in enumerate(ids):
                if n % 20 == 0:
                    job.progress(n, len(ids))
                records.append(tickets.get(ticket_id))
            return records

        label = self.tr("Reading {count} tickets…").format(count=len(ids))
        ProgressJob(self.w, self.w.jobs, "print-records", label, read, then, self.w.show_error)

    def print_preview(self) -> None:
        from desk_gui.ui.queue import print_actions  # printing loads on first use

        lang, options = self.w.session.lang, self.options()

        def preview(records: list[TicketRecord | None]) -> None:
            self._audit_print(records, options.mask_requester, "print preview")
            print_actions.print_preview(self.w, records, lang, options)

        self.selected_records(preview)

    def print_selected(self) -> None:
        from desk_gui.ui.queue import print_actions  # printing loads on first use

        lang, options = self.w.session.lang, self.options()

        def print_them(records: list[TicketRecord | None]) -> None:
            if print_actions.print_records(self.w, records, lang, options):
                self._audit_print(records, options.mask_requester, "printer")

        self.selected_records(print_them)

    def save_pdf(self) -> None:
        self.selected_records(self._save_pdf)

    def _save_pdf(self, records: list[TicketRecord | None]) -> None:
        from desk_gui.ui.queue import print_actions  # printing loads on first use

        first = records[0]
        name = f"{first.number}.pdf" if first is not None and len(records) == 1 else "desk.pdf"
        target = print_actions.save_pdf(
            self.w, records, self.w.session.lang, self.options(), name, self.w.session.prefs
        )
        if target is not None:
            self._audit_print(records, self.options().mask_requester, f"pdf {target}")
            self.w.statusBar().showMessage(self.tr("Saved {path}").format(path=target), 5000)

    def print_blank(self) -> None:
        from desk_gui.ui.queue import print_actions  # printing loads on first use

        print_actions.print_preview(self.w, [None], self.w.session.lang, self.options())

    def export_queue(self) -> None:
        from desk_gui.ui.queue import print_actions  # printing loads on first use

        target = print_actions.ask_export_path(self.w, self.w.session.prefs)
        if target is None:
            return
        m = self.w.model
        print_actions.start_export(
            self.w,
            self.w.jobs,
            target,
            m.queue_filter,
            m.sort_key,
            m.descending,
            self.w.session.lang,
            self.w.office.mask_requester,
            self._on_exported,
            self.w.show_error,
        )

    def _on_exported(self, target: Path) -> None:
        from desk_gui.services import audit  # the data layer comes after the first paint

        self._audit_background(
            lambda ctx: audit.record(
                ctx, audit.AuditAction.EXPORT, str(target),
                f"{audit.describe_selection(self.w.model.queue_filter, None)}; "
                f"{'masked' if self.w.office.mask_requester else 'UNMASKED'}",
            )
        )  # fmt: skip
        self.w.statusBar().showMessage(self.tr("Exported to {path}").format(path=target), 5000)

    # -- the audit trail (issue 14): what this window printed and exported --------------------

    def _audit_background(self, write: Callable[[Context], None]) -> None:
        """Write an audit event on a worker (the window's thread never waits on the database)."""
        ctx = self.w.session.ctx

        def work(_job: Job) -> None:
            write(ctx)

        self.w.jobs.submit(f"audit-{next(self._audit_serial)}", work, lambda _r: None)

    def _audit_print(self, records: list[TicketRecord | None], masked: bool, how: str) -> None:
        from desk_gui.services import audit  # the data layer comes after the first paint

        numbers = [r.number for r in records if r is not None]
        self._audit_background(lambda ctx: audit.printed(ctx, numbers, masked=masked, how=how))

    def import_spreadsheet(self) -> None:
        from desk_gui.ui.exchange.import_dialog import ImportDialog  # importing loads on first use

        session = self.w.session
        if ImportDialog.ask(self.w, session.ctx, session.lang, self.w.jobs) is not None:
            self.w.refresh()

    def open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self.w,
            self.tr("Open a Desk database"),
            self.w.session.database,
            self.tr("Desk database (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.w.database_requested.emit(path)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self.w,
            self.tr("About Desk"),
            self.tr("Desk {version}: the service-desk workstation.").format(version=__version__),
        )

    def open_knowledge_base(self) -> None:
        """The knowledge-base window (one per main window, raised when open)."""
        from desk_gui.ui.kb.kb_window import KnowledgeBaseWindow

        found = self.w.findChild(KnowledgeBaseWindow, "kbWindow")
        if found is None:
            found = KnowledgeBaseWindow(self.w.session.workspace.kb, self.w.jobs, self.w)
        found.show()
        found.raise_()
        found.activateWindow()

    def review_report(self) -> None:
        """Tools → Review report: one window, raised if already open."""
        from desk_gui.ui.queue import print_actions
        from desk_gui.ui.report.report_dialog import ReviewReportDialog  # loads on first use

        shown = getattr(self, "_review_dialog", None)
        if shown is not None:
            shown.raise_()
            shown.activateWindow()
            return
        prefs = self.w.session.prefs

        def ask_path(title: str, name: str, filters: str) -> Path | None:
            dialog = print_actions.save_dialog(self.w, title, prefs, name, filters)
            chosen = print_actions.ask_save_path(dialog, prefs)
            return chosen[0] if chosen else None

        dialog = ReviewReportDialog(self.w.session, self.w.jobs, ask_path=ask_path, parent=self.w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._review_dialog = dialog
        dialog.destroyed.connect(lambda *_: setattr(self, "_review_dialog", None))
        dialog.show()

    def problem_record(self) -> None:
        """Tools → Problem record: group the selected tickets under a problem (or an open one
        alike their title)."""
        from PySide6.QtWidgets import QMessageBox

        from desk_gui.ui.report.problem_dialog import ProblemDialog  # loads on first use

        ids = self.w.selected_ids()
        if not ids:
            QMessageBox.information(
                self.w, self.tr("Problem record"), self.tr("Select one or more tickets first.")
            )
            return
        dialog = ProblemDialog(self.w.session, self.w.jobs, ticket_ids=ids, parent=self.w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
