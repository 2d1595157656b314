"""Masking of requester names and staff numbers on printouts and exports.

The rule keeps the spec's example (小明 → 小明*) and hides most of anything longer:
- 1 character: the character + "*" (王 → 王*);
- 2 characters: the name + "*" (小明 → 小明*), exactly as the worksheet shows it;
- 3 or more: the first and last character, a "*" for each one between
  (王小明 → 王*明, 欧阳小明 → 欧**明, E12345 → E****5, Alice Wang → A********g).
The whole string is treated as one word, so spaces are hidden too. Surrounding whitespace is
dropped; an empty name stays empty.
"""

from __future__ import annotations

MASK_BY_DEFAULT = True
"""Whether an office that never chose masks requester names on paper and in exports."""


def mask_requester(name: str) -> str:
    """The masked form of a requester's name or staff number."""
    text = name.strip()
    if len(text) <= 2:
        return f"{text}*" if text else ""
    return text[0] + "*" * (len(text) - 2) + text[-1]
