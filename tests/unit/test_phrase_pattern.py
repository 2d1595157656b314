"""The phrase tries match what the plain alternation of the phrases (longest first) matched."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

import pytest

from desk_gui.domain import resolution, vague_text
from desk_gui.domain.vague_text import first_char_guard, phrase_pattern


def _plain(anywhere: Sequence[str], words: Sequence[str]) -> re.Pattern[str]:
    """The pattern as it was built before the trie: every phrase an alternative."""
    cjk = [re.escape(p) for p in sorted(anywhere, key=len, reverse=True)]
    ascii_words = sorted(words, key=len, reverse=True)
    parts = cjk + [r"(?<![a-z0-9])" + re.escape(p) + r"(?![a-z0-9])" for p in ascii_words]
    return re.compile(first_char_guard([*anywhere, *words]) + "(?:" + "|".join(parts) + ")")


LISTS = {
    "vague": (vague_text._VAGUE_CJK + vague_text._FILLER_CJK,
              vague_text._VAGUE_ASCII + vague_text._FILLER_ASCII),
    "done": (resolution._DONE_CJK, resolution._DONE_ASCII),
}  # fmt: skip


def _texts(anywhere: Sequence[str], words: Sequence[str]) -> list[str]:
    """Phrases glued to each other, to letters, digits, punctuation and spaces, at random."""
    rng = random.Random(11)
    glue = ["", " ", "a", "9", "，", "打印机", "x1", "s", "-", "ing", "ed"]
    pieces = [*anywhere, *words, *glue, "problems", "issue42", "fixed", "不好", "已解"]
    texts = [" ".join(words), "".join(anywhere), "".join(words)]
    for _ in range(3000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))))
    return texts


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_trie_matches_what_every_phrase_in_turn_matched(name: str) -> None:
    anywhere, words = LISTS[name]
    trie, plain = phrase_pattern(anywhere, words), _plain(anywhere, words)
    for text in _texts(anywhere, words):
        assert [m.span() for m in trie.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_the_longest_phrase_wins_and_words_stay_whole() -> None:
    pattern = phrase_pattern(["不好", "不好用", "ab"], ["fix", "fixed", "it"])
    assert pattern.sub("_", "不好用不好") == "__"
    assert pattern.sub("_", "fixed fix fixes it item") == "_ _ fixes _ item"
    assert pattern.sub("_", "abfix") == "_fix"  # a word inside a run of letters stays
