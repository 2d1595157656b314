"""Starting the window: translators, the database to open, the operator, error and crash paths.

This module is the GUI's composition root (``app.main`` hands over to ``launch``): it is the one
ui module that opens and closes the database through the store.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from desk_gui import config
from desk_gui.domain.errors import DeskError
from desk_gui.services.context import Context
from desk_gui.services.directory import list_staff
from desk_gui.store.database import check_sqlite_library, close_database, open_database
from desk_gui.store.database import translate as translate_store_error
from desk_gui.store.errors import DatabaseReadOnly, DatabaseUnreachable, SchemaTooNew, SqliteTooOld
from desk_gui.store.migrations import SCHEMA_VERSION
from desk_gui.store.sqlite_file import connect_file
from desk_gui.ui.dialogs.error_dialog import ErrorDialog
from desk_gui.ui.dialogs.operator_dialog import OperatorDialog
from desk_gui.ui.main_window import MainWindow
from desk_gui.ui.prefs import WorkstationPrefs
from desk_gui.ui.session import Session

OperatorChooser = Callable[[WorkstationPrefs, QWidget | None], str | None]
"""Who works here after a database switch: the remembered name, or ask (choose_operator)."""

ORGANIZATION = "Desk"
APPLICATION = "Desk"
CRASH_LOG = "desk-crash.log"


# -- language ---------------------------------------------------------------------------------


def locale_name(lang: str) -> str:
    return "zh_CN" if lang == "zh" else "en_US"


def translation_files(lang: str) -> list[Path]:
    """Our compiled translations for ``lang``: resources/translations/desk_*_<locale>.qm."""
    folder = config.resource("translations")
    return sorted(folder.glob(f"desk_*_{locale_name(lang)}.qm")) if lang == "zh" else []


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's own and our translators for ``lang`` (replacing earlier ones)."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if lang == "zh"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    installed: list[QTranslator] = []
    if lang != "zh":
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{locale_name(lang)}", qt_dir)]
    candidates += [(p.stem, str(p.parent)) for p in translation_files(lang)]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed


# -- the database -----------------------------------------------------------------------------


def startup_error(target: str, lang: str, *, create: bool = False) -> str | None:
    """Open ``target``; None on success, else the plain sentence for the error dialog."""
    try:
        open_database(target, create=create)
    except DeskError as exc:
        return exc.message(lang)
    return None


def first_run_database() -> Path:
    """Create (or reuse) the local database in the per-user data folder; its path."""
    path = config.default_database_path()
    open_database(path, create=True)
    return path


def first_run_message(path: Path, *, existed: bool = False) -> str:
    """The welcome text: a database created now, or one found from an earlier run."""
    if existed:
        return QCoreApplication.translate(
            "Launcher",
            "Desk opened the existing database on this computer:\n{path}\n\n"
            "If your office already keeps a shared database (for example on a network share),"
            " open it instead so that every workstation sees the same tickets.",
        ).format(path=path)
    return QCoreApplication.translate(
        "Launcher",
        "Desk created a new database on this computer:\n{path}\n\n"
        "If your office already keeps a shared database (for example on a network share),"
        " open it instead so that every workstation sees the same tickets.",
    ).format(path=path)


def first_run_notice() -> tuple[Path, str]:
    """Create or reuse the local database; its path and the welcome text that says which."""
    default = config.default_database_path()
    existed = default.is_file() and default.stat().st_size > 0
    path = first_run_database()
    return path, first_run_message(path, existed=existed)


def probe_database(target: str, lang: str) -> tuple[bool, str]:
    """The settings dialog's test-connection check: (usable, a plain sentence)."""
    path = Path(target).expanduser()
    if not target:
        return False, DatabaseUnreachable().message(lang)
    if not path.exists():
        if path.parent.is_dir() and os.access(path.parent, os.W_OK):
            return True, QCoreApplication.translate(
                "Launcher", "No database there yet: Desk will create a new one."
            )
        return False, DatabaseUnreachable(str(path)).message(lang)
    try:
        conn = connect_file(path, readonly=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            last = conn.execute("SELECT max(id) FROM ticket").fetchone()[0] or 0
        finally:
            conn.close()
    except (sqlite3.Error, ValueError) as exc:
        mapped = translate_store_error(exc) if isinstance(exc, sqlite3.Error) else None
        error: DeskError = mapped or DatabaseUnreachable(str(exc))
        return False, error.message(lang)
    if version > SCHEMA_VERSION:
        return False, SchemaTooNew().message(lang)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return False, DatabaseReadOnly(str(path)).message(lang)
    return True, QCoreApplication.translate("Launcher", "Connected: about {count} tickets.").format(
        count=f"{last:,}"
    )


def _ask_other_database(parent: QWidget | None, message: str, target: str) -> str | None:
    """After an error: another file to open, the local default, or None to quit."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Launcher", "Desk"),
        message,
        parent=parent,
    )
    box.setObjectName("startupError")
    box.setInformativeText(
        QCoreApplication.translate("Launcher", "Database: {target}").format(target=target)
    )
    other = box.addButton(
        QCoreApplication.translate("Launcher", "Open another file…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    local = box.addButton(
        QCoreApplication.translate("Launcher", "Use a local database"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(QCoreApplication.translate("Launcher", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is other:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Launcher", "Open a Desk database"),
            target,
            QCoreApplication.translate("Launcher", "Desk database (*.db *.sqlite);;All files (*)"),
        )
        return path or None
    if box.clickedButton() is local:
        return str(config.default_database_path())
    return None


def _offer_shared(message: str) -> str | None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Launcher", "Welcome to Desk"),
        message,
    )
    box.setObjectName("firstRun")
    box.addButton(
        QCoreApplication.translate("Launcher", "Continue"), QMessageBox.ButtonRole.AcceptRole
    )
    shared = box.addButton(
        QCoreApplication.translate("Launcher", "Open a shared database…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.exec()
    if box.clickedButton() is shared:
        chosen, _ = QFileDialog.getOpenFileName(
            None,
            QCoreApplication.translate("Launcher", "Open a shared Desk database"),
            "",
            QCoreApplication.translate("Launcher", "Desk database (*.db *.sqlite);;All files (*)"),
        )
        return chosen or None
    return None


def open_initial_database(db_arg: str | None, prefs: WorkstationPrefs, lang: str) -> str | None:
    """Open --db, else the last database, else a first-run local one; None when the user quits."""
    target = db_arg or prefs.last_database()
    if not target:
        try:
            path, welcome = first_run_notice()
        except DeskError as exc:
            ErrorDialog.show_error(None, exc, lang)
            return None
        target = str(path)
        shared = _offer_shared(welcome)
        if shared:
            target = shared
        else:
            prefs.set_last_database(target)
            return target
    while True:
        message = startup_error(target, lang, create=target == str(config.default_database_path()))
        if message is None:
            prefs.set_last_database(target)
            return target
        chosen = _ask_other_database(None, message, target)
        if chosen is None:
            return None
        target = chosen


def choose_operator(prefs: WorkstationPrefs, parent: QWidget | None = None) -> str | None:
    """The remembered operator if still on the staff list, else ask."""
    name = prefs.operator()
    staff = {m.name for m in list_staff(active_only=True)}
    if name and name in staff:
        return name
    chosen = OperatorDialog.ask(parent, name)
    if chosen:
        prefs.set_operator(chosen)
    return chosen


# -- crashes ----------------------------------------------------------------------------------


def write_crash_log(text: str) -> Path | None:
    """Append a crash report to the log file in the data folder; its path (None if unwritable)."""
    try:
        path = config.data_dir() / CRASH_LOG
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"=== {datetime.now().isoformat(sep=' ', timespec='seconds')} ===\n{text}\n")
        return path
    except OSError:
        return None


class CrashHook:
    """``sys.excepthook``: plain dialog for a DeskError, log file + dialog for a bug."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._busy = False

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if self._busy:  # an error inside the dialog itself: only log it
            write_crash_log("".join(traceback.format_exception(kind, exc, tb)))
            return
        self._busy = True
        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, DeskError):
                ErrorDialog.show_error(parent, exc, self.lang)
                return
            text = "".join(traceback.format_exception(kind, exc, tb))
            sys.stderr.write(text)
            ErrorDialog.show_crash(parent, text, write_crash_log(text))
        finally:
            self._busy = False


# -- the application --------------------------------------------------------------------------


class Launcher:
    """Owns the window across restarts (language change) and database switches."""

    def __init__(
        self,
        app: QApplication,
        prefs: WorkstationPrefs,
        lang: str,
        hook: CrashHook,
        choose: OperatorChooser | None = None,
    ) -> None:
        self.app = app
        self.prefs = prefs
        self.lang = lang
        self.hook = hook
        self.choose = choose or choose_operator
        self.window: MainWindow | None = None

    def show_window(self, target: str, operator: str) -> MainWindow:
        ctx = Context(operator=operator)
        session = Session(ctx, self.lang, self.prefs, target, probe_database)
        old = self.window
        self.window = MainWindow(session)
        self.window.restart_requested.connect(self._on_window_restart_requested)
        self.window.database_requested.connect(self._on_window_database_requested)
        if old is not None:
            old.close()
            old.deleteLater()
        self.window.show()
        return self.window

    def _on_window_restart_requested(self) -> None:
        assert self.window is not None
        self.lang = self.prefs.effective_language()
        self.hook.lang = self.lang
        install_translators(self.app, self.lang)
        self.show_window(self.window.session.database, self.window.session.ctx.operator)

    def _on_window_database_requested(self, target: str) -> None:
        assert self.window is not None
        current = self.window.session.database
        self.window.live.stop()
        message = startup_error(target, self.lang, create=True)
        if message is not None:
            QMessageBox.warning(
                self.window, QCoreApplication.translate("Launcher", "Desk"), message
            )
            with contextlib.suppress(DeskError):
                open_database(current, create=False)
            self.window.live.start()
            return
        self.prefs.set_last_database(target)
        operator = self.choose(self.prefs, self.window) or self.window.session.ctx.operator
        self.show_window(target, operator)


def launch(args: argparse.Namespace) -> int:
    """Run the window until it closes; the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    prefs = WorkstationPrefs()
    lang = prefs.effective_language(getattr(args, "lang", None))
    install_translators(app, lang)
    hook = CrashHook(lang)
    sys.excepthook = hook
    try:
        check_sqlite_library()  # no other file can fix this: say so once and stop
    except SqliteTooOld as exc:
        ErrorDialog.show_error(None, exc, lang)
        return 2
    target = open_initial_database(getattr(args, "db", None), prefs, lang)
    if target is None:
        return 2
    try:
        operator = choose_operator(prefs)
        if not operator:
            return 1
        launcher = Launcher(app, prefs, lang, hook)
        launcher.show_window(target, operator)
        return app.exec()
    finally:
        close_database()
