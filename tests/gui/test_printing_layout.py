"""The worksheet layout as a pure function, with fake font metrics (no Qt)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from desk_gui.domain.fields import template_fields
from desk_gui.printing.content import WorksheetOptions, worksheet_content
from desk_gui.printing.layout import (
    BODY_BOTTOM,
    PAGE_H,
    PAGE_W,
    Page,
    Rule,
    Shade,
    Style,
    Text,
    layout_worksheet,
)
from desk_gui.printing.sample import sample_record


class FakeMeasure:
    """A CJK character 3 mm wide, anything else 1.8 mm; lines 4.5 mm high."""

    def width(self, text: str, style: Style) -> float:
        return sum(3.0 if unicodedata.east_asian_width(c) in "WF" else 1.8 for c in text)

    def line_height(self, style: Style) -> float:
        return 4.5

    def wrap(self, text: str, style: Style, width: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for ch in paragraph:
                if line and self.width(line + ch, style) > width:
                    lines.append(line)
                    line = ""
                line += ch
            lines.append(line)
        return lines


def _pages(record: object = None, **opts: object) -> list[Page]:
    options = WorksheetOptions(printed_by="张三", **opts)  # type: ignore[arg-type]
    return layout_worksheet(worksheet_content(record, options), FakeMeasure())  # type: ignore[arg-type]


def _all_text(pages: list[Page]) -> list[str]:
    return [t for p in pages for t in p.texts()]


def test_common_ticket_fits_one_page_with_every_label_in_template_order() -> None:
    pages = _pages(sample_record())
    assert len(pages) == 1
    texts = _all_text(pages)
    positions = [texts.index(zh) for zh in (f.zh for f in template_fields())]
    assert positions == sorted(positions)
    for label in ("问题类型", "影响范围", "优先级", "处理层级", "提交人签字：", "第 1 / 1 页"):
        assert label in texts


def test_items_stay_on_the_page() -> None:
    for page in _pages(sample_record(extra_log=80)):
        for item in page.items:
            if isinstance(item, (Text, Shade)):
                assert item.x >= 0 and item.x + item.w <= PAGE_W + 0.01
                assert item.y >= 0 and item.y + item.h <= PAGE_H
            elif isinstance(item, Rule):
                assert max(item.x1, item.x2) <= PAGE_W and max(item.y1, item.y2) <= PAGE_H


def test_long_log_flows_onto_more_pages_with_header_and_nothing_lost() -> None:
    record = sample_record(extra_log=80)
    pages = _pages(record)
    assert len(pages) >= 3
    for i, page in enumerate(pages, start=1):
        texts = page.texts()
        assert "技术问题解决与支持工作表" in texts
        assert "问题编号：IT20240501001" in texts
        assert f"第 {i} / {len(pages)} 页" in texts
    joined = "".join(_all_text(pages))
    for entry in record.log:
        assert entry.text.replace("\n", "") in joined
    assert "处理过程记录（续）" in _all_text(pages)
    # Body text never runs into the footer.
    for page in pages:
        body = [t for t in page.items if isinstance(t, Text) and t.style in ("value", "label")]
        assert all(t.y + t.h <= BODY_BOTTOM + 0.01 for t in body)


def test_long_description_splits_between_lines_and_is_not_clipped() -> None:
    record = replace(sample_record(), description="数据库连接错误，" * 600)
    pages = _pages(record)
    assert len(pages) >= 2
    values = [t.text for p in pages for t in p.items if isinstance(t, Text) and t.style == "value"]
    assert "".join(values).count("数据库连接错误，") >= 600
    assert "问题描述（续）" in _all_text(pages)


def test_requester_masked_unless_the_office_turns_it_off() -> None:
    assert "小明*" in _all_text(_pages(sample_record()))
    texts = _all_text(_pages(sample_record(), mask_requester=False))
    assert "小明" in texts and "小明*" not in texts


def test_english_worksheet() -> None:
    texts = _all_text(_pages(sample_record(), lang="en"))
    for label in (
        "Technical Problem Resolution and Support Worksheet",
        "Ticket No.",
        "Handling log",
    ):
        assert label in texts
    assert "Yes; Satisfied" in texts and "Page 1 / 1" in texts


def test_blank_worksheet_is_one_page_with_ruled_log_rows() -> None:
    for lang in ("zh", "en"):
        pages = _pages(None, lang=lang)
        assert len(pages) == 1
        rules = [r for r in pages[0].items if isinstance(r, Rule) and r.y1 == r.y2]
        assert len(rules) > 30
    texts = _all_text(_pages(None))
    assert "□ 高  □ 中  □ 低" in texts
    assert "IT20240501001" not in "".join(texts)
