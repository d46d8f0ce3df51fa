"""Starting the GUI: the QApplication, the database and the sidebar window."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from salesdesk import __version__
from salesdesk.config import APP_ID, APP_NAME, settings_path, user_playbook_dir
from salesdesk.core.call import CallState
from salesdesk.core.library import load_library
from salesdesk.settings import DEFAULT_PLAYBOOK
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError
from salesdesk.storage.handle import StoreHandle
from salesdesk.storage.quickload import QuickLoadError, read_open_call
from salesdesk.ui.features import feature_installers
from salesdesk.ui.kit import prefs
from salesdesk.ui.kit.appicon import set_app_icon
from salesdesk.ui.sidebar.window import SidebarWindow


def create_window(data_dir: Path, playbook_file: Path | None = None, *, quick_start: bool = False) -> SidebarWindow:
    """Build the sidebar on the data in ``data_dir``, resuming an unfinished call.

    With ``quick_start`` the unfinished call is read without opening the database through
    Peewee (see storage.quickload); the caller then opens it after the first paint.
    Raises DamagedDatabaseError or NewerSchemaError when the database file cannot be used
    (the caller offers recovery). A passing problem (locked, read-only folder, full disk)
    does not stop it: the sidebar shows it and keeps retrying."""
    handle = StoreHandle(data_dir)
    resumed: CallState | None = None
    fast = False
    problem: StorageError | None = None
    if quick_start:
        with suppress(QuickLoadError):
            resumed, fast = read_open_call(data_dir), True
    if not fast:
        try:
            handle.open()
        except (DamagedDatabaseError, NewerSchemaError):
            raise
        except StorageError as exc:
            problem = exc
    _prepare_settings_file(data_dir)
    settings = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)
    window = SidebarWindow(
        handle,
        settings,
        # The rep's default playbook (Tools > Default for new calls) is read on each reload.
        lambda: load_library(user_playbook_dir(data_dir), playbook_file, prefs.read(settings, DEFAULT_PLAYBOOK)),
        feature_installers(),
    )
    if fast:
        window.controller.show_call(resumed)
    elif problem is None:
        window.resume()
    else:
        from salesdesk.ui.safety.feature import open_failed

        open_failed(window, problem)  # shows the problem and retries until it is gone
    return window


def _prepare_settings_file(data_dir: Path) -> None:
    """settings.ini user-only before QSettings writes it: Qt creates a new file with the
    usual permissions (the umask), and keeps those of an existing one when it rewrites it."""
    from salesdesk.core.files import create_private_file, tighten

    path = settings_path(data_dir)
    with suppress(OSError):  # no data folder (yet): QSettings keeps the settings in memory
        if not create_private_file(path):
            tighten(path)


def _open_window(data_dir: Path, playbook_file: Path | None) -> SidebarWindow | None:
    """create_window, with the recovery dialog for a database that cannot be used."""
    while True:
        try:
            return create_window(data_dir, playbook_file, quick_start=True)
        except (DamagedDatabaseError, NewerSchemaError) as exc:
            from salesdesk.ui.safety.recovery import recover

            print(f"salesdesk: {exc}", file=sys.stderr)
            try:
                if recover(None, data_dir, exc) is None:
                    return None
            except StorageError as failure:
                from PySide6.QtWidgets import QMessageBox

                from salesdesk.ui.kit.i18n import fill

                title = fill(QCoreApplication.translate("App", "%1 cannot recover its data"), APP_NAME)
                QMessageBox.critical(None, title, str(failure))
                print(f"salesdesk: {failure}", file=sys.stderr)
                return None


@contextlib.contextmanager
def _quit_on_sigterm(window: SidebarWindow):
    """SIGTERM (log-out, shutdown, ``kill``) closes the sidebar as Ctrl+Q does: the note
    being typed and the window state are saved. Python only runs signal handlers between
    bytecodes, and the Qt event loop runs in C++, so the signal wakes a pipe that a
    QSocketNotifier watches."""
    import signal

    if os.name != "posix":
        yield
        return
    from PySide6.QtCore import QSocketNotifier

    read_fd, write_fd = os.pipe()
    for fd in (read_fd, write_fd):
        os.set_blocking(fd, False)
    old_wakeup = signal.set_wakeup_fd(write_fd)
    old_handler = signal.signal(signal.SIGTERM, lambda *_: None)  # the notifier does the work

    def on_wakeup() -> None:
        with suppress(OSError):
            received = os.read(read_fd, 64)
            if signal.SIGTERM in received:
                dialog = QApplication.activeModalWidget()
                if dialog is not None and hasattr(dialog, "reject"):
                    dialog.reject()  # a dialog left open would keep the app running
                window.forced_quit = True
                window.close()

    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read)
    notifier.activated.connect(on_wakeup)
    try:
        yield
    finally:
        notifier.setEnabled(False)
        signal.signal(signal.SIGTERM, old_handler)
        signal.set_wakeup_fd(old_wakeup)
        os.close(read_fd)
        os.close(write_fd)


def missing_display() -> str:
    """Why no window can open here ("" when one can). Without a display Qt's X11 plugin
    aborts the process, and its message blames libxcb-cursor0 even where it is installed."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if any(os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return ""
    return (
        "salesdesk: no display found: neither DISPLAY nor WAYLAND_DISPLAY is set, so the sidebar "
        "has no screen to open its window on.\n"
        "Start SalesDesk from a desktop session, or run it without a screen:\n"
        "  QT_QPA_PLATFORM=offscreen salesdesk ...   (no window at all, e.g. for self-check)\n"
        "  xvfb-run salesdesk ...                    (a virtual screen; Debian/Ubuntu package xvfb)\n"
        "The other commands (salesdesk --help lists them) need no display."
    )


def run_gui(
    data_dir: Path, playbook_file: Path | None = None, on_shown: Callable[[SidebarWindow], None] | None = None
) -> int:
    from salesdesk.ui.safety.single_instance import SingleInstance, activate_running, running_instance

    if QApplication.instance() is None and (problem := missing_display()):
        print(problem, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from salesdesk.ui.kit.i18n import install_translators, ui_language

    install_translators(ui_language(QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)))
    with suppress(OSError):
        from salesdesk.storage.sqlitefile import secure_dir

        secure_dir(data_dir)  # the lock file lives there
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if activate_running(data_dir):
            print(f"salesdesk: already running on {data_dir}; brought its window to the front.", file=sys.stderr)
            return 0
        pid = running_instance(data_dir)
        print(
            f"salesdesk: another SalesDesk (process {pid}) holds {data_dir} but does not answer. "
            "Close it, or wait for it to finish starting.",
            file=sys.stderr,
        )
        return 1
    try:
        window = _open_window(data_dir, playbook_file)
        if window is None:
            return 1
        from salesdesk.ui.safety import feature as safety

        instance.activationRequested.connect(lambda: safety.bring_to_front(window))
        with _quit_on_sigterm(window):
            window.show()
            app.processEvents()  # the first paint, before any deferred work
            if on_shown is not None:
                on_shown(window)
            # Then, while the rep reads the sidebar: open the database properly, read the
            # playbooks, answer other starts, back up if the last backup is a day old, and
            # load the window icon.
            QTimer.singleShot(0, lambda: safety.open_after_first_paint(window))
            QTimer.singleShot(0, window.load_playbooks)
            QTimer.singleShot(0, instance.listen)
            QTimer.singleShot(0, lambda: safety.start_daily_backup(window))
            QTimer.singleShot(0, lambda: safety.start_tidy(window))  # leftovers, permissions
            QTimer.singleShot(0, set_app_icon)  # eight PNGs: not worth delaying the first paint for
            QTimer.singleShot(0, window.after_first_paint)  # tray icon, palette index and other extras
            return app.exec()
    finally:
        from salesdesk.ui.kit import background

        background.wait_idle(30, lanes=(background.JOBS,))  # a backup still being written
        instance.release()
