"""``TextMasker.finds`` and ``many``'s look before masking: a text they pass over is one that
masking leaves as it is, whatever the name, letter case, spacing or kind of digit."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk_gui.domain.masking import TextMasker

_NAMES = ["王小明", "小明", "李", "Alice Tan", "wang", "E12345", "打印", "Ann  Lee", "José Ruiz",
          "K9", "王Alice", " 赵强 ", "Sıla", "İpek"]  # fmt: skip
# Name pieces, digits of every kind, the separators a number is written with, spaces, and
# letters that match ASCII ones in any case (K kelvin sign, long s, dotted and dotless i).
_PIECES = ["王", "小明", "明*", "Alice", "ALICE", "tan", "Tan", "WANG", "e12345", "E1234",
           "打印", "ann", "LEE", "josé", "RUIZ", "k9", "sıla", "SILA", "ipek", "İPEK",
           "1", "13", "9", "0", "5678", "１", "３", "٣", "०", "-", " ", "\u3000", "\u00a0",
           "\u2014", "(", "（", "+86", "转", "ext", "内线", "\u212a", "\u017f", "\u0130",
           "\u0131", "\n", "\x00", "，", "a", "x", "－", "＋"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_NAMES), st.lists(st.sampled_from(_PIECES), max_size=14))
@example("Alice Tan", ["alice", "\u3000", "TAN"])
@example("K9", ["\u212a", "9"])
@example("陈静", ["１", "３", "９", "１", "２"])
@example("陈静", ["13", *["٣"] * 9])  # a mobile whose last digits are not ASCII ones
def test_what_finds_passes_over_is_left_as_it_is(name: str, pieces: list[str]) -> None:
    masker, text = TextMasker(name), "".join(pieces)
    if not masker.finds(text):
        assert masker(text) == text
    texts = text.split("x")
    assert masker.many(texts) == [masker(t) for t in texts]


def test_finds_the_name_and_four_digits() -> None:
    masker = TextMasker("Alice Tan")
    assert masker.finds("called ALICE\u3000TAN") and masker.finds("分机 12-34")
    assert masker.finds("٠١٢٣") and not masker.finds("alice, tan 123")
    assert TextMasker("王小明").finds("小王小明白") and not TextMasker("王小明").finds("王小 明")
