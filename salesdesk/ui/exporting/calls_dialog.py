"""Choosing which calls to export, and as what (CSV for spreadsheets, the import files of a
CRM, JSON to move them)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from salesdesk.core.call import COMMON_OUTCOMES
from salesdesk.core.filters import CallFilter, day_filter
from salesdesk.core.formats import CRM_PRESETS
from salesdesk.settings import EXPORT_CSV_BOM, EXPORT_MANY_FORMAT
from salesdesk.ui.kit import prefs
from salesdesk.ui.kit.date_field import DateField

#: The format of a CRM preset's files in the format list: "crm:" and the preset's key (core.crm).
PRESET_PREFIX = "crm:"


class ExportCallsDialog(QDialog):
    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Export calls"))
        self.format = QComboBox()
        self.format.addItem(self.tr("CSV: one row per call, for a spreadsheet"), "csv")
        crm_titles = {
            "hubspot": self.tr("HubSpot: contacts and calls, ready to import"),
            "salesforce": self.tr("Salesforce: contacts and tasks, ready to import"),
            "pipedrive": self.tr("Pipedrive: people and activities, ready to import"),
        }
        for preset in CRM_PRESETS:
            self.format.addItem(crm_titles[preset], f"{PRESET_PREFIX}{preset}")
        self.format.addItem(self.tr("SalesDesk JSON: everything, to import elsewhere"), "json")
        self.format.setCurrentIndex(max(0, self.format.findData(prefs.read(settings, EXPORT_MANY_FORMAT))))
        today = QDate.currentDate()
        self.has_since, self.since = self._date_row(self.tr("From"), today.addMonths(-1))
        self.has_until, self.until = self._date_row(self.tr("To"), today)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("Name, company or e-mail contains…"))
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("e.g. Won"))
        self.outcome.setCompleter(QCompleter(list(COMMON_OUTCOMES), self))
        self.bom = QCheckBox(self.tr("Mark the file as UTF-8 for Excel (byte order mark)"))
        self.bom.setChecked(prefs.read(settings, EXPORT_CSV_BOM))
        self.hint = QLabel(self.tr("Empty fields take every call."))
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Format"), self.format)
        form.addRow(self.has_since, self.since)
        form.addRow(self.has_until, self.until)
        form.addRow(self.tr("&Contact"), self.contact)
        form.addRow(self.tr("&Outcome"), self.outcome)
        form.addRow("", self.bom)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.setMinimumWidth(360)

    def _date_row(self, text: str, initial: QDate) -> tuple[QCheckBox, DateField]:
        check = QCheckBox(text)
        return check, DateField(initial, switch=check)

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.bom.setEnabled(fmt == "csv" or fmt.startswith(PRESET_PREFIX))
        if fmt.startswith(PRESET_PREFIX):
            self.hint.setText(
                self.tr("Empty fields take every call. Two files are written, named after the file you choose.")
            )
        else:
            self.hint.setText(self.tr("Empty fields take every call."))

    def values(self) -> tuple[str, CallFilter, bool]:
        """(format, filter, byte order mark), remembering the format and the BOM choice. The
        format is "csv", "json" or PRESET_PREFIX and a CRM preset's key."""
        fmt = self.format.currentData()
        prefs.write(self.settings, EXPORT_MANY_FORMAT, fmt)
        csv_like = fmt == "csv" or fmt.startswith(PRESET_PREFIX)
        if csv_like:
            prefs.write(self.settings, EXPORT_CSV_BOM, self.bom.isChecked())
        since = self.since.date().toPython() if self.has_since.isChecked() else None
        until = self.until.date().toPython() if self.has_until.isChecked() else None
        call_filter = day_filter(since, until, self.contact.text(), self.outcome.text())
        return fmt, call_filter, csv_like and self.bom.isChecked()
