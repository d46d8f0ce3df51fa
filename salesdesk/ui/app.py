"""Starting the GUI: the QApplication, the database and the sidebar window."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from salesdesk import __version__
from salesdesk.config import APP_NAME, settings_path, user_playbook_dir
from salesdesk.core.call import CallState
from salesdesk.core.library import load_library
from salesdesk.storage.errors import StorageError
from salesdesk.storage.handle import StoreHandle
from salesdesk.storage.quickload import QuickLoadError, read_open_call
from salesdesk.ui.window import SidebarWindow


def create_window(data_dir: Path, playbook_file: Path | None = None, *, quick_start: bool = False) -> SidebarWindow:
    """Build the sidebar on the data in ``data_dir``, resuming an unfinished call.

    With ``quick_start`` the unfinished call is read without opening the database through
    Peewee (see storage.quickload); the caller then opens it after the first paint.
    Raises StorageError when the database cannot be opened."""
    handle = StoreHandle(data_dir)
    resumed: CallState | None = None
    fast = False
    if quick_start:
        with suppress(QuickLoadError):
            resumed, fast = read_open_call(data_dir), True
    if not fast:
        handle.open()
    settings = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)
    window = SidebarWindow(handle, settings, lambda: load_library(user_playbook_dir(data_dir), playbook_file))
    if fast:
        window.controller.show_call(resumed)
    else:
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
        window = create_window(data_dir, playbook_file, quick_start=True)
    except StorageError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, f"{APP_NAME} cannot open its data", str(exc))
        print(f"salesdesk: {exc}", file=sys.stderr)
        return 1
    window.show()
    app.processEvents()  # the first paint, before any deferred work
    if on_shown is not None:
        on_shown(window)
    # Then, while the rep reads the sidebar: open the database properly, read the playbooks.
    QTimer.singleShot(0, window.open_database)
    QTimer.singleShot(0, window.load_playbooks)
    QTimer.singleShot(0, window.after_first_paint)  # tray icon, palette index and other extras
    return app.exec()
