"""The workstation window: the live ticket queue with its filters, menus and status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.services.queue import QueueRow
from desk_gui.ui.common.background import Jobs
from desk_gui.ui.common.screen_fit import fit_on_screen
from desk_gui.ui.queue.filter_bar import FilterBar
from desk_gui.ui.queue.hidden_ticket_notice import HiddenTicketNotice
from desk_gui.ui.queue.main_menus import MainMenus
from desk_gui.ui.queue.main_notice_banner import NoticeBanner
from desk_gui.ui.queue.main_triage import MainTriage
from desk_gui.ui.queue.ticket_table_model import COLUMN_WIDTHS, Column, TicketTableModel
from desk_gui.ui.queue.window_base import QueueWindow

if TYPE_CHECKING:
    from desk_gui.domain.ticket import TicketRecord
    from desk_gui.services.settings import OfficeSettings
    from desk_gui.ui.accounts.account_actions import AccountActions
    from desk_gui.ui.common.prefs import WorkstationPrefs
    from desk_gui.ui.common.session import Session
    from desk_gui.ui.queue.live import LiveUpdates
    from desk_gui.ui.worksheet.worksheet_view import WorksheetView

# The worksheet view, the settings dialog, the ticket form and printing are imported when first
# used: together they are a fifth of the start-up time and none is needed to show the queue.

DEFAULT_ORDER = (
    Column.NUMBER,
    Column.TITLE,
    Column.PRIORITY,
    Column.NEXT_DUE,
    Column.STATUS,
    Column.ASSIGNEE,
    Column.REQUESTER,
    Column.DEPARTMENT,
    Column.CATEGORY,
    Column.URGENCY,
    Column.SUBMITTED,
)
"""The queue's columns as a new workstation shows them (each workstation may rearrange them)."""

OFFICE_DELAY_MS = 100
"""The office settings (title, masking) are read this long after the window first paints (and
an interrupted import's search rows finished)."""

TICK_MS = 30_000
"""How often the time-left column is repainted."""

COUNT_CAP = 10_000
"""A search counts at most this many matches ("10,000+"): its count never holds the file long."""


GUARDED_ACTIONS: dict[str, str] = {
    "actionSlaSettings": "sla_settings",
    "actionStaffAccounts": "staff",
}
"""Window actions greyed out (with the reason) for a role that may not do them (by
``services.access.Privilege`` value: that module is imported once the data layer is)."""


class WindowStart:
    """What a window shows before its workspace is open (a start's first paint, issue 11).

    A plain class: the first NamedTuple defined costs a millisecond before the first paint.
    """

    __slots__ = ("database_label", "lang", "operator", "prefs")

    def __init__(
        self, lang: str, prefs: WorkstationPrefs, operator: str, database_label: str
    ) -> None:
        self.lang = lang
        self.prefs = prefs
        self.operator = operator
        self.database_label = database_label


def _ignore(_result: object) -> None:
    pass


class MainWindow(QueueWindow):
    """Queue, filters, search, live refresh and the commands around them."""

    restart_requested = Signal()  # language changed: rebuild the window
    ticket_opened = Signal(int)
    p1_noticed = Signal(str)

    def __init__(
        self,
        session: Session | None = None,
        parent: QWidget | None = None,
        *,
        start: WindowStart | None = None,
    ) -> None:
        """The window on ``session``; or, with ``start`` alone, the window as it first paints
        at start-up (``read_first_page``, then ``attach`` once the workspace is open)."""
        super().__init__(parent)
        if session is not None:
            start = WindowStart(
                session.lang, session.prefs, session.ctx.operator, session.database_label
            )
        assert start is not None
        self._start = start
        self._attached = False
        self.setObjectName("MainWindow")
        self.setAccessibleName(self.tr("Desk"))
        self._office: OfficeSettings | None = None
        # Every query of the queue runs on these workers; results come back by signal.
        self.jobs = Jobs(self._release_thread, self)
        self._after_reload: list[Callable[[], None]] = []
        # Masked until the office settings are read (just after the first paint). Without a
        # service yet, the model owes its first read until ``attach`` (or ``read_first_page``).
        self.model = TicketTableModel(None, start.lang, mask=True, jobs=self.jobs, parent=self)
        self._open_views: list[WorksheetView] = []
        self._shown_once = False
        self._build()
        self.menus = MainMenus(self)
        self.triage = MainTriage(self, self.menus)
        self._restore_layout()
        self._update_title()
        if self.filter_bar.current_filter() != self.model.queue_filter:
            self.model.set_filter(self.filter_bar.current_filter())
        if session is not None:
            self.attach(session)

    def read_first_page(self, target: str) -> bool:
        """Show the queue's first page read straight from the file ``target`` (before the data
        layer is imported); False when the start must take the full path (see
        ``store.first_page``)."""
        from desk_gui.services.first_page import read_first_page

        model = self.model
        found = read_first_page(
            target,
            self._start.operator,
            model.queue_filter,
            model.sort_key,
            model.descending,
            model.page_size,
        )
        if found is None:
            return False
        model.preload(model.queue_filter, model.sort_key, model.descending, found.rows)
        return True

    def attach(self, session: Session) -> None:
        """Work on ``session``: the services, menus' account actions, live updates and the
        reads that follow the first page. A window built with a session is attached at once."""
        from desk_gui.services.access import Privilege
        from desk_gui.ui.accounts.account_actions import AccountActions
        from desk_gui.ui.queue.live import LiveUpdates

        self.session = session
        self._attached = True
        self.menus.show_icons()  # a start shows them just after the first paint, before this
        self.model.set_service(session.queue)
        self.live: LiveUpdates = LiveUpdates(session.queue, parent=self, jobs=self.jobs)
        self.triage.attach(session.workspace.reminders())
        guarded = {name: Privilege(value) for name, value in GUARDED_ACTIONS.items()}
        self.accounts: AccountActions = AccountActions(
            self, self.menus.tools_menu, guarded, self.restart_requested.emit
        )
        self._connect()
        self._update_title()
        # The count, live updates, the office settings (their holiday calendar, a costly build)
        # and the first reminder poll wait for the first page: on a busy machine a timer started
        # here fired first and held the page back by the calendar's build, and the count and
        # the watcher's connection shared the workers (and the two cores) with the page.
        self._first_page_shown = False
        self.model.loading_changed.connect(self._on_model_loading_changed)
        self._on_model_loading_changed(self.model.loading)

    @property
    def attached(self) -> bool:
        """Whether the window works on its workspace yet (see ``attach``)."""
        return self._attached

    def _release_thread(self) -> None:
        if self._attached:
            self.session.workspace.release_thread()

    # -- construction --------------------------------------------------------------------------

    @property
    def office(self) -> OfficeSettings:
        """The office settings, read on first use."""
        if self._office is None:
            try:
                self._office = self.session.workspace.settings()
            except DeskError as exc:
                from desk_gui.services.settings import OfficeSettings

                self.show_error(exc)
                self._office = OfficeSettings()
        return self._office

    def _on_model_loading_changed(self, loading: bool) -> None:
        if loading or self._first_page_shown:
            return
        self._first_page_shown = True
        self._recount()
        self.live.start()
        # A commit between the page's read and the watcher's start is not missed: one refresh
        # at the first poll.
        self.live.note_own_write()
        self._office_timer.start()
        self.triage.start()

    def _after_first_page(self) -> None:
        self._apply_office()
        # What an import killed half-way left unindexed: indexed now, off the window's thread
        # (its code is imported only now: a worker importing it held the first paint back).
        workspace = self.session.workspace
        self.jobs.submit(
            "finish-import", lambda _job: workspace.finish_interrupted_import(), _ignore
        )

    def _apply_office(self) -> None:
        # Reading them builds the holiday calendar (~0.25 s): after the window is on screen.
        self.model.set_mask(self.office.mask_requester)
        self._update_title()

    def _build(self) -> None:
        self.banner = NoticeBanner(self)
        self.filter_bar = FilterBar(self._start.lang, self._start.operator, self)
        self.view = QTableView(self)
        self.view.setObjectName("queueView")
        self.view.setAccessibleName(self.tr("Ticket queue"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        row_height = self.view.fontMetrics().height() + 10
        self.view.verticalHeader().setDefaultSectionSize(row_height)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        # What an agent reads first comes first: the title keeps its width (a stretched title
        # shrank to nothing beside the reminders dock) and the time left sits by the priority.
        for visual, column in enumerate(DEFAULT_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        header.setStretchLastSection(True)
        header.setSortIndicator(Column.NEXT_DUE, Qt.SortOrder.AscendingOrder)
        saved = self._start.prefs.header_state()
        if saved is not None:
            header.restoreState(saved)  # this workstation's widths and sort column
        self.view.setSortingEnabled(True)  # the first page is read in the indicated order

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.filter_bar.search_edit, self.filter_bar.status_combo)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.operator_label = QLabel(self)
        self.operator_label.setObjectName("operatorLabel")
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.hidden_notice = HiddenTicketNotice(self)
        status = self.statusBar()
        status.addWidget(self.count_label)
        status.addWidget(self.hidden_notice)
        status.addPermanentWidget(self.operator_label)
        status.addPermanentWidget(self.database_label)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        # A member, not QTimer.singleShot: closing the window (quit or database switch) stops
        # it, so it never reads the next database.
        self._office_timer = QTimer(self)
        self._office_timer.setSingleShot(True)
        self._office_timer.setInterval(OFFICE_DELAY_MS)
        self._office_timer.timeout.connect(self._after_first_page)
        self.resize(1480, 860)

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self.filter_bar.search_submitted.connect(self._on_filter_bar_search_submitted)
        self.filter_bar.list_requested.connect(self._on_filter_bar_list_requested)
        self.view.activated.connect(self._on_view_activated)
        self.model.error_raised.connect(self._on_model_error_raised)
        self.model.reloaded.connect(self._on_model_reloaded)
        self.live.changed.connect(self._on_live_changed)
        self.live.p1_arrived.connect(self._on_live_p1_arrived)
        self.live.error_raised.connect(self._on_model_error_raised)
        self.banner.open_requested.connect(self.open_ticket)
        self.hidden_notice.open_requested.connect(self.open_ticket)
        self.tick_timer.timeout.connect(self.model.tick)
        self.tick_timer.start()

    def _restore_layout(self) -> None:
        prefs = self._start.prefs
        geometry = prefs.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = prefs.window_state()
        if state is not None:
            self.restoreState(state)
        fit_on_screen(self)

    def _update_title(self) -> None:
        parts = [self.tr("Desk")]
        if self._office is not None and self._office.office_name:
            parts.append(self._office.office_name)
        self.setWindowTitle(" — ".join(parts))
        operator, label = self._start.operator, self._start.database_label
        if self._attached:
            operator, label = self.session.ctx.operator, self.session.database_label
        self.operator_label.setText(self.tr("Operator: {name}").format(name=operator))
        self.database_label.setText(label)
        self.database_label.setToolTip(self.tr("Database: {path}").format(path=label))

    # -- queue ---------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.ticket_id(r) for r in rows]

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.ticket_id(index.row()) if index.isValid() else None

    def select_ticket(self, ticket_id: int) -> bool:
        """Select a ticket among the loaded rows; False when it is not loaded."""
        row = self.model.row_of(ticket_id)
        if row is None:
            return False
        self._select_row(row, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def reveal_ticket(self, ticket_id: int, then: Callable[[bool], None] | None = None) -> None:
        """Select a ticket wherever it stands in the queue, loading as far as it in the
        background; ``then(found)`` afterwards (False when the filters hide it)."""

        def revealed(row: int | None) -> None:
            if row is not None:
                self._select_row(row, QAbstractItemView.ScrollHint.PositionAtCenter)
            if then is not None:
                then(row is not None)

        self.model.reveal(ticket_id, revealed)

    def _select_row(self, row: int, hint: QAbstractItemView.ScrollHint) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index, hint)

    def show_saved_ticket(self, ticket: TicketRecord) -> None:
        """Select a ticket just saved; when the filters hide it, say so and offer to open it."""
        self.hidden_notice.clear()

        def shown(found: bool) -> None:
            if found:
                self.statusBar().showMessage(
                    self.tr("Ticket {number} saved.").format(number=ticket.number), 5000
                )
                return
            self.statusBar().clearMessage()
            self.hidden_notice.show_ticket(ticket.id, ticket.number)

        self.reveal_ticket(ticket.id, shown)

    def refresh(self) -> None:
        """F5: re-read the loaded rows and the count (in the background)."""
        self._refresh_rows()
        self._recount()

    def _refresh_rows(self) -> None:
        top = self.view.indexAt(self.view.viewport().rect().topLeft())
        top_id = self.model.ticket_id(top.row()) if top.isValid() else None
        top_offset = top.row() if top.isValid() else 0

        def refreshed(_changed: bool) -> None:
            if top_id is None:
                return
            row = self.model.row_of(top_id)
            if row is not None and row != top_offset:
                # Keep the same ticket at the top of the viewport (others moved above it).
                self.view.scrollTo(
                    self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
                )

        self.model.refresh(refreshed)

    def _recount(self) -> None:
        """Count the filter's tickets in the background; shown when the count arrives."""
        flt = self.model.queue_filter
        cap = COUNT_CAP if flt.text else None
        queue = self.session.queue
        self.jobs.submit(
            "queue-count", lambda _job: queue.count(flt, cap), self._show_count, self.show_error
        )

    def _show_count(self, count: int) -> None:
        if count > COUNT_CAP and self.model.queue_filter.text:
            text = self.tr("{count}+ tickets").format(count=f"{COUNT_CAP:,}")
        else:
            text = self.tr("{count} tickets").format(count=f"{count:,}")
        self.count_label.setText(text)

    def when_loaded(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the queue shows its current filter (at once if it does)."""
        if self.model.loading:
            self._after_reload.append(then)
        else:
            then()

    # -- commands ------------------------------------------------------------------------------

    def new_ticket(self) -> TicketRecord | None:
        """Ctrl+N: the ticket form; the created ticket is selected in the queue."""
        from desk_gui.ui.intake.ticket_form import TicketFormDialog

        created = TicketFormDialog.ask(
            self, self.session.tickets, kb=self.session.workspace.kb, jobs=self.jobs
        )
        if created is not None:
            self.live.note_own_write()
            self.refresh()
            self.show_saved_ticket(created)
        return created

    def open_ticket(self, ticket_id: int) -> None:
        """Enter: the ticket's worksheet in its own window (raised if already open)."""
        self.ticket_opened.emit(ticket_id)
        for view in self._open_views:
            if view.ticket_id == ticket_id:
                view.window().raise_()
                view.window().activateWindow()
                return
        from desk_gui.ui.worksheet.worksheet_view import open_worksheet

        view = open_worksheet(self, self.session.tickets, ticket_id)
        view.ticket_saved.connect(self._on_worksheet_ticket_saved)
        view.window().destroyed.connect(lambda *_: self._forget_view(view))
        self._open_views.append(view)

    def _forget_view(self, view: WorksheetView) -> None:
        if view in self._open_views:
            self._open_views.remove(view)

    def close_worksheets(self) -> None:
        for view in list(self._open_views):
            view.window().close()

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def change_operator(self) -> None:
        from desk_gui.ui.common.operator_dialog import OperatorDialog

        name = OperatorDialog.ask(self, self.session.ctx.operator)
        if name:
            self.session.set_operator(name)
            self.session.prefs.set_operator(name)
            self.filter_bar.set_operator(name)
            self._update_title()
            self.triage.poll_now()

    def open_settings(self) -> None:
        from desk_gui.ui.settings.settings_dialog import SettingsDialog

        s = self.session
        outcome = SettingsDialog.ask(self, s.prefs, s.database, s.ctx, s.lang, s.probe)
        if outcome is None:
            return
        if outcome.office_changed:
            self.reload_office()
        if outcome.database:
            self.database_requested.emit(outcome.database)
        elif outcome.language_changed:
            self.restart_requested.emit()

    def reload_office(self) -> None:
        """Office settings changed (here or in a dialog): re-read and re-apply them."""
        self._office = None
        self.session.tickets.reload_settings()
        self.model.set_mask(self.office.mask_requester)
        self._update_title()

    # -- slots ---------------------------------------------------------------------------------

    def _on_filter_bar_filter_changed(self, flt: object) -> None:
        self.hidden_notice.clear()
        if flt == self.model.queue_filter:
            return  # already shown (Enter ran it, then the typing timer): one query a search
        keep = self.current_id()
        self._after_reload = []  # what waited for a superseded search waits no more
        self.model.set_filter(flt)  # type: ignore[arg-type]
        self._recount()
        if keep is not None:
            self.when_loaded(lambda: self._reselect(keep))

    def _reselect(self, ticket_id: int) -> None:
        self.select_ticket(ticket_id)

    def _on_filter_bar_search_submitted(self, flt: object) -> None:
        """Enter: search now; open the only match, or the ticket whose full number was typed."""
        self._on_filter_bar_filter_changed(flt)
        text = self.filter_bar.search_edit.text().strip()
        self.when_loaded(lambda: self._open_search_result(text))

    def _open_search_result(self, text: str) -> None:
        model = self.model
        if model.rowCount() == 1 and not model.canFetchMore(QModelIndex()):
            self.select_ticket(model.ticket_id(0))
            self.open_ticket(model.ticket_id(0))
            return
        from desk_gui.domain.numbering import parse_number

        if parse_number(text) is None:
            return
        queue = self.session.queue
        self.jobs.submit(
            "find-number",
            lambda _job: queue.find_by_number(text),
            self._open_found,
            self.show_error,
        )

    def _open_found(self, found: QueueRow | None) -> None:
        if found is not None:  # hidden by the other filters: open it all the same
            self.open_ticket(found.id)

    def _on_filter_bar_list_requested(self) -> None:
        """Down in the search box: into the list, on its first row."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.when_loaded(self._select_first)

    def _select_first(self) -> None:
        if self.model.rowCount() > 0:
            self.select_ticket(self.model.ticket_id(0))

    def _on_model_reloaded(self) -> None:
        self.view.scrollToTop()
        waiting, self._after_reload = self._after_reload, []
        for then in waiting:
            then()

    def _on_view_activated(self, index: object) -> None:
        ticket_id = self.current_id()
        if ticket_id is not None:
            self.open_ticket(ticket_id)

    def _on_worksheet_ticket_saved(self, _ticket_id: int) -> None:
        self.live.note_own_write()
        self.refresh()

    def _on_live_changed(self) -> None:
        self.refresh()

    def _on_live_p1_arrived(self, rows: list[QueueRow]) -> None:
        text = self.banner.show_p1(rows)
        self.statusBar().showMessage(text, 15_000)
        QApplication.alert(self)
        from PySide6.QtWidgets import QSystemTrayIcon

        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            self.menus.tray().showMessage(self.tr("New P1 ticket"), text)
        self.p1_noticed.emit(text)

    def _on_model_error_raised(self, exc: object) -> None:
        if isinstance(exc, DeskError):
            self.show_error(exc)

    def show_error(self, exc: DeskError) -> None:
        self.statusBar().showMessage(exc.message(self._start.lang), 10_000)
        from desk_gui.ui.common.error_dialog import ErrorDialog

        ErrorDialog.show_error(self, exc, self._start.lang)

    # -- Qt overrides --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the frame is known only now: clamp once more with it
            self._shown_once = True
            fit_on_screen(self)

    def stop_timers(self) -> None:
        """Stop every timer of the queue that reads the database (on close, before its
        workspace is closed: after a switch the next database is already open)."""
        # First: a running query ends (its connection with it) before anything it uses closes,
        # and nothing queued starts after.
        self.jobs.shutdown()
        if self._attached:
            self.live.stop()
        self.triage.stop()
        self.tick_timer.stop()
        self._office_timer.stop()
        self.filter_bar.cancel_pending_search()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_timers()
        self.close_worksheets()
        for view in list(self._open_views):  # kept open over unsaved edits: stop it anyway
            view.shutdown()
        self._start.prefs.save_layout(
            self.saveGeometry(), self.saveState(), self.view.horizontalHeader().saveState()
        )
        super().closeEvent(event)

    def action(self, name: str) -> QAction:
        """A menu action by objectName (tests and automation)."""
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    @staticmethod
    def shortcut_of(action: QAction) -> str:
        return action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
