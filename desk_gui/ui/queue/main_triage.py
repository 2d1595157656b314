"""Triage in the main window: reminders dock, notifications, supervisor view, SLA settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction

from desk_gui.domain.errors import DeskError
from desk_gui.services.queue import supervisor_filter
from desk_gui.ui.reminders.reminder_panel import add_reminder_dock
from desk_gui.ui.reminders.reminders import ReminderNotifier, ReminderPoller

if TYPE_CHECKING:
    from desk_gui.services.reminders import ReminderService
    from desk_gui.ui.queue.main_menus import MainMenus
    from desk_gui.ui.queue.window_base import QueueWindow

FIRST_POLL_DELAY_MS = 1500


class MainTriage(QObject):
    """Owns the reminder poller and panel and the supervisor/SLA actions of one window."""

    def __init__(self, window: QueueWindow, menus: MainMenus) -> None:
        super().__init__(window)
        self.w = window
        # Its service comes with the workspace (attach): the window paints before it is open.
        self.poller = ReminderPoller(None, parent=self, jobs=window.jobs)
        # A member, not QTimer.singleShot, so that stop() also cancels the first poll.
        self._first_poll = QTimer(self)
        self._first_poll.setSingleShot(True)
        self._first_poll.setInterval(FIRST_POLL_DELAY_MS)
        self._first_poll.timeout.connect(self._start_polling)
        self.panel = add_reminder_dock(window, self.poller)
        self.panel.setObjectName("reminderPanel")
        self.notifier = ReminderNotifier(window, tray=menus.tray)
        self.poller.reminders_arrived.connect(self.notifier.notify)
        self.panel.open_requested.connect(window.open_ticket)
        self.notifier.open_requested.connect(window.open_ticket)
        self.poller.error_raised.connect(self._on_poller_error_raised)
        self.supervisor = self._action(
            "actionSupervisorView", self.tr("&Overdue or unassigned"), self.show_supervisor_view
        )
        self.supervisor.setToolTip(
            self.tr("Every open ticket past a deadline or assigned to nobody")
        )
        self.sla = self._action(
            "actionSlaSettings", self.tr("&Deadlines and calendar…"), self.open_sla
        )
        menus.view_menu.addSeparator()
        menus.view_menu.addAction(self.supervisor)
        menus.view_menu.addAction(self.panel.toggleViewAction())
        menus.tools_menu.addAction(self.sla)
        menus.toolbar.addAction(self.supervisor)

    def _action(self, name: str, text: str, slot: object) -> QAction:
        action = QAction(text, self.w)
        action.setObjectName(name)
        action.triggered.connect(lambda *_: slot())  # type: ignore[operator]
        self.w.addAction(action)
        return action

    def attach(self, service: ReminderService) -> None:
        """Poll ``service`` (the window's workspace is open)."""
        self.poller.set_service(service)

    def start(self) -> None:
        # The first poll reads the office calendar (a costly build when none is stored yet):
        # after the window has painted, never before.
        self._first_poll.start()

    def _start_polling(self) -> None:
        if self.w.isVisible():
            self.poller.start()

    def stop(self) -> None:
        self._first_poll.stop()
        self.poller.stop()

    def poll_now(self) -> None:
        self.poller.poll_now()

    def show_supervisor_view(self) -> None:
        """The queue narrowed to what a supervisor must act on, earliest deadline first."""
        from desk_gui.ui.queue.ticket_table_model import Column

        self.w.model.set_filter(supervisor_filter())
        self.w.model.sort(int(Column.NEXT_DUE), Qt.SortOrder.AscendingOrder)
        self.w.refresh()

    def open_sla(self) -> None:
        from desk_gui.ui.settings.sla_settings_dialog import open_sla_settings

        if open_sla_settings(self.w, self.w.session.tickets):
            self.w.reload_office()
            if self.poller.service is not None:
                self.poller.service.reload_settings()
            self.poller.poll_now()

    def _on_poller_error_raised(self, exc: object) -> None:
        # Every 30 s while the share is gone: the status bar, never a dialog storm.
        if isinstance(exc, DeskError):
            self.w.statusBar().showMessage(exc.message(self.w.session.lang), 10_000)
