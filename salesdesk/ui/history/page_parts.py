"""The parts the history window's pages are built of: a hint line, a table, the typing
delay, the period picker (used by the calls, search, follow-ups and insights pages)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from salesdesk.ui.kit.date_field import DateField

#: Typing pauses this long before the filter or search runs (each keystroke restarts it).
TYPING_DELAY_MS = 150


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def make_table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring: 100k rows stay cheap
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return view


def delayed(parent, slot) -> QTimer:
    timer = QTimer(parent, singleShot=True, interval=TYPING_DELAY_MS)
    timer.timeout.connect(slot)
    return timer


class DateRangePicker(QWidget):
    """Any time, a recent period, or a custom range (two dates, both included).

    ``initial`` is the period chosen first, in days (None: any time)."""

    changed = Signal()

    def __init__(self, initial: int | None = None, parent=None):
        super().__init__(parent)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Period"))
        presets = (
            (self.tr("Any time"), None),
            (self.tr("Today"), 1),
            (self.tr("Last 7 days"), 7),
            (self.tr("Last 30 days"), 30),
            (self.tr("Last 90 days"), 90),
            (self.tr("Last 12 months"), 365),
            (self.tr("Custom range"), "custom"),
        )
        for text, days in presets:
            self.preset.addItem(text, days)
        self.start = DateField(QDate.currentDate().addDays(-29))
        self.end = DateField(QDate.currentDate())
        for edit, name in ((self.start, self.tr("From")), (self.end, self.tr("To"))):
            edit.setAccessibleName(name)
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.dash = QLabel("–")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset)
        layout.addWidget(self.start)
        layout.addWidget(self.dash)
        layout.addWidget(self.end)
        self.preset.setCurrentIndex(max(0, self.preset.findData(initial)))
        self._show_custom()
        self.preset.currentIndexChanged.connect(self._preset_changed)

    def _show_custom(self) -> None:
        custom = self.preset.currentData() == "custom"
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(custom)

    def _preset_changed(self) -> None:
        self._show_custom()
        self.changed.emit()

    def set_custom(self, start: date, end: date) -> None:
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.start.setDate(QDate(start))
        self.end.setDate(QDate(end))

    def range(self, today: date | None = None) -> tuple[date | None, date | None]:
        days = self.preset.currentData()
        if days is None:
            return None, None
        if days == "custom":
            start, end = self.start.date().toPython(), self.end.date().toPython()
            return (start, end) if start <= end else (end, start)
        today = today or date.today()
        return today - timedelta(days=days - 1), today
