"""The window on a faulty share (run by tests/faults/test_window_faults.py under the interposer).

A real worksheet, offscreen, whose saves go through the interposed file calls. Commands come as
JSON lines on stdin (read on a thread, run on the window's thread); each answers one JSON line.
A timer ticks all along: its count shows whether the window's thread stayed free while a save
waited on a hung share.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desk_gui.domain.transitions import Action
from desk_gui.services.workspace import Workspace
from desk_gui.ui.worksheet.worksheet_view import WorksheetView
from tests.faults._worker import _draft

SLOW_MS, LIMIT_MS = 200, 1500
TEXT = {"add_log": "回访：打印恢复", "progress": "已告知提交人正在处理", "close": "用户确认关闭"}


class Inbox(QObject):
    line = Signal(str)


class Window:
    """One worksheet and whichever save is under test: a dialog, Take, Edit or an attachment."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.view: WorksheetView | None = None
        self.dialog: Any = None
        self.target = ""

    def _tick(self) -> None:
        self.ticks += 1

    def run(self, cmd: dict[str, Any]) -> dict[str, Any]:
        op = cmd["op"]
        if op == "ticket":  # one the save under test may be done to
            svc = self.ws.tickets
            rec = svc.create(_draft("打印机卡纸"))
            if cmd["target"] != "take":
                rec = svc.take(rec.id, rec.version)
            if cmd["target"] == "close":
                rec = svc.resolve(rec.id, rec.version, "更换硒鼓后打印正常")
            return {"id": rec.id, "version": rec.version}
        if op == "start":
            return self.start(int(cmd["id"]), cmd["target"])
        if op == "go":
            return self.go()
        if op == "click":
            self._button().click()
            return {}
        if op == "state":
            return self.state()
        if op == "quit":
            return {}
        raise ValueError(op)

    def start(self, ticket_id: int, target: str) -> dict[str, Any]:
        if self.view is not None:
            self.view.shutdown()
            self.view.deleteLater()
        self.view = view = WorksheetView(self.ws.tickets, ticket_id)
        while view.loading:  # the ticket is read off the window's thread (the share is fine)
            QApplication.processEvents()
            time.sleep(0.002)
        self.target, self.dialog = target, None
        view.lease.slow_ms, view.lease.limit_ms = SLOW_MS, LIMIT_MS
        view.action_bar.slow_ms, view.action_bar.limit_ms = SLOW_MS, LIMIT_MS
        view.attachment_panel.slow_ms = SLOW_MS
        view.attachment_panel.limit_ms = LIMIT_MS
        if target in TEXT:
            self.dialog = view.action_bar.action_dialog(Action(target))
            self.dialog.text_edit.setPlainText(TEXT[target])
        elif target == "resolve":
            self.dialog = view.action_bar.action_dialog(Action.RESOLVE)
            self.dialog.solution_edit.setPlainText("更换硒鼓后打印正常")
        if self.dialog is not None:
            self.dialog.saver.slow_ms, self.dialog.saver.limit_ms = SLOW_MS, LIMIT_MS
            self.dialog.show()
        return {}

    def go(self) -> dict[str, Any]:
        """The first press of the save under test (the share set to fail by now)."""
        view, target = self.view, self.target
        assert view is not None
        if self.dialog is not None:
            self.dialog.ok_button.click()
        elif target == "take":
            view.action_bar.run_direct(Action.TAKE)
        elif target == "edit":
            view.edit_button.click()
        elif target == "attach":
            path = Path(os.environ["DESK_GUI_WORKER_TMP"]) / "screenshot.png"
            path.write_bytes(b"\x89PNG one screenshot")
            view.attachment_panel.add_files([path])
        return {}

    def _button(self) -> Any:
        view = self.view
        assert view is not None
        if self.dialog is not None:
            return self.dialog.ok_button
        if self.target == "take":
            return view.action_buttons[Action.TAKE]
        if self.target == "edit":
            return view.edit_button
        return view.attachment_panel.retry_button

    def state(self) -> dict[str, Any]:
        view = self.view
        assert view is not None
        d = self.dialog
        if d is not None:
            saving, error, status = d.saver.saving, d.error_text(), d.saver.status.text()
            done = d.result_record is not None
            typed = (
                d.text_edit.toPlainText() if self.target in TEXT else d.solution_edit.toPlainText()
            )
        elif self.target == "take":
            bar = view.action_bar
            saving, error, status = bar.direct_saving, "", bar.status.text()
            done = view.record is not None and view.record.version > 1 and not bar._direct
            typed = ""
        elif self.target == "edit":
            saving, error, status = view.lease.taking, "", view.lease.status.text()
            done, typed = view.editing, ""
        else:
            panel = view.attachment_panel
            saving, status = panel.saving, panel.status.text()
            error = panel.error_label.text() if not panel.error_label.isHidden() else ""
            done = panel._saver is not None and panel._saver.done
            typed = ""
        return {
            "saving": saving,
            "error": error,
            "status": status,
            "done": done,
            "typed": typed,
            "button": self._button().text(),
            "enabled": self._button().isEnabled(),
            "ticks": self.ticks,
        }


def main() -> int:
    app = QApplication(sys.argv[:1])
    ws = Workspace.open(sys.argv[1], sys.argv[2], create=False)
    window = Window(ws)
    inbox = Inbox()
    shown: list[str] = []
    # The worksheet's message boxes would block: record what they would say instead.
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning = lambda _parent, _title, text, *a, **k: shown.append(text)  # type: ignore[method-assign, assignment]

    def answer(line: str) -> None:
        try:
            result = {"ok": True, **window.run(json.loads(line)), "shown": list(shown)}
        except Exception:
            result = {"ok": False, "error": traceback.format_exc()}
        print(json.dumps(result, ensure_ascii=False), flush=True)

    inbox.line.connect(answer)

    def read() -> None:
        for line in sys.stdin:
            inbox.line.emit(line)
        inbox.line.emit('{"op": "quit"}')

    def maybe_quit(line: str) -> None:
        if '"quit"' in line:
            app.quit()

    inbox.line.connect(maybe_quit)
    threading.Thread(target=read, daemon=True).start()
    print(json.dumps({"ready": True}), flush=True)
    app.exec()
    os._exit(0)  # threads still waiting on a hung share must not hold the exit


if __name__ == "__main__":
    sys.exit(main())
