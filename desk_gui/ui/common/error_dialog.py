"""Plain dialogs for errors: what the user can act on, or a bug with the log file named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desk_gui.domain.errors import DeskError


def error_text(exc: DeskError, lang: str) -> str:
    """The sentence a DeskError shows: never a traceback."""
    return exc.message(lang)


class ErrorDialog(QMessageBox):
    """A message box for an actionable error or for a crash (then with the log's location)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Desk"))

    def for_error(self, exc: DeskError, lang: str) -> ErrorDialog:
        self.setIcon(QMessageBox.Icon.Warning)
        self.setText(error_text(exc, lang))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        return self

    def for_crash(self, summary: str, log_file: Path | None) -> ErrorDialog:
        self.setIcon(QMessageBox.Icon.Critical)
        self.setText(self.tr("Desk met an unexpected problem. Your saved work is safe."))
        where = (
            self.tr(
                "Details were written to {path}. Please send this file to your IT contact."
            ).format(path=log_file)
            if log_file is not None
            else self.tr("The details could not be written to a log file.")
        )
        self.setInformativeText(where)
        self.setDetailedText(summary)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        return self

    @classmethod
    def show_error(cls, parent: QWidget | None, exc: DeskError, lang: str) -> None:
        """Show an actionable error and wait for OK."""
        cls(parent).for_error(exc, lang).exec()

    @classmethod
    def show_crash(cls, parent: QWidget | None, summary: str, log_file: Path | None) -> None:
        cls(parent).for_crash(summary, log_file).exec()
