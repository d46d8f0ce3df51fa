"""Starting the GUI: the QApplication, the database and the sidebar window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from salesdesk import __version__
from salesdesk.config import APP_NAME, settings_path, user_playbook_dir
from salesdesk.core.library import load_library
from salesdesk.storage import CallStore, StorageError, init_db
from salesdesk.ui.window import SidebarWindow


def create_window(data_dir: Path, playbook_file: Path | None = None) -> SidebarWindow:
    """Open the data in ``data_dir`` and build the sidebar on it (resuming an unfinished call).

    Raises StorageError when the database cannot be opened."""
    init_db(data_dir)
    settings = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)
    window = SidebarWindow(
        CallStore(),
        settings,
        lambda: load_library(user_playbook_dir(data_dir), playbook_file),
    )
    window.resume()
    return window


def run_gui(
    data_dir: Path, playbook_file: Path | None = None, on_shown: Callable[[SidebarWindow], None] | None = None
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("salesdesk")
    try:
        window = create_window(data_dir, playbook_file)
    except StorageError as exc:
        QMessageBox.critical(None, f"{APP_NAME} cannot open its data", str(exc))
        print(f"salesdesk: {exc}", file=sys.stderr)
        return 1
    window.show()
    app.processEvents()  # the first paint, before any deferred work
    if on_shown is not None:
        on_shown(window)
    # Playbook files are only needed for the next new call: read them once the sidebar is up.
    QTimer.singleShot(0, window.load_playbooks)
    return app.exec()
