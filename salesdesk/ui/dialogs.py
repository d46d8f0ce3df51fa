"""Start-call and end-call dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from salesdesk.core.call import COMMON_OUTCOMES, CallState, Contact
from salesdesk.core.playbook import Playbook

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class StartCallDialog(QDialog):
    """Who is on the call (a known contact or a new one) and which playbook to follow."""

    def __init__(self, contacts: list[Contact], playbooks: list[Playbook], default: Playbook | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Start a call")
        self._contacts = contacts
        self._picked: Contact | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText("Who are you talking to?")
        self.company = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        # The popup shows "name — company"; choosing one inserts the name and fills the rest.
        model = QStandardItemModel(self)
        for row, known in enumerate(contacts):
            item = QStandardItem(self._label(known))
            item.setData(known.name, NAME_ROLE)
            item.setData(row, CONTACT_ROW_ROLE)
            model.appendRow(item)
        completer = QCompleter(model, self)
        completer.setCompletionRole(NAME_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        completer.activated[QModelIndex].connect(self._pick)
        self.playbook = QComboBox()
        for playbook in playbooks:
            self.playbook.addItem(playbook.label, playbook)
        if default is not None and default in playbooks:
            self.playbook.setCurrentIndex(playbooks.index(default))
        self.known = QLabel()
        self.known.setWordWrap(True)
        self.known.setStyleSheet("color: palette(placeholder-text);")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Name", self.name)
        form.addRow("", self.known)
        form.addRow("&Company", self.company)
        form.addRow("&E-mail", self.email)
        form.addRow("&Phone", self.phone)
        form.addRow("Play&book", self.playbook)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start call")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._validate)
        self.email.textChanged.connect(self._validate)
        self._validate()

    @staticmethod
    def _label(contact: Contact) -> str:
        extra = contact.company or contact.email
        return f"{contact.name} — {extra}" if extra else contact.name

    def _pick(self, index: QModelIndex) -> None:
        self.preset_contact(self._contacts[index.data(CONTACT_ROW_ROLE)])

    def preset_contact(self, contact: Contact) -> None:
        """Fill in a known contact (picked from the list, or a follow-up call)."""
        self._picked = contact
        self.name.setText(contact.name)
        self.company.setText(contact.company)
        self.email.setText(contact.email)
        self.phone.setText(contact.phone)
        self._validate()

    def _validate(self) -> None:
        name = self.name.text().strip()
        problem = ""
        if not name:
            problem = "Enter the contact's name."
        elif self.email.text().strip() and "@" not in self.email.text():
            problem = "That e-mail address has no @."
        if self._picked is not None and name != self._picked.name:
            self._picked = None
        self.known.setText("Known contact: their details are filled in." if self._picked else "")
        self.known.setVisible(self._picked is not None)
        self.error.setText(problem if name else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def contact(self) -> Contact:
        return Contact(
            name=self.name.text().strip(),
            company=self.company.text().strip(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            id=self._picked.id if self._picked else None,
        )

    def chosen_playbook(self) -> Playbook:
        return self.playbook.currentData()


class EndCallDialog(QDialog):
    """The wrap-up: outcome, next step and when it is due."""

    def __init__(self, call: CallState, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"End call with {call.contact.name}")
        self.outcome = QComboBox()
        self.outcome.setEditable(True)
        self.outcome.addItems(COMMON_OUTCOMES)
        self.outcome.setCurrentText(call.outcome)
        self.outcome.lineEdit().setPlaceholderText("How did it go?")
        self.next_step = QLineEdit(call.next_step)
        self.next_step.setPlaceholderText("e.g. Send proposal, demo with CFO")
        self.has_due = QCheckBox("Due")
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        initial = call.next_step_due
        self.due.setDate(QDate(initial) if initial else QDate.currentDate().addDays(1))
        self.has_due.setChecked(initial is not None)
        self.due.setEnabled(initial is not None)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Outcome", self.outcome)
        form.addRow("&Next step", self.next_step)
        form.addRow("Next step &due", due_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("End call")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._due_suggested = initial is not None
        self.next_step.textChanged.connect(self._suggest_due)

    def _suggest_due(self, text: str) -> None:
        # A next step without a date is easy to forget: suggest one as soon as it is typed.
        if text.strip() and not self._due_suggested:
            self.has_due.setChecked(True)
            self._due_suggested = True

    def values(self) -> tuple[str, str, date | None]:
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return self.outcome.currentText().strip(), self.next_step.text().strip(), due
