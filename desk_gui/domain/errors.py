"""The base of errors a user can act on, and the domain's own rule violations."""

from __future__ import annotations

from desk_gui.domain.lang import is_zh


class DeskError(Exception):
    """Base of every error the user can act on; ``message(lang)`` is what the dialog shows."""

    zh: str = "操作失败。"
    en: str = "The operation failed."

    def __init__(self, detail: str = "", *, zh: str | None = None, en: str | None = None) -> None:
        self.detail = detail
        if zh is not None:
            self.zh = zh
        if en is not None:
            self.en = en
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        text = self.zh if is_zh(lang) else self.en
        return f"{text} ({self.detail})" if self.detail else text


class RuleViolation(DeskError):
    """An action the service-desk rules forbid (e.g. resolving without a solution)."""

    def __init__(self, code: str, *, zh: str, en: str, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(zh=zh, en=en)
