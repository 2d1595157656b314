"""Starting the window: translators, the database to open, the operator, the error paths.

This module is the GUI's composition root (``app.main`` hands over to ``launch``): it opens a
Workspace for the window and closes it; no ui module imports the store.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from desk_gui import config
from desk_gui.domain.errors import DeskError
from desk_gui.ui.app.crash import CRASH_LOG as CRASH_LOG  # (kept importable from here)
from desk_gui.ui.app.crash import CrashHook
from desk_gui.ui.app.crash import write_crash_log as write_crash_log
from desk_gui.ui.common.prefs import WorkstationPrefs
from desk_gui.ui.queue.main_window import MainWindow

if TYPE_CHECKING:
    from desk_gui.services.workspace import Workspace

# The data layer (peewee, the store, the services) is imported in the functions that open a
# database: a start whose first page can be read straight from the file paints the window
# before it is imported (ui.app.first_paint, issue 11).

OperatorChooser = Callable[[WorkstationPrefs, QWidget | None], str | None]
"""Who works here after a database switch: the remembered name, or ask (choose_operator)."""

ORGANIZATION = "Desk"
APPLICATION = "Desk"


# -- language ---------------------------------------------------------------------------------


def locale_name(lang: str) -> str:
    return "zh_CN" if lang == "zh" else "en_US"


def translation_files(lang: str) -> list[Path]:
    """Our compiled translations for ``lang``: resources/translations/desk_*_<locale>.qm."""
    folder = config.resource("translations")
    return sorted(folder.glob(f"desk_*_{locale_name(lang)}.qm")) if lang == "zh" else []


_TRANSLATED: list[bool] = []
"""Not empty once ``install_translators`` ran in this process."""


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's own and our translators for ``lang`` (replacing earlier ones)."""
    # Desk installs translators here alone: at the first call there are none to replace, and
    # looking for them has PySide wrap every child of the application, its style among them
    # (creating QStyle's Python enums, 5-6 ms before the first paint, issue 11).
    for old in app.findChildren(QTranslator) if _TRANSLATED else ():
        app.removeTranslator(old)
        old.deleteLater()
    _TRANSLATED.append(True)
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


def open_workspace(
    target: str, lang: str, *, create: bool = False, bind: bool = True
) -> tuple[Workspace | None, str | None]:
    """Open ``target``: (the workspace, None), or (None, the plain sentence for the dialog)."""
    from desk_gui.services.workspace import Workspace

    try:
        # The window indexes what an interrupted import left after its first page (issue 11).
        return Workspace.open(target, create=create, bind=bind, finish_import=False), None
    except DeskError as exc:
        return None, exc.message(lang)


def first_run_database() -> Workspace:
    """Create (or reuse) the local database in the per-user data folder, open."""
    from desk_gui.services.workspace import Workspace

    return Workspace.open(config.default_database_path(), create=True, finish_import=False)


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


def first_run_notice() -> tuple[Workspace, str]:
    """Create or reuse the local database; it, open, and the welcome text that says which."""
    default = config.default_database_path()
    existed = default.is_file() and default.stat().st_size > 0
    workspace = first_run_database()
    return workspace, first_run_message(Path(workspace.target), existed=existed)


def probe_database(target: str, lang: str) -> tuple[bool, str]:
    """The settings dialog's test-connection check: (usable, a plain sentence)."""
    from desk_gui.services.workspace import Workspace

    try:
        found = Workspace.probe(target)
    except DeskError as exc:
        return False, exc.message(lang)
    if found.new:
        return True, QCoreApplication.translate(
            "Launcher", "No database there yet: Desk will create a new one."
        )
    return True, QCoreApplication.translate("Launcher", "Connected: about {count} tickets.").format(
        count=f"{found.tickets:,}"
    )


def _ask_other_database(parent: QWidget | None, message: str, target: str) -> str | None:
    """After an error: another file to open, the local default, or None to quit."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # (not before a first paint)

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
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # (not before a first paint)

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


def open_initial_database(
    db_arg: str | None, prefs: WorkstationPrefs, lang: str
) -> Workspace | None:
    """Open --db, else the last database, else a first-run local one; None when the user quits."""
    target = db_arg or prefs.last_database()
    if not target:
        try:
            local, welcome = first_run_notice()
        except DeskError as exc:
            from desk_gui.ui.common.error_dialog import ErrorDialog

            ErrorDialog.show_error(None, exc, lang)
            return None
        shared = _offer_shared(welcome)
        if not shared:
            prefs.set_last_database(local.target)
            return local
        local.close()
        target = shared
    while True:
        create = target == str(config.default_database_path())
        workspace, message = open_workspace(target, lang, create=create)
        if workspace is not None:
            prefs.set_last_database(target)
            return workspace
        assert message is not None
        chosen = _ask_other_database(None, message, target)
        if chosen is None:
            return None
        target = chosen


def sign_in_or_choose(
    workspace: Workspace,
    prefs: WorkstationPrefs,
    lang: str,
    choose: OperatorChooser | None = None,
    parent: QWidget | None = None,
) -> bool:
    """Who works in ``workspace``: the sign-in dialog when the office requires it, else the
    remembered (or chosen) operator. False when the user gave up."""
    if workspace.server_signed_in:  # PostgreSQL: connected with the person's own login
        prefs.set_operator(workspace.ctx.operator)
        return True
    if workspace.sign_in_required():
        from desk_gui.ui.accounts.sign_in_dialog import SignInDialog

        if SignInDialog.ask(parent, workspace, lang, prefs.operator()) is None:
            return False
        prefs.set_operator(workspace.ctx.operator)
        return True
    operator = (choose or choose_operator)(prefs, parent)
    if not operator:
        return False
    workspace.set_operator(operator)
    return True


def choose_operator(prefs: WorkstationPrefs, parent: QWidget | None = None) -> str | None:
    """The remembered operator if still on the staff list, else ask."""
    from desk_gui.services.directory import list_staff

    name = prefs.operator()
    staff = {m.name for m in list_staff(active_only=True)}
    if name and name in staff:
        return name
    from desk_gui.ui.common.operator_dialog import OperatorDialog

    chosen = OperatorDialog.ask(parent, name)
    if chosen:
        prefs.set_operator(chosen)
    return chosen


# -- the application --------------------------------------------------------------------------


class Launcher:
    """Owns the window and its workspace across restarts (language) and database switches."""

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
        self.load_data_layer: Callable[[], None] = _nothing
        self._first_paint: QObject | None = None

    def show_started(self, window: MainWindow, target: str) -> None:
        """Show a window built before its workspace (``first_paint.start_window``); open
        ``target`` and attach the window to it just after its first paint."""
        from desk_gui.ui.app.first_paint import AfterFirstPaint

        self.window = window
        self._first_paint = AfterFirstPaint(window, lambda: self._finish_start(window, target))
        window.show()

    def _finish_start(self, window: MainWindow, target: str) -> None:
        """Import the data layer on a worker (the window answers meanwhile), then open the
        workspace of the window already on screen (``_open_started``)."""
        if self.window is not window:
            return  # closed meanwhile
        window.menus.show_icons()
        load = self.load_data_layer
        window.jobs.submit(
            "data-layer", lambda _job: load(), lambda _r: self._open_started(window, target)
        )

    def _open_started(self, window: MainWindow, target: str) -> None:
        """Open ``target`` and attach the window; as at a start when it fails (the file
        changed since its first page was read), the operator check as always."""
        from desk_gui.services.first_page import knows_the_schema

        if self.window is not window:
            return  # closed meanwhile
        if not knows_the_schema():  # the page was read for another schema: start over
            self._start_over(window, target)
            return
        workspace, _message = open_workspace(target, self.lang)
        if workspace is None:
            self._start_over(window, target)
            return
        self.prefs.set_last_database(target)
        if not sign_in_or_choose(workspace, self.prefs, self.lang, self.choose, window):
            workspace.close()
            self.app.exit(1)
            return
        from desk_gui.ui.common.session import Session

        window.attach(Session(workspace, self.lang, self.prefs, probe_database))
        self._connect_window(window)

    def _start_over(self, window: MainWindow, target: str) -> None:
        """Close the painted window and start as the full path does: errors, migrations,
        signing in and the operator check before a new window."""
        self.window = None
        window.close()
        window.deleteLater()
        workspace = open_initial_database(target, self.prefs, self.lang)
        if workspace is None:
            self.app.exit(2)
            return
        if not sign_in_or_choose(workspace, self.prefs, self.lang, self.choose):
            workspace.close()
            self.app.exit(1)
            return
        self.show_window(workspace)

    def show_window(self, workspace: Workspace) -> MainWindow:
        """A new window on ``workspace`` (bound); the previous window, if any, is closed first."""
        self._close_window()
        from desk_gui.ui.common.session import Session

        session = Session(workspace, self.lang, self.prefs, probe_database)
        self.window = MainWindow(session)
        self._connect_window(self.window)
        self.window.show()
        return self.window

    def _connect_window(self, window: MainWindow) -> None:
        window.restart_requested.connect(self._on_window_restart_requested)
        window.database_requested.connect(self._on_window_database_requested)

    def _close_window(self) -> None:
        # closeEvent stops the window's timers and closes its worksheets (their edit locks are
        # released in the database the window worked on, which is still the bound one).
        old, self.window = self.window, None
        if old is not None:
            old.close()
            old.deleteLater()

    def close(self) -> None:
        """Close the window and its workspace (on quit)."""
        window = self.window
        workspace = window.session.workspace if window is not None and window.attached else None
        self._close_window()
        if workspace is not None:
            workspace.close()

    def _on_window_restart_requested(self) -> None:
        assert self.window is not None
        self.lang = self.prefs.effective_language()
        self.hook.lang = self.lang
        install_translators(self.app, self.lang)
        self.show_window(self.window.session.workspace)

    def _on_window_database_requested(self, target: str) -> None:
        """Open the new workspace, then dispose of the old window and the old workspace.

        In that order: a database that fails to open leaves the window untouched, and nothing
        of the old window (timers, worksheets, edit locks) runs once the new one is bound.
        """
        assert self.window is not None
        old = self.window.session.workspace
        fresh, message = open_workspace(target, self.lang, create=True, bind=False)
        if fresh is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self.window, QCoreApplication.translate("Launcher", "Desk"), message or ""
            )
            return
        self._close_window()
        old.close()
        fresh.bind()
        self.prefs.set_last_database(target)
        if fresh.sign_in_required():
            if not sign_in_or_choose(fresh, self.prefs, self.lang, self.choose):
                self.app.quit()  # nobody signed in to the new database
                return
        else:
            fresh.set_operator(self.choose(self.prefs, None) or old.ctx.operator)
        self.show_window(fresh)


def _nothing() -> None:
    pass


def launch(args: object, load_data_layer: Callable[[], None] = _nothing) -> int:
    """Run the window until it closes; the exit status. ``args``: the window's options
    (``db``, ``lang``; ``app.window_arguments`` or the full parser's namespace).

    ``load_data_layer`` imports the database side (``app.import_data_layer``) before the first
    database is opened: just after the first paint when the file's first page can be read
    before it (``first_paint``), else at once.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    prefs = WorkstationPrefs()
    lang = prefs.effective_language(getattr(args, "lang", None))
    install_translators(app, lang)
    hook = CrashHook(lang)
    sys.excepthook = hook
    launcher = Launcher(app, prefs, lang, hook)
    launcher.load_data_layer = load_data_layer
    target = getattr(args, "db", None) or prefs.last_database()
    from desk_gui.ui.app.first_paint import start_window

    started = start_window(target, lang, prefs) if target else None
    if started is not None:
        launcher.show_started(started, target)
        try:
            return app.exec()
        finally:
            launcher.close()
    return _launch_full(app, launcher, args, prefs, lang)


def _launch_full(
    app: QApplication,
    launcher: Launcher,
    args: object,
    prefs: WorkstationPrefs,
    lang: str,
) -> int:
    """The start that opens the database before the window: migrations, sign-in, asking."""
    launcher.load_data_layer()
    from desk_gui.services.errors import SqliteTooOld
    from desk_gui.services.workspace import Workspace

    try:
        Workspace.check_engine()  # no other file can fix this: say so once and stop
    except SqliteTooOld as exc:
        from desk_gui.ui.common.error_dialog import ErrorDialog

        ErrorDialog.show_error(None, exc, lang)
        return 2
    workspace = open_initial_database(getattr(args, "db", None), prefs, lang)
    if workspace is None:
        return 2
    try:
        if not sign_in_or_choose(workspace, prefs, lang):
            return 1
        launcher.show_window(workspace)
        return app.exec()
    finally:
        launcher.close()
        workspace.close()  # idempotent; the first one when no window was shown
