"""The Export menu: copy a call for a CRM, e-mail or chat, save it as a file, export many
calls, import a calls file. Installed as a feature module (see ui/features.py).

"This call" is the running call, else the call that just ended, else the most recent one.
Exports of many calls and imports run on a worker thread with their own database
connection, so the sidebar never freezes; one call is small and is written at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from salesdesk.core.call import CallState
from salesdesk.settings import EXPORT_FILTER, EXPORT_FOLDER
from salesdesk.storage.errors import StorageError
from salesdesk.ui.kit.api import FollowupEmails, SidebarApi
from salesdesk.ui.kit.i18n import fill, plural

log = logging.getLogger(__name__)

#: File dialog filters for one call, and the format each stands for (translated where shown:
#: see filters()).
CALL_FILTERS = {
    QT_TRANSLATE_NOOP("ExportCommands", "Markdown (*.md)"): "md",
    QT_TRANSLATE_NOOP("ExportCommands", "PDF document (*.pdf)"): "pdf",
    QT_TRANSLATE_NOOP("ExportCommands", "Web page (*.html)"): "html",
    QT_TRANSLATE_NOOP("ExportCommands", "Plain text (*.txt)"): "txt",
    QT_TRANSLATE_NOOP("ExportCommands", "SalesDesk JSON, complete (*.json)"): "json",
}
MANY_FILTERS = {
    QT_TRANSLATE_NOOP("ExportCommands", "CSV for a spreadsheet or CRM (*.csv)"): "csv",
    QT_TRANSLATE_NOOP("ExportCommands", "SalesDesk JSON, complete (*.json)"): "json",
}


def filters(table: dict[str, str]) -> dict[str, str]:
    """A filter table with its names in the UI language (the extensions stay as they are)."""
    return {QCoreApplication.translate("ExportCommands", name): fmt for name, fmt in table.items()}


def install(window: SidebarApi) -> None:
    window.features.add(ExportCommands(window), FollowupEmails)


class AfterCallBar(QWidget):
    """Under "Start a call" once a call has ended: copy or save that call in one click."""

    def __init__(self, copy_action, export_action, email_action, parent=None):
        super().__init__(parent)
        self.caption = QLabel(self.tr("The call that just ended:"))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet("color: palette(placeholder-text);")
        self.copy_button = self._button(self.tr("Copy notes  (%1)"), copy_action)
        self.export_button = self._button(self.tr("Export…  (%1)"), export_action)
        self.email_button = self._button(self.tr("Follow-up e-mail…  (%1)"), email_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.caption)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.export_button)
        layout.addWidget(self.email_button)
        self.hide()

    @staticmethod
    def _button(text: str, action) -> QPushButton:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(fill(text, keys))
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        return button


class ExportCommands(QObject):
    #: A worker finished (exported, imported or failed) and its result was shown.
    jobFinished = Signal()

    def __init__(self, window: SidebarApi):
        super().__init__(window.widget)
        self.window = window
        #: Exports and imports started and not yet reported (they run in background.JOBS, in order).
        self._jobs = 0
        self._running: CallState | None = None
        #: The call that ended last in this session (complete in memory).
        self.last_ended: CallState | None = None
        # One call's commands sit in the Call menu; many calls' with the history of calls.
        window.menu("call").addSeparator()
        window.menu("history", QCoreApplication.translate("HistoryMenu", "&History"))
        add = window.add_action
        add(
            "copy_call",
            self.tr("&Copy call notes"),
            "Ctrl+Shift+C",
            self.copy_call,
            menu="call",
            tip=self.tr("Copy this call as rich text and Markdown, to paste into a CRM, e-mail or chat"),
        )
        add(
            "export_call",
            self.tr("&Export call…"),
            "Ctrl+E",
            self.export_call,
            menu="call",
            tip=self.tr("Save this call as a PDF, Markdown, web page, text or JSON file"),
        )
        add(
            "followup_email",
            self.tr("&Follow-up e-mail…"),
            "Ctrl+Alt+E",
            self.open_followup_email,
            menu="call",
            tip=self.tr("Write the recap e-mail from the playbook's template: copy it, open it in your mail app"),
        )
        window.menu("history").addSeparator()
        add(
            "export_calls",
            self.tr("Export &many calls…"),
            "Ctrl+Shift+X",
            self.export_calls,
            menu="history",
            tip=self.tr("Save all calls, or those of a date range, contact or outcome, as CSV or JSON"),
        )
        add(
            "import_calls",
            self.tr("&Import calls…"),
            "Ctrl+Shift+I",
            self.import_calls,
            menu="history",
            tip=self.tr("Read calls from a SalesDesk JSON file"),
        )
        self.after_call = AfterCallBar(
            window.actions["copy_call"], window.actions["export_call"], window.actions["followup_email"]
        )
        window.add_below_start_button(self.after_call)
        window.controller.callChanged.connect(self._call_changed)
        window.widget.installEventFilter(self)

    # ------------------------------------------------------------------ which call

    def _call_changed(self) -> None:
        call = self.window.controller.call
        if call is None and self._running is not None:
            self.last_ended = self._running
            self.after_call.show()
        elif call is not None:
            self.after_call.hide()
        self._running = call

    def target_call(self) -> CallState | None:
        """The running call, else the one just ended, else the most recent stored call."""
        window = self.window
        if window.controller.call is not None:
            window.flush_notes()  # what is in the note editor belongs to the export
            return window.controller.call
        if self.last_ended is not None:
            return self.last_ended
        from salesdesk.storage.import_export import latest_call_id

        try:
            store = window.controller.store
            call_id = latest_call_id()
            return store.load_call(call_id) if call_id is not None else None
        except StorageError as exc:
            window.show_banner(str(exc), "error")
            return None

    def _call_or_say(self, nothing: str) -> CallState | None:
        """The call to work on, or None after showing ``nothing`` (there is no call yet)."""
        call = self.target_call()
        if call is None:
            self.window.show_status(nothing, 5000)
        return call

    # ------------------------------------------------------------------ copy

    def copy_call(self) -> None:
        call = self._call_or_say(self.tr("No call to copy yet: start one with Ctrl+N."))
        if call is None:
            return
        from salesdesk.core.export import call_html_fragment, call_markdown

        markdown = call_markdown(call)
        mime = QMimeData()
        mime.setHtml(call_html_fragment(call))
        mime.setText(markdown)
        mime.setData("text/markdown", markdown.encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(mime)
        self.window.show_status(
            fill(self.tr("Copied the call with %1: paste it into a CRM, an e-mail or a chat."), call.contact.name),
            6000,
        )

    # ------------------------------------------------------------------ the follow-up e-mail

    def open_followup_email(self, call: CallState | None = None, parent=None) -> None:
        """The follow-up e-mail dialog for ``call`` (this call when None); what the rep
        leaves in it is kept with the call through the controller."""
        call = call or self._call_or_say(self.tr("No call to write an e-mail about yet: start one with Ctrl+N."))
        if call is None:
            return
        from salesdesk.ui.exporting.email_dialog import FollowupEmailDialog

        controller = self.window.controller
        dialog = FollowupEmailDialog(
            call, lambda email: controller.save_followup_email(call, email), self._folder, parent or self.window.widget
        )
        dialog.said.connect(lambda text: self.window.show_status(text, 6000))
        self.window.run_dialog(dialog)

    # ------------------------------------------------------------------ files

    def _folder(self) -> str:
        folder = self.window.prefs.get(EXPORT_FOLDER)
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _remember(self, path: Path, chosen_filter: str = "") -> None:
        self.window.prefs.set(EXPORT_FOLDER, str(path.parent))
        if chosen_filter:
            self.window.prefs.set(EXPORT_FILTER, chosen_filter)

    def ask_save_path(self, title: str, filename: str, filters: dict[str, str], preferred: str = "") -> Path | None:
        """A save dialog that opens in the last folder used; returns the path with the
        extension of the chosen format (added when the rep left it out)."""
        from salesdesk.core.export import FORMAT_SUFFIXES, SUFFIX_FORMATS

        chosen = preferred if preferred in filters else next(iter(filters))
        stem = Path(filename).stem
        start = str(Path(self._folder()) / (stem + FORMAT_SUFFIXES[filters[chosen]]))
        path, chosen = QFileDialog.getSaveFileName(self.window.widget, title, start, ";;".join(filters), chosen)
        if not path:
            return None
        path = Path(path)
        fmt = SUFFIX_FORMATS.get(path.suffix.lower())
        if fmt not in filters.values():  # no extension, or one for another format: add the chosen one
            fmt = filters.get(chosen, next(iter(filters.values())))
            path = path.with_name(path.name + FORMAT_SUFFIXES[fmt])
        self._remember(path, next(name for name, f in filters.items() if f == fmt))
        return path

    def export_call(self) -> None:
        call = self._call_or_say(self.tr("No call to export yet: start one with Ctrl+N."))
        if call is None:
            return
        from salesdesk.core.export import suggested_filename

        preferred = self.window.prefs.get(EXPORT_FILTER)
        shown = filters(CALL_FILTERS)
        fmt = shown.get(preferred, "md")
        path = self.ask_save_path(self.tr("Export call"), suggested_filename(call, fmt), shown, preferred)
        if path is not None:
            self.export_call_to(path, call)

    def export_call_to(self, path: Path, call: CallState | None = None) -> bool:
        """Write one call to ``path``; the format follows the extension (Markdown if unknown)."""
        from salesdesk.core.export import SUFFIX_FORMATS, encode, render_text
        from salesdesk.core.files import write_atomically

        call = call or self.target_call()
        if call is None:
            return False
        path = Path(path)
        fmt = SUFFIX_FORMATS.get(path.suffix.lower(), "md")
        try:
            if fmt == "pdf":
                self._write_pdf(call, path)
            else:
                write_atomically(path, encode(render_text(fmt, [call])))
        except OSError as exc:
            self.window.show_banner(
                fill(self.tr("The call was not saved: cannot write %1: %2."), path, exc.strerror or exc), "error"
            )
            return False
        self._remember(path)
        self.window.show_status(fill(self.tr("Saved the call with %1 to %2."), call.contact.name, path.name), 6000)
        return True

    @staticmethod
    def _write_pdf(call: CallState, path: Path) -> None:
        from salesdesk.core.export import calls_html
        from salesdesk.pdf import html_to_pdf

        html_to_pdf(calls_html([call]), path, title=f"Call with {call.contact.name}")

    # ------------------------------------------------------------------ many calls

    def export_calls(self) -> None:
        from salesdesk.ui.exporting.calls_dialog import PRESET_PREFIX, ExportCallsDialog

        dialog = ExportCallsDialog(self.window.settings, self.window.widget)
        if not self.window.run_dialog(dialog):
            return
        fmt, call_filter, bom = dialog.values()
        if fmt.startswith(PRESET_PREFIX):
            self._export_preset(fmt.removeprefix(PRESET_PREFIX), call_filter, bom=bom)
            return
        chosen = {name: f for name, f in filters(MANY_FILTERS).items() if f == fmt}
        path = self.ask_save_path(self.tr("Export calls"), self.tr("SalesDesk calls"), chosen)
        if path is not None:
            self.start_export_calls(path, fmt, call_filter, bom=bom)

    def _export_preset(self, preset: str, call_filter, *, bom: bool) -> None:
        from salesdesk.core.crm import PRESETS

        title = PRESETS[preset].title
        chosen = {fill(self.tr("%1 import files (*.csv)"), title): "csv"}
        path = self.ask_save_path(fill(self.tr("Export calls for %1"), title), title, chosen)
        if path is not None:
            self.start_export_preset(path, preset, call_filter, bom=bom)

    def start_export_preset(self, path: Path, preset: str, call_filter=None, *, bom: bool = False) -> None:
        """Write the CRM preset's files (core.crm, as ``salesdesk export --preset`` does) for
        the matching calls, next to ``path`` and named after it, on a worker thread."""
        from salesdesk.core.crm import PRESETS, write_preset
        from salesdesk.storage.import_export import export_calls, thread_connection

        try:
            self.window.controller.store  # noqa: B018  (opens the database here, on the UI thread)
        except StorageError as exc:
            self.window.show_banner(str(exc), "error")
            return
        chosen = PRESETS[preset]

        def work() -> tuple[int, list[Path]]:
            with thread_connection():
                calls = export_calls(call_filter)
            return len(calls), write_preset(chosen, calls, path, bom=bom)

        def done(result: tuple[int, list[Path]]) -> None:
            count, written = result
            text = plural(self.tr("Exported %n call(s) for %1: %2.", "", count), count)
            self.window.show_status(fill(text, chosen.title, ", ".join(p.name for p in written)), 8000)

        def failed(exc: Exception) -> None:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            where = getattr(exc, "filename", None) or path
            self.window.show_banner(fill(self.tr("The calls were not exported to %1: %2"), where, reason), "error")

        self.window.show_status(fill(self.tr("Exporting calls for %1…"), chosen.title))
        self._start(work, done, failed)

    def start_export_calls(self, path: Path, fmt: str, call_filter=None, *, bom: bool = False) -> None:
        """Export the matching calls to ``path`` as CSV or JSON on a worker thread."""
        from salesdesk.core.calls_file import dumps
        from salesdesk.core.export import calls_csv, encode
        from salesdesk.core.files import write_atomically
        from salesdesk.storage.import_export import export_calls, thread_connection

        try:
            self.window.controller.store  # noqa: B018  (opens the database here, on the UI thread)
        except StorageError as exc:
            self.window.show_banner(str(exc), "error")
            return

        def work() -> int:
            with thread_connection():
                calls = export_calls(call_filter, for_csv=fmt == "csv")
            text = calls_csv(calls) if fmt == "csv" else dumps(calls)
            write_atomically(path, encode(text, bom=bom))
            return len(calls)

        def done(count: int) -> None:
            text = plural(self.tr("Exported %n call(s) to %1.", "", count), count)
            self.window.show_status(fill(text, path.name), 8000)

        def failed(exc: Exception) -> None:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.window.show_banner(fill(self.tr("The calls were not exported to %1: %2"), path, reason), "error")

        self.window.show_status(fill(self.tr("Exporting calls to %1…"), path.name))
        self._start(work, done, failed)

    # ------------------------------------------------------------------ import

    def import_calls(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self.window.widget,
            self.tr("Import calls"),
            self._folder(),
            self.tr("SalesDesk JSON (*.json);;All files (*)"),
        )
        if path:
            self._remember(Path(path))
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read and store a calls file on a worker thread (through the controller, which
        announces the new calls); the result shows in the sidebar."""
        from salesdesk.core.calls_file import CallsFileError

        def done(result) -> None:
            self.window.actions["import_calls"].setEnabled(True)
            self.window.show_status(fill(self.tr("%1 (%2)"), self.imported_text(result), path.name), 10000)

        def failed(exc: Exception) -> None:
            self.window.actions["import_calls"].setEnabled(True)
            if isinstance(exc, CallsFileError):
                message = fill(self.tr("Nothing was imported: %1 has problems."), path.name)
                message += "\n\n" + exc.describe(limit=8)
            else:
                message = fill(self.tr("Nothing was imported from %1: %2"), path.name, exc)
            self.window.show_status("")
            self.window.show_banner(message, "error")

        done, failed = self._tracked(done, failed)
        try:
            self.window.controller.import_calls(path, list(self.window.library.playbooks), done, failed)
        except StorageError as exc:
            self._jobs -= 1
            self.window.show_banner(str(exc), "error")
            return
        self.window.actions["import_calls"].setEnabled(False)
        self.window.show_status(fill(self.tr("Importing %1…"), path.name))

    def imported_text(self, result) -> str:
        """What an import did (core.calls_file.ImportResult), in the UI language."""
        added = plural(self.tr("Imported %n call(s).", "", result.added), result.added)
        if not result.skipped:
            return added
        # "Imported 0 calls; skipped 3 calls already here."
        calls = plural(self.tr("%n call(s)", "", result.added), result.added)
        text = plural(self.tr("Imported %1; skipped %n call(s) already here.", "", result.skipped), result.skipped)
        return fill(text, calls)

    # ------------------------------------------------------------------ workers

    def _start(self, work, done, failed) -> None:
        from salesdesk.ui.kit import background

        background.run_job(self, work, *self._tracked(done, failed))

    def _tracked(self, done, failed):
        """``done`` and ``failed`` counted as a running job, and jobFinished after either."""
        self._jobs += 1

        def finish(handler, value) -> None:
            self._jobs -= 1
            try:
                handler(value)
            finally:
                self.jobFinished.emit()

        return (lambda value: finish(done, value)), (lambda exc: finish(failed, exc))

    @property
    def busy(self) -> bool:
        return self._jobs > 0

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window.widget and event.type() == QEvent.Type.Close and self._jobs:
            # Let a running export or import finish: quitting mid-import would roll it back.
            self.window.show_status(self.tr("Finishing the export or import before closing…"))
            from salesdesk.ui.kit import background

            background.wait_idle(timeout=None, lanes=(background.JOBS,))
        return False
