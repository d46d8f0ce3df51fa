"""The dialog behind Tools > Restore from backup…: pick a backup (or any file) to go back to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from salesdesk.storage.backup import BackupInfo
from salesdesk.ui.kit.i18n import fill, number

PATH_ROLE = Qt.ItemDataRole.UserRole


def backup_label(backup: BackupInfo) -> str:
    """A backup as the dialogs list it: "2024-05-02 09:15 (daily, 1,234 kB)", in the UI language
    (BackupInfo.label is the CLI's English)."""
    translate = QCoreApplication.translate
    if backup.reason == "daily":
        why = translate("RestoreDialog", "daily")
    elif backup.reason == "manual":
        why = translate("RestoreDialog", "made by hand")
    elif backup.reason.startswith("before-v"):
        why = fill(translate("RestoreDialog", "before upgrading to schema %1"), backup.reason[8:])
    else:
        why = backup.reason
    when = backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
    size = fill(translate("RestoreDialog", "%1 kB"), number(round(backup.size / 1024)))
    return fill(translate("RestoreDialog", "%1 (%2, %3)"), when, why, size)


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(
            self.tr(
                "Pick the copy to go back to. The database in use now is not deleted: it is renamed "
                "(“…before-restore-<date>”) in the data folder. A call you have open is reopened from the copy."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups"))
        for backup in backups:
            item = QListWidgetItem(backup_label(backup))
            item.setData(PATH_ROLE, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        self.empty = QLabel(self.tr("There are no backups yet."))
        self.empty.setVisible(not backups)
        self.other = QPushButton(self.tr("Choose another &file…"))
        self.other.clicked.connect(self._choose_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._picked)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._file: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.other, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        if backups:
            self.list.setCurrentRow(0)
        self._update()
        self.resize(460, 360)

    def _picked(self, current, _previous=None) -> None:
        if current is not None and self._file is not None:
            self._file = None
            self.other.setText(self.tr("Choose another &file…"))
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.chosen_path() is not None)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from file"),
            "",
            self.tr("SalesDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if name:
            self.choose_file(Path(name))

    def choose_file(self, path: Path) -> None:
        self._file = path
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.other.setText(fill(self.tr("File: %1"), path.name))
        self._update()

    def chosen_path(self) -> Path | None:
        if self._file is not None:
            return self._file
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None
