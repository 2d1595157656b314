"""Reading the requester-feedback cell: 是；满意 / Yes; Satisfied / 否 / 4 (a 1–5 score)."""

from __future__ import annotations

import re

from desk_gui.domain.enums import Satisfaction
from desk_gui.exchange.sheet_words import read_choice

_YES = {"是", "yes", "y", "已解决", "解决", "resolved", "true"}
_NO = {"否", "no", "n", "未解决", "not resolved", "false"}
_BASIC = {"fairly", "basic", "basically satisfied", "fairly satisfied"}
_PIECES = re.compile(r"[；;，,、/|]+")
_SCORE = re.compile(r"^[（(]?([1-5])\s*分?[）)]?$")


def _token(text: str, found: dict[str, object]) -> bool:
    """Record what one piece says; False when it is not feedback."""
    low = text.strip().lower()
    score = _SCORE.match(low)
    if low in _YES or low in _NO:
        found.setdefault("resolved", low in _YES)
    elif score:
        found["rating"] = Satisfaction.from_score(int(score.group(1)))
    elif low in _BASIC:
        found["rating"] = Satisfaction.BASIC
    else:
        try:
            found["rating"] = read_choice(Satisfaction, text.strip())
        except ValueError:
            return False
    return True


def parse_feedback(text: str) -> tuple[bool | None, Satisfaction | None]:
    """(resolved confirmed, rating) from the cell; ValueError when a part is unreadable."""
    found: dict[str, object] = {}
    spaced = re.sub(r"[（(]", " (", text.strip())
    for piece in _PIECES.split(spaced):
        if not piece.strip() or _token(piece, found):
            continue
        for word in piece.split():
            if not _token(word, found):
                raise ValueError(f"unreadable feedback: {text!r}")
    rating = found.get("rating")
    resolved = found.get("resolved")
    if rating is not None and resolved is None:
        resolved = True  # a rating alone is given for a solved problem
    return resolved, rating  # type: ignore[return-value]
