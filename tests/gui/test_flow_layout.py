"""The filter row's wrapping layout: it keeps the items' sizes between Qt's invalidations (issue
11), so a hidden, shown or re-labelled item and a new width must still move the others."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from desk_gui.ui.queue.flow_layout import FlowLayout


def _row(qtbot: Any) -> tuple[QWidget, list[QPushButton]]:
    box = QWidget()
    qtbot.addWidget(box)
    layout = FlowLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(f"Button {n}", box) for n in range(4)]
    for button in buttons:
        layout.addWidget(button)
    box.resize(1000, 200)
    box.show()
    qtbot.waitExposed(box)
    return box, buttons


def _settle(qtbot: Any, box: QWidget) -> None:
    qtbot.wait(20)
    box.layout().activate()


def test_items_wrap_onto_a_second_line_when_narrow_and_back_when_wide(qtbot: Any) -> None:
    box, buttons = _row(qtbot)
    assert len({b.y() for b in buttons}) == 1
    box.resize(buttons[0].width() * 2 + 20, 200)
    _settle(qtbot, box)
    assert buttons[2].y() > buttons[0].y()
    assert box.layout().heightForWidth(box.width()) > box.layout().heightForWidth(1000)
    box.resize(1000, 200)
    _settle(qtbot, box)
    assert len({b.y() for b in buttons}) == 1


def test_a_hidden_or_relabelled_item_moves_the_items_after_it(qtbot: Any) -> None:
    box, buttons = _row(qtbot)
    x_before = buttons[2].x()
    buttons[1].hide()
    _settle(qtbot, box)
    assert buttons[2].x() < x_before
    buttons[1].show()
    _settle(qtbot, box)
    assert buttons[2].x() == x_before
    buttons[1].setText("A much longer label than before")
    _settle(qtbot, box)
    assert buttons[2].x() > x_before
