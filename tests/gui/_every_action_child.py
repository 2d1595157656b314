"""Child process for test_every_action: a desk agent's every click, on a copy of a demo file.

Builds the real main window (translators, session, menus) on ``--db``, triggers every action of
the main window and every button of the worksheet view for tickets in each status, lets each
dialog they open paint (``grab()``, which is what crashed the print preview) and closes it, then
writes a JSON report: actions triggered, dialogs seen, Qt messages, and whether the window is
still alive. A crash kills only this process, which the test reports as a failure.

    python -m tests.gui._every_action_child --db FILE --lang zh|en --report OUT.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QWidget

from desk_gui.ui.worksheet.worksheet_view import WorksheetView

# Qt's offscreen platform notice when a main window is shown: not ours (see tests/gui/conftest).
IGNORED = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise()",
)
CLOSE_TICK_MS = 50


class DialogCloser:
    """Paints, records and closes every dialog that opens, modal loops included."""

    def __init__(self, shots: Path | None) -> None:
        self.seen: list[dict[str, str]] = []
        self.shots = shots
        self.timer = QTimer()
        self.timer.setInterval(CLOSE_TICK_MS)
        self.timer.timeout.connect(self.close_open_dialogs)
        self.timer.start()
        self.context = ""

    def close_open_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isinstance(widget, QDialog) or not widget.isVisible():
                continue
            if widget.property("everyActionSeen"):
                continue
            pixmap = widget.grab()  # paints the whole dialog, print previews included
            name = type(widget).__name__
            if self.shots is not None:
                index = len(self.seen)
                pixmap.save(str(self.shots / f"{index:03d}-{name}.png"))
            self.seen.append(
                {"context": self.context, "dialog": name, "title": widget.windowTitle()}
            )
            if widget.findChild(WorksheetView) is not None:  # a worksheet window stays open
                widget.setProperty("everyActionSeen", True)
                continue
            if isinstance(widget, QMessageBox) and widget.escapeButton() is None:
                widget.done(QMessageBox.StandardButton.Cancel)
            else:
                widget.reject()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--lang", choices=("zh", "en"), required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--shots", help="save a PNG of every dialog into this folder")
    args = parser.parse_args(argv)

    messages: list[str] = []

    def handler(kind: QtMsgType, _context: object, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg and not text.startswith(IGNORED):
            messages.append(text)

    qInstallMessageHandler(handler)
    app = QApplication([sys.argv[0]])
    from desk_gui.services.workspace import Workspace
    from desk_gui.ui.app.launcher import install_translators
    from desk_gui.ui.common.prefs import WorkstationPrefs
    from desk_gui.ui.common.session import Session
    from desk_gui.ui.queue.main_window import MainWindow

    install_translators(app, args.lang)
    workspace = Workspace.open(args.db, "张三", create=False)
    ini = Path(args.report).with_suffix(".ini")
    prefs = WorkstationPrefs(QSettings(str(ini), QSettings.Format.IniFormat))
    session = Session(workspace, args.lang, prefs)
    window = MainWindow(session)
    window.show()
    shots = Path(args.shots) if args.shots else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    closer = DialogCloser(shots)
    wait_jobs(app, window)
    settle(app)

    report: dict[str, Any] = {"actions": [], "buttons": []}
    quit_action = None
    for action in window.findChildren(QAction):
        if action.isSeparator() or not action.objectName():
            continue
        if action.objectName() == "actionQuit":
            quit_action = action
            continue
        select_first_row(window)
        closer.context = action.objectName()
        action.trigger()
        wait_jobs(app, window)
        settle(app)
        closer.close_open_dialogs()  # a window that is not modal: seen in its own context
        report["actions"].append(action.objectName())

    # The worksheet view of a ticket in each status, every button it offers.
    for ticket_id in tickets_in_each_status():
        window.open_ticket(ticket_id)
        settle(app)
        views = [v for v in window.findChildren(WorksheetView) if v.ticket_id == ticket_id]
        views += [
            v
            for w in QApplication.topLevelWidgets()
            for v in w.findChildren(WorksheetView)
            if v.ticket_id == ticket_id and v not in views
        ]
        if not views:
            continue
        view = views[0]
        clicked: set[str] = set()
        for _round in range(3):  # a click changes the status, and so the buttons offered
            if not shiboken6.isValid(view):
                break
            names = [b.objectName() for b in view.findChildren(QPushButton)]
            for name in names:
                if not name or name in clicked or not shiboken6.isValid(view):
                    continue
                button = view.findChild(QPushButton, name)
                if button is None or not button.isVisible() or not button.isEnabled():
                    continue
                clicked.add(name)
                closer.context = f"worksheet:{name}"
                button.click()
                settle(app)
                wait_saves(app)
                report["buttons"].append(name)
                print(f"clicked {name} on ticket {ticket_id}", flush=True)
        if not shiboken6.isValid(view):
            continue
        view.window().close()
        settle(app)

    click_knowledge_base(app, window, workspace, closer, report)
    report["review_buttons"] = review_report_buttons(app, window, closer)
    report["dialogs"] = closer.seen
    report["alive"] = window.isVisible()
    assert quit_action is not None
    closer.context = "actionQuit"
    quit_action.trigger()
    settle(app)
    report["closed_by_quit"] = not window.isVisible()
    exercise_accounts(app, closer, workspace, prefs, args.lang, report)
    report["dialogs"] = closer.seen
    report["qt_messages"] = messages
    Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return 0


def click_knowledge_base(
    app: QApplication, window: Any, workspace: Any, closer: DialogCloser, report: dict[str, Any]
) -> None:
    """The knowledge-base window (Tools menu): every button it offers, on one article."""
    from desk_gui.domain.kb import ArticleDraft
    from desk_gui.ui.kb.kb_window import KnowledgeBaseWindow

    workspace.kb.create(ArticleDraft(title="打印机显示脱机", solution="改打印机端口"))
    kb_window = KnowledgeBaseWindow(workspace.kb, window.jobs, window)
    kb_window.setProperty("everyActionSeen", True)  # stays open while its buttons are clicked
    kb_window.show()
    wait_jobs(app, window)
    settle(app)
    for name, button in kb_window.buttons.items():
        if not button.isVisible() or not button.isEnabled():
            continue
        closer.context = f"kb:{name}"
        button.click()
        wait_jobs(app, window)
        settle(app)
        report["buttons"].append(name)
    kb_window.close()
    settle(app)


def review_report_buttons(app: QApplication, window: Any, closer: DialogCloser) -> list[str]:
    """Tools → Review report once computed: each of its buttons, their dialogs closed."""
    from desk_gui.ui.report.report_dialog import ReviewReportDialog

    closer.context = "review"
    window.menus.review_report()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewReportDialog)]
    dialog = dialogs[0]
    dialog.setProperty("everyActionSeen", True)  # stays open while its buttons are clicked
    deadline = time.monotonic() + 60
    while dialog.report is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    clicked = []
    for name in ("reviewPreview", "reviewPrint", "reviewPdf", "reviewXlsx", "reviewProblem"):
        button = dialog.findChild(QPushButton, name)
        if button is not None and button.isEnabled():
            closer.context = f"review:{name}"
            button.click()
            settle(app)
            closer.close_open_dialogs()  # the problem record opens beside the report
            clicked.append(name)
    dialog.grab()
    dialog.reject()
    settle(app)
    return clicked


def exercise_accounts(
    app: QApplication,
    closer: DialogCloser,
    workspace: Any,
    prefs: Any,
    lang: str,
    report: dict[str, Any],
) -> None:
    """The accounts' paths (issue 14): the first administrator, sign-in, then a window signed
    in as that administrator: change password, staff and accounts, audit trail, sign out."""
    from desk_gui.services import accounts, passwords
    from desk_gui.ui.accounts.account_form_dialog import AccountFormDialog, Mode
    from desk_gui.ui.accounts.sign_in_dialog import SignInDialog
    from desk_gui.ui.common.session import Session
    from desk_gui.ui.queue.main_window import MainWindow

    passwords.COST = passwords.Cost(log_n=10)  # a quick hash: this is about the dialogs
    closer.context = "accounts:first-admin"
    AccountFormDialog.ask(None, workspace, lang, Mode.FIRST_ADMIN)
    settle(app)
    report["actions"].append(closer.context)
    accounts.create_first_admin(workspace.ctx, "王管理", "admin-pass-1")
    closer.context = "accounts:sign-in"
    SignInDialog.ask(None, workspace, lang, "王管理")
    settle(app)
    report["actions"].append(closer.context)
    workspace.sign_in("王管理", "admin-pass-1")
    window = MainWindow(Session(workspace, lang, prefs))
    window.show()
    wait_jobs(app, window)
    settle(app)
    for name in (
        "actionChangePassword",
        "actionStaffAccounts",
        "actionAuditTrail",
        "actionSignOut",
    ):
        action = window.findChild(QAction, name)
        if action is None:
            continue
        closer.context = f"admin:{name}"
        action.trigger()
        wait_jobs(app, window)
        settle(app)
        report["actions"].append(f"admin:{name}")
    report["signed_out_closes"] = not window.isVisible()
    window.stop_timers()
    window.close()
    settle(app)


def settle(app: QApplication, rounds: int = 6) -> None:
    """Let queued work, deferred timers and the dialog closer run."""
    for _ in range(rounds):
        app.processEvents()
        QTimer.singleShot(CLOSE_TICK_MS, lambda: None)
        app.processEvents()


def wait_saves(app: QApplication, timeout_s: float = 60) -> None:
    """Let saves run off the window's thread (ui/common/bounded.py) come back."""
    from desk_gui.ui.common.bounded import BoundedCall

    deadline = time.monotonic() + timeout_s
    while BoundedCall.live and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    settle(app)


def wait_jobs(app: QApplication, window: Any, timeout_s: float = 60) -> None:
    """Let the window's background reads deliver (the queue, the records to print)."""
    deadline = time.monotonic() + timeout_s
    while (window.jobs.busy or window.model.loading) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def select_first_row(window: QWidget) -> None:
    table = window.view  # type: ignore[attr-defined]
    if table.model().rowCount() and not table.selectionModel().hasSelection():
        table.selectRow(0)


def tickets_in_each_status() -> list[int]:
    """One ticket id per status (and one that is waiting), from the demo file."""
    from desk_gui.store.models import Ticket

    ids: list[int] = []
    for status in ("pending", "in_progress", "resolved", "closed"):
        row = Ticket.select(Ticket.id).where(Ticket.status == status).order_by(Ticket.id).first()
        if row is not None:
            ids.append(row.id)
    waiting = Ticket.select(Ticket.id).where(Ticket.waiting_on.is_null(False)).first()
    if waiting is not None:
        ids.append(waiting.id)
    return ids


if __name__ == "__main__":
    sys.exit(main())
