"""Generated log lines as template and values: rendered in Chinese and English, parsed back."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_gui.domain import log_lines, log_render
from desk_gui.domain.enums import (
    Channel,
    Impact,
    Priority,
    Satisfaction,
    Status,
    Tier,
    Urgency,
    WaitingOn,
)
from desk_gui.domain.log_lines import LogLine

# Each line as the log stored it before schema 14 (literal: the old code's output).
OLD_LINES: list[tuple[LogLine, str, str]] = [
    (
        log_lines.status_change(Status.PENDING, Status.IN_PROGRESS),
        "状态：待处理 → 处理中",
        "Status: Pending → In progress",
    ),
    (log_lines.tier_change(Tier.L1, Tier.L2), "层级：一线 → 二线", "Tier: L1 → L2"),
    (log_lines.priority_change(Priority.P3, Priority.P1), "优先级：P3 → P1", "Priority: P3 → P1"),
    (log_lines.assignee_change(None, "李工"), "负责人：— → 李工", "Assignee: — → 李工"),
    (log_lines.first_assignee("王五"), "负责人：王五", "Assignee: 王五"),
    (
        log_lines.created(Channel.PHONE, Impact.DEPARTMENT, Urgency.HIGH, Priority.P1),
        "登记工单：电话，部门 × 紧急程度高 → P1",
        "Ticket logged: Phone, Department × urgency High → P1",
    ),
    (log_lines.imported("旧表.xlsx", 12), "导入自 旧表.xlsx 第 12 行", "Imported from 旧表.xlsx, row 12"),
    (log_lines.import_history("a\nb"), "原处理过程记录：\na\nb", "Original handling log:\na\nb"),
    (
        log_lines.escalation(Tier.L1, Tier.L2, log_lines.typed("硬件"), "转交"),
        "升级：一线 → 二线。原因：硬件。交接：转交",
        "Escalated: L1 → L2. Reason: 硬件. Handover: 转交",
    ),
    (
        log_lines.escalation(Tier.L1, Tier.L2, LogLine("P1：立即升级", "P1: escalate at once"), ""),
        "升级：一线 → 二线。原因：P1：立即升级。交接：",
        "Escalated: L1 → L2. Reason: P1: escalate at once. Handover: ",
    ),
    (log_lines.attachment("a.png", 2048), "附件：a.png（2048 字节）", "Attachment: a.png (2048 bytes)"),
    (log_lines.attachment_deleted("a.png"), "删除附件：a.png", "Attachment deleted: a.png"),
    (log_lines.wait_ended(""), "结束等待，计时恢复。", "Waiting over; the clock runs again."),
    (
        log_lines.wait_ended("到货"),
        "结束等待，计时恢复。到货",
        "Waiting over; the clock runs again. 到货",
    ),
    (log_lines.resolution("换电源"), "解决方案：换电源", "Solution: 换电源"),
    (log_lines.feedback(True, None, None, ""), "提交人反馈：是", "Requester feedback: Yes"),
    (
        log_lines.feedback(False, Satisfaction.DISSATISFIED, 2, "太慢"),
        "提交人反馈：否；不满意（2 分）。太慢",
        "Requester feedback: No; Dissatisfied (2/5). 太慢",
    ),
    (
        log_lines.FEEDBACK_NOT_RESOLVED,
        "提交人反馈未解决，退回处理。",
        "The requester says it is not resolved: back to handling.",
    ),
    (log_lines.closed(None), "关闭（提交人已确认解决）。", "Closed (the requester confirmed the fix)."),
    (log_lines.closed(log_lines.typed("重复")), "关闭。原因：重复", "Closed. Reason: 重复"),
    (log_lines.reopened(True, "未修好"), "主管重新打开。原因：未修好", "Reopened by a supervisor. Reason: 未修好"),
    (log_lines.reopened(False, "x"), "重新打开。原因：x", "Reopened. Reason: x"),
    (log_lines.follow_up_of("IT1"), "跟进已关闭的工单 IT1", "Follow-up of closed ticket IT1"),
    (log_lines.follow_up_logged("IT2"), "已登记跟进工单 IT2", "Follow-up ticket IT2 logged"),
    (log_lines.repeated_call("又坏了"), "重复来电：又坏了", "Repeated call: 又坏了"),
    (log_lines.made("cp", "p2"), "登记工单，优先级 P2", "Ticket logged, priority P2"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "zh", "en"), OLD_LINES, ids=lambda v: str(v)[:24])
def test_line_renders_as_the_old_text_in_both_languages(line: LogLine, zh: str, en: str) -> None:
    assert (line.zh, line.en) == (zh, en)
    assert line.args is not None
    assert log_render.render(line.args, "zh") == zh
    assert log_render.render(line.args, "en") == en
    assert log_render.texts("", None, line.args) == (zh, en)


@pytest.mark.parametrize(("line", "zh", "en"), OLD_LINES, ids=lambda v: str(v)[:24])
def test_old_text_parses_back_to_the_same_args(line: LogLine, zh: str, en: str) -> None:
    assert log_render.parse(zh, en) == line.args


def test_every_template_is_exercised() -> None:
    codes = {log_render.decode(line.args or "")[0] for line, _, _ in OLD_LINES}
    assert codes == set(log_render.TEMPLATES)


def test_args_are_smaller_than_the_two_texts() -> None:
    line = log_lines.status_change(Status.IN_PROGRESS, Status.RESOLVED)
    assert line.args == "st\x1fi\x1fr"  # schema 17's short form: one letter an enum value
    assert len(line.args.encode()) < len((line.zh + line.en).encode())


@pytest.mark.parametrize(("line", "zh", "en"), OLD_LINES, ids=lambda v: str(v)[:24])
def test_json_of_the_same_values_renders_the_same_and_shortens_to_the_short_form(
    line: LogLine, zh: str, en: str
) -> None:
    code, values = log_render.decode(line.args or "")
    old = json.dumps([code, *values], ensure_ascii=False, separators=(",", ":"))
    assert (log_render.render(old, "zh"), log_render.render(old, "en")) == (zh, en)
    assert log_render.shortened(old) == line.args and not line.args.startswith("[")
    assert len(line.args) < len(old)


@pytest.mark.parametrize(
    ("code", "values"),
    [
        ("rs", ["a\x1fb"]),  # a separator inside a typed text
        ("st", ["pending", "someday"]),  # a value without a letter
        ("cl", [["gone"]]),  # a phrase code no longer known
        ("im", ["a.xlsx", "12"]),  # a number given as text
        ("zz", ["x"]),  # no such template
    ],
)
def test_values_the_short_form_cannot_hold_are_stored_as_json(
    code: str, values: list[object]
) -> None:
    args = log_render.encode(code, *values)  # type: ignore[arg-type]
    assert json.loads(args) == [code, *values]
    assert log_render.shortened(args) == args


@given(
    st.text(max_size=30),
    st.one_of(st.none(), st.text(max_size=10)),
    st.one_of(st.none(), st.integers(0, 5)),
    st.booleans(),
)
def test_short_form_renders_as_json_does(
    text: str, note: str | None, score: int | None, ok: bool
) -> None:
    for code, values in (
        ("rs", [text]),
        ("fb", [int(ok), "basic" if ok else None, score, note]),
        ("es", ["l1", "expert", text if ok else ["p1"], text]),
        ("ro", [int(ok), text]),
        ("ph", [text]),
    ):
        old = json.dumps([code, *values], ensure_ascii=False)
        new = log_render.encode(code, *values)  # type: ignore[arg-type]
        for lang in ("zh", "en"):
            assert log_render.render(new, lang) == log_render.render(old, lang)


def test_damaged_short_form_renders_safely() -> None:
    for args in ("st\x1fi", "st\x1fi\x1fz", "fb\x1fx\x1f\x1d\x1f\x1d\x1f\x1d", "st"):
        shown = log_render.render(args, "zh")
        assert args in shown


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("状态：待处理 → 处理中", "Status: Pending → Resolved"),  # English disagrees
        ("状态：待处理 → 处理中", None),  # a line from before the English column
        ("检查电源", "检查电源 "),
        ("升级：一线 → 二线。原因：网络。交接：", "Escalated: L1 → L2. Reason: network. Handover: "),
        ("登记工单：电话，部门 × 紧急程度高 → P9", "Ticket logged: Phone, Department × urgency High → P9"),
    ],
)  # fmt: skip
def test_lines_no_template_renders_exactly_stay_text(zh: str, en: str | None) -> None:
    assert log_render.parse(zh, en) is None


def test_same_text_in_both_languages_is_kept_once() -> None:
    args = log_render.parse("远程协助完成", "远程协助完成")
    assert args is not None and log_render.texts("", None, args) == ("远程协助完成", "远程协助完成")


def test_a_reason_with_its_own_english_keeps_both_texts() -> None:
    line = log_lines.closed(LogLine("重复工单", "duplicate"))
    assert line == LogLine("关闭。原因：重复工单", "Closed. Reason: duplicate")


@pytest.mark.parametrize(
    "args",
    [
        '["zz",1,2]',  # a code from a newer program
        '["st","pending"]',  # too few values
        '["st","pending","nowhere"]',  # a value no longer known
        '["fb","x",null,null,null]',
        '["ph",["gone"]]',
        "not json",
        "[]",
        "{}",
        '["at","a.png","many"]',
        "null",
    ],
)
def test_unknown_or_damaged_args_render_safely(args: str) -> None:
    for lang in ("zh", "en"):
        shown = log_render.render(args, lang)
        assert isinstance(shown, str) and args in shown


def test_rendering_follows_the_language_not_the_storage() -> None:
    line = log_lines.feedback(True, Satisfaction.BASIC, 3, "")
    assert (
        log_render.render(line.args or "", "en")
        == "Requester feedback: Yes; Fairly satisfied (3/5)"
    )
    assert log_render.render(line.args or "", "zh") == "提交人反馈：是；基本满意（3 分）"


def test_wait_started_stays_text_until_it_has_a_template() -> None:
    line = log_lines.wait_started(WaitingOn.VENDOR, "张经理", datetime(2024, 5, 8), "等配件")
    assert line.args is None and line.zh.startswith("等待供应商")


def _searched(line: LogLine) -> str:
    assert line.args is not None
    return log_render.searched(line.args)


def test_search_reads_what_a_person_typed_in_a_generated_line() -> None:
    """Schema 19: values typed or named are searched, labels and the program's phrases not."""
    assert _searched(log_lines.status_change(Status.PENDING, Status.IN_PROGRESS)) == ""
    assert _searched(log_lines.assignee_change("李工", "王工")) == ""
    assert _searched(log_lines.resolution("更换硒鼓")) == ""  # the solution column is searched
    timeout = log_lines.phrase("l1_timeout")
    assert _searched(log_lines.escalation(Tier.L1, Tier.L2, timeout, "已重启")) == "已重启"
    escalated = log_lines.escalation(Tier.L1, Tier.L2, LogLine("键盘进水", "键盘进水"), "已重启")
    assert _searched(escalated) == "键盘进水\n已重启"
    assert _searched(log_lines.closed(None)) == ""
    assert _searched(log_lines.closed(LogLine("重复工单", "重复工单"))) == "重复工单"
    assert _searched(log_lines.reopened(True, "仍然蓝屏")) == "仍然蓝屏"
    comment = log_lines.feedback(True, Satisfaction.BASIC, 4, "速度慢")
    assert _searched(comment) == "速度慢"
    assert _searched(log_lines.feedback(False, None, None, "")) == ""
    assert _searched(log_lines.follow_up_of("IT2026112000001")) == "IT2026112000001"
    assert log_render.searched("zz\x1fdamaged") == log_render.render("zz\x1fdamaged", "zh")
