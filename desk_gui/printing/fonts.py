"""Finding and registering the TrueType faces the worksheet prints with.

Bundled faces (resources/fonts) come first so every workstation prints the same page; without
them, TrueType faces installed on the system. Never a CFF/OTF CJK face: its PDF text layer loses
digits and maps characters to look-alike radicals (FIELD_NOTES, Printing).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

BUNDLED = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf")

# TrueType faces worth using when the bundle is missing, Latin first, then CJK.
SYSTEM_LATIN = ("DejaVu Sans", "Segoe UI", "Arial")
SYSTEM_CJK = ("Microsoft YaHei", "SimSun", "Droid Sans Fallback", "WenQuanYi Micro Hei")


def resource_dir(*parts: str) -> Path:
    """A folder under resources/, from the source tree or a PyInstaller bundle (sys._MEIPASS)."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return base.joinpath("resources", *parts)


@cache
def register_fonts() -> tuple[str, ...]:
    """Register the bundled faces once (needs a QGuiApplication); their family names."""
    families: list[str] = []
    for name in BUNDLED:
        path = resource_dir("fonts") / name
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return tuple(families)


@cache
def print_families() -> tuple[str, ...]:
    """The family list for printing: a Latin face, then a CJK face (Qt falls back in order)."""
    bundled = register_fonts()
    installed = set(QFontDatabase.families())
    chosen = list(bundled)
    for group in (SYSTEM_LATIN, SYSTEM_CJK):
        if not any(f in chosen for f in group):
            chosen.extend(f for f in group if f in installed)
    return tuple(chosen)


def print_font(point_size: float, *, bold: bool = False) -> QFont:
    """A font for the worksheet at ``point_size`` points."""
    font = QFont()
    font.setFamilies(list(print_families()))
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # No ligatures: "office" must copy out of the PDF as o-f-f-i-c-e, not "oﬃce".
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font
