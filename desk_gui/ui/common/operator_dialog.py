"""Who is working at this workstation: picked from the staff list (or added to it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Tier
from desk_gui.services.directory import StaffMember, list_staff, save_staff


class OperatorDialog(QDialog):
    """Choose the operator; a new name typed here joins the staff list as L1."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorDialog")
        self.setWindowTitle(self.tr("Who is working here?"))
        self.names = [m.name for m in list_staff(active_only=True)]

        intro = QLabel(
            self.tr(
                "Choose your name. It is remembered on this workstation and signs every"
                " handling-log entry you write."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name_combo = QComboBox(self)
        self.name_combo.setObjectName("operatorCombo")
        self.name_combo.setAccessibleName(self.tr("Operator"))
        self.name_combo.setEditable(True)
        self.name_combo.addItems(self.names)
        self.name_combo.setEditText(current or (self.names[0] if self.names else ""))
        self.name_combo.setMinimumWidth(240)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Operator:"), self.name_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def chosen(self) -> str:
        return self.name_combo.currentText().strip()

    def _on_buttons_accepted(self) -> None:
        name = self.chosen()
        if not name:
            self.name_combo.setFocus()
            return
        if name not in self.names:
            save_staff(StaffMember(name, Tier.L1, ()))
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, current: str = "") -> str | None:
        """The chosen operator, or None when cancelled."""
        dialog = cls(current, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
