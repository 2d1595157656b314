"""The language of the domain's labels on screen (its own module: the queue's columns need it
before the first paint, the ticket forms' building blocks only later, issue 11)."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def ui_lang() -> str:
    """ "zh" when the program runs in Chinese, else "en": the language of the domain's labels
    (field labels and enum values) on screen, as the translators are for the rest."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"
