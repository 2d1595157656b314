"""Rules of resolving and verifying: a solution says what was done; the rating is the requester's.

Like an intake description (``vague_text.is_vague``), a solution is refused when, once phrases
that only say "it is done" (已解决, 好了, fixed, done …) are taken out, too little is left to tell
the next person what was done. The feedback's 满意度 and its optional 1–5 score must agree: a
score never silently replaces the rating the requester gave.
"""

from __future__ import annotations

import re
import unicodedata

from desk_gui.domain.enums import Satisfaction
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.vague_text import letter_count, phrase_pattern

# Letters/digits (a CJK character counts one) that must remain once the "done" phrases are out:
# "换网线" (3) or "Reset password" pass, "已解决" / "问题已处理" / "fixed it" do not.
MIN_SOLUTION = 3

# Phrases that report an outcome without saying what was done; longer ones first in the pattern.
_DONE_CJK = (
    "已经解决",
    "已解决",
    "解决了",
    "解决",
    "已处理",
    "处理好",
    "处理完毕",
    "处理完成",
    "处理完",
    "处理",
    "已修复",
    "修复了",
    "修复",
    "搞定",
    "弄好",
    "好了",
    "可以了",
    "行了",
    "没问题",
    "无问题",
    "问题",
    "故障",
    "排除",
    "完成",
    "完毕",
    "结束",
    "恢复正常",
    "已恢复",
    "恢复",
    "正常",
    "用户",
    "提交人",
    "确认",
    "已经",
    "已",
    "了",
    "的",
    "现在",
    "目前",
    "都",
    "也",
    "好",
)
_DONE_ASCII = (
    "resolved",
    "solved",
    "fixed",
    "fix",
    "done",
    "ok",
    "okay",
    "works",
    "working",
    "work",
    "fine",
    "good",
    "closed",
    "complete",
    "completed",
    "finished",
    "normal",
    "again",
    "now",
    "issue",
    "problem",
    "it",
    "is",
    "was",
    "has",
    "been",
    "all",
    "the",
    "user",
    "confirmed",
)


def _done_pattern() -> re.Pattern[str]:
    return phrase_pattern(_DONE_CJK, _DONE_ASCII)


_DONE = _done_pattern()


def concrete_solution_count(solution: str) -> int:
    """Letters and digits left once "done" phrases ("已解决", "fixed") are taken out."""
    return letter_count(_DONE.sub(" ", unicodedata.normalize("NFKC", solution).lower()))


def is_vague_solution(solution: str) -> bool:
    """True if a solution only reports the outcome ("已解决", "fixed") instead of the fix."""
    return concrete_solution_count(solution) < MIN_SOLUTION


def check_solution(solution: str) -> str:
    """The solution, stripped; RuleViolation (field "solution") if empty or too vague."""
    text = (solution or "").strip()
    if not text:
        raise RuleViolation(
            "solution_required",
            zh="请填写解决方案后再标记为已解决。",
            en="Enter the solution before marking the ticket resolved.",
            field="solution",
        )
    left = concrete_solution_count(text)
    if left < MIN_SOLUTION:
        # The rule stated as the intake description's is (vague_text.vague_text_rule): what is
        # missing, how much there is, how much is enough.
        raise RuleViolation(
            "solution_vague",
            zh=f"解决方案太笼统：除去“已解决”“好了”“处理完毕”这类说法，只剩{left}个字，"
            f"至少要有{MIN_SOLUTION}个字写明做了什么（如更换了什么、改了哪项设置、重启了哪个服务）。",
            en=f"The solution is too vague: apart from words like “resolved”, “fixed” or “done” "
            f"it has {left} letters or digits; at least {MIN_SOLUTION} must say what was done "
            "(e.g. what was replaced, which setting was changed, which service was restarted).",
            field="solution",
        )
    return text


def feedback_rating(satisfaction: Satisfaction | None, score: int | None) -> Satisfaction | None:
    """The rating to store: as given; from the score only when no rating was given.

    A rating and a score that disagree (满意度 不满意 with 4 分) are refused: the desk asks
    the requester again rather than storing something they did not say.
    """
    if score is None:
        return satisfaction
    if not 1 <= score <= 5:
        raise RuleViolation(
            "score_range",
            zh=f"评分应为 1–5 分，现在是 {score}。",
            en=f"The score must be 1–5, not {score}.",
            field="score",
        )
    implied = Satisfaction.from_score(score)
    if satisfaction is None or satisfaction is implied:
        return implied
    raise RuleViolation(
        "rating_mismatch",
        zh=f"满意度“{satisfaction.zh}”与评分 {score} 分不符（{score} 分对应“{implied.zh}”），"
        "请按提交人的原话改正其中一项。",
        en=f"The rating “{satisfaction.en}” does not match the score {score} (which means "
        f"“{implied.en}”): correct one of them to what the requester said.",
        field="satisfaction",
    )
