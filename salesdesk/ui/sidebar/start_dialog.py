"""The start-call dialog: a new or known contact, and the playbook to follow."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.call import Contact
from salesdesk.core.playbook import Playbook
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.widgets import wheel_needs_focus

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_RED = "#c0392b"


class StartCallDialog(QDialog):
    """Who is on the call (a known contact or a new one) and which playbook to follow."""

    def __init__(self, contacts: list[Contact], playbooks: list[Playbook], default: Playbook | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a call"))
        self._contacts = contacts
        self._picked: Contact | None = None
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Who are you talking to?"))
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
        self.playbook = wheel_needs_focus(QComboBox())
        for playbook in playbooks:
            self.playbook.addItem(playbook.label, playbook)
        if default is not None and default in playbooks:
            self.playbook.setCurrentIndex(playbooks.index(default))
        self.known = QLabel()
        self.known.setWordWrap(True)
        self.known.setStyleSheet("color: palette(placeholder-text);")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow("", self.known)
        form.addRow(self.tr("&Company"), self.company)
        form.addRow(self.tr("&E-mail"), self.email)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow(self.tr("Play&book"), self.playbook)
        self.error = QLabel()
        # Red, made readable on this window's colour (the plain red is 2.8:1 on the dark one).
        red = theme.readable(QColor(ERROR_RED), self.palette().color(QPalette.ColorRole.Window))
        self.error.setStyleSheet(f"color: {red.name()};")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start call"))
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
        return f"{isolate(contact.name)} — {isolate(extra)}" if extra else isolate(contact.name)

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
            problem = self.tr("Enter the contact's name.")
        elif self.email.text().strip() and "@" not in self.email.text():
            problem = self.tr("That e-mail address has no @.")
        if self._picked is not None and name != self._picked.name:
            self._picked = None
        self.known.setText(self.tr("Known contact: their details are filled in.") if self._picked else "")
        self.known.setVisible(self._picked is not None)
        self.error.setText(problem if name else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        self._make_room()

    def _make_room(self) -> None:
        """A shown dialog does not grow by itself for a wrapped line that appears (the
        known-contact hint, an error): make it tall enough, or the line is cut."""
        layout = self.layout()
        if not self.isVisible() or layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        if needed > self.height():
            self.resize(self.width(), needed)

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
