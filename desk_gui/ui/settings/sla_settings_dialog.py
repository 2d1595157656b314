"""SLA settings: priority matrix, targets, business hours and the holiday calendar.

Shared by every workstation (stored in the database's office settings). The holidays come
from the maintained ``holidays`` library for the chosen country (China by default, with its
调休 working days); the office adds its own closures and extra working days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_gui.domain.errors import DeskError
from desk_gui.domain.lang import pick
from desk_gui.services.context import Context
from desk_gui.services.errors import SettingsConflict
from desk_gui.services.settings import OfficeSettings, load_settings
from desk_gui.services.sla_settings import (
    COUNTRIES,
    CalendarEdit,
    calendar_edit,
    calendar_years,
    default_sla,
    public_days,
    save_sla,
)
from desk_gui.services.threads import release_thread
from desk_gui.services.tickets import TicketService
from desk_gui.ui.common.bounded_save import BoundedSave
from desk_gui.ui.common.error_dialog import ErrorDialog
from desk_gui.ui.common.form_fields import ERROR_STYLE, ui_lang
from desk_gui.ui.settings.form_sla_targets import DateListEditor, MatrixEditor, TargetsEditor


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> time:
    return time(q.hour(), q.minute())


class SlaSettingsDialog(QDialog):
    """Four tabs: priority, targets, business hours, holidays; Restore defaults; OK saves."""

    def __init__(
        self, settings: OfficeSettings, operator: str | Context, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slaSettingsDialog")
        self.setWindowTitle(self.tr("Deadlines and business hours"))
        self.lang = ui_lang()
        self.original = settings
        self.saved: OfficeSettings | None = None
        self._operator = operator
        self.matrix_editor = MatrixEditor(self.lang)
        self.targets_editor = TargetsEditor(self.lang)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._priority_tab(), self.tr("Priority"))
        self.tabs.addTab(self.targets_editor, self.tr("Targets"))
        self.tabs.addTab(self._hours_tab(), self.tr("Business hours"))
        self.tabs.addTab(self._holidays_tab(), self.tr("Holidays"))
        self.error_label = QLabel()
        self.error_label.setObjectName("slaError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setText(self.tr("Restore defaults"))
        self.restore_button.setObjectName("restoreDefaults")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("okButton")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        self.saver = BoundedSave(
            self, release_thread, self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        )
        self.saver.landed.connect(self._on_saver_landed)
        self.saver.failed.connect(lambda exc: ErrorDialog.show_error(self, exc, self.lang))
        layout.addWidget(self.saver.status)
        layout.addWidget(self.buttons)
        self.show_settings(settings)
        self.setMinimumWidth(760)

    # -- tabs -------------------------------------------------------------------------------

    def _priority_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(self.tr("Impact × urgency gives the priority of a new ticket."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.matrix_editor, 1)
        return page

    def _hours_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.open_edit = QTimeEdit()
        self.open_edit.setObjectName("openTime")
        self.open_edit.setDisplayFormat("HH:mm")
        self.close_edit = QTimeEdit()
        self.close_edit.setObjectName("closeTime")
        self.close_edit.setDisplayFormat("HH:mm")
        form.addRow(self.tr("Opens at"), self.open_edit)
        form.addRow(self.tr("Closes at"), self.close_edit)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        self.day_checks: list[QCheckBox] = []
        for i, name in enumerate(names):
            check = QCheckBox(name)
            check.setObjectName(f"workday{i}")
            self.day_checks.append(check)
            row.addWidget(check)
        form.addRow(self.tr("Working days"), days)
        return page

    def _holidays_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.country_combo = QComboBox()
        self.country_combo.setObjectName("countryCombo")
        for code, zh, en in COUNTRIES:
            self.country_combo.addItem(pick(self.lang, zh, en), code)
        form.addRow(self.tr("Public holidays of"), self.country_combo)
        self.public_label = QLabel()
        self.public_label.setObjectName("publicHolidays")
        self.public_label.setWordWrap(True)
        form.addRow("", self.public_label)
        layout.addLayout(form)
        self.closures_editor = DateListEditor("closures")
        self.workdays_editor = DateListEditor("extraWorkdays")
        lists = QHBoxLayout()
        for title, editor in (
            (self.tr("Our own closures"), self.closures_editor),
            (self.tr("Extra working days (调休)"), self.workdays_editor),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(editor)
            lists.addWidget(box)
        layout.addLayout(lists, 1)
        self.country_combo.currentIndexChanged.connect(self._on_country_combo_changed)
        return page

    # -- values -----------------------------------------------------------------------------

    def show_settings(self, settings: OfficeSettings) -> None:
        """Fill every editor from ``settings``."""
        self.matrix_editor.set_matrix(settings.matrix)
        self.targets_editor.set_targets(settings.targets)
        edit = calendar_edit(settings.calendar)
        self.open_edit.setTime(_qtime(edit.open_time))
        self.close_edit.setTime(_qtime(edit.close_time))
        for i, check in enumerate(self.day_checks):
            check.setChecked(i in edit.workdays)
        index = self.country_combo.findData(edit.country)
        if index < 0:
            self.country_combo.addItem(edit.country, edit.country)
            index = self.country_combo.count() - 1
        self.country_combo.setCurrentIndex(index)
        self.closures_editor.set_dates(edit.own_closures)
        self.workdays_editor.set_dates(edit.own_workdays)
        self._on_country_combo_changed()

    def calendar_edit(self) -> CalendarEdit:
        return CalendarEdit(
            country=str(self.country_combo.currentData() or ""),
            open_time=_time(self.open_edit.time()),
            close_time=_time(self.close_edit.time()),
            workdays=frozenset(i for i, c in enumerate(self.day_checks) if c.isChecked()),
            own_closures=self.closures_editor.dates(),
            own_workdays=self.workdays_editor.dates(),
        )

    def settings(self) -> OfficeSettings:
        """The settings as edited; ValueError for an impossible calendar."""
        return self.original.with_changes(
            matrix=self.matrix_editor.matrix(),
            targets=self.targets_editor.targets(),
            calendar=self.calendar_edit().build(),
        )

    def restore_defaults(self) -> None:
        """The spec's matrix, targets and China's Mon–Fri 09:00–17:00 (not saved until OK)."""
        self.show_settings(default_sla(self.original))

    def apply(self) -> bool:
        """Save at once (scripts and tests); False (with the message shown) when the input
        cannot be a calendar."""
        settings = self._checked()
        if settings is None:
            return False
        save_sla(settings, self._operator)
        self.saved = settings
        return True

    def _checked(self) -> OfficeSettings | None:
        """The settings as edited, or None with the message shown."""
        self.error_label.hide()
        try:
            return self.settings()
        except ValueError:
            self.error_label.setText(
                self.tr("Opening must be before closing, and at least one day must be a workday.")
            )
            self.error_label.show()
            return None

    def _store(self, settings: OfficeSettings, attempt: int) -> OfficeSettings:
        """On the save's thread: a retry's conflict that finds these settings stored is the
        first attempt having got through (they carry the version they were read at)."""
        try:
            save_sla(settings, self._operator)
        except SettingsConflict:
            stored = load_settings()
            if attempt == 1 or replace(stored, revision=settings.revision) != settings:
                raise
        return settings

    # -- slots ------------------------------------------------------------------------------

    def _on_country_combo_changed(self, *_: object) -> None:
        code = str(self.country_combo.currentData() or "")
        this_year = date.today().year
        try:
            public, adjusted = public_days(code, calendar_years())
        except ValueError:
            public, adjusted = frozenset(), frozenset()
        count = sum(1 for d in public if d.year == this_year)
        shifted = sum(1 for d in adjusted if d.year == this_year)
        self.public_label.setText(
            self.tr(
                "{year}: {count} public holidays and {shifted} adjusted working days, "
                "from the maintained holiday library."
            ).format(year=this_year, count=count, shifted=shifted)
        )

    def _on_buttons_accepted(self) -> None:
        """Save off the window's thread, waited for a bounded time (``BoundedSave``)."""
        settings = self._checked()
        if settings is not None:
            self.saver.start(lambda attempt: self._store(settings, attempt))

    def _on_saver_landed(self, settings: OfficeSettings) -> None:
        self.saved = settings
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, settings: OfficeSettings, operator: str | Context) -> bool:
        """Run the dialog; True when new settings were saved."""
        dialog = cls(settings, operator, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None


def open_sla_settings(parent: QWidget | None, service: TicketService) -> bool:
    """The settings menu's entry: edit and save; ``service`` reloads the new settings."""
    try:
        service.reload_settings()
        current = service.settings
    except DeskError as exc:
        ErrorDialog.show_error(parent, exc, ui_lang())
        return False
    saved = SlaSettingsDialog.ask(parent, current, service.ctx)
    if saved:
        service.reload_settings()
    return saved
