"""The intake fields of a new ticket, in the order of a call, with live priority and completion."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from desk_gui.domain.enums import Category, Channel, Impact, Urgency
from desk_gui.domain.errors import DeskError
from desk_gui.domain.fields import field as declared_field
from desk_gui.domain.fields import label
from desk_gui.domain.priority import priority_for
from desk_gui.domain.ticket import TicketDraft
from desk_gui.domain.validation import Problem, validate_draft
from desk_gui.services import directory
from desk_gui.services.settings import OfficeSettings
from desk_gui.ui.common.form_fields import (
    DescriptionHelper,
    FieldBox,
    TitleCounter,
    combo_value,
    fill_enum_combo,
    from_qdatetime,
    keyboard_helper,
    plain_label,
    required_label,
    set_combo_value,
    to_qdatetime,
    ui_lang,
)
from desk_gui.ui.intake.form_attachments import AttachmentListWidget
from desk_gui.ui.intake.form_suggestions import KnownRequesterOffer

PRIORITY_COLOURS = {"p1": "#b00020", "p2": "#c25e00", "p3": "#00639b", "p4": "#4a5a4a"}


class TicketFieldsWidget(QWidget):
    """Requester, contact, department, title, description, classification, time, attachments."""

    changed = Signal()

    def __init__(self, settings: OfficeSettings, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self._settings = settings
        self._now = now or datetime.now
        self._lang = ui_lang()
        self._build()
        self._lay_out()
        self._load_completions()
        self._connect_changes()
        self._update_priority()

    def _build(self) -> None:
        self.title_edit = self._line("titleEdit")
        self.department_edit = self._line("departmentEdit")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(150)
        self.description_helper = DescriptionHelper(self.description_edit)
        self.description_edit.setPlaceholderText(self.description_helper.placeholder())
        self.attachments = AttachmentListWidget(self._settings.attachment_limit)
        self.attachments.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.category_combo = self._combo("categoryCombo", Category, required=True)
        self.urgency_combo = self._combo("urgencyCombo", Urgency, required=True)
        self.impact_combo = self._combo("impactCombo", Impact, required=True)
        self.priority_label = QLabel()
        self.priority_label.setObjectName("priorityLabel")
        self.priority_hint = QLabel()
        self.priority_hint.setObjectName("priorityHint")
        self.priority_hint.setWordWrap(True)
        self.priority_hint.setStyleSheet("color: palette(mid);")
        self.requester_edit = self._line("requesterEdit")
        self.contact_edit = self._line("contactEdit")
        self.contact_edit.setPlaceholderText(self.tr("Extension or company IM"))
        self.channel_combo = self._combo("channelCombo", Channel, required=False)
        self.submitted_edit = QDateTimeEdit()
        self.submitted_edit.setObjectName("submittedEdit")
        self.submitted_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.submitted_edit.setCalendarPopup(True)
        self.remarks_edit = self._line("remarksEdit")
        self.device_edit = self._line("deviceModelEdit")
        self.os_edit = self._line("osEdit")
        self.software_edit = self._line("softwareVersionEdit")
        self.error_code_edit = self._line("errorCodeEdit")
        self.known_offer = KnownRequesterOffer(
            self.requester_edit, self.department_edit, self.contact_edit
        )
        self.department_suggestion = self.known_offer.department
        self.contact_suggestion = self.known_offer.contact
        self._keyboard_helpers()

    def _keyboard_helpers(self) -> None:
        # Helper buttons stay out of the Tab chain (a call is typed field to field); each has
        # a shortcut instead, named in its tooltip.
        attachments = self.attachments
        keyboard_helper(attachments.add_button, "Ctrl+O", self.tr("Add screenshots or log files"))
        keyboard_helper(
            attachments.paste_button, "Ctrl+Shift+V", self.tr("Paste an image from the clipboard")
        )
        attachments.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        attachments.remove_button.setToolTip(
            self.tr("Remove the selected attachment (Del in the list)")
        )
        remove = QShortcut(QKeySequence.StandardKey.Delete, attachments.list_widget)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(attachments.remove_button.click)

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setClearButtonEnabled(True)
        return edit

    def _combo(self, name: str, enum: type, required: bool) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        fill_enum_combo(combo, enum, self.tr("— choose —") if required else "")
        return combo

    def _label(self, key: str, buddy: QWidget) -> QLabel:
        """The declared field's label, marked when intake requires the field."""
        make = required_label if declared_field(key).required else plain_label
        return make(label(key, self._lang), buddy)

    def _lay_out(self) -> None:
        # The order of a phone call: who is calling, how to reach them, where they are, then
        # the problem and its classification. Boxes are listed in that (Tab) order.
        self.boxes: dict[str, FieldBox] = {
            "requester": FieldBox(self.requester_edit),
            "contact": FieldBox(self.contact_edit),
            "department": FieldBox(self.department_edit),
            "title": FieldBox(self.title_edit, TitleCounter(self.title_edit)),
            "description": FieldBox(self.description_edit),
            "category": FieldBox(self.category_combo),
            "urgency": FieldBox(self.urgency_combo),
            "impact": FieldBox(self.impact_combo),
            "submitted_at": FieldBox(self.submitted_edit),
        }
        b = self.boxes
        b["contact"].add_below(self.contact_suggestion)
        b["department"].add_below(self.department_suggestion)
        left = QFormLayout()
        left.addRow(self._label("requester", self.requester_edit), b["requester"])
        left.addRow(self._label("contact", self.contact_edit), b["contact"])
        left.addRow(self._label("department", self.department_edit), b["department"])
        left.addRow(self._label("title", self.title_edit), b["title"])
        left.addRow(self._label("description", self.description_edit), b["description"])
        helper_row = QHBoxLayout()
        helper_row.addWidget(self.description_helper)
        helper_row.addStretch(1)
        left.addRow("", helper_row)
        left.addRow(
            plain_label(self.tr("Attachments"), self.attachments.list_widget), self.attachments
        )
        right = QFormLayout()
        right.addRow(self._label("category", self.category_combo), b["category"])
        right.addRow(self._label("urgency", self.urgency_combo), b["urgency"])
        right.addRow(self._label("impact", self.impact_combo), b["impact"])
        priority_row = QHBoxLayout()
        priority_row.addWidget(self.priority_label)
        priority_row.addWidget(self.priority_hint, 1)
        right.addRow(plain_label(label("priority", self._lang)), priority_row)
        right.addRow(self._label("channel", self.channel_combo), self.channel_combo)
        right.addRow(self._label("submitted_at", self.submitted_edit), b["submitted_at"])
        right.addRow(self._label("remarks", self.remarks_edit), self.remarks_edit)
        details = QGroupBox(self.tr("Device and error (optional)"))
        grid = QFormLayout(details)
        grid.addRow(self._label("device_model", self.device_edit), self.device_edit)
        grid.addRow(self._label("os", self.os_edit), self.os_edit)
        grid.addRow(self._label("software_version", self.software_edit), self.software_edit)
        grid.addRow(self._label("error_code", self.error_code_edit), self.error_code_edit)
        right.addRow(details)
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 3)
        columns.addSpacing(16)
        columns.addLayout(right, 2)
        for first, second in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    def tab_chain(self) -> list[QWidget]:
        """The Tab stops in the order of a call; a suggestion is a stop only while shown."""
        return [
            self.requester_edit,
            self.contact_edit,
            self.contact_suggestion,
            self.department_edit,
            self.department_suggestion,
            self.title_edit,
            self.description_edit,
            self.category_combo,
            self.urgency_combo,
            self.impact_combo,
            self.channel_combo,
            self.submitted_edit,
            self.remarks_edit,
            self.device_edit,
            self.os_edit,
            self.software_edit,
            self.error_code_edit,
            self.attachments.list_widget,
        ]

    def _load_completions(self) -> None:
        try:
            departments = directory.departments(limit=1000)
            known = {k.requester: k for k in directory.known_requesters(limit=1000)}
        except DeskError:
            departments, known = [], {}
        self.known_offer.known = known
        self.department_completer = QCompleter(departments, self)
        self.requester_completer = QCompleter(sorted(known), self)
        for completer, edit in (
            (self.department_completer, self.department_edit),
            (self.requester_completer, self.requester_edit),
        ):
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        self.requester_completer.activated.connect(self.known_offer.on_completion)

    def _connect_changes(self) -> None:
        for edit in (
            self.title_edit,
            self.department_edit,
            self.requester_edit,
            self.contact_edit,
            self.remarks_edit,
            self.device_edit,
            self.os_edit,
            self.software_edit,
            self.error_code_edit,
        ):
            edit.textChanged.connect(self.changed)
        self.description_edit.textChanged.connect(self.changed)
        for combo in (
            self.category_combo,
            self.urgency_combo,
            self.impact_combo,
            self.channel_combo,
        ):
            combo.currentIndexChanged.connect(self.changed)
        self.impact_combo.currentIndexChanged.connect(self._update_priority)
        self.urgency_combo.currentIndexChanged.connect(self._update_priority)
        self.submitted_edit.dateTimeChanged.connect(self.changed)
        self.attachments.attachments_changed.connect(self.changed)
        self._connect_revalidation()

    def _connect_revalidation(self) -> None:
        # A message beside a field goes (or is brought up to date) as soon as the field is
        # edited, not at the next save.
        edits: dict[str, QLineEdit] = {
            "requester": self.requester_edit,
            "contact": self.contact_edit,
            "department": self.department_edit,
            "title": self.title_edit,
        }
        for field, edit in edits.items():
            edit.textChanged.connect(lambda _text, f=field: self.revalidate(f))
        combos = {
            "category": self.category_combo,
            "urgency": self.urgency_combo,
            "impact": self.impact_combo,
        }
        for field, combo in combos.items():
            combo.currentIndexChanged.connect(lambda _index, f=field: self.revalidate(f))
        self.description_edit.textChanged.connect(lambda: self.revalidate("description"))
        self.submitted_edit.dateTimeChanged.connect(lambda _when: self.revalidate("submitted_at"))

    # -- values -----------------------------------------------------------------------------

    def set_draft(self, draft: TicketDraft, now: datetime) -> None:
        """Show a draft's values; the submission time defaults to ``now``."""
        self.title_edit.setText(draft.title)
        self.department_edit.setText(draft.department)
        self.description_edit.setPlainText(draft.description)
        set_combo_value(self.category_combo, draft.category)
        set_combo_value(self.urgency_combo, draft.urgency)
        set_combo_value(self.impact_combo, draft.impact)
        self.requester_edit.setText(draft.requester)
        self.contact_edit.setText(draft.contact)
        set_combo_value(self.channel_combo, draft.channel)
        when = draft.submitted_at or now
        self.submitted_edit.setDateTime(to_qdatetime(when.replace(second=0, microsecond=0)))
        self.remarks_edit.setText(draft.remarks)
        self.device_edit.setText(draft.device_model)
        self.os_edit.setText(draft.os)
        self.software_edit.setText(draft.software_version)
        self.error_code_edit.setText(draft.error_code)

    def typed_draft(self) -> TicketDraft:
        """Everything in the form, exactly as typed."""
        return TicketDraft(
            title=self.title_edit.text(),
            department=self.department_edit.text(),
            description=self.description_edit.toPlainText(),
            category=combo_value(self.category_combo, Category),
            urgency=combo_value(self.urgency_combo, Urgency),
            impact=combo_value(self.impact_combo, Impact),
            requester=self.requester_edit.text(),
            contact=self.contact_edit.text(),
            channel=combo_value(self.channel_combo, Channel) or Channel.PHONE,
            submitted_at=from_qdatetime(self.submitted_edit.dateTime()),
            remarks=self.remarks_edit.text(),
            device_model=self.device_edit.text(),
            os=self.os_edit.text(),
            software_version=self.software_edit.text(),
            error_code=self.error_code_edit.text(),
        )

    def draft(self) -> TicketDraft:
        """The draft to save: the description without the prompts left empty."""
        typed = self.typed_draft()
        typed.description = self.description_helper.filled_text(typed.description)
        return typed

    # -- messages beside the fields ---------------------------------------------------------

    def field_error(self, field: str) -> str:
        """The message shown beside ``field`` (empty if none)."""
        return self.boxes[field].error_text()

    def problem_text(self, problem: Problem) -> str:
        """What to show beside the field: the rule's message; the mobile warning as a note."""
        if problem.code == "personal_mobile":
            # The question is asked once, by the save; beside the field it is only a note.
            return self.tr(
                "Looks like a personal mobile number; an internal extension or company IM "
                "is preferred."
            )
        return problem.message(self._lang)

    def show_problems(self, problems: list[Problem]) -> None:
        """Show each problem beside its field and focus the first error in Tab order."""
        for box in self.boxes.values():
            box.clear_error()
        order = list(self.boxes)
        shown = sorted(
            (p for p in problems if p.field in self.boxes), key=lambda p: order.index(p.field)
        )
        for problem in shown:
            target = self.boxes[problem.field]
            if not target.error_text():
                target.show_error(self.problem_text(problem), warning=problem.warning)
        if shown:
            first = next((p for p in shown if not p.warning), shown[0])  # errors before notes
            self.boxes[first.field].field.setFocus(Qt.FocusReason.OtherFocusReason)

    def revalidate(self, field: str) -> None:
        """Check ``field`` again after an edit: its message goes once the field is valid."""
        box = self.boxes[field]
        if not box.error_text():
            return  # no new messages while typing; the save shows them
        found = [p for p in validate_draft(self.draft(), self._now()) if p.field == field]
        if not found:
            box.clear_error()
        else:
            box.show_error(self.problem_text(found[0]), warning=found[0].warning)

    # -- live helpers -----------------------------------------------------------------------

    def _update_priority(self) -> None:
        impact = combo_value(self.impact_combo, Impact)
        urgency = combo_value(self.urgency_combo, Urgency)
        if impact is None or urgency is None:
            self.priority_label.setText("—")
            self.priority_label.setStyleSheet("color: palette(mid);")
            self.priority_hint.setText(self.tr("from impact × urgency"))
            return
        priority = priority_for(impact, urgency, self._settings.matrix)
        self.priority_label.setText(priority.label(self._lang))
        target = self._settings.targets.get(priority)
        self.priority_hint.setText(
            self.tr("respond within %1 · resolve within %2")
            .replace("%1", target.respond.label(self._lang))
            .replace("%2", target.resolve.label(self._lang))
            if target is not None
            else ""
        )
        colour = PRIORITY_COLOURS.get(priority.value, "#333")
        self.priority_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
