"""Keeping the rep's data safe from the sidebar: backups, restore, and what to do when the
database cannot be opened or written.

Commands (menu Tools): Back up now (Ctrl+Alt+B), Restore from backup… (Ctrl+Shift+R).
Start-up makes a backup after the first paint, on a worker thread, when the newest one is
more than a day old. A database that cannot be opened for a passing reason (locked, folder
not writable, disk full) is retried every few seconds; a damaged one leads to the recovery
dialog (ui.safety.recovery).
"""

from __future__ import annotations

import logging
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QVBoxLayout

from salesdesk.core.call import CallState
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError
from salesdesk.ui.kit.api import QuitGuard, SidebarApi
from salesdesk.ui.kit.i18n import fill
from salesdesk.ui.kit.widgets import Banner

log = logging.getLogger(__name__)

OPEN_RETRY_MS = 2000
RESCUE_DIRNAME = "unsaved"  # the same name as storage.tidy.RESCUE_DIRNAME (not imported: start-up stays lean)
# While the database is held, the text copy is at most this far behind the screen.
RESCUE_WRITE_MS = 300


class DataSafety(QObject):
    """This sidebar's safety state, declared in one place (registered in window.features;
    the window asks it, as its QuitGuard, before closing with changes not yet written)."""

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.window = window
        # The one loop that retries opening the database (whoever asks for it).
        self.retry_timer = QTimer(self, singleShot=True, interval=OPEN_RETRY_MS)
        self.retry_timer.timeout.connect(lambda: open_database(window))
        # Opening failed for a passing reason and is being retried.
        self.retrying = False
        # Damage was found: the database is held until the rep chooses (None: not held).
        self.held: HeldDatabase | None = None
        # A backup (or the check of the database) is running on a worker thread.
        self.backup_running = False
        # How often another start brought this window to the front.
        self.activations = 0

    def may_quit_with_unsaved_changes(self) -> bool:
        return may_quit_with_unsaved_changes(self.window)


def _state(window: SidebarApi) -> DataSafety:
    return window.features.get(DataSafety)


def install(window: SidebarApi) -> None:
    window.features.add(DataSafety(window), QuitGuard)
    # A write found the database closed after a failed open: the one retry loop takes it.
    window.controller.databaseUnavailable.connect(lambda: retry_open_later(window))
    window.menu("tools", QCoreApplication.translate("PlaybookMenu", "&Tools")).addSeparator()
    window.add_action(
        "backup_now",
        QCoreApplication.translate("Safety", "&Back up now"),
        "Ctrl+Alt+B",
        lambda: start_backup(window, "manual"),
        menu="tools",
        tip=QCoreApplication.translate("Safety", "Copy the database into the backups folder now"),
    )
    window.add_action(
        "restore_backup",
        QCoreApplication.translate("Safety", "&Restore from backup…"),
        "Ctrl+Shift+R",
        lambda: restore_from_backup(window),
        menu="tools",
        tip=QCoreApplication.translate(
            "Safety", "Replace the database with one of its backups (the current one is kept)"
        ),
    )


def _keep(window: SidebarApi) -> int:
    from salesdesk.settings import BACKUP_KEEP

    value = window.prefs.get(BACKUP_KEEP)
    return value if value > 0 else BACKUP_KEEP.default


# --------------------------------------------------------------------------- opening


def open_database(window: SidebarApi) -> None:
    """Open the database now. A passing problem shows in the banner and is retried by one
    loop (one timer, whoever asks); a damaged or newer database goes to the recovery."""
    handle = window.controller.handle
    if handle.held:
        return  # damage was found: nothing is opened until the rep has chosen
    controller = window.controller
    state = _state(window)
    retrying = state.retrying
    try:
        handle.retry()
    except (DamagedDatabaseError, NewerSchemaError) as exc:
        recover_in_window(window, exc)
        return
    except StorageError as exc:
        open_failed(window, exc)
        return
    state.retry_timer.stop()
    if retrying:
        state.retrying = False
        if controller.call is None:
            window.resume()
        window.show_banner(
            QCoreApplication.translate("Safety", "The database is open again: everything you do is saved."), "info"
        )
    if controller.has_pending_writes:
        controller.flush_pending()


def open_after_first_paint(window: SidebarApi) -> None:
    """Start-up's open, right after the first paint, unless an earlier try failed (that
    started the retry loop) or opened it."""
    handle = window.controller.handle
    if not handle.is_open and handle.failure is None:
        open_database(window)


def open_failed(window: SidebarApi, error: StorageError) -> None:
    """Opening failed for a passing reason: say so and let the one retry loop try again."""
    if not window.controller.has_pending_writes:
        # (With writes waiting, the banner already says what is not saved yet, and why.)
        trying = QCoreApplication.translate("Safety", "SalesDesk keeps trying.")
        window.show_banner(f"{error} {trying}", "error")
    state = _state(window)
    state.retrying = True
    state.retry_timer.start()


def retry_open_later(window: SidebarApi) -> None:
    """A write found the database closed after a failed open: make sure the loop runs."""
    state = _state(window)
    if not state.retry_timer.isActive() and not window.controller.handle.held:
        state.retrying = True
        state.retry_timer.start()


def recover_in_window(window: SidebarApi, error: StorageError) -> None:
    """The database turned out unusable while the sidebar is open: the full open after the
    first paint failed, or the check after start-up or a backup found damage. The rep did
    not ask and may be typing, so nothing takes the keyboard: the database is held (nothing
    more is written to the file), the call stays on screen and goes on taking what the rep
    types, kept in a text copy, and a banner offers the choice, which opens only when the
    rep clicks it (see HeldDatabase)."""
    state = _state(window)
    if state.held is not None:
        return  # already waiting for the rep's choice
    window.controller.handle.hold(error)
    state.held = HeldDatabase(window, error)


class ChoiceBanner(Banner):
    """A banner with its button under the text (room for both in a narrow sidebar) and no
    way to dismiss it while its choice waits. Showing it takes no keyboard."""

    def __init__(self, parent=None):
        super().__init__(parent, name="recovery")
        row = self.layout()
        row.removeWidget(self.label)
        row.removeWidget(self.button)
        self.close_button.hide()
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.button)
        column = QVBoxLayout()
        column.addWidget(self.label)
        column.addLayout(under)
        row.insertLayout(0, column, 1)
        # A click (on the button, or on the text to select it) leaves the keyboard in the notes.
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setAutoDefault(False)


class HeldDatabase(QObject):
    """The sidebar while a damaged (or newer) database waits for the rep's choice.

    Every change the rep makes stays in memory (the controller queues it: the handle is
    held) and goes into one text copy of the call, rewritten at most RESCUE_WRITE_MS after
    each change and once more right before the choice takes effect, so every keystroke
    typed until then is in the copy. The choice opens from the banner, when the rep asks."""

    def __init__(self, window: SidebarApi, error: StorageError):
        super().__init__(window.widget)
        self.window, self.error = window, error
        self.call = window.controller.call
        self.copy: Path | None = None
        self._timer = QTimer(self, singleShot=True, interval=RESCUE_WRITE_MS)
        self._timer.timeout.connect(self.write_copy)
        controller = window.controller
        controller.writeHeld.connect(self._changed)
        controller.callChanged.connect(self._call_changed)
        window.notes_editor.textChanged.connect(self._changed)
        self.write_copy()
        self.banner = ChoiceBanner()
        window.add_to_top(self.banner)
        self.banner.show_message(
            self._text(), "error", QCoreApplication.translate("Safety", "Choose what to do…"), self.choose
        )
        if self.copy is not None:
            self.banner.setToolTip(str(self.copy))

    def _text(self) -> str:
        translate = QCoreApplication.translate
        if isinstance(self.error, NewerSchemaError):
            found = translate("Safety", "The database was written by a newer SalesDesk: this one writes nothing to it.")
        else:
            found = translate("Safety", "SalesDesk found damage in its database and writes nothing more to it.")
        keep = translate("Safety", "Go on with the call: what you type is kept in a text copy.")
        return f"{found} {keep}" if self.call is not None else found

    def _changed(self) -> None:
        if not self._timer.isActive():  # not a debounce: the copy is never more than one interval behind
            self._timer.start()

    def _call_changed(self) -> None:
        """The call ended (or another opened): its last state goes into its copy, the next
        call gets a copy of its own."""
        self.write_copy(with_editor=False)
        self.call, self.copy = self.window.controller.call, None
        self.write_copy()

    def write_copy(self, *, with_editor: bool = True) -> Path | None:
        """Bring the text copy of the call up to date now (with the note editor's text, while
        it shows this call). Returns its path (None: no call, or nowhere to write)."""
        self._timer.stop()
        if self.call is None:
            return None
        showing = with_editor and self.call is self.window.controller.call
        typing = self.window.notes_editor.toPlainText() if showing else None
        self.copy = write_rescue_file(self.call, self.window.data_dir, typing, path=self.copy) or self.copy
        return self.copy

    def choose(self) -> None:
        from salesdesk.ui.safety.recovery import BACK, QUIT, apply_choice, ask

        window = self.window
        self.write_copy()
        data_dir = window.data_dir
        choice, backup = ask(window.widget, data_dir, self.error, in_window=True)
        window.widget.activateWindow()
        if choice == BACK:
            return
        copy = self.write_copy()  # everything typed until the choice takes effect
        if choice == QUIT or not isinstance(self.error, DamagedDatabaseError):
            window.forced_quit = True  # nothing can be saved: do not ask
            window.widget.close()
            return
        try:
            with window.controller.replacing_database():  # then every list of calls reads again
                message = apply_choice(data_dir, self.error, choice, backup.path if backup else None)
                self.release()
                open_database(window)
                if window.controller.handle.is_open and window.controller.call is None:
                    window.resume()
        except StorageError as exc:
            QMessageBox.critical(window.widget, QCoreApplication.translate("Safety", "Recovery failed"), str(exc))
            return  # still held: the rep can choose again or quit
        if copy is not None:
            message += " " + fill(
                QCoreApplication.translate("Safety", "A copy of this call as text was written to %1."), copy
            )
        window.show_banner(message, "info")

    def release(self) -> None:
        """The database is usable again (restored or started empty): forget what was held
        for the damaged file (it is in the text copy) and go back to normal."""
        controller = self.window.controller
        self._timer.stop()
        controller.writeHeld.disconnect(self._changed)
        controller.callChanged.disconnect(self._call_changed)
        self.window.notes_editor.textChanged.disconnect(self._changed)
        controller.discard_pending_writes()
        controller.show_call(None)
        controller.handle.close()
        self.banner.hide()
        self.banner.deleteLater()
        _state(self.window).held = None
        self.deleteLater()


# --------------------------------------------------------------------------- backups


def _backup(data_dir: Path, reason: str, keep: int, only_if_due: bool) -> str | None:
    """make_backup, on a worker thread (a copy of a large database must not freeze typing);
    the path of the copy, or None when no backup was due (the database is then read through
    once instead)."""
    from salesdesk.storage.backup import backup_due, make_backup

    if only_if_due and not backup_due(data_dir):
        check_database(data_dir)
        return None
    return str(make_backup(data_dir, reason, keep).path)


def start_backup(window: SidebarApi, reason: str = "manual", *, only_if_due: bool = False) -> None:
    """Back up on a worker thread (background.JOBS); the outcome shows in the status bar or
    the banner. ``DataSafety.backup_running`` is True until it has."""
    from salesdesk.ui.kit import background

    state = _state(window)

    def done(path: str | None) -> None:
        state.backup_running = False
        if path is None:
            return
        # The file name alone: the full path does not fit the narrow status bar.
        window.show_status(fill(QCoreApplication.translate("Safety", "Backed up: %1"), Path(path).name), 6000)
        window.widget.statusBar().setToolTip(path)

    def failed(exc: BaseException) -> None:
        state.backup_running = False
        if isinstance(exc, DamagedDatabaseError):
            from salesdesk.storage.paths import database_path

            recover_in_window(
                window, DamagedDatabaseError(str(exc), kind=exc.kind, path=database_path(window.data_dir))
            )
        elif isinstance(exc, StorageError):
            window.show_banner(str(exc), "warning")
        else:
            window.show_banner(fill(QCoreApplication.translate("Safety", "The backup failed: %1"), exc), "warning")

    state.backup_running = True
    background.run_job(state, lambda: _backup(window.data_dir, reason, _keep(window), only_if_due), done, failed)


def check_database(data_dir: Path) -> None:
    """SQLite's quick_check of the database, read-only (a worker thread runs it after
    start-up: damage inside a file whose header is intact shows only this way). Raises
    DamagedDatabaseError when it finds damage."""
    from salesdesk.storage.backup import empty_database_damage
    from salesdesk.storage.paths import database_path
    from salesdesk.storage.sqlitefile import inspect_file

    report = inspect_file(database_path(data_dir), thorough=False)
    if report.kind in {"corrupt", "truncated", "not-sqlite"}:
        raise report.error()
    damage = empty_database_damage(data_dir) if report.kind == "empty" else None
    if damage is not None:
        raise damage


def start_daily_backup(window: SidebarApi) -> None:
    """Start-up: back up when the newest backup is more than a day old, else check the
    database for damage (worker thread either way)."""
    if window.controller.handle.is_open:
        start_backup(window, "daily", only_if_due=True)


# --------------------------------------------------------------------------- tidying the data folder


def start_tidy(window: SidebarApi) -> None:
    """Start-up, after the first paint: tidy the data folder and the last export folder
    (storage.tidy, on a worker thread: a partial backup can be as large as the database)."""
    from salesdesk.settings import EXPORT_FOLDER
    from salesdesk.storage.tidy import tidy
    from salesdesk.ui.kit import background

    export_folder = window.prefs.get(EXPORT_FOLDER)
    also_in = (Path(export_folder),) if export_folder else ()

    def failed(exc: BaseException) -> None:  # a worker must report, not die silently
        log.warning("tidying the data folder failed: %s", exc)

    background.run_job(
        _state(window), lambda: tidy(window.data_dir, also_in), lambda found: report_tidy(window, found), failed
    )


def report_tidy(window: SidebarApi, result) -> None:
    """What tidying did: a line in the status bar; what it could not do, in the banner."""
    for leftover in result.removed:
        log.info("removed %s", leftover.describe())
    for path, mode in result.tightened:
        log.info("made %s private (it was %04o)", path, mode)
    problems = [f"{path} ({mode:04o}): {why}" for path, mode, why in result.still_open]
    problems += [f"{leftover.describe()}: {why}" for leftover, why in result.not_removed]
    if problems:
        text = QCoreApplication.translate(
            "Safety",
            "Something in the data folder is not as it should be, and SalesDesk could not change it "
            "(other users may be able to read it, or it is left over from an interrupted run):",
        )
        window.show_banner(text + "\n" + "\n".join(problems), "warning")
    if result.tightened:
        # (A count after a colon: one sentence for any number, in every language. What was
        # removed is only logged: doctor lists it; the rep lost nothing and need not act.)
        made = QCoreApplication.translate("Safety", "Data folder made private (fixed: %1).")
        window.show_status(fill(made, len(result.tightened)), 8000)


# --------------------------------------------------------------------------- restore


def restore_from_backup(window: SidebarApi) -> None:
    from salesdesk.storage.backup import list_backups
    from salesdesk.ui.safety.restore_dialog import RestoreDialog

    data_dir = window.data_dir
    dialog = RestoreDialog(list_backups(data_dir), window.widget)
    if not window.run_dialog(dialog):
        return
    source = dialog.chosen_path()
    if source is None:
        return
    controller = window.controller
    if controller.call is not None:
        window.flush_notes()
    if not controller.flush_pending():
        rescue = _rescue(window)
        text = QCoreApplication.translate(
            "Safety",
            "Some changes could not be written to the database yet. Restoring replaces the database, "
            "so they would not be saved there.",
        )
        answer = QMessageBox.warning(
            window.widget,
            QCoreApplication.translate("Safety", "Changes not saved yet"),
            _with_rescue(text, rescue, QCoreApplication.translate("Safety", "Restore anyway?")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    restore_now(window, source)


def restore_now(window: SidebarApi, source: Path) -> bool:
    """Close the database, put the backup in its place, reopen it and resume its open call."""
    from salesdesk.storage.backup import restore_file

    controller = window.controller
    held = _state(window).held
    try:
        with controller.replacing_database():  # then every list of calls reads again
            result = restore_file(window.data_dir, source)
            if held is not None:
                held.release()
            open_database(window)
            window.resume()
    except StorageError as exc:
        QMessageBox.critical(window.widget, QCoreApplication.translate("Safety", "Not restored"), str(exc))
        if held is not None:
            controller.handle.hold(held.error)  # the damaged file is still in place
            return False
        open_database(window)
        window.resume()
        return False
    text = fill(QCoreApplication.translate("Safety", "Restored %1."), result.restored_from.name)
    if result.moved_aside:
        kept = QCoreApplication.translate("Safety", "The database you had is kept as %1.")
        text += " " + fill(kept, result.moved_aside.name)
    window.show_banner(text, "info")
    return True


# --------------------------------------------------------------------------- quitting with unsaved changes


def call_as_text(call: CallState, typing: str | None = None) -> str:
    """Everything the rep entered on ``call``, as plain text (for a rescue file): the text
    export (core.export.call_text), with no field cut short. ``typing``: the note editor's
    text, when it may be newer than the call's draft note."""
    from dataclasses import replace

    from salesdesk.core.call import NoteEntry, utcnow
    from salesdesk.core.export import call_text

    if typing is not None:
        notes = [replace(note, text=typing) if note.draft else note for note in call.notes]
        if call.draft_note is None and typing.strip():
            notes.append(NoteEntry(0, utcnow(), typing, draft=True))
        call = replace(call, notes=notes)
    return call_text(call, whole=True)


def write_rescue_file(
    call: CallState | None, data_dir: Path, typing: str | None = None, *, path: Path | None = None
) -> Path | None:
    """Write the call as text where it can be written: ``path`` (a copy written before,
    brought up to date), else a new file in the data folder, else the home folder, else the
    temp folder. Readable by the user only; replaced whole, so a crash while writing leaves
    the previous copy."""
    if call is None:
        return None
    from salesdesk.core import files

    data = call_as_text(call, typing).encode("utf-8")
    name = f"salesdesk-unsaved-{datetime.now():%Y%m%d-%H%M%S}"
    rescue_dir = Path(data_dir) / RESCUE_DIRNAME
    folders = (rescue_dir, Path.home(), Path(tempfile.gettempdir()))
    targets = [path] if path is not None else []
    for folder in folders:
        counter = 1
        while (folder / f"{name}{f'-{counter}' if counter > 1 else ''}.txt").exists():
            counter += 1  # never over another call's copy
        targets.append(folder / f"{name}{f'-{counter}' if counter > 1 else ''}.txt")
    for target in targets:
        try:
            if target.parent == rescue_dir:
                files.make_private_dir(rescue_dir)
            # Whole or not at all: a full disk leaves no empty or cut-short copy to mislead.
            files.write_atomically(target, data)
            return target
        except OSError:
            continue
    return None


def _rescue(window: SidebarApi) -> Path | None:
    """A text copy of the call on screen: the held database's copy brought up to date, or a new one."""
    held = _state(window).held
    if held is not None:
        return held.write_copy()
    return write_rescue_file(window.controller.call, window.data_dir)


def may_quit_with_unsaved_changes(window: SidebarApi) -> bool:
    """Closing while writes still fail: keep a text copy of the call, then ask (unless the
    system asked us to quit, e.g. at log-out: then quit with the copy kept)."""
    rescue = _rescue(window)
    if window.forced_quit:
        log.warning("quitting with unsaved changes%s", f"; text copy in {rescue}" if rescue else "")
        return True
    text = QCoreApplication.translate(
        "Safety",
        "Some changes could not be written to the database yet (see the message at the top). "
        "If you quit now they are not in the database.",
    )
    answer = QMessageBox.warning(
        window.widget,
        QCoreApplication.translate("Safety", "Changes not saved yet"),
        _with_rescue(text, rescue, QCoreApplication.translate("Safety", "Quit anyway?")),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _with_rescue(text: str, rescue: Path | None, question: str) -> str:
    """The unsaved-changes warning: what happened, where the text copy went, the question."""
    parts = [text]
    if rescue:
        parts.append(
            fill(QCoreApplication.translate("Safety", "A copy of this call as text was written to %1."), rescue)
        )
    parts.append(question)
    return "\n\n".join(parts)


def bring_to_front(window: SidebarApi) -> None:
    """Another start asked for the sidebar: show it, un-minimised, on top, with the keyboard."""
    widget = window.widget
    widget.setWindowState((widget.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    widget.show()
    widget.raise_()
    widget.activateWindow()
    _state(window).activations += 1
