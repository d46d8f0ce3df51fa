"""Keeping the rep's data safe from the sidebar: backups, restore, and what to do when the
database cannot be opened or written.

Commands (menu Tools): Back up now (Ctrl+Alt+B), Restore from backup… (Ctrl+Shift+R).
Start-up makes a backup after the first paint, on a worker thread, when the newest one is
more than a day old. A database that cannot be opened for a passing reason (locked, folder
not writable, disk full) is retried every few seconds; a damaged one leads to the recovery
dialog (ui.recovery).
"""

from __future__ import annotations

import logging
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from salesdesk.core.call import CallState
from salesdesk.storage.errors import DamagedDatabaseError, NewerSchemaError, StorageError
from salesdesk.ui.i18n import fill

log = logging.getLogger(__name__)

OPEN_RETRY_MS = 2000
RESCUE_DIRNAME = "unsaved"  # the same name as storage.tidy.RESCUE_DIRNAME (not imported: start-up stays lean)


def install(window) -> None:
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


def _data_dir(window) -> Path:
    return window.controller.handle.data_dir


def _keep(window) -> int:
    from salesdesk.config import DEFAULT_BACKUP_KEEP

    value = window.settings.value("backups/keep", DEFAULT_BACKUP_KEEP, type=int)
    return value if value and value > 0 else DEFAULT_BACKUP_KEEP


# --------------------------------------------------------------------------- opening


def open_database(window) -> None:
    """Open the database (after the first paint). A passing problem shows in the banner and
    is retried; a damaged or newer database goes to the recovery dialog."""
    handle = window.controller.handle
    retrying = window.property("database_retrying") or False
    try:
        handle.open()
    except (DamagedDatabaseError, NewerSchemaError) as exc:
        recover_in_window(window, exc)
        return
    except StorageError as exc:
        if not window.controller.has_pending_writes:
            # (With writes waiting, the banner already says what is not saved yet, and why.)
            trying = QCoreApplication.translate("Safety", "SalesDesk keeps trying.")
            window.banner.show_message(f"{exc} {trying}", "error")
        window.setProperty("database_retrying", True)
        QTimer.singleShot(OPEN_RETRY_MS, window, window.open_database)
        return
    if retrying:
        window.setProperty("database_retrying", False)
        if window.controller.call is None:
            window.resume()
        window.banner.show_message(
            QCoreApplication.translate("Safety", "The database is open again: everything you do is saved."), "info"
        )


def recover_in_window(window, error: StorageError) -> None:
    """The database turned out unusable after the sidebar was shown: the full open failed
    (start-up painted from the quick reader), or the check after start-up or a backup found
    damage in the open database. Same choice as at start-up; quitting closes the sidebar."""
    from salesdesk.ui.recovery import recover

    controller = window.controller
    data_dir = _data_dir(window)
    rescue = None
    if controller.handle.is_open:
        # What is on screen may hold more than the damaged file will give back: keep a text
        # copy, with the note being typed (written there, not into the damaged file).
        if controller.call is not None:
            rescue = write_rescue_file(controller.call, data_dir, window.notes_panel.editor.toPlainText())
        controller.discard_pending_writes()
        controller.show_call(None)
        controller.handle.close()
    try:
        message = recover(window, data_dir, error)
    except StorageError as exc:
        QMessageBox.critical(window, QCoreApplication.translate("Safety", "Recovery failed"), str(exc))
        message = None
    if message is None:
        window.banner.show_message(str(error), "error")
        window.setProperty("forced_quit", True)  # nothing can be saved: do not ask
        QTimer.singleShot(0, window, window.close)
        return
    controller.discard_pending_writes()
    controller.show_call(None)
    window.resume()
    if rescue is not None:
        copy = QCoreApplication.translate("Safety", "A copy of this call as text was written to %1.")
        message = f"{message} {fill(copy, rescue)}"
    window.banner.show_message(message, "info")


# --------------------------------------------------------------------------- backups


class _BackupSignals(QObject):
    done = Signal(str)
    failed = Signal(str, str)  # message; what damage the database shows ("" for none)
    finished = Signal()  # after done, failed, or finding no backup due


class BackupJob(QRunnable):
    """make_backup on a worker thread: a copy of a large database must not freeze typing."""

    def __init__(self, data_dir: Path, reason: str, keep: int, only_if_due: bool):
        super().__init__()
        self.data_dir, self.reason, self.keep, self.only_if_due = data_dir, reason, keep, only_if_due
        self.signals = _BackupSignals()

    def run(self) -> None:
        from salesdesk.storage.backup import backup_due, make_backup

        try:
            if self.only_if_due and not backup_due(self.data_dir):
                check_database(self.data_dir)  # no copy today: still read it through once
                return
            made = make_backup(self.data_dir, self.reason, self.keep)
        except DamagedDatabaseError as exc:
            self.signals.failed.emit(str(exc), exc.kind)
        except StorageError as exc:
            self.signals.failed.emit(str(exc), "")
        except Exception as exc:  # a worker must report, not die silently
            log.exception("backup failed")
            self.signals.failed.emit(fill(QCoreApplication.translate("Safety", "The backup failed: %1"), exc), "")
        else:
            self.signals.done.emit(str(made.path))
        finally:
            self.signals.finished.emit()


def start_backup(window, reason: str = "manual", *, only_if_due: bool = False) -> BackupJob:
    """Back up on a worker thread; the outcome shows in the status bar or the banner."""
    job = BackupJob(_data_dir(window), reason, _keep(window), only_if_due)

    def done(path: str) -> None:
        # The file name alone: the full path does not fit the narrow status bar.
        window.statusBar().showMessage(
            fill(QCoreApplication.translate("Safety", "Backed up: %1"), Path(path).name), 6000
        )
        window.statusBar().setToolTip(path)

    def failed(message: str, damage: str) -> None:
        if damage:
            from salesdesk.storage.paths import database_path

            recover_in_window(window, DamagedDatabaseError(message, kind=damage, path=database_path(_data_dir(window))))
            return
        window.banner.show_message(message, "warning")

    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    window.setProperty("backup_running", True)
    job.signals.finished.connect(lambda: window.setProperty("backup_running", False))
    window._backup_job = job  # keep the signals object alive until it reports
    QThreadPool.globalInstance().start(job)
    return job


def check_database(data_dir: Path) -> None:
    """SQLite's quick_check of the database, read-only (a worker thread runs it after
    start-up: damage inside a file whose header is intact shows only this way). Raises
    DamagedDatabaseError when it finds damage."""
    from salesdesk.storage.paths import database_path
    from salesdesk.storage.sqlitefile import inspect_file

    report = inspect_file(database_path(data_dir), thorough=False)
    if report.kind in {"corrupt", "truncated", "not-sqlite"}:
        raise report.error()


def start_daily_backup(window) -> None:
    """Start-up: back up when the newest backup is more than a day old, else check the
    database for damage (worker thread either way)."""
    if window.controller.handle.is_open:
        start_backup(window, "daily", only_if_due=True)


# --------------------------------------------------------------------------- tidying the data folder


class _TidySignals(QObject):
    done = Signal(object)  # storage.tidy.Tidied


class TidyJob(QRunnable):
    """storage.tidy on a worker thread: remove what interrupted runs left (a partial backup
    can be as large as the database) and make the data folder private."""

    def __init__(self, data_dir: Path, also_in: tuple[Path, ...]):
        super().__init__()
        self.data_dir, self.also_in = data_dir, also_in
        self.signals = _TidySignals()

    def run(self) -> None:
        from salesdesk.storage.tidy import tidy

        try:
            result = tidy(self.data_dir, self.also_in)
        except Exception:  # a worker must report, not die silently
            log.exception("tidying the data folder failed")
            return
        self.signals.done.emit(result)


def start_tidy(window) -> TidyJob:
    """Start-up, after the first paint: tidy the data folder and the last export folder."""
    from salesdesk.ui.exporting import FOLDER_KEY

    export_folder = str(window.settings.value(FOLDER_KEY, "") or "")
    job = TidyJob(_data_dir(window), (Path(export_folder),) if export_folder else ())
    job.signals.done.connect(lambda result: report_tidy(window, result))
    window._tidy_job = job  # keep the signals object alive until it reports
    QThreadPool.globalInstance().start(job)
    return job


def report_tidy(window, result) -> None:
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
        window.banner.show_message(text + "\n" + "\n".join(problems), "warning")
    if result.tightened:
        # (A count after a colon: one sentence for any number, in every language. What was
        # removed is only logged: doctor lists it; the rep lost nothing and need not act.)
        made = QCoreApplication.translate("Safety", "Data folder made private (fixed: %1).")
        window.statusBar().showMessage(fill(made, len(result.tightened)), 8000)


# --------------------------------------------------------------------------- restore


def restore_from_backup(window) -> None:
    from salesdesk.storage.backup import list_backups
    from salesdesk.ui.restore_dialog import RestoreDialog

    data_dir = _data_dir(window)
    dialog = RestoreDialog(list_backups(data_dir), window)
    if not window._run_dialog(dialog):
        return
    source = dialog.chosen_path()
    if source is None:
        return
    controller = window.controller
    if controller.call is not None:
        window.notes_panel.flush()
    if not controller.flush_pending():
        rescue = write_rescue_file(controller.call, data_dir)
        text = QCoreApplication.translate(
            "Safety",
            "Some changes could not be written to the database yet. Restoring replaces the database, "
            "so they would not be saved there.",
        )
        answer = QMessageBox.warning(
            window,
            QCoreApplication.translate("Safety", "Changes not saved yet"),
            _with_rescue(text, rescue, QCoreApplication.translate("Safety", "Restore anyway?")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    restore_now(window, source)


def restore_now(window, source: Path) -> bool:
    """Close the database, put the backup in its place, reopen it and resume its open call."""
    from salesdesk.storage.backup import restore_file

    controller = window.controller
    controller.discard_pending_writes()
    controller.show_call(None)
    controller.handle.close()
    try:
        result = restore_file(_data_dir(window), source)
    except StorageError as exc:
        QMessageBox.critical(window, QCoreApplication.translate("Safety", "Not restored"), str(exc))
        window.open_database()
        window.resume()
        return False
    window.open_database()
    window.resume()
    text = fill(QCoreApplication.translate("Safety", "Restored %1."), result.restored_from.name)
    if result.moved_aside:
        kept = QCoreApplication.translate("Safety", "The database you had is kept as %1.")
        text += " " + fill(kept, result.moved_aside.name)
    window.banner.show_message(text, "info")
    return True


# --------------------------------------------------------------------------- quitting with unsaved changes


def call_as_text(call: CallState, typing: str | None = None) -> str:
    """Everything the rep entered on ``call``, as plain text (for a rescue file). ``typing``:
    the note editor's text, when it may be newer than the call's draft note. Values are
    bidi-isolated, as in the text export (``i``: core.bidi.isolate)."""
    from salesdesk.core.bidi import isolate as i

    lines = [f"Call with {i(call.contact.label)}, started {call.started_at.astimezone():%Y-%m-%d %H:%M}"]
    lines.append(f"Stage: {i((call.playbook.stage(call.stage) or call.current_stage).title)}")
    for stage in call.playbook.stages:
        done = [i(item.text) for item in stage.checklist if call.is_ticked(stage.key, item.key)]
        if done:
            lines.append(f"Done in {i(stage.title)}: " + "; ".join(done))
        for question in stage.questions:
            if call.answers.get(question.key):
                lines.append(f"{i(question.text)}\n    {i(call.answers[question.key])}")
    for field, value in call.qualification.items():
        if value:
            lines.append(f"{field.title()}: {i(value)}")
    for entry in call.objections:
        lines.append(f"Objection: {i(entry.title)}{' (handled)' if entry.handled else ''} {i(entry.note)}".rstrip())
    lines.append("Notes:")
    for note in call.notes:
        text = typing if note.draft and typing is not None else note.text
        lines.append(f"  {note.at.astimezone():%H:%M}{' (being typed)' if note.draft else ''}  {i(text)}")
    if typing and typing.strip() and call.draft_note is None:
        lines.append(f"  (being typed)  {i(typing)}")
    return "\n".join(lines) + "\n"


def write_rescue_file(call: CallState | None, data_dir: Path, typing: str | None = None) -> Path | None:
    """Write the call as text where it can be written: the data folder, else the home
    folder, else the temp folder. Readable by the user only."""
    if call is None:
        return None
    from salesdesk.core import files

    name = f"salesdesk-unsaved-{datetime.now():%Y%m%d-%H%M%S}.txt"
    data = call_as_text(call, typing).encode("utf-8")
    rescue_dir = Path(data_dir) / RESCUE_DIRNAME
    for folder in (rescue_dir, Path.home(), Path(tempfile.gettempdir())):
        try:
            if folder == rescue_dir:
                files.make_private_dir(folder)
            # Whole or not at all: a full disk leaves no empty or cut-short copy to mislead.
            files.write_atomically(folder / name, data)
            return folder / name
        except OSError:
            continue
    return None


def may_quit_with_unsaved_changes(window) -> bool:
    """Closing while writes still fail: keep a text copy of the call, then ask (unless the
    system asked us to quit, e.g. at log-out: then quit with the copy kept)."""
    rescue = write_rescue_file(window.controller.call, _data_dir(window))
    if window.property("forced_quit"):
        log.warning("quitting with unsaved changes%s", f"; text copy in {rescue}" if rescue else "")
        return True
    text = QCoreApplication.translate(
        "Safety",
        "Some changes could not be written to the database yet (see the message at the top). "
        "If you quit now they are not in the database.",
    )
    answer = QMessageBox.warning(
        window,
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


def bring_to_front(window) -> None:
    """Another start asked for the sidebar: show it, un-minimised, on top, with the keyboard."""
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    window.setProperty("activations", (window.property("activations") or 0) + 1)
