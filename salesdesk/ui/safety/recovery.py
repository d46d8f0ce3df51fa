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
from salesdesk.ui.kit.i18n import fill

RESTORE, FRESH, QUIT = "restore", "fresh", "quit"
# In the open sidebar: close the dialog and go on with the call (the choice can wait).
BACK = "back"


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str


def recovery_choices(error: StorageError, backup_label: str | None, *, in_window: bool = False) -> list[Choice]:
    """What the rep can do about ``error``, the preferred choice first (``in_window``: the
    sidebar is open, and going back to the call is a choice too)."""
    translate = QCoreApplication.translate
    choices = []
    if isinstance(error, DamagedDatabaseError):
        if backup_label:
            label = fill(translate("RecoveryDialog", "&Restore the backup of %1"), backup_label)
            choices.append(Choice(RESTORE, label))
        choices.append(Choice(FRESH, translate("RecoveryDialog", "Start with an &empty database")))
    choices.append(Choice(QUIT, translate("RecoveryDialog", "&Quit")))
    if in_window:
        choices.append(Choice(BACK, translate("RecoveryDialog", "&Back to the call (decide later)")))
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
    if isinstance(error, DamagedDatabaseError) and error.kind != "missing":  # (no file: nothing to keep)
        kept = translate(
            "RecoveryDialog",
            "Whatever you choose, the file is not deleted: it is renamed to “%1” "
            "in the same folder, so it can still be examined or rescued later.",
        )
        parts.append(fill(kept, f"{error.path.name}.{error.kind}-<date>"))
    if isinstance(error, DamagedDatabaseError):
        if backup_label:
            parts.append(
                fill(translate("RecoveryDialog", "The newest backup that checks out is from %1."), backup_label)
            )
        else:
            parts.append(translate("RecoveryDialog", "There is no usable backup to restore."))
    return "\n\n".join(parts).strip()


class RecoveryDialog(QDialog):
    """The choice. No button is the default and none has the keyboard when it opens: Enter
    or Space typed as it appears (meant for the notes) choose nothing."""

    def __init__(
        self, error: StorageError, backup_label: str | None, parent: QWidget | None = None, *, in_window: bool = False
    ):
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("%1: problem with the database"), APP_NAME))
        # Esc or the window's close button: back to the call in the sidebar, quit at start-up.
        self.choice = BACK if in_window else QUIT
        self.message = QLabel(explain(error, backup_label))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.message.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the keyboard starts here, on no button
        self.message.setMinimumWidth(420)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        self.buttons = QDialogButtonBox(Qt.Orientation.Vertical)
        self.choice_buttons: dict[str, QPushButton] = {}
        for choice in recovery_choices(error, backup_label, in_window=in_window):
            button = QPushButton(choice.label)
            # ActionRole, not AcceptRole: the button box would make an accept button the default.
            role = (
                QDialogButtonBox.ButtonRole.ActionRole
                if choice.key in {RESTORE, FRESH}
                else QDialogButtonBox.ButtonRole.RejectRole
            )
            self.buttons.addButton(button, role)
            button.clicked.connect(lambda _checked=False, key=choice.key: self._choose(key))
            button.setAutoDefault(False)
            button.setDefault(False)
            self.choice_buttons[choice.key] = button
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.message.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.message.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, key: str) -> None:
        self.choice = key
        if key in {QUIT, BACK}:
            self.reject()
        else:
            self.accept()


def ask(parent: QWidget | None, data_dir: Path, error: StorageError, *, in_window: bool = False):
    """Show what is wrong and return the rep's choice and the backup it would restore."""
    from salesdesk.storage.backup import latest_good_backup
    from salesdesk.ui.safety.restore_dialog import backup_label

    backup = latest_good_backup(data_dir) if isinstance(error, DamagedDatabaseError) else None
    dialog = RecoveryDialog(error, backup_label(backup) if backup else None, parent, in_window=in_window)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice, backup


def apply_choice(data_dir: Path, error: DamagedDatabaseError, choice: str, backup_path: Path | None) -> str:
    """Move the bad file aside (if there is one), then restore ``backup_path`` (RESTORE) or
    set up a new, empty database in its place (FRESH: the rep's choice, so it is set up even
    though backups of the old one exist). Returns a sentence for the rep."""
    from salesdesk.storage.backup import restore_file
    from salesdesk.storage.db import start_empty_database
    from salesdesk.storage.paths import database_path
    from salesdesk.storage.sqlitefile import move_aside

    aside = move_aside(database_path(data_dir), error.kind)
    translate = QCoreApplication.translate
    kept = fill(translate("RecoveryDialog", "The unusable file is kept as %1."), aside.name) if aside else ""
    if choice == RESTORE and backup_path is not None:
        result = restore_file(data_dir, backup_path)
        done = fill(translate("RecoveryDialog", "Restored the backup %1."), result.restored_from.name)
    else:
        start_empty_database(data_dir)
        done = translate("RecoveryDialog", "Started with an empty database.")
    return f"{done} {kept}".strip()


def recover(parent: QWidget | None, data_dir: Path, error: StorageError) -> str | None:
    """At start-up, before the sidebar: show what is wrong and carry out the rep's choice.
    Returns a message for the sidebar when the database can be opened again, None when the
    rep chose to quit."""
    choice, backup = ask(parent, data_dir, error)
    if choice not in {RESTORE, FRESH} or not isinstance(error, DamagedDatabaseError):
        return None
    return apply_choice(data_dir, error, choice, backup.path if backup else None)
