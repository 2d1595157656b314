"""The reader's language: "zh" or "en", and the one test of which one a language code means."""

from __future__ import annotations

Lang = str  # "zh" or "en"; a locale name such as "zh_CN" counts as Chinese
LANGS: tuple[Lang, ...] = ("zh", "en")


def is_zh(lang: Lang) -> bool:
    """True when ``lang`` (a code or a locale name such as "zh_CN") means Chinese."""
    return lang.lower().startswith("zh")


def pick(lang: Lang, zh: str, en: str) -> str:
    """``zh`` for a Chinese reader, else ``en`` (English is the fallback for any other code)."""
    return zh if is_zh(lang) else en
