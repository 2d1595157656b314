"""Settings: database location, office settings, staff list, language of this workstation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.enums import Category, Tier
from desk_gui.domain.errors import DeskError
from desk_gui.services import access
from desk_gui.services.context import Context
from desk_gui.services.directory import StaffMember, list_staff
from desk_gui.services.settings import OfficeSettings, load_settings
from desk_gui.services.threads import release_thread
from desk_gui.ui.accounts.staff_accounts_dialog import honesty_note
from desk_gui.ui.common.bounded_save import BoundedSave
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.prefs import LANGUAGE_SYSTEM, WorkstationPrefs
from desk_gui.ui.common.session import Probe
from desk_gui.ui.settings.settings_save import SharedChanges


@dataclass(frozen=True)
class SettingsOutcome:
    """What the window must act on after the dialog: another database, another language."""

    database: str | None = None
    language_changed: bool = False
    office_changed: bool = False


class SettingsDialog(QDialog):
    """Four tabs; office settings and staff are shared by every workstation, the rest local."""

    def __init__(
        self,
        prefs: WorkstationPrefs,
        database: str,
        operator: str | Context,
        lang: str,
        probe: Probe,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._prefs = prefs
        self._database = database
        self._operator = operator
        self._lang = lang
        self._probe = probe
        self._office = load_settings()
        self._staff = list_staff()
        self.outcome = SettingsOutcome()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._database_tab(), self.tr("Database"))
        self.tabs.addTab(self._office_tab(), self.tr("Office"))
        self.tabs.addTab(self._staff_tab(), self.tr("Staff"))
        self.tabs.addTab(self._language_tab(), self.tr("Language"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.saver = BoundedSave(self, release_thread, ok)
        self.saver.landed.connect(self._on_saver_landed)
        self.saver.failed.connect(lambda exc: ErrorDialog.show_error(self, exc, self._lang))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.saver.status)
        layout.addWidget(self.buttons)
        self._apply_role()
        self.resize(640, 420)

    # -- tabs ----------------------------------------------------------------------------------

    def _database_tab(self) -> QWidget:
        page = QWidget(self)
        self.db_edit = QLineEdit(self._database, page)
        self.db_edit.setObjectName("databaseEdit")
        self.db_edit.setAccessibleName(self.tr("Database file"))
        browse = QPushButton(self.tr("Browse…"), page)
        browse.clicked.connect(self._on_browse_clicked)
        self.test_button = QPushButton(self.tr("Test connection"), page)
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.test_result = QLabel(page)
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "A local file, or a shared file on a network path such as"
                " \\\\fileserver\\it\\desk.db that every desk workstation opens."
            ),
            page,
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.db_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Database file:"), page))
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.test_button)
        layout.addWidget(self.test_result)
        layout.addStretch(1)
        return page

    def _office_tab(self) -> QWidget:
        page = QWidget(self)
        self.office_name_edit = QLineEdit(self._office.office_name, page)
        self.office_name_edit.setObjectName("officeNameEdit")
        self.prefix_edit = QLineEdit(self._office.prefix, page)
        self.prefix_edit.setObjectName("prefixEdit")
        self.prefix_edit.setMaxLength(8)
        self.mask_check = QCheckBox(
            self.tr("Mask requester names in the queue, on printouts and in exports"), page
        )
        self.mask_check.setObjectName("maskCheck")
        self.mask_check.setChecked(self._office.mask_requester)
        form = QFormLayout(page)
        form.addRow(self.tr("Office name:"), self.office_name_edit)
        form.addRow(self.tr("Ticket number prefix:"), self.prefix_edit)
        form.addRow("", self.mask_check)
        mask_hint = QLabel(
            self.tr(
                "Masking also hides the requester's name and every phone number (all but the "
                "last four digits) written in the description, contact, handling log and other "
                "text. Turning it off is a supervisor's decision."
            ),
            page,
        )
        mask_hint.setObjectName("maskHint")
        mask_hint.setWordWrap(True)
        form.addRow("", mask_hint)
        form.addRow("", QLabel(self.tr("Office settings are shared by every workstation."), page))
        self.office_why = QLabel(page)
        self.office_why.setObjectName("officeWhy")
        self.office_why.setWordWrap(True)
        self.office_why.hide()
        form.addRow("", self.office_why)
        honesty = QLabel(honesty_note(), page)
        honesty.setObjectName("honestyNote")
        honesty.setWordWrap(True)
        form.addRow("", honesty)
        return page

    def _apply_role(self) -> None:
        """Grey out the shared settings a role may not change, and say why (the services
        refuse them anyway)."""
        ctx = self._ctx()
        if ctx is None or ctx.role is None:
            return
        if not access.may(ctx, access.Privilege.OFFICE_SETTINGS):
            for edit in (self.office_name_edit, self.prefix_edit, self.mask_check):
                edit.setEnabled(False)
            refused = access.AccessDenied(access.Privilege.OFFICE_SETTINGS, ctx.role)
            self.office_why.setText(refused.message(self._lang))
            self.office_why.show()
        if not access.may(ctx, access.Privilege.STAFF):
            self.staff_table.setEnabled(False)
            self.add_staff_button.setEnabled(False)
            why = access.AccessDenied(access.Privilege.STAFF, ctx.role).message(self._lang)
            self.add_staff_button.setToolTip(why)
            self.staff_why.setText(why)
            self.staff_why.show()

    def _staff_tab(self) -> QWidget:
        page = QWidget(self)
        self.staff_table = QTableWidget(0, 4, page)
        self.staff_table.setObjectName("staffTable")
        self.staff_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Tier"), self.tr("Skills"), self.tr("Active")]
        )
        self.staff_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.staff_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for member in self._staff:
            self._add_staff_row(member)
        self.add_staff_button = add = QPushButton(self.tr("Add person"), page)
        add.setObjectName("addStaff")
        add.clicked.connect(self._on_add_clicked)
        self.staff_why = QLabel(page)
        self.staff_why.setObjectName("staffWhy")
        self.staff_why.setWordWrap(True)
        self.staff_why.hide()
        skills = ", ".join(c.label(self._lang) for c in Category)
        note = QLabel(
            self.tr("Skills: comma-separated categories ({skills}).").format(skills=skills)
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.staff_table)
        layout.addWidget(note)
        layout.addWidget(self.staff_why)
        layout.addWidget(add)
        return page

    def _language_tab(self) -> QWidget:
        page = QWidget(self)
        self.lang_buttons: dict[str, QRadioButton] = {
            LANGUAGE_SYSTEM: QRadioButton(self.tr("Follow the system"), page),
            "zh": QRadioButton("简体中文", page),
            "en": QRadioButton("English", page),
        }
        layout = QVBoxLayout(page)
        for key, button in self.lang_buttons.items():
            button.setObjectName(f"language_{key}")
            layout.addWidget(button)
        self.lang_buttons[self._prefs.language_choice()].setChecked(True)
        layout.addWidget(QLabel(self.tr("The window reopens in the chosen language."), page))
        layout.addStretch(1)
        return page

    def _add_staff_row(self, member: StaffMember) -> None:
        row = self.staff_table.rowCount()
        self.staff_table.insertRow(row)
        self.staff_table.setItem(row, 0, QTableWidgetItem(member.name))
        tier = QComboBox(self.staff_table)
        for t in Tier:
            tier.addItem(t.label(self._lang), t.value)
        tier.setCurrentIndex(list(Tier).index(member.tier))
        self.staff_table.setCellWidget(row, 1, tier)
        skills = ", ".join(c.label(self._lang) for c in member.skills)
        self.staff_table.setItem(row, 2, QTableWidgetItem(skills))
        active = QCheckBox(self.staff_table)
        active.setChecked(member.active)
        self.staff_table.setCellWidget(row, 3, active)

    # -- reading the controls ------------------------------------------------------------------

    def chosen_language(self) -> str:
        return next(k for k, b in self.lang_buttons.items() if b.isChecked())

    def staff_members(self) -> list[StaffMember]:
        members = []
        for row in range(self.staff_table.rowCount()):
            name_item = self.staff_table.item(row, 0)
            name = name_item.text().strip() if name_item else ""
            if not name:
                continue
            tier_box = self.staff_table.cellWidget(row, 1)
            active_box = self.staff_table.cellWidget(row, 3)
            skills_item = self.staff_table.item(row, 2)
            skills = []
            text = skills_item.text() if skills_item else ""
            for part in re.split(r"[,，、;；]", text):
                try:
                    skills.append(Category.parse(part))
                except ValueError:
                    continue
            tier = Tier(tier_box.currentData()) if isinstance(tier_box, QComboBox) else Tier.L1
            active = active_box.isChecked() if isinstance(active_box, QCheckBox) else True
            members.append(StaffMember(name, tier, tuple(dict.fromkeys(skills)), active))
        return members

    def office_settings(self) -> OfficeSettings:
        """The office's name and prefix as edited (masking is saved on its own: set_masking)."""
        return self._office.with_changes(
            office_name=self.office_name_edit.text().strip(),
            prefix=self.prefix_edit.text().strip().upper(),
        )

    # -- slots ---------------------------------------------------------------------------------

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a Desk database"),
            self.db_edit.text(),
            self.tr("Desk database (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.db_edit.setText(path)

    def _on_test_button_clicked(self) -> None:
        ok, text = self._probe(self.db_edit.text().strip(), self._lang)
        self.test_result.setText(("✔ " if ok else "✖ ") + text)
        self.test_result.setStyleSheet("color: #1e6b2e;" if ok else "color: #a4262c;")

    def _on_add_clicked(self) -> None:
        self._add_staff_row(StaffMember("", Tier.L1, ()))
        row = self.staff_table.rowCount() - 1
        self.staff_table.setCurrentCell(row, 0)
        item = self.staff_table.item(row, 0)
        if item is not None:
            self.staff_table.editItem(item)

    def _on_buttons_accepted(self) -> None:
        """Save off the window's thread (the office's settings are on the share)."""
        try:
            changes = self._shared_changes()
        except DeskError as exc:
            ErrorDialog.show_error(self, exc, self._lang)
            return
        self.saver.start(changes.store)

    def _on_saver_landed(self, stored: tuple[OfficeSettings, list[StaffMember]]) -> None:
        self._finish(stored)
        self.accept()

    def _shared_changes(self) -> SharedChanges:
        before = {m.name: m for m in self._staff}
        changed = tuple(m for m in self.staff_members() if before.get(m.name) != m)
        return SharedChanges(
            self._office, self.office_settings(), self.mask_check.isChecked(), changed,
            self._operator,
        )  # fmt: skip

    def apply(self) -> SettingsOutcome:
        """Save what changed at once (scripts and tests); the outcome says what to redo."""
        return self._finish(self._shared_changes().store(1))

    def _finish(self, stored: tuple[OfficeSettings, list[StaffMember]]) -> SettingsOutcome:
        """After the office's part is stored: this workstation's part; what the window redoes."""
        office_changed = stored[0] != self._office
        self._office, self._staff = stored
        language = self.chosen_language()
        language_changed = language != self._prefs.language_choice()
        if language_changed:
            self._prefs.set_language_choice(language)
        target = self.db_edit.text().strip()
        self.outcome = SettingsOutcome(
            database=target if target and target != self._database else None,
            language_changed=language_changed,
            office_changed=office_changed,
        )
        return self.outcome

    def _ctx(self) -> Context | None:
        return self._operator if isinstance(self._operator, Context) else None

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        prefs: WorkstationPrefs,
        database: str,
        operator: str | Context,
        lang: str,
        probe: Probe,
    ) -> SettingsOutcome | None:
        """Run the dialog; None when cancelled."""
        dialog = cls(prefs, database, operator, lang, probe, parent)
        return dialog.outcome if dialog.exec() == QDialog.DialogCode.Accepted else None
