"""Suggestions beside form fields: ranked assignees (assign, escalate) and a known value."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from desk_gui.domain.enums import Category, Tier
from desk_gui.domain.errors import DeskError
from desk_gui.services.assignment import Suggestion, suggest_assignees
from desk_gui.services.directory import KnownRequester

ROWS_SHOWN = 4


class SuggestionList(QListWidget):
    """Staff ranked by skills and weighted open load; a click picks the name."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionList")
        self.setAccessibleName(self.tr("Suggested assignees"))
        self.suggestions: list[Suggestion] = []
        self.setMaximumHeight((self.fontMetrics().height() + 6) * ROWS_SHOWN + 8)
        self.itemClicked.connect(self._on_self_item_clicked)

    def load(
        self, ticket_id: int, category: Category | None = None, tier: Tier | None = None
    ) -> list[Suggestion]:
        """Rank staff for the ticket (optionally at another tier); empty when the store fails."""
        try:
            found = suggest_assignees(ticket_id, category=category, tier=tier)
        except DeskError:
            found = []
        self.set_suggestions(found)
        return found

    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.clear()
        self.suggestions = list(suggestions)
        for s in suggestions:
            skills = self.tr("skills match") if s.skills_match else self.tr("other skills")
            text = self.tr("{name} — {skills}, open load {load}").format(
                name=s.name, skills=skills, load=s.open_load
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.name)
            self.addItem(item)
        if not suggestions:
            empty = QListWidgetItem(self.tr("No staff at this tier"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(empty)

    def top(self) -> str | None:
        return self.suggestions[0].name if self.suggestions else None

    def _on_self_item_clicked(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name:
            self.chosen.emit(str(name))


def select_name(combo: QComboBox, name: str | None) -> None:
    """Make ``name`` the combo's choice (added if the combo lacks it)."""
    if not name:
        return
    index = combo.findData(name)
    if index < 0:
        combo.addItem(name, name)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class KnownValueSuggestion(QPushButton):
    """A one-click offer under a field: the value a known requester used last, never forced."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__()
        self.setObjectName(f"{edit.objectName()}Suggestion")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("color: #00639b; text-align: left; padding: 0 2px;")
        self._edit = edit
        self._filled = ""  # what this helper put in the field itself (not typed by the user)
        self.value = ""
        self.hide()
        self.clicked.connect(self._on_self_clicked)
        edit.textChanged.connect(self._on_edit_text_changed)

    def fill_or_offer(self, value: str, requester: str) -> None:
        """Fill an empty field (or one this helper filled); else offer ``value`` beside it."""
        typed = self._edit.text().strip()
        value = value.strip()
        if not value or typed == value:
            self.withdraw()
        elif not typed or typed == self._filled:
            self._edit.setText(value)
            self._filled = value
            self.withdraw()
        else:
            self.offer(value, requester)

    def offer(self, value: str, requester: str) -> None:
        """Show ``value`` as known for ``requester``; the field keeps what was typed."""
        self.value = value
        text = self.tr("Use “%1” (known for %2)").replace("%1", value).replace("%2", requester)
        self.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(self.tr("The field keeps what you typed unless you click here"))
        self.show()

    def withdraw(self) -> None:
        self.value = ""
        self.hide()

    def _on_self_clicked(self) -> None:
        self._edit.setText(self.value)
        self._edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.withdraw()

    def _on_edit_text_changed(self, text: str) -> None:
        if self.value and text.strip() == self.value.strip():
            self.withdraw()


class KnownRequesterOffer(QObject):
    """A known requester's department and contact: filled when empty, offered when different."""

    def __init__(self, requester: QLineEdit, department: QLineEdit, contact: QLineEdit) -> None:
        super().__init__(requester)
        self.known: dict[str, KnownRequester] = {}
        self._requester = requester
        self.department = KnownValueSuggestion(department)
        self.contact = KnownValueSuggestion(contact)
        requester.textChanged.connect(self._on_requester_text_changed)
        requester.editingFinished.connect(self._on_requester_editing_finished)

    def on_completion(self, text: str) -> None:
        """A name picked from the requester completion."""
        found = self.known.get(text)
        if found is not None:
            self._requester.setText(found.requester)
            self._apply(found)

    def _on_requester_editing_finished(self) -> None:
        found = self.known.get(self._requester.text().strip())
        if found is not None:
            self._apply(found)

    def _apply(self, found: KnownRequester) -> None:
        self.department.fill_or_offer(found.department, found.requester)
        self.contact.fill_or_offer(found.contact, found.requester)

    def _on_requester_text_changed(self, text: str) -> None:
        if text.strip() not in self.known:
            self.department.withdraw()
            self.contact.withdraw()
