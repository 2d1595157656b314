"""Top recurring problems: ticket titles grouped when they name one problem.

Agents title one problem many ways (三楼打印机卡纸 / 打印机又卡纸了 / printer paper jam 3F), so a
title becomes the knowledge-base matcher's tokens (``kb_match``: bigrams, colloquial phrases in
their canonical words, English desk words with their Chinese) without what says nothing about
the problem: places (三楼, 3F, 会议室A), adverbs (又, 一直), lone characters and numbers; and
"could not X" in its many forms (无法X / X不了 / X不上 / X不到) reads as X 失败.

Two titles are alike when each one's tokens are mostly found in the other (the smaller of the
two coverages, tokens weighted by how rare they are among the titles compared), so a shared
object (打印机) with different symptoms (卡纸 / 缺墨) stays apart. Titles naming different
systems in Latin letters (CRM / ERP) are never alike.

A week's titles are grouped greedily, most frequent first: a title joins the group whose
members it is most alike on average. Only groups sharing a token are compared, so this stays
fast at any scale. Tuned on ``tests/services/problem_titles_dev.py``, measured on a held-out
set written blind to this code (``tests/services/test_problem_grouping.py``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from desk_gui.domain import kb_match

SIMILARITY = 0.5
"""Weighted token coverage (the smaller side's) from which two titles are one problem."""

CONTAINED = 0.65
"""What a title wholly found in a longer one scores (a long title adds who, where and why)."""

MAX_GROUPS = 300
"""Groups a new title is compared with (the biggest ones sharing a token with it)."""

GROUPED_TITLES = 3000
"""Distinct titles grouped by likeness, the most frequent ones; rarer titles join a group only
by their normalised key (a year of free-typed titles stays a few seconds of work)."""

REPRESENTATIVES = 8
"""Members of a group a new title is compared with (its most frequent titles)."""

_DROP = re.compile(r"[\W\d_]+", re.UNICODE)
_CJK_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Where and how often, not what: floors, rooms, buildings and the adverbs of a repeated call.
_NOISE = re.compile(
    r"\d+\s*(?:楼|层|f\b|号楼|号)|[一二三四五六七八九十]+(?:楼|层)|(?:会议室|机房)[a-z0-9]?"
    r"|总是|老是|经常|一直|突然|偶尔|频繁|今天|昨天|早上|下午|刚才|再次|又|还是|仍然"
    r"|很|特别|非常|比较|有点|有些|超级|太"
)
# "Could not X" in its usual forms, read as "X 失败" (the failure, whatever the wording).
_FAILED_EN = re.compile(r"\b(?:can ?not|can't|cannot|couldn't|unable to|won't|failed|fails?|not)\b")
_FAILED = (
    re.compile("无法|不能|没法|没办法"),
    re.compile("(?<=[\u4e00-\u9fff])不(?:了|上|到|进去|出来|出去|开)"),
    _FAILED_EN,
)
_LOGIN = re.compile(r"\b(?:log|sign) ?(?:in|on|into)\b")
# One or two Latin letters on a Chinese word say what it is only together: U盘, U盾, C盘, 5G网.
_SHORT_LATIN_CJK = re.compile("(?<![a-z0-9])([a-z0-9]{1,2})([\u4e00-\u9fff])")
_NAME = re.compile(r"[a-z][a-z0-9]+")

ArticleLookup = Callable[[str], "str | None"]
"""Hook: the knowledge-base article that answers a problem title (None if none)."""


def normalise(title: str) -> str:
    """The stored key of a title: NFKC, lower case, no digits, punctuation or spaces."""
    return _DROP.sub("", unicodedata.normalize("NFKC", title).lower())


def title_tokens(title: str) -> frozenset[str]:
    """What a title says about its problem, as comparable tokens."""
    text = _LOGIN.sub(" login ", _NOISE.sub(" ", kb_match.normalise(title)))
    for pattern in _FAILED:
        if pattern.search(text):
            text += " " + pattern.sub(" 失败 ", text)
    tokens = kb_match.tokens(text) + [a + b for a, b in _SHORT_LATIN_CJK.findall(text)]
    return frozenset(
        t for t in tokens if not t.isdigit() and not (len(t) == 1 and _CJK_CHAR.match(t))
    )


def _names(title: str) -> frozenset[str]:
    """Latin-letter words that name a system (CRM, ERP, Outlook): not desk words or fillers."""
    words = _NAME.findall(_FAILED_EN.sub(" ", kb_match.normalise(title)))
    return frozenset(w for w in words if not kb_match.is_common_word(w))


PRIOR_TITLES = 15
"""Titles sharing no token counted beside the ones compared: among a handful of titles (a
problem record's candidates), a word all of them share still says something."""

LONE_WEIGHT = 0.3
"""How much a pair of Chinese characters found in one title only counts, next to one found in
two."""


def _weight(count: int, titles: int, straddles: bool) -> float:
    """A token's weight: rarer among the titles compared weighs more (inverse frequency),
    except a pair of Chinese characters typed in one title only (``straddles``): most such
    pairs straddle two words (打印机缺墨 → 机缺), and one title's cannot make two alike."""
    weight = math.log((titles + 1 + PRIOR_TITLES) / (max(count, 2) + 0.5))
    return weight * LONE_WEIGHT if straddles else weight


def _typed_pair(token: str, title: str) -> bool:
    """Whether ``token`` is two Chinese characters as typed in ``title`` (not a canonical word
    added for a colloquial phrase or an English desk word)."""
    return len(token) == 2 and all(_CJK_CHAR.match(ch) for ch in token) and token in title


class Likeness:
    """How alike titles are, tokens weighted by their rarity among ``titles`` (all equal when
    no titles are given)."""

    def __init__(self, titles: Iterable[str] = ()) -> None:
        self._tokens: dict[str, frozenset[str]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._masses: dict[str, float] = {}
        self._wholes: dict[str, float] = {}
        seen = {t: None for t in titles}
        counts = Counter(tok for t in seen for tok in self.tokens(t))
        lone = {tok: t for t in seen for tok in self.tokens(t) if counts[tok] == 1}
        n = len(seen)
        self._weight = {
            tok: _weight(c, n, c == 1 and _typed_pair(tok, lone[tok])) for tok, c in counts.items()
        }
        self._full = {tok: _weight(c, n, False) for tok, c in counts.items()}

    def tokens(self, title: str) -> frozenset[str]:
        found = self._tokens.get(title)
        if found is None:
            found = self._tokens[title] = title_tokens(title)
            self._names[title] = _names(title)
        return found

    def weight(self, token: str) -> float:
        return self._weight.get(token, 1.0)

    def _mass(self, tokens: Iterable[str]) -> float:
        weight = self._weight
        return sum(weight.get(t, 1.0) for t in tokens)

    def mass(self, title: str) -> float:
        """The summed weight of a title's tokens."""
        found = self._masses.get(title)
        if found is None:
            found = self._masses[title] = self._mass(self.tokens(title))
        return found

    def whole(self, title: str) -> float:
        """A title's mass with every token at full weight (``_weight`` without discount)."""
        found = self._wholes.get(title)
        if found is None:
            full = self._full
            found = self._wholes[title] = sum(full.get(t, 1.0) for t in self.tokens(title))
        return found

    def score(self, a: str, b: str) -> float:
        """0 … 1: the weighted share of the less covered title's tokens found in the other."""
        ta, tb = self.tokens(a), self.tokens(b)
        if not ta or not tb:
            return 1.0 if normalise(a) == normalise(b) else 0.0
        names_a, names_b = self._names[a], self._names[b]
        if names_a and names_b and not names_a & names_b:
            return 0.0
        shared = self._mass(ta & tb)
        (large, large_names, _), (_, small_names, small) = sorted(
            ((self.mass(a), names_a, a), (self.mass(b), names_b, b)), key=lambda kv: -kv[0]
        )
        if not small_names <= large_names:  # a system the longer title does not name
            return shared / large
        # Wholly inside the longer title: every token of the shorter one counts, a pair of
        # characters no other title has (a typo: 打印机卡址) included.
        return max(shared / large, CONTAINED * shared / self.whole(small))

    def alike(self, a: str, b: str) -> bool:
        return self.score(a, b) >= SIMILARITY


def alike_to(title: str, others: Iterable[str]) -> list[bool]:
    """For each of ``others``: whether it names ``title``'s problem, tokens weighted by their
    rarity among all of them (what a shared object like 打印机 says is then little)."""
    others = list(others)
    likeness = Likeness([title, *others])
    return [likeness.alike(title, other) for other in others]


@dataclass
class ProblemGroup:
    """Titles that name one problem: the most frequent one stands for all (``_name``)."""

    title: str
    count: int
    titles: dict[str, int] = field(default_factory=dict)
    article: str | None = None  # the knowledge-base article answering it (wired at merge)

    def add(self, title: str, n: int) -> None:
        self.titles[title] = self.titles.get(title, 0) + n
        self.count += n


class _Grouping:
    """The greedy grouping of one set of titles, most frequent first."""

    def __init__(self, by_title: dict[str, int]) -> None:
        self.likeness = Likeness(by_title)
        self.groups: list[ProblemGroup] = []
        self._by_token: dict[str, dict[int, int]] = {}  # token → group index → its weight
        self._members: list[list[str]] = []  # each group's first titles (the most frequent)
        self._smallest: list[float] = []  # each group's smallest member (Likeness.whole)

    def add(self, title: str, n: int) -> None:
        tokens = self.likeness.tokens(title)
        index = self._best(title, tokens)
        if index is None:
            index = len(self.groups)
            self.groups.append(ProblemGroup(title="", count=0))
            self._members.append([])
            self._smallest.append(math.inf)
        self.groups[index].add(title, n)
        if len(self._members[index]) < REPRESENTATIVES:
            self._members[index].append(title)  # titles come most frequent first
            whole = self.likeness.whole(title)
            self._smallest[index] = min(self._smallest[index], whole)
        for t in tokens:
            self._by_token.setdefault(t, {})[index] = 1

    def _best(self, title: str, tokens: frozenset[str]) -> int | None:
        """The group the title is most alike on average (None: none reaches SIMILARITY).

        A group is scored only when the title's tokens it holds (``reach``, at least what any
        member shares) could reach SIMILARITY, as the title's covered share or as its
        smallest member wholly inside the title (``Likeness.score``): the rest cannot win.
        """
        weight = self.likeness.weight
        reach: dict[int, float] = {}
        for t in tokens:
            w = weight(t)
            for index in self._by_token.get(t, ()):
                reach[index] = reach.get(index, 0.0) + w
        floor = SIMILARITY * self.likeness.mass(title)
        near = sorted(
            (i for i, r in reach.items() if r >= floor or self._contains(r, i)),
            key=lambda i: -self.groups[i].count,
        )
        best, best_score = None, SIMILARITY
        for index in near[:MAX_GROUPS]:
            members = self._members[index]
            score = sum(self.likeness.score(title, m) for m in members) / len(members)
            if score >= best_score:
                best, best_score = index, score
        return best

    def fold(self, rest: Iterable[tuple[str, int]]) -> None:
        """The rarest titles beyond GROUPED_TITLES: each joins the group of a grouped title with
        its normalised key, if there is one (else it is left out of the problems)."""
        by_key = {normalise(t): g for g in self.groups for t in g.titles}
        for title, n in rest:
            group = by_key.get(normalise(title))
            if group is not None:
                group.add(title, n)

    def _contains(self, reach: float, index: int) -> bool:
        return CONTAINED * reach >= SIMILARITY * self._smallest[index]


def group_all(counted: Iterable[tuple[str, int]]) -> list[ProblemGroup]:
    """Every problem group of the counted titles, biggest first (count, then title)."""
    by_title: dict[str, int] = {}
    for title, n in counted:
        by_title[title] = by_title.get(title, 0) + n
    ordered = sorted(by_title.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    grouping = _Grouping(dict(ordered[:GROUPED_TITLES]))
    for title, n in ordered[:GROUPED_TITLES]:
        grouping.add(title, n)
    grouping.fold(ordered[GROUPED_TITLES:])
    for group in grouping.groups:
        group.title = _name(group, grouping.likeness)
    return sorted(grouping.groups, key=lambda g: (-g.count, g.title))


def _name(group: ProblemGroup, likeness: Likeness) -> str:
    """The title standing for a group: its most frequent, and among equally frequent ones the
    most alike the group's other titles (not a typo or an outlier), then the shortest."""
    most = max(group.titles.values())
    tied = [t for t, n in group.titles.items() if n == most]
    if len(tied) == 1:
        return tied[0]
    others = list(group.titles)[: REPRESENTATIVES * 2]

    def central(title: str) -> tuple[float, int, str]:
        near = sum(likeness.score(title, o) * group.titles[o] for o in others if o != title)
        return (-near, len(title), title)

    return min(tied, key=central)


def group_titles(
    counted: Iterable[tuple[str, int]], top: int = 10, article: ArticleLookup | None = None
) -> list[ProblemGroup]:
    """The ``top`` biggest problem groups (count, then title), best first."""
    chosen = [g for g in group_all(counted) if g.count >= 2][:top]  # recurring: two or more
    if article is not None:
        for g in chosen:
            g.article = article(g.title)
    return chosen
