"""Sidebar settings: which wrap-up fields are required, live cues, the qualification nudge,
the compact strip, screen sharing and colours. Changes apply at once and are saved as they
are made."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
)

from salesdesk.core.wrapup import WRAPUP_FIELDS
from salesdesk.ui.beside_call.capture_guard import Choice, current_choice
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.labels import color_scheme, wrapup_field, wrapup_field_in_text
from salesdesk.ui.kit.prefs import COLOR_SCHEMES, MAX_OPACITY, MIN_OPACITY, SIDES, Prefs


class PrefsDialog(QDialog):
    def __init__(self, prefs: Prefs, parent=None, *, choice: Choice | None = None):
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle(self.tr("Sidebar settings"))

        wrapup = QGroupBox(self.tr("Ending a call needs"))
        wrapup_layout = QVBoxLayout(wrapup)
        self.required: dict[str, QCheckBox] = {}
        required = prefs.wrapup_required
        for name in WRAPUP_FIELDS:
            box = QCheckBox(wrapup_field(name))
            box.setChecked(name in required)
            box.setAccessibleName(fill(self.tr("Require %1 to end a call"), wrapup_field_in_text(name)))
            box.toggled.connect(self._required_changed)
            wrapup_layout.addWidget(box)
            self.required[name] = box

        help_box = QGroupBox(self.tr("During the call"))
        help_layout = QVBoxLayout(help_box)
        self.cues = QCheckBox(self.tr("&Live cues: show an objection's lines when the notes mention it"))
        self.cues.setChecked(prefs.cues_enabled)
        self.cues.toggled.connect(lambda on: setattr(prefs, "cues_enabled", on))
        self.nudge = QCheckBox(self.tr("&Remind me at a stage change when qualification is incomplete"))
        self.nudge.setChecked(prefs.nudge_enabled)
        self.nudge.toggled.connect(lambda on: setattr(prefs, "nudge_enabled", on))
        for box in (self.cues, self.nudge):
            box.setAccessibleName(box.text().replace("&", ""))
            help_layout.addWidget(box)

        compact = QGroupBox(self.tr("Compact strip"))
        form = QFormLayout(compact)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(MIN_OPACITY, MAX_OPACITY)
        self.opacity.setSingleStep(5)
        self.opacity.setPageStep(10)
        self.opacity.setValue(prefs.compact_opacity)
        self.opacity.setAccessibleName(self.tr("Compact strip opacity"))
        self.opacity_value = QLabel()
        self.opacity_value.setMinimumWidth(self.opacity_value.fontMetrics().horizontalAdvance("100 %"))
        self.opacity.valueChanged.connect(self._opacity_changed)
        self._opacity_changed(self.opacity.value(), save=False)
        row = QHBoxLayout()
        row.addWidget(self.opacity, 1)
        row.addWidget(self.opacity_value)
        opacity_label = QLabel(self.tr("&Opacity"))
        opacity_label.setBuddy(self.opacity)
        form.addRow(opacity_label, row)
        self.side = QComboBox()
        edges = {"left": self.tr("Left edge of the screen"), "right": self.tr("Right edge of the screen")}
        for side in SIDES:
            self.side.addItem(edges[side], side)
        self.side.setCurrentIndex(SIDES.index(prefs.compact_side))
        self.side.setAccessibleName(self.tr("Screen edge for the compact strip"))
        self.side.currentIndexChanged.connect(lambda _i: setattr(prefs, "compact_side", self.side.currentData()))
        side_label = QLabel(self.tr("&Edge"))
        side_label.setBuddy(self.side)
        form.addRow(side_label, self.side)

        sharing = QGroupBox(self.tr("Screen sharing"))
        sharing_layout = QVBoxLayout(sharing)
        self.capture_choice = choice or current_choice()
        self.hide_from_capture = QCheckBox(self.tr("&Hide SalesDesk from screen sharing and recordings"))
        self.hide_from_capture.setAccessibleName(self.hide_from_capture.text().replace("&", ""))
        available = self.capture_choice.available
        self.hide_from_capture.setEnabled(available)
        self.hide_from_capture.setChecked(available and prefs.hide_from_capture)
        self.hide_from_capture.toggled.connect(lambda on: setattr(prefs, "hide_from_capture", on))
        # One line: what the setting does here, or why this system has no such control.
        self.capture_line = QLabel(QCoreApplication.translate("CaptureGuard", self.capture_choice.reason))
        self.capture_line.setWordWrap(True)
        self.capture_line.setStyleSheet("color: palette(placeholder-text);")
        sharing_layout.addWidget(self.hide_from_capture)
        sharing_layout.addWidget(self.capture_line)

        self.colors = QComboBox()
        for key in COLOR_SCHEMES:
            self.colors.addItem(color_scheme(key), key)
        self.colors.setCurrentIndex(list(COLOR_SCHEMES).index(prefs.color_scheme))
        self.colors.setAccessibleName(self.tr("Colours"))
        self.colors.currentIndexChanged.connect(lambda _i: setattr(prefs, "color_scheme", self.colors.currentData()))
        colors_form = QFormLayout()
        colors_label = QLabel(self.tr("&Colours"))
        colors_label.setBuddy(self.colors)
        colors_form.addRow(colors_label, self.colors)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapup)
        layout.addWidget(help_box)
        layout.addWidget(compact)
        layout.addWidget(sharing)
        layout.addLayout(colors_form)
        layout.addWidget(buttons)

    def _required_changed(self) -> None:
        self.prefs.wrapup_required = {name for name, box in self.required.items() if box.isChecked()}

    def _opacity_changed(self, value: int, save: bool = True) -> None:
        self.opacity_value.setText(f"{value} %")
        if save:
            self.prefs.compact_opacity = value
