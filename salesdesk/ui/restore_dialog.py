"""The dialog behind Data > Restore from backup: pick a backup (or any file) to go back to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
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

PATH_ROLE = Qt.ItemDataRole.UserRole


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        intro = QLabel(
            "Pick the copy to go back to. The database in use now is not deleted: it is renamed "
            "(“…before-restore-<date>”) in the data folder. A call you have open is reopened from the copy."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups")
        for backup in backups:
            item = QListWidgetItem(backup.label())
            item.setData(PATH_ROLE, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        self.empty = QLabel("There are no backups yet.")
        self.empty.setVisible(not backups)
        self.other = QPushButton("Choose another &file…")
        self.other.clicked.connect(self._choose_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
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
            self.other.setText("Choose another &file…")
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.chosen_path() is not None)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Restore from file", "", "SalesDesk databases (*.sqlite3 *.sqlite *.db);;All files (*)"
        )
        if name:
            self.choose_file(Path(name))

    def choose_file(self, path: Path) -> None:
        self._file = path
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.other.setText(f"File: {path.name}")
        self._update()

    def chosen_path(self) -> Path | None:
        if self._file is not None:
            return self._file
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None
