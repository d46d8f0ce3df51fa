"""Importing and exporting playbook files from the GUI (the sidebar's menu and the editor).

The rules are the command line's (``salesdesk playbook import/export``): a file is checked
completely before anything is written, so a file with a problem is never half-imported;
every problem is listed with its line and field; writing is atomic.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from salesdesk.core.library import ImportResult, PlaybookConflictError, import_playbook
from salesdesk.core.playbook import Playbook, PlaybookError, slugify
from salesdesk.core.playbook_check import parse_playbook, read_playbook_bytes


def file_filter() -> str:
    return QCoreApplication.translate("PlaybookFiles", "Playbooks (*.toml);;All files (*)")


# The two file pickers are module functions so tests can answer them without a real dialog.
def ask_open_path(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("PlaybookFiles", "Import a playbook"), "", file_filter()
    )
    return Path(path) if path else None


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("PlaybookFiles", "Export the playbook"), suggested, file_filter()
    )
    return Path(path) if path else None


def import_file(parent: QWidget, path: Path, user_dir: Path) -> ImportResult | None:
    """Import ``path`` into ``user_dir``: check it, ask before replacing one of the rep's own
    playbooks, and say what happened. Returns None when nothing was imported."""
    try:
        return import_playbook(path, user_dir)
    except PlaybookError as exc:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("PlaybookFiles", "Playbook not imported"),
            QCoreApplication.translate(
                "PlaybookFiles", "“%1” has problems, so nothing was imported. Fix them and import it again."
            ).replace("%1", path.name),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setInformativeText(exc.describe(limit=8))
        box.setDetailedText(exc.describe())
        box.exec()
        return None
    except PlaybookConflictError as exc:
        existing = exc.existing
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("PlaybookFiles", "Replace your playbook?"),
            QCoreApplication.translate(
                "PlaybookFiles",
                "You already have a playbook called “%1” (version %2). Replace it with the one in “%3”?",
            )
            .replace("%1", existing.name)
            .replace("%2", existing.version)
            .replace("%3", path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return _guarded_write(parent, lambda: import_playbook(path, user_dir, replace=True))
    except OSError as exc:
        _write_failed(parent, exc)
        return None


def export_bytes(playbook: Playbook) -> bytes:
    """The file to share: the playbook's own file (with its comments) if it still holds
    exactly this playbook, else the playbook written out fresh."""
    from salesdesk.core.playbook_toml import checked_dump

    if playbook.source:  # a call's snapshot has no file
        try:
            data = read_playbook_bytes(playbook.source)
            if parse_playbook(data, playbook.source) == playbook:
                return data
        except PlaybookError:
            pass
    return checked_dump(playbook).encode("utf-8")


def export_to(parent: QWidget, playbook: Playbook, path: Path) -> bool:
    from salesdesk.core.files import write_atomically

    def write() -> bool:
        write_atomically(path, export_bytes(playbook), shared=True, make_folder=True)  # for handing on
        return True

    return _guarded_write(parent, write) is not None


def suggested_file_name(playbook: Playbook) -> str:
    return f"{slugify(playbook.name, 'playbook')}.toml"


def _guarded_write(parent: QWidget, write):
    try:
        return write()
    except OSError as exc:
        _write_failed(parent, exc)
        return None


def _write_failed(parent: QWidget, exc: OSError) -> None:
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("PlaybookFiles", "Could not write the file"),
        QCoreApplication.translate("PlaybookFiles", "The playbook file could not be written: %1").replace(
            "%1", exc.strerror or str(exc)
        ),
    )
