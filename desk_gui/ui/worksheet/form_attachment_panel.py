"""A ticket's attachments in the worksheet: open one, save one to a file, add more."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.ticket import AttachmentInfo
from desk_gui.services import access
from desk_gui.services.errors import NotFound, StoreError
from desk_gui.services.tickets import TicketService
from desk_gui.ui.common.bounded import LIMIT_MS, SLOW_MS
from desk_gui.ui.common.bounded_save import BoundedSave, DialogStatus
from desk_gui.ui.common.form_fields import ERROR_STYLE, format_when
from desk_gui.ui.intake.form_attachments import human_size


def safe_name(filename: str) -> str:
    """A file name without folders or characters Windows refuses."""
    name = Path(filename.replace("\\", "/")).name or "attachment"
    return "".join("_" if ch in '<>:"/\\|?*' else ch for ch in name)


class AttachmentPanel(QWidget):
    """The attachment list with Open, Save as… and Add…."""

    attachment_added = Signal()

    def __init__(self, service: TicketService, lang: str) -> None:
        super().__init__()
        self._service = service
        self._lang = lang
        self._ticket_id = 0
        self._items: list[AttachmentInfo] = []
        self.list_widget = QListWidget()
        self.list_widget.setObjectName("worksheetAttachments")
        self.list_widget.setAccessibleName(self.tr("Attachments"))
        self.list_widget.setMaximumHeight(90)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openAttachmentButton")
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveAttachmentButton")
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setObjectName("addAttachmentButton")
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteAttachmentButton")
        # Deleting is a supervisor's (services.access); offered once staff sign in.
        self.delete_button.setVisible(service.ctx.role is not None)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.status = DialogStatus()
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("retryAttachmentButton")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.slow_ms, self.limit_ms = SLOW_MS, LIMIT_MS
        self._saver: BoundedSave | None = None
        self._work: Callable[[int], object] | None = None
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.open_button,
            self.save_button,
            self.add_button,
            self.delete_button,
            self.retry_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_widget)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.list_widget.itemActivated.connect(self._on_list_widget_item_activated)
        self.list_widget.currentRowChanged.connect(self._update_buttons)

    def set_attachments(self, ticket_id: int, items: tuple[AttachmentInfo, ...]) -> None:
        self._ticket_id = ticket_id
        self._items = list(items)
        self.list_widget.clear()
        for info in items:
            text = f"{info.filename}  ({human_size(info.size)}, {info.added_by}, {format_when(info.added_at)})"
            QListWidgetItem(text, self.list_widget)
        if not items:
            QListWidgetItem(self.tr("No attachments"), self.list_widget).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        self._update_buttons()

    def set_can_add(self, allowed: bool) -> None:
        self.add_button.setEnabled(allowed)

    def _current(self) -> AttachmentInfo | None:
        row = self.list_widget.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def _update_buttons(self) -> None:
        chosen = self._current() is not None
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)
        ctx = self._service.ctx
        may = access.may(ctx, access.Privilege.DELETE_ATTACHMENT)
        self.delete_button.setEnabled(chosen and may)
        if ctx.role is not None and not may:
            why = access.AccessDenied(access.Privilege.DELETE_ATTACHMENT, ctx.role)
            self.delete_button.setToolTip(why.message(self._lang))

    def _data(self, info: AttachmentInfo) -> bytes | None:
        try:
            return self._service.attachment_data(info.id)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Attachment"), exc.message(self._lang))
            return None

    def _on_open_button_clicked(self) -> None:
        info = self._current()
        data = self._data(info) if info else None
        if info is None or data is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="desk-"))
        path = folder / safe_name(info.filename)
        path.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _on_list_widget_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_open_button_clicked()

    def _on_save_button_clicked(self) -> None:
        info = self._current()
        if info is None:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save attachment"), safe_name(info.filename)
        )
        if target:
            self.save_to(info, Path(target))

    def save_to(self, info: AttachmentInfo, target: Path) -> bool:
        """Write one attachment to ``target``; a plain message when that fails."""
        data = self._data(info)
        if data is None:
            return False
        try:
            target.write_bytes(data)
        except OSError as exc:
            self.error_label.setText(
                self.tr("Cannot write %1: %2")
                .replace("%1", str(target))
                .replace("%2", exc.strerror or str(exc))
            )
            self.error_label.show()
            return False
        self.error_label.hide()
        return True

    def _on_delete_button_clicked(self) -> None:
        info = self._current()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete attachment"),
            self.tr("Delete {name}? The handling log and the audit trail will say who did.").format(
                name=info.filename
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(info.id)

    def delete(self, attachment_id: int) -> None:
        """Delete through the service (refused for an agent), off the window's thread; errors
        are shown plainly. A retry after the first attempt got through finds nothing to
        delete: that is the first attempt's success."""
        service = self._service

        def work(attempt: int) -> None:
            try:
                service.delete_attachment(attachment_id)
            except NotFound:
                if attempt == 1:
                    raise

        self._run(work)

    def _on_add_button_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add screenshots or log files"))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Attach files to the ticket off the window's thread; size-cap and other errors are
        shown plainly. A retry stores only what the attempt given up on did not."""
        errors, files = [], []
        for path in paths:
            try:
                files.append((path.name, path.read_bytes()))
            except OSError as exc:
                errors.append(f"{path.name}: {exc.strerror or exc}")
        self._show_errors(errors)
        if not files:
            return
        service, ticket_id, lang = self._service, self._ticket_id, self._lang
        since = service.ctx.now()

        def work(_attempt: int) -> list[str]:
            refused = []
            for name, data in files:
                try:
                    service.add_attachment(ticket_id, name, data, since=since)
                except StoreError:
                    raise  # the share failed: the whole attempt is retried
                except DeskError as exc:
                    refused.append(exc.message(lang))
            return errors + refused

        self._run(work)

    def _run(self, work: Callable[[int], object]) -> None:
        """One add or delete through ``BoundedSave``; Retry repeats it until it lands."""
        if self.saving:
            return
        saver = BoundedSave(self, self._service.release_thread, self.retry_button, self.status)
        saver.slow_ms, saver.limit_ms = self.slow_ms, self.limit_ms
        saver.landed.connect(self._on_saver_landed)
        saver.failed.connect(lambda exc: self._show_errors([exc.message(self._lang)]))
        saver.waiting.connect(self._on_saver_waiting)
        self._saver, self._work = saver, work
        self.error_label.hide()
        saver.start(work)

    @property
    def saving(self) -> bool:
        return self._saver is not None and self._saver.saving

    def _on_retry_button_clicked(self) -> None:
        if self._saver is not None and self._work is not None:
            self.error_label.hide()
            self._saver.start(self._work)

    def _on_saver_waiting(self, waiting: bool) -> None:
        pending = self._saver is not None and not self._saver.done
        self.retry_button.setVisible(pending and not waiting)
        self.add_button.setEnabled(not waiting)

    def _on_saver_landed(self, result: object) -> None:
        self.retry_button.hide()
        self._show_errors(result if isinstance(result, list) else [])
        self.attachment_added.emit()  # the worksheet reloads its attachments and log

    def _show_errors(self, errors: list[str]) -> None:
        self.error_label.setText("\n".join(errors))
        self.error_label.setVisible(bool(errors))
