"""Intake validation of a ticket draft."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain.enums import Category, Impact, Urgency
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.text import has_surrogate, is_visible
from desk_gui.domain.ticket import TicketDraft
from desk_gui.domain.vague_text import (
    MIN_CONCRETE,
    MIN_DESCRIPTION,
    is_vague,
    vague_text_problem,
    vague_text_rule,
)
from desk_gui.domain.validation import (
    MAX_TITLE,
    Problem,
    ValidationError,
    errors_only,
    looks_like_personal_mobile,
    title_length,
    validate_draft,
    warnings_only,
)

NOW = datetime(2024, 5, 1, 10, 0)
FIELDS = {
    "title",
    "department",
    "description",
    "category",
    "urgency",
    "impact",
    "requester",
    "contact",
    "submitted_at",
}


def good_draft() -> TicketDraft:
    """The spec's worksheet example."""
    return TicketDraft(
        title="CRM系统数据库连接错误",
        department="销售部/北京分公司",
        description="上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效",
        category=Category.SOFTWARE,
        urgency=Urgency.HIGH,
        impact=Impact.DEPARTMENT,
        requester="小明",
        contact="内线8888",
        submitted_at=datetime(2024, 5, 1, 9, 15),
    )


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in problems]


def test_spec_example_passes() -> None:
    assert validate_draft(good_draft(), NOW) == []
    assert validate_draft(replace(good_draft(), submitted_at=None), NOW) == []


def test_empty_draft_names_every_required_field_in_order() -> None:
    problems = validate_draft(TicketDraft(), NOW)
    assert codes(problems) == [
        (f, "required")
        for f in (
            "title",
            "department",
            "description",
            "category",
            "urgency",
            "impact",
            "requester",
            "contact",
        )
    ]
    assert all(not p.warning for p in problems)
    assert problems[0].message("zh") == "请填写问题标题。"
    assert problems[0].message("en") == "Enter the title."
    assert problems[3].message("zh") == "请选择问题类型。"


def test_blank_text_is_missing() -> None:
    draft = replace(good_draft(), title="   ", requester="\t")
    assert codes(validate_draft(draft, NOW)) == [
        ("title", "required"),
        ("requester", "required"),
    ]


def test_title_length_counts_cjk_as_one() -> None:
    assert title_length("CRM系统数据库连接错误") == 12
    assert title_length("  打印机  ") == 3
    assert title_length("e\u0301") == 1  # combining accent: one character
    assert MAX_TITLE == 20


def test_title_limit() -> None:
    ok = replace(good_draft(), title="一" * 20)
    assert validate_draft(ok, NOW) == []
    too_long = replace(good_draft(), title="一" * 21)
    problems = validate_draft(too_long, NOW)
    assert codes(problems) == [("title", "title_too_long")]
    assert "21" in problems[0].message("zh") and "21" in problems[0].message("en")


@pytest.mark.parametrize(
    "text",
    [
        "系统不好用",
        "有问题",
        "用不了了",
        "坏了！！！",
        "系统不好用，系统不好用，真的不好用啊！！",
        "电脑坏了啊，系统有问题，不能用了，请尽快处理一下",
        "doesn't work",
        "Not working!!! Please help, urgent problem",
        "The system doesn’t work, please help!!!",
        "broken broken broken broken",
        "help",
        "issue",
        "打印机卡纸无法打印",  # 9 characters: too short to say enough
        "",
        "   ",
    ],
)
def test_vague_descriptions(text: str) -> None:
    assert is_vague(text)


@pytest.mark.parametrize(
    "text",
    [
        "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效",
        "VPN连不上，报错809",
        "财务系统登录提示密码过期，已尝试重置未收到邮件",
        "Outlook shows error 0x800CCC0E when sending since 10am; restarting did not help",
        "Printer on floor 3 jams on every page since this morning, 8 people affected",
        "系统不好用：打开报表页面要等2分钟，全部门都这样",
    ],
)
def test_concrete_descriptions(text: str) -> None:
    assert not is_vague(text)


def test_vague_description_problem_hints_what_to_write() -> None:
    problems = validate_draft(replace(good_draft(), description="系统不好用"), NOW)
    assert codes(problems) == [("description", "description_vague")]
    zh, en = problems[0].zh, problems[0].en
    for word in ("现象", "影响范围", "发生时间", "已尝试"):
        assert word in zh
    for word in ("symptom", "affected", "when", "tried"):
        assert word in en


def test_vague_description_message_states_the_rule_for_complaints() -> None:
    problems = validate_draft(replace(good_draft(), description="系统不好用，请尽快处理"), NOW)
    zh, en = problems[0].zh, problems[0].en
    # What is missing (a concrete account beyond the complaint) and how much is enough.
    assert "不好用" in zh and f"至少要有{MIN_CONCRETE}个字" in zh and "只剩0个字" in zh
    assert "not working" in en and f"at least {MIN_CONCRETE}" in en and "has 0 letters" in en


def test_short_description_message_states_the_minimum_and_the_count() -> None:
    problems = validate_draft(replace(good_draft(), description="打印机卡纸无法打印"), NOW)
    assert codes(problems) == [("description", "description_vague")]
    zh, en = problems[0].zh, problems[0].en
    assert "太短" in zh and "只有9个字" in zh and f"至少需要{MIN_DESCRIPTION}个字" in zh
    assert "标点和空格不算" in zh
    assert "too short" in en and "has 9 letters or digits" in en
    assert f"at least {MIN_DESCRIPTION}" in en and "punctuation and spaces do not count" in en


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("系统不好用", "only_complaints"),
        ("已解决", "only_complaints"),  # 3 letters: a resolution that says nothing
        ("Not working!!! Please help, urgent problem", "only_complaints"),
        ("打印机卡纸无法打印", "too_short"),
        ("", "only_complaints"),
        ("VPN连不上，报错809", None),
        ("重启了打印服务，客户确认能打印", None),
    ],
)
def test_vague_text_problem_is_reusable_for_any_free_text(text: str, reason: str | None) -> None:
    assert vague_text_problem(text) == reason
    assert is_vague(text) == (reason is not None)
    if reason is not None:
        zh, en = vague_text_rule(reason, text, "解决方案", "solution")
        assert zh.startswith("解决方案太") and en.startswith("The solution is too")


@pytest.mark.parametrize(
    "contact",
    [
        "13812345678",
        "手机13812345678",
        "138-1234-5678",
        "138 1234 5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086-13812345678",
        "8613812345678",
        "(+86) 199 0000 1111",
        "１３８１２３４５６７８",  # full-width digits
        "内线8888 / 15912345678",
    ],
)
def test_personal_mobiles(contact: str) -> None:
    assert looks_like_personal_mobile(contact)


@pytest.mark.parametrize(
    "contact",
    [
        "内线8888",
        "8888",
        "企业微信 zhangsan",
        "zhang.san@corp.example",
        "12812345678",  # 12… is no mobile prefix
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "010-62345678",  # landline
        "110101199003071234",  # an ID-card number
        "",
    ],
)
def test_not_personal_mobiles(contact: str) -> None:
    assert not looks_like_personal_mobile(contact)


def test_personal_mobile_is_a_warning() -> None:
    problems = validate_draft(replace(good_draft(), contact="手机13812345678"), NOW)
    assert codes(problems) == [("contact", "personal_mobile")]
    assert problems[0].warning
    assert errors_only(problems) == []
    assert warnings_only(problems) == problems


def test_submitted_in_the_future() -> None:
    skew = replace(good_draft(), submitted_at=NOW + timedelta(seconds=59))
    assert validate_draft(skew, NOW) == []
    future = replace(good_draft(), submitted_at=NOW + timedelta(minutes=2))
    problems = validate_draft(future, NOW)
    assert codes(problems) == [("submitted_at", "submitted_in_future")]
    assert not problems[0].warning


def test_late_logged_calls() -> None:
    # Hours, days, even months earlier: late logging, imports and edits of old tickets.
    for earlier in (timedelta(hours=3), timedelta(days=10), timedelta(days=800)):
        assert validate_draft(replace(good_draft(), submitted_at=NOW - earlier), NOW) == []


def test_mistyped_year() -> None:
    old = replace(good_draft(), submitted_at=datetime(1924, 5, 1, 9, 15))
    problems = validate_draft(old, NOW)
    assert codes(problems) == [("submitted_at", "submitted_too_old")]
    assert not problems[0].warning
    assert validate_draft(replace(good_draft(), submitted_at=datetime(2000, 1, 1)), NOW) == []


def test_the_only_warning_is_the_personal_mobile() -> None:
    draft = TicketDraft(contact="13812345678", submitted_at=datetime(1990, 1, 1))
    assert [p.code for p in warnings_only(validate_draft(draft, NOW))] == ["personal_mobile"]


def test_aware_and_naive_times_do_not_crash() -> None:
    aware = NOW.astimezone()
    draft = replace(good_draft(), submitted_at=aware)
    assert errors_only(validate_draft(draft, NOW)) == []
    assert errors_only(validate_draft(good_draft(), aware)) == []


def test_validation_error() -> None:
    problems = errors_only(validate_draft(replace(good_draft(), title="", department=""), NOW))
    error = ValidationError(problems)
    assert isinstance(error, RuleViolation)
    assert error.problems == problems
    assert error.code == "invalid_draft"
    assert error.field == "title"
    assert "问题标题" in error.message("zh") and "所属部门" in error.message("zh")
    assert "title" in error.message("en") and "department" in error.message("en")
    assert "title" in str(error)


def test_problem_message_language() -> None:
    p = Problem("title", "x", "中文", "English")
    assert p.message("zh") == "中文"
    assert p.message("zh_CN") == "中文"
    assert p.message("en") == "English"
    assert p.message("de") == "English"


# --- properties -------------------------------------------------------------------------------

titles = st.text(min_size=1, max_size=30).filter(lambda t: t.strip() != "")


@given(
    titles.filter(lambda t: title_length(t) <= MAX_TITLE and is_visible(t) and not has_surrogate(t))
)
def test_any_short_title_passes(title: str) -> None:
    assert validate_draft(replace(good_draft(), title=title), NOW) == []


@given(
    titles.filter(lambda t: title_length(t) > MAX_TITLE)
    | st.text(min_size=21)
    .map(lambda t: "标" + t + "题")
    .filter(lambda t: title_length(t) > MAX_TITLE)
)
def test_any_long_title_fails_naming_the_title(title: str) -> None:
    problems = validate_draft(replace(good_draft(), title=title), NOW)
    assert ("title", "title_too_long") in codes(problems)
    assert all(p.field == "title" for p in problems)


@given(
    title=st.text(),
    department=st.text(),
    description=st.text(),
    requester=st.text(),
    contact=st.text(),
    submitted_at=st.none() | st.datetimes() | st.datetimes(timezones=st.timezones()),
)
def test_validation_never_raises(
    title: str,
    department: str,
    description: str,
    requester: str,
    contact: str,
    submitted_at: datetime | None,
) -> None:
    draft = TicketDraft(
        title=title,
        department=department,
        description=description,
        requester=requester,
        contact=contact,
        submitted_at=submitted_at,
    )
    problems = validate_draft(draft, NOW)
    assert {p.field for p in problems} <= FIELDS
    assert {"category", "urgency", "impact"} <= {p.field for p in problems}
    assert all(p.zh and p.en and p.code for p in problems)


@given(
    head=st.sampled_from(["", "手机", "mobile: ", "电话 "]),
    prefix=st.sampled_from(["", "+86", "+86 ", "0086", "86-"]),
    second=st.sampled_from("3456789"),
    rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
    sep=st.sampled_from(["", " ", "-"]),
)
def test_any_mobile_is_spotted(head: str, prefix: str, second: str, rest: str, sep: str) -> None:
    number = f"1{second}{rest[:1]}{sep}{rest[1:5]}{sep}{rest[5:]}"
    assert looks_like_personal_mobile(head + prefix + number)


@given(st.text())
def test_detectors_never_raise(text: str) -> None:
    is_vague(text)
    looks_like_personal_mobile(text)
    title_length(text)
