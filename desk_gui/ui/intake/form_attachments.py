"""The new-ticket form's attachment list: add files, paste a screenshot, within the size cap."""

from __future__ import annotations

import mimetypes
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_gui.ui.common.form_fields import ERROR_STYLE
from desk_gui.ui.intake.drafts import DraftAttachment


def human_size(size: int) -> str:
    """Bytes as B / KB / MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f} MB"


def png_bytes(image: QImage) -> bytes:
    """An image encoded as PNG."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data())


class AttachmentListWidget(QWidget):
    """Files to attach once the ticket is created; Ctrl+V pastes a screenshot."""

    attachments_changed = Signal()

    def __init__(self, size_limit: int) -> None:
        super().__init__()
        self._limit = size_limit
        self._items: list[DraftAttachment] = []
        self.list_widget = QListWidget()
        self.list_widget.setObjectName("attachmentList")
        self.list_widget.setAccessibleName(self.tr("Attachments"))
        self.list_widget.setMaximumHeight(72)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.setObjectName("addAttachmentButton")
        self.paste_button = QPushButton(self.tr("Paste screenshot"))
        self.paste_button.setObjectName("pasteScreenshotButton")
        self.paste_button.setToolTip(self.tr("Paste an image from the clipboard (Ctrl+V)"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeAttachmentButton")
        self.error_label = QLabel()
        self.error_label.setObjectName("attachmentError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.paste_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list_widget)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.list_widget)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.paste_from_clipboard)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def attachments(self) -> list[DraftAttachment]:
        return list(self._items)

    def set_attachments(self, items: list[DraftAttachment]) -> None:
        self._items = []
        self.list_widget.clear()
        for item in items:
            self._append(item)
        self.attachments_changed.emit()

    def add(self, filename: str, data: bytes, mime: str = "") -> bool:
        """Add one file; False (with a plain message) when it is over the size cap."""
        if len(data) > self._limit:
            self.error_label.setText(
                self.tr("%1 is %2; attachments may be at most %3.")
                .replace("%1", filename)
                .replace("%2", human_size(len(data)))
                .replace("%3", human_size(self._limit))
            )
            self.error_label.show()
            return False
        self.error_label.hide()
        mime = mime or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        self._append(DraftAttachment(filename, data, mime))
        self.attachments_changed.emit()
        return True

    def _append(self, item: DraftAttachment) -> None:
        self._items.append(item)
        QListWidgetItem(f"{item.filename}  ({human_size(len(item.data))})", self.list_widget)

    def add_paths(self, paths: list[str]) -> None:
        for name in paths:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                self.error_label.setText(
                    self.tr("Cannot read %1: %2").replace("%1", path.name).replace("%2", str(exc))
                )
                self.error_label.show()
                continue
            self.add(path.name, data)

    def paste_from_clipboard(self) -> None:
        """Attach the clipboard's image as PNG, or the files it holds."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                name = f"screenshot-{datetime.now():%Y%m%d-%H%M%S}.png"
                self.add(name, png_bytes(image), "image/png")
                return
        if mime is not None and mime.hasUrls():
            local = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if local:
                self.add_paths(local)
                return
        self.error_label.setText(self.tr("The clipboard holds no picture or file to paste."))
        self.error_label.show()

    def _on_add_button_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add screenshots or log files"),
            "",
            self.tr(
                "Screenshots and logs (*.png *.jpg *.jpeg *.bmp *.gif *.log *.txt *.zip);;"
                "All files (*)"
            ),
        )
        self.add_paths(paths)

    def _on_remove_button_clicked(self) -> None:
        row = self.list_widget.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self.list_widget.takeItem(row)
            self.attachments_changed.emit()
