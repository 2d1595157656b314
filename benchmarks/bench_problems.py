"""The weekly review's top problems: grouping a week's distinct titles, beside grouping them by
their plain normalised key (no likeness at all) in the same run.

    python benchmarks/bench_problems.py [--titles 300 3000 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk_gui.domain.review_problems import group_titles, normalise
from tests.services import problem_titles_dev, problem_titles_heldout

Counted = list[tuple[str, int]]
PLACES = ["", "财务部", "三楼", "销售部", "2F ", "会议室B"]
ENDINGS = ["", "了", "！", "，急", "（第二次）"]


def week(distinct: int, seed: int = 1) -> list[tuple[str, int]]:
    """``distinct`` titles made from both sets' titles with places and endings, with counts."""
    base = [t for g in problem_titles_dev.GROUPS + problem_titles_heldout.GROUPS for t in g]
    rng = random.Random(seed)
    titles: dict[str, int] = {}
    while len(titles) < distinct:
        title = f"{rng.choice(PLACES)}{rng.choice(base)}{rng.choice(ENDINGS)}{rng.randint(0, 99)}"
        titles[title] = rng.randint(1, 40)
    return list(titles.items())


def best_of(runs: int, work: Callable[[list[tuple[str, int]]], object], counted: Counted) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work(counted)
        times.append(time.perf_counter() - start)
    return min(times)


def by_key(counted: Counted) -> Counter[str]:
    return Counter(normalise(t) for t, _ in counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--titles", type=int, nargs="+", default=[300, 3000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'distinct titles':>16} {'grouped':>10} {'by key only':>12} {'ratio':>6}")
    for n in args.titles:
        counted = week(n)
        grouped = best_of(args.runs, group_titles, counted)
        keyed = best_of(args.runs, by_key, counted)
        print(
            f"{n:>16,} {grouped * 1000:>8.0f} ms {keyed * 1000:>9.1f} ms {grouped / keyed:>6.0f}×"
        )


if __name__ == "__main__":
    main()
