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

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from salesdesk.config import APP_NAME
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError
from salesdesk.ui.i18n import fill

RESTORE, FRESH, QUIT = "restore", "fresh", "quit"


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str


def recovery_choices(error: StorageError, backup_label: str | None) -> list[Choice]:
    """What the rep can do about ``error``, the preferred choice first."""
    translate = QCoreApplication.translate
    quit_choice = Choice(QUIT, translate("RecoveryDialog", "&Quit"))
    if isinstance(error, NewerSchemaError) or not isinstance(error, DamagedDatabaseError):
        return [quit_choice]
    choices = []
    if backup_label:
        choices.append(Choice(RESTORE, fill(translate("RecoveryDialog", "&Restore the backup of %1"), backup_label)))
    choices.append(Choice(FRESH, translate("RecoveryDialog", "Start with an &empty database")))
    choices.append(quit_choice)
    return choices


def explain(error: StorageError, backup_label: str | None) -> str:
    translate = QCoreApplication.translate
    if isinstance(error, NewerSchemaError):
        advice = translate(
            "RecoveryDialog",
            "This copy of %1 is older than the one that last used your data. "
            "Install the newer version to keep working with it. Nothing was changed.",
        )
        return f"{error}\n\n{fill(advice, APP_NAME)}"
    parts = [fill(translate("RecoveryDialog", "%1 cannot use its database."), APP_NAME), str(error)]
    if isinstance(error, DamagedDatabaseError):
        kept = translate(
            "RecoveryDialog",
            "Whatever you choose, the file is not deleted: it is renamed to “%1” "
            "in the same folder, so it can still be examined or rescued later.",
        )
        parts.append(fill(kept, f"{error.path.name}.{error.kind}-<date>"))
        if backup_label:
            parts.append(
                fill(translate("RecoveryDialog", "The newest backup that checks out is from %1."), backup_label)
            )
        else:
            parts.append(translate("RecoveryDialog", "There is no usable backup to restore."))
    return "\n\n".join(parts).strip()


class RecoveryDialog(QDialog):
    def __init__(self, error: StorageError, backup_label: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("%1: problem with the database"), APP_NAME))
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
    translate = QCoreApplication.translate
    kept = fill(translate("RecoveryDialog", "The unusable file is kept as %1."), aside.name) if aside else ""
    if choice == RESTORE and backup_path is not None:
        result = restore_file(data_dir, backup_path)
        done = fill(translate("RecoveryDialog", "Restored the backup %1."), result.restored_from.name)
    else:
        done = translate("RecoveryDialog", "Started with an empty database.")
    return f"{done} {kept}".strip()


def recover(parent: QWidget | None, data_dir: Path, error: StorageError) -> str | None:
    """Show what is wrong and carry out the rep's choice. Returns a message for the
    sidebar when the database can be opened again, None when the rep chose to quit."""
    from salesdesk.storage.backup import latest_good_backup
    from salesdesk.ui.restore_dialog import backup_label

    backup = latest_good_backup(data_dir) if isinstance(error, DamagedDatabaseError) else None
    dialog = RecoveryDialog(error, backup_label(backup) if backup else None, parent)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    if choice == QUIT or not isinstance(error, DamagedDatabaseError):
        return None
    return apply_choice(data_dir, error, choice, backup.path if backup else None)
