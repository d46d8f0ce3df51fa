"""The wrap-up dialog: ending a call in the sidebar, and correcting a past call's wrap-up
from the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from salesdesk.core.call import COMMON_OUTCOMES, CallState
from salesdesk.core.files import write_atomically
from salesdesk.ui.kit.date_field import DateField
from salesdesk.ui.kit.field_limit import limit_line_edit
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.widgets import wheel_needs_focus


class EndCallDialog(QDialog):
    """The wrap-up: outcome, next step and when it is due, with the call summary to review.

    ``required`` names the fields (see core.wrapup.WRAPUP_FIELDS) that must be filled before
    the call can end. Every edit is announced (``draftChanged``) so the sidebar keeps it on
    the call: cancelling, or a crash, loses nothing. The follow-up can be saved as an .ics
    calendar file."""

    draftChanged = Signal(str, str, object)  # outcome, next step, due date or None

    def __init__(self, call: CallState, required: set[str] | frozenset[str] = frozenset({"outcome"}), parent=None):
        super().__init__(parent)
        self.call = call
        self.required = set(required)
        self.setWindowTitle(fill(self.tr("End call with %1"), call.contact.name))
        self.outcome = wheel_needs_focus(QComboBox())
        self.outcome.setEditable(True)
        limit_line_edit(self.outcome.lineEdit())
        self.outcome.addItems(COMMON_OUTCOMES)
        self.outcome.setCurrentText(call.outcome)
        self.outcome.lineEdit().setPlaceholderText(self.tr("How did it go?"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.next_step = limit_line_edit(QLineEdit())
        self.next_step.setText(call.next_step)
        self.next_step.setPlaceholderText(self.tr("e.g. Send proposal, demo with CFO"))
        self.next_step.setAccessibleName(self.tr("Next step"))
        self.has_due = QCheckBox(self.tr("Due"))
        self.has_due.setAccessibleName(self.tr("Next step has a due date"))
        initial = call.next_step_due
        due_required = "due" in self.required
        self.has_due.setChecked(initial is not None or due_required)
        self.has_due.setEnabled(not due_required)
        self.due = DateField(QDate(initial) if initial else QDate.currentDate().addDays(1), switch=self.has_due)
        self.due.setAccessibleName(self.tr("Due date"))
        self.follow_up_button = QPushButton(self.tr("Save follow-up to &calendar…"))
        self.follow_up_button.setToolTip(
            self.tr("Save the next step as a calendar file (.ics) to open in any calendar")
        )
        self.follow_up_button.setAccessibleName(self.tr("Save follow-up to calendar"))
        self.follow_up_button.clicked.connect(self.ask_and_save_follow_up)
        from salesdesk.ui.kit.icons import icon

        self.follow_up_button.setIcon(icon("calendar"))
        self.follow_up_status = QLabel()
        self.follow_up_status.setWordWrap(True)
        self.follow_up_status.setTextFormat(Qt.TextFormat.PlainText)
        self.follow_up_status.hide()
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._label(self.tr("&Outcome"), "outcome", self.outcome), self.outcome)
        form.addRow(self._label(self.tr("&Next step"), "next_step", self.next_step), self.next_step)
        form.addRow(self._label(self.tr("Next step &due"), "due", self.has_due), due_row)
        form.addRow("", self.follow_up_button)
        form.addRow("", self.follow_up_status)

        from salesdesk.core.wrapup import call_summary

        summary_title = QLabel(self.tr("&Review the call"))
        font = summary_title.font()
        font.setBold(True)
        summary_title.setFont(font)
        self.summary = QPlainTextEdit(call_summary(call))
        self.summary.setReadOnly(True)
        self.summary.setTabChangesFocus(True)
        self.summary.setAccessibleName(self.tr("Call summary"))
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 9)
        summary_title.setBuddy(self.summary)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.end_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.end_button.setText(self.tr("End call"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Back to the call"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(summary_title)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.buttons)
        self.resize(max(440, self.sizeHint().width()), self.sizeHint().height())
        self._due_suggested = initial is not None
        self.next_step.textChanged.connect(self._suggest_due)
        self.outcome.currentTextChanged.connect(self._edited)
        self.next_step.textChanged.connect(self._edited)
        self.has_due.toggled.connect(self._edited)
        self.due.dateChanged.connect(self._edited)
        self._validate()

    def _label(self, text: str, field: str, buddy) -> QLabel:
        label = QLabel(f"{text} *" if field in self.required else text)
        label.setBuddy(buddy)
        if field in self.required:
            label.setToolTip(self.tr("Required (see View ▸ Sidebar settings)"))
        return label

    def _suggest_due(self, text: str) -> None:
        # A next step without a date is easy to forget: suggest one as soon as it is typed.
        if text.strip() and not self._due_suggested:
            self.has_due.setChecked(True)
            self._due_suggested = True

    def _edited(self, *_args) -> None:
        self._validate()
        self.draftChanged.emit(*self.values())

    def missing_fields(self) -> list[str]:
        """The required wrap-up fields still empty (keys of core.wrapup.WRAPUP_FIELDS)."""
        from salesdesk.core.wrapup import WRAPUP_FIELDS

        outcome, next_step, due = self.values()
        filled = {"outcome": bool(outcome), "next_step": bool(next_step), "due": due is not None}
        return [name for name in WRAPUP_FIELDS if name in self.required and not filled[name]]

    def _validate(self) -> None:
        from salesdesk.ui.kit.labels import wrapup_field_in_text

        missing = self.missing_fields()
        self.end_button.setEnabled(not missing)
        names = ", ".join(wrapup_field_in_text(name) for name in missing)
        self.missing.setText(fill(self.tr("Still needed to end the call: %1."), names) if missing else "")
        self.missing.setVisible(bool(missing))
        self.follow_up_button.setEnabled(self.has_due.isChecked())

    def values(self) -> tuple[str, str, date | None]:
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return self.outcome.currentText().strip(), self.next_step.text().strip(), due

    # ------------------------------------------------------------------ follow-up file

    def ask_and_save_follow_up(self) -> None:
        from salesdesk.core.wrapup import follow_up_filename

        _outcome, _next_step, due = self.values()
        if due is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / follow_up_filename(self.call, due))
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save follow-up to calendar"), suggested, self.tr("Calendar files (*.ics)")
        )
        if path:
            self.save_follow_up(Path(path))

    def save_follow_up(self, path: Path) -> bool:
        """Write the follow-up as an .ics file; on failure say why and keep the dialog open."""
        from salesdesk.core.ics import follow_up_calendar
        from salesdesk.core.wrapup import follow_up

        outcome, next_step, due = self.values()
        if due is None:
            return False
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        text = follow_up_calendar(follow_up(self.call, outcome, next_step, due))
        try:
            write_atomically(path, text.encode("utf-8"))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Follow-up not saved"),
                fill(self.tr("Could not write %1: %2. Choose another folder."), path, exc.strerror or exc),
            )
            return False
        self.saved_follow_up = path
        self.follow_up_status.setText(
            fill(self.tr("Saved %1 (open it to add the follow-up to your calendar)."), path.name)
        )
        self.follow_up_status.show()
        return True
