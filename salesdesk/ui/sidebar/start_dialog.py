"""The start-call dialog: a new or known contact (typed, picked, or read from a vCard), and
the playbook to follow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from salesdesk.core.bidi import isolate
from salesdesk.core.call import Contact
from salesdesk.core.playbook import Playbook
from salesdesk.ui.kit.i18n import fill

#: File name endings of the vCards the dialog takes (a button, or dropped onto it).
VCARD_SUFFIXES = (".vcf", ".vcard")
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROW_ROLE = Qt.ItemDataRole.UserRole + 2


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
        self.playbook = QComboBox()
        for playbook in playbooks:
            self.playbook.addItem(playbook.label, playbook)
        if default is not None and default in playbooks:
            self.playbook.setCurrentIndex(playbooks.index(default))
        self.known = QLabel()
        self.known.setWordWrap(True)
        self.known.setStyleSheet("color: palette(placeholder-text);")
        self.vcard_button = QPushButton(self.tr("From a &vCard…"))
        self.vcard_button.setToolTip(self.tr("Fill in the contact from a .vcf file (or drop one onto this dialog)"))
        self.vcard_button.clicked.connect(self.choose_vcard)
        self.setAcceptDrops(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow("", self.known)
        form.addRow(self.tr("&Company"), self.company)
        form.addRow(self.tr("&E-mail"), self.email)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow("", self.vcard_button)
        form.addRow(self.tr("Play&book"), self.playbook)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
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

    # ------------------------------------------------------------------ a vCard

    def choose_vcard(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Contact from a vCard"), folder, self.tr("vCard (*.vcf *.vcard);;All files (*)")
        )
        if path:
            self.fill_from_vcard(Path(path))

    def fill_from_vcard(self, path: Path) -> bool:
        """Fill in the contact from the first card in the file (core.vcard); a file that is
        not one leaves what was typed as it was and says why."""
        from salesdesk.core.vcard import VCardError, read_vcard_file

        try:
            contact = read_vcard_file(path)
        except VCardError as exc:
            self.error.setText(fill(self.tr("No contact read: %1"), exc))
            self._make_room()
            return False
        self._picked = None
        self.name.setText(contact.name)
        self.company.setText(contact.company)
        self.email.setText(contact.email)
        self.phone.setText(contact.phone)
        self._validate()
        self.known.setText(fill(self.tr("Filled in from %1."), path.name))
        self.known.setVisible(True)
        self._make_room()
        return True

    @staticmethod
    def _dropped_vcard(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        for url in urls:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(VCARD_SUFFIXES):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_vcard(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_vcard(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.fill_from_vcard(path)

    # ------------------------------------------------------------------ checking

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
