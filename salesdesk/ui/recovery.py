"""When the database file cannot be used: say what was found and let the rep choose.

A damaged, truncated, non-SQLite or foreign file is never written to. The rep chooses to
restore the newest good backup or to start with an empty database; either way the bad
file is first moved aside (renamed, with its -wal/-shm), so nothing is ever deleted. A
database from a newer SalesDesk is left exactly where it is: this version refuses it and
says to update.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from salesdesk.config import APP_NAME
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError

RESTORE, FRESH, QUIT = "restore", "fresh", "quit"


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str


def recovery_choices(error: StorageError, backup_label: str | None) -> list[Choice]:
    """What the rep can do about ``error``, the preferred choice first."""
    if isinstance(error, NewerSchemaError) or not isinstance(error, DamagedDatabaseError):
        return [Choice(QUIT, "&Quit")]
    choices = []
    if backup_label:
        choices.append(Choice(RESTORE, f"&Restore the backup of {backup_label}"))
    choices.append(Choice(FRESH, "Start with an &empty database"))
    choices.append(Choice(QUIT, "&Quit"))
    return choices


def explain(error: StorageError, backup_label: str | None) -> str:
    if isinstance(error, NewerSchemaError):
        return (
            f"{error}\n\nThis copy of {APP_NAME} is older than the one that last used your data. "
            "Install the newer version to keep working with it. Nothing was changed."
        )
    text = f"{APP_NAME} cannot use its database.\n\n{error}\n\n"
    if isinstance(error, DamagedDatabaseError):
        text += (
            f"Whatever you choose, the file is not deleted: it is renamed to “{error.path.name}.{error.kind}-<date>” "
            "in the same folder, so it can still be examined or rescued later.\n\n"
        )
        if backup_label:
            text += f"The newest backup that checks out is from {backup_label}."
        else:
            text += "There is no usable backup to restore."
    return text.strip()


class RecoveryDialog(QDialog):
    def __init__(self, error: StorageError, backup_label: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: problem with the database")
        self.choice = QUIT
        self.message = QLabel(explain(error, backup_label))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(420)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        self.buttons = QDialogButtonBox(Qt.Orientation.Vertical)
        self.choice_buttons: dict[str, QPushButton] = {}
        for index, choice in enumerate(recovery_choices(error, backup_label)):
            button = QPushButton(choice.label)
            role = (
                QDialogButtonBox.ButtonRole.RejectRole if choice.key == QUIT else QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.buttons.addButton(button, role)
            button.clicked.connect(lambda _checked=False, key=choice.key: self._choose(key))
            button.setDefault(index == 0)
            self.choice_buttons[choice.key] = button
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)

    def _choose(self, key: str) -> None:
        self.choice = key
        if key == QUIT:
            self.reject()
        else:
            self.accept()


def apply_choice(data_dir: Path, error: DamagedDatabaseError, choice: str, backup_path: Path | None) -> str:
    """Move the bad file aside, then restore ``backup_path`` (RESTORE) or leave the place
    empty for a new database (FRESH). Returns a sentence for the rep."""
    from salesdesk.storage.backup import restore_file
    from salesdesk.storage.paths import database_path
    from salesdesk.storage.sqlitefile import move_aside

    aside = move_aside(database_path(data_dir), error.kind)
    kept = f"The unusable file is kept as {aside.name}." if aside else ""
    if choice == RESTORE and backup_path is not None:
        result = restore_file(data_dir, backup_path)
        return f"Restored the backup {result.restored_from.name}. {kept}".strip()
    return f"Started with an empty database. {kept}".strip()


def recover(parent: QWidget | None, data_dir: Path, error: StorageError) -> str | None:
    """Show what is wrong and carry out the rep's choice. Returns a message for the
    sidebar when the database can be opened again, None when the rep chose to quit."""
    from salesdesk.storage.backup import latest_good_backup

    backup = latest_good_backup(data_dir) if isinstance(error, DamagedDatabaseError) else None
    dialog = RecoveryDialog(error, backup.label() if backup else None, parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    if choice == QUIT or not isinstance(error, DamagedDatabaseError):
        return None
    return apply_choice(data_dir, error, choice, backup.path if backup else None)
