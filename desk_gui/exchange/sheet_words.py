"""The other words old sheets use for the worksheet's choices: 紧急 for 高, 已完成 for 已解决.

People typed these cells by hand for years: a synonym (一般, 已处理), a suffix (硬件问题,
网络故障, 软件类), a gloss in brackets (高（紧急）) or a letter (H/M/L). ``read_choice`` takes
the label first (``LabelledEnum.parse``), then these; what neither knows stays an error that
names the allowed values, never a guess.
"""

from __future__ import annotations

import re
from typing import Any

from desk_gui.domain.enums import (
    Category,
    Channel,
    Impact,
    LabelledEnum,
    Satisfaction,
    Status,
    Urgency,
)

_WORDS: dict[type[LabelledEnum], dict[str, tuple[str, ...]]] = {
    Urgency: {
        "high": ("紧急", "非常紧急", "特急", "急", "加急", "很急", "严重", "高级", "h", "urgent"),
        "medium": ("一般", "普通", "中等", "正常", "较急", "中级", "m", "normal"),
        "low": ("不急", "较低", "轻微", "低级", "不紧急", "l"),
    },
    Status: {
        "pending": (
            "未处理",
            "新建",
            "待分配",
            "未开始",
            "待办",
            "未受理",
            "待响应",
            "new",
            "open",
        ),
        "in_progress": (
            "进行中",
            "正在处理",
            "跟进中",
            "已受理",
            "已分配",
            "处理",
            "挂起",
            "已升级",
            "in process",
            "ongoing",
            "assigned",
        ),
        "resolved": (
            "已完成",
            "完成",
            "已处理",
            "处理完毕",
            "处理完成",
            "已修复",
            "解决",
            "done",
            "fixed",
            "completed",
            "solved",
        ),
        "closed": ("关闭", "已结束", "结束", "已归档", "归档", "完结", "已完结", "close"),
    },
    Category: {
        "hardware": ("设备", "硬件设备", "电脑硬件"),
        "software": ("应用", "系统软件", "应用软件", "application"),
        "network": ("网络连接", "网路", "internet"),
        "permission": ("账号", "账户", "帐号", "帐户", "账号权限", "权限账号", "access", "account"),
        "other": ("其它", "其他问题", "其它问题", "others"),
    },
    Impact: {
        "individual": ("单人", "个别", "本人", "单个用户", "个人用户", "单用户", "single user"),
        "department": ("多人", "科室", "小组", "团队", "本部门", "部门内", "team"),
        "company": ("公司", "全员", "全部", "整个公司", "全集团", "集团", "全体", "company"),
    },
    Channel: {
        "phone": ("电话报修", "座机", "来电", "tel", "telephone", "call"),
        "email": ("电子邮件", "邮箱", "email", "mail"),
        "im": ("微信", "企业微信", "钉钉", "qq", "im", "飞书", "即时通讯", "聊天", "chat"),
        "walk_in": ("到访", "上门", "现场报修", "当面", "面对面", "walk in", "walkin"),
        "web": ("网页", "表单", "网站", "系统提交", "web", "form", "portal"),
        "monitoring": ("监控", "告警", "报警", "monitoring", "alert", "alarm"),
    },
    Satisfaction: {
        "satisfied": ("非常满意", "很满意", "十分满意", "满意度高", "very satisfied"),
        "basic": ("一般", "还行", "较满意", "比较满意", "还可以", "基本满意度"),
        "dissatisfied": ("不太满意", "很不满意", "非常不满意", "差", "unsatisfied"),
    },
}

# Words that only say what kind of thing the cell names: 硬件问题, 网络故障, 软件类.
_SUFFIX = re.compile(r"(类问题|问题|故障|类|方面|相关|异常)$")
_GLOSS = re.compile(r"^(?P<head>[^（(]+?)\s*[（(](?P<inside>[^）)]*)[）)]\s*$")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u3000", " ").replace("-", " ").split()).lower()


def _index(enum: type[LabelledEnum]) -> dict[str, str]:
    return {_norm(w): value for value, words in _WORDS.get(enum, {}).items() for w in words}


_INDEX = {enum: _index(enum) for enum in _WORDS}


def _one(enum: type[LabelledEnum], text: str) -> Any:
    try:
        return enum.parse(text)
    except ValueError:
        pass
    value = _INDEX.get(enum, {}).get(_norm(text))
    if value is not None:
        return enum(value)
    stem = _SUFFIX.sub("", text.strip())
    if stem and stem != text.strip():
        return _one(enum, stem)
    raise ValueError(f"not a {enum.__name__}: {text!r}")


def read_choice(enum: type[LabelledEnum], text: str) -> Any:
    """The member ``text`` names (label, value, or a word above); ValueError otherwise."""
    try:
        return _one(enum, text)
    except ValueError:
        gloss = _GLOSS.match(text.strip())
        if gloss is None:
            raise
    for part in (gloss.group("head"), gloss.group("inside")):  # 高（紧急）, 处理中(二线)
        try:
            return _one(enum, part)
        except ValueError:
            continue
    raise ValueError(f"not a {enum.__name__}: {text!r}")
