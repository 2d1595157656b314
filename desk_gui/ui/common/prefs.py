"""Per-workstation preferences (QSettings): last database, language, operator, window layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings, QStandardPaths

from desk_gui.domain.lang import is_zh

LANGUAGE_SYSTEM = "system"
LANGUAGES: tuple[str, ...] = (LANGUAGE_SYSTEM, "zh", "en")

_DB_KEY = "database/last"
_LANG_KEY = "ui/language"
_OPERATOR_KEY = "operator/name"
_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_HEADER_KEY = "window/queue_header"
_FOLDER_KEY = "files/last_folder"


def system_language() -> str:
    """ "zh" when the system locale is Chinese, else "en"."""
    return "zh" if is_zh(QLocale.system().name()) else "en"


def documents_folder() -> Path:
    """The user's Documents folder (the home folder when the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


class WorkstationPrefs:
    """What this workstation remembers between runs; never shared with other workstations."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._settings

    def _text(self, key: str) -> str:
        value = self._settings.value(key, "")
        return str(value) if value is not None else ""

    # -- database ------------------------------------------------------------------------------

    def last_database(self) -> str:
        return self._text(_DB_KEY)

    def set_last_database(self, target: str) -> None:
        if target == self.last_database():
            return  # each start names the same file: no write (and no file sync) then
        self._settings.setValue(_DB_KEY, target)
        self._settings.sync()

    # -- language ------------------------------------------------------------------------------

    def language_choice(self) -> str:
        """ "system", "zh" or "en" as chosen in the settings dialog."""
        value = self._text(_LANG_KEY)
        return value if value in LANGUAGES else LANGUAGE_SYSTEM

    def set_language_choice(self, choice: str) -> None:
        if choice not in LANGUAGES:
            raise ValueError(f"unknown language choice {choice!r}")
        self._settings.setValue(_LANG_KEY, choice)
        self._settings.sync()

    def effective_language(self, override: str | None = None) -> str:
        """The language to run in: a command-line override, the choice, or the system's."""
        if override in ("zh", "en"):
            return override
        choice = self.language_choice()
        return system_language() if choice == LANGUAGE_SYSTEM else choice

    # -- operator ------------------------------------------------------------------------------

    def operator(self) -> str:
        return self._text(_OPERATOR_KEY)

    def set_operator(self, name: str) -> None:
        self._settings.setValue(_OPERATOR_KEY, name)
        self._settings.sync()

    # -- file dialogs --------------------------------------------------------------------------

    def file_folder(self) -> Path:
        """Where a save dialog (PDF, export) starts: the last folder used, else Documents."""
        last = self._text(_FOLDER_KEY)
        if last and Path(last).is_dir():
            return Path(last)
        return documents_folder()

    def set_file_folder(self, folder: Path) -> None:
        """Remember the folder of a file just saved, for the next dialog on this workstation."""
        self._settings.setValue(_FOLDER_KEY, str(folder))
        self._settings.sync()

    # -- window layout -------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY_KEY)

    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE_KEY)

    def header_state(self) -> QByteArray | None:
        return self._bytes(_HEADER_KEY)

    def save_layout(self, geometry: QByteArray, state: QByteArray, header: QByteArray) -> None:
        self._settings.setValue(_GEOMETRY_KEY, geometry)
        self._settings.setValue(_STATE_KEY, state)
        self._settings.setValue(_HEADER_KEY, header)
        self._settings.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
