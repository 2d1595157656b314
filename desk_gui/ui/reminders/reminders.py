"""Reminders on this workstation: poll about every 30 s, announce new ones, keep the list.

``ReminderPoller`` asks the ReminderService (one poll = two or three index reads; a write
only when a reminder is new) and emits ``reminders_changed`` with the operator's pending list
and ``reminders_arrived`` with the ones this workstation is the first to claim.
``ReminderNotifier`` announces those in the system tray, or, where there is no tray, in a
non-modal toast in the window's corner (``ReminderToast``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QRect,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.ui.common.background import Immediate, Runner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon

    from desk_gui.domain.reminders import ReminderKind
    from desk_gui.services.reminders import DueReminder, ReminderKey, ReminderService

POLL_MS = 30_000
TOAST_MS = 12_000

# What each kind of reminder says (lupdate finds these through the explicit context).
# By ReminderKind value (a StrEnum finds its entry): the domain's reminders (its calendar and
# priority rules) load with the data layer, after the window's first paint (issue 11).
_KIND_TEXTS: dict[str, str] = {
    "respond": str(QT_TRANSLATE_NOOP("Reminders", "First response due")),
    "update": str(QT_TRANSLATE_NOOP("Reminders", "Progress update due")),
    "resolve": str(QT_TRANSLATE_NOOP("Reminders", "Resolution due")),
    "escalate": str(QT_TRANSLATE_NOOP("Reminders", "30 minutes at L1: escalate?")),
}


def kind_text(kind: ReminderKind) -> str:
    """What is due, in the UI language."""
    return QCoreApplication.translate("Reminders", _KIND_TEXTS[kind])


def when_text(due: datetime, now: datetime) -> str:
    """ "12:30" today, else "05-07 09:00"; with "(overdue)" once past."""
    text = due.strftime("%H:%M") if due.date() == now.date() else due.strftime("%m-%d %H:%M")
    if now > due:
        text += " " + QCoreApplication.translate("Reminders", "(overdue)")
    return text


def reminder_line(r: DueReminder, now: datetime) -> str:
    """One sentence for a notice: "IT20240506001 title: Resolution due 12:30"."""
    return f"{r.number} {r.title}: {kind_text(r.kind)} {when_text(r.due_at, now)}"


class ReminderPoller(QObject):
    """Polls the operator's reminders; the main window and the panel listen to it."""

    reminders_changed = Signal(list)  # list[DueReminder]: pending for this operator
    reminders_arrived = Signal(list)  # list[DueReminder]: to announce on this workstation
    error_raised = Signal(object)  # DeskError

    def __init__(
        self,
        service: ReminderService | None,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
        jobs: Runner | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._jobs: Runner = jobs or Immediate()  # the window's workers: polls write too
        self._acts = 0
        self._pending: list[DueReminder] = []
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def pending(self) -> list[DueReminder]:
        return list(self._pending)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Poll now and then every interval."""
        self._timer.start()
        self.poll_now()

    def stop(self) -> None:
        self._timer.stop()

    def set_service(self, service: ReminderService) -> None:
        """Another operator or database: forget the list and poll for the new one."""
        self.service = service
        self._pending = []
        self.reminders_changed.emit([])
        if self.active:
            self.poll_now()

    def poll_now(self) -> list[DueReminder]:
        """One poll (the timer's job) in the background; the pending list known now."""
        service = self.service
        if service is None:  # a window still starting: its first poll comes after
            return self.pending

        def polled(result: Any) -> None:
            if service is not self.service:
                return  # another operator or database since
            if result.pending != self._pending:
                self._pending = list(result.pending)
                self.reminders_changed.emit(self.pending)
            if result.fresh:
                self.reminders_arrived.emit(list(result.fresh))

        self._jobs.submit(
            "reminders-poll", lambda _job: service.poll(), polled, self.error_raised.emit
        )
        return self.pending

    def snooze(self, key: ReminderKey, delta: timedelta | None) -> None:
        """Snooze for ``delta``, or until the next opening when None ("until tomorrow")."""
        service = self.service
        if service is not None:
            self._act(
                lambda: (
                    service.snooze_until_tomorrow(key)
                    if delta is None
                    else service.snooze_for(key, delta)
                )
            )

    def acknowledge(self, key: ReminderKey) -> None:
        service = self.service
        if service is not None:
            self._act(lambda: service.acknowledge(key))

    def _act(self, action: Callable[[], object]) -> None:
        # Each act its own kind: a later one must not cancel an earlier one not yet started.
        self._acts += 1
        self._jobs.submit(
            f"reminders-act-{self._acts}",
            lambda _job: action(),
            lambda _result: self.poll_now(),
            self.error_raised.emit,
        )

    def _on_timer_timeout(self) -> None:
        self.poll_now()


class ReminderToast(QFrame):
    """A non-modal notice in the bottom-right corner of its window; hides itself."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("reminderToast")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#reminderToast { background: #fff4ce; border: 1px solid #c19c00; border-radius: 4px; }"
        )
        self._ticket_id: int | None = None
        self.label = QLabel(self)
        self.label.setObjectName("reminderToastText")
        self.label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("reminderToastOpen")
        self.close_button = QPushButton(self.tr("Dismiss"), self)
        self.close_button.setObjectName("reminderToastDismiss")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button.clicked.connect(self.hide)
        # The text over the toast's whole width, the buttons in a row under it (beside it, a
        # reminder wrapped into a narrow column of five lines).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._watched: QWidget | None = None
        parent.installEventFilter(self)
        self.hide()

    @property
    def ticket_id(self) -> int | None:
        return self._ticket_id

    def show_text(self, text: str, ticket_id: int | None, ms: int = TOAST_MS) -> None:
        self._ticket_id = ticket_id
        self.label.setText(text)
        self._place()
        self.raise_()
        self.show()
        self._timer.start(ms)
        QTimer.singleShot(0, self, self._place)  # once the window has laid out what changed

    def _place(self) -> None:
        area = self._area()
        width = min(460, max(280, area.width() // 3), area.width() - 16)
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        self.resize(width, max(height, self.sizeHint().height()))
        self.move(area.right() + 1 - self.width() - 16, area.bottom() + 1 - self.height() - 16)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The queue's area changes (a dock widened, the window resized): follow it.
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and not self.isHidden():
            self._place()
        return super().eventFilter(watched, event)

    def _area(self) -> QRect:
        """Where the toast may sit: over the queue (a main window's central widget), never over
        a dock such as the reminder panel and its buttons, nor over the status bar."""
        host = self._host
        central = host.centralWidget() if isinstance(host, QMainWindow) else None
        if central is not None:
            if central is not self._watched:
                central.installEventFilter(self)
                self._watched = central
            return central.geometry()
        return host.rect()

    def _on_open_button_clicked(self) -> None:
        if self._ticket_id is not None:
            self.open_requested.emit(self._ticket_id)
        self.hide()


class ReminderNotifier(QObject):
    """Announces new reminders: the tray's balloon when there is one, else the toast."""

    open_requested = Signal(int)

    def __init__(
        self,
        window: QWidget,
        tray: Callable[[], QSystemTrayIcon | None] | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tray_factory = tray
        self._now = now
        self._last_ticket: int | None = None
        self._connected: QSystemTrayIcon | None = None
        self._toast: ReminderToast | None = None
        self.last_text = ""

    @property
    def toast(self) -> ReminderToast:
        """The in-window notice, made for the first reminder without a tray (issue 11: not
        before the window's first paint, which never shows it)."""
        if self._toast is None:
            self._toast = ReminderToast(self._window)
            self._toast.open_requested.connect(self.open_requested)
        return self._toast

    def _tray(self) -> QSystemTrayIcon | None:
        if self._tray_factory is None:
            return None
        from PySide6.QtWidgets import QSystemTrayIcon  # (its class: not before a first paint)

        if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
            return None
        tray = self._tray_factory()
        if tray is not None and tray is not self._connected:
            tray.messageClicked.connect(self._on_tray_message_clicked)
            self._connected = tray
        return tray

    def notify(self, reminders: list[DueReminder]) -> str:
        """Announce ``reminders`` (the most urgent first); the text shown."""
        if not reminders:
            return ""
        now = self._now()
        first = min(reminders, key=lambda r: r.due_at)
        self._last_ticket = first.ticket_id
        text = reminder_line(first, now)
        if len(reminders) > 1:
            more = self.tr("and {count} more reminders").format(count=len(reminders) - 1)
            text = f"{text}\n{more}"
        self.last_text = text
        tray = self._tray()
        if tray is not None:
            from PySide6.QtWidgets import QSystemTrayIcon

            tray.showMessage(self.tr("Desk reminder"), text, QSystemTrayIcon.MessageIcon.Warning)
        else:
            self.toast.show_text(text, first.ticket_id)
        return text

    def _on_tray_message_clicked(self) -> None:
        if self._last_ticket is not None:
            self.open_requested.emit(self._last_ticket)
