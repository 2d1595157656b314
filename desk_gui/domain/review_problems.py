"""Top recurring problems: ticket titles normalised and grouped when they are alike.

No dependency: a title is normalised (width and case folded, digits, punctuation and spaces
dropped), equal keys are one group, and a key joins a bigger group when their character
bigrams overlap enough (Jaccard). Titles are few next to tickets (they are grouped in SQL
first), and only the biggest groups are compared, so this stays fast at any scale.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

SIMILARITY = 0.5
"""Bigram Jaccard overlap from which two normalised titles are one problem."""

MAX_GROUPS = 300
"""Groups a new key is compared with (the biggest ones)."""

_DROP = re.compile(r"[\W\d_]+", re.UNICODE)

ArticleLookup = Callable[[str], "str | None"]
"""Hook: the knowledge-base article that answers a problem title (None if none)."""


def normalise(title: str) -> str:
    """The comparison key of a title: NFKC, lower case, no digits, punctuation or spaces."""
    return _DROP.sub("", unicodedata.normalize("NFKC", title).lower())


def _bigrams(key: str) -> frozenset[str]:
    if len(key) < 2:
        return frozenset({key})
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def similarity(a: str, b: str) -> float:
    """Bigram Jaccard overlap of two titles' normalised keys (1.0: the same problem)."""
    ka, kb = normalise(a) or a.strip(), normalise(b) or b.strip()
    if ka == kb:
        return 1.0
    ga, gb = _bigrams(ka), _bigrams(kb)
    union = len(ga | gb)
    return len(ga & gb) / union if union else 0.0


def alike(a: str, b: str) -> bool:
    """Whether two titles name one problem (as the top-problems grouping decides)."""
    return similarity(a, b) >= SIMILARITY


@dataclass
class ProblemGroup:
    """Titles that name one problem: the most frequent one stands for all."""

    title: str
    count: int
    titles: dict[str, int] = field(default_factory=dict)
    article: str | None = None  # the knowledge-base article answering it (wired at merge)
    _grams: frozenset[str] = frozenset()

    def add(self, title: str, n: int) -> None:
        self.titles[title] = self.titles.get(title, 0) + n
        self.count += n
        self.title = max(self.titles.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def _best_match(grams: frozenset[str], groups: list[ProblemGroup]) -> ProblemGroup | None:
    best, best_score = None, SIMILARITY
    for group in groups[:MAX_GROUPS]:
        union = len(grams | group._grams)
        score = len(grams & group._grams) / union if union else 0.0
        if score >= best_score:
            best, best_score = group, score
    return best


def group_titles(
    counted: Iterable[tuple[str, int]], top: int = 10, article: ArticleLookup | None = None
) -> list[ProblemGroup]:
    """The ``top`` biggest problem groups (count, then title), best first."""
    by_key: dict[str, dict[str, int]] = {}
    for title, n in counted:
        key = normalise(title) or title.strip()
        titles = by_key.setdefault(key, {})
        titles[title] = titles.get(title, 0) + n
    keyed = sorted(by_key.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    groups: list[ProblemGroup] = []
    for key, titles in keyed:
        grams = _bigrams(key)
        group = _best_match(grams, groups)
        if group is None:
            group = ProblemGroup(title="", count=0, _grams=grams)
            groups.append(group)
        for title, n in titles.items():
            group.add(title, n)
    groups.sort(key=lambda g: (-g.count, g.title))
    chosen = [g for g in groups if g.count >= 2][:top]  # recurring: two tickets or more
    if article is not None:
        for g in chosen:
            g.article = article(g.title)
    return chosen
