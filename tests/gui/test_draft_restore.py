"""The question a new ticket form asks first when a typed ticket was never saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk_gui.domain.enums import Category, Channel, Impact, Urgency
from desk_gui.domain.ticket import TicketDraft
from desk_gui.ui.intake.drafts import DraftStore
from desk_gui.ui.intake.form_draft_restore import offer_restore


def _draft(title: str) -> TicketDraft:
    return TicketDraft(
        title=title,
        department="财务部",
        description="打印机卡纸，无法打印报销单",
        urgency=Urgency.MEDIUM,
        requester="王芳",
        contact="内线2201",
        category=Category.HARDWARE,
        impact=Impact.INDIVIDUAL,
        channel=Channel.PHONE,
    )


def _answer(text: str, seen: list[str]) -> None:
    """Click the button labelled ``text`` on the question once it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text() == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} among {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(
    ("answer", "restored", "kept"),
    [("Restore", True, True), ("Discard it", False, False), ("Not now", False, True)],
)
def test_the_unsaved_draft_is_offered_and_each_answer_does_what_it_says(
    qtbot: QtBot, answer: str, restored: bool, kept: bool
) -> None:
    store = DraftStore()
    store.save("ticket-left", _draft("打印机卡纸"), [])
    seen: list[str] = []
    _answer(answer, seen)
    got = offer_restore(None, store)
    assert seen and "打印机卡纸" in seen[0]  # the question names the ticket typed
    assert (got is not None and got.draft.title == "打印机卡纸") is restored
    assert (store.latest() is not None) is kept


def test_no_question_without_an_unsaved_draft(qtbot: QtBot) -> None:
    assert offer_restore(None, DraftStore()) is None
