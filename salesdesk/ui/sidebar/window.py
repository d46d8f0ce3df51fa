"""The sidebar window: header, tabs (stage, qualification, objections, closing) and notes.

Feature modules get it as a ``kit.api.SidebarApi`` (what they may use of it) and register
what they make in ``window.features``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salesdesk import settings as keys
from salesdesk.core.bidi import isolate
from salesdesk.core.call import Contact
from salesdesk.core.library import PlaybookLibrary
from salesdesk.storage.errors import StorageError
from salesdesk.storage.handle import StoreHandle
from salesdesk.ui.kit.api import CompactView, FeatureRegistry, QuitGuard, SidebarApi
from salesdesk.ui.kit.controller import CallController
from salesdesk.ui.kit.i18n import fill, literal, plural, without_mnemonic
from salesdesk.ui.kit.prefs import Prefs
from salesdesk.ui.kit.widgets import Banner, LazyTab
from salesdesk.ui.sidebar.panels import CallHeader, NotesPanel, StagePanel

log = logging.getLogger(__name__)


def side_tabs():
    from salesdesk.ui.sidebar import side_tabs as module

    return module


DEFAULT_SIZE = (380, 780)
MIN_WIDTH = 320
MAX_STAGE_SHORTCUTS = 9


class MessageBar(QStatusBar):
    """The status bar, its message wrapped to the width: the sidebar is narrow, and a
    message cut off at the edge ("Backed up: salesdesk-2024-…") tells the rep nothing."""

    MARGIN = 6  # where QStatusBar starts its own text
    FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.messageChanged.connect(lambda _message: self._fit())

    def _text_rect(self) -> QRect:
        return self.rect().adjusted(self.MARGIN, 1, -self.MARGIN, -1)

    def _fit(self) -> None:
        message = self.currentMessage()
        if not message:
            self.setMinimumHeight(0)  # back to the bar's own height
            self.update()
            return
        bounds = QRect(0, 0, max(40, self.width() - 2 * self.MARGIN), 10_000)
        self.setMinimumHeight(self.fontMetrics().boundingRect(bounds, self.FLAGS, message).height() + 2)
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def paintEvent(self, event) -> None:
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self._text_rect(), self.FLAGS, message)


class EmptyPage(QWidget):
    """Shown when no call is running."""

    def __init__(self, new_call_action: QAction, parent=None):
        super().__init__(parent)
        self.title = QLabel(self.tr("No call in progress"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel(
            self.tr("Start a call when the prospect joins. Everything you tick and type is saved as you go.")
        )
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        keys = new_call_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.button = QPushButton(fill(self.tr("Start a call  (%1)"), keys))
        self.button.setToolTip(new_call_action.toolTip())
        self.button.clicked.connect(new_call_action.trigger)
        self.button.setMinimumHeight(self.button.sizeHint().height() + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.detail)
        layout.addSpacing(16)
        layout.addWidget(self.button)
        layout.addStretch(3)


class SidebarWindow(QMainWindow):
    def __init__(
        self,
        handle: StoreHandle,
        settings: QSettings,
        load_library: Callable[[], PlaybookLibrary],
        features: Iterable[Callable[[SidebarApi], object]] = (),
        parent=None,
    ):
        super().__init__(parent)
        self.settings = settings
        self.prefs = Prefs(settings, self)
        # What the feature modules made (their commands, windows, jobs), by type.
        self.features = FeatureRegistry()
        # Close without asking about unsaved changes (SIGTERM, log-out, Quit in the recovery).
        self.forced_quit = False
        # Work for just after the first paint (tray icon, palette index): see after_first_paint().
        self._deferred: list[Callable[[], object]] | None = []
        self._load_library = load_library
        self._library: PlaybookLibrary | None = None
        self.controller = CallController(handle, self)
        self.actions: dict[str, QAction] = {}
        self.setWindowTitle("SalesDesk")
        self.setMinimumWidth(MIN_WIDTH)
        self._build_actions()
        self._build_ui()
        self._install_features(features)
        self._connect()
        self._restore_window_state()

    # ------------------------------------------------------------------ actions and menus

    def menu(self, name: str, title: str = "") -> QMenu:
        """The menu called ``name``, created (at the end of the menu bar) if it is new."""
        menu = self.menus.get(name)
        if menu is None:
            menu = self.menuBar().addMenu(title or name.title())
            menu.setToolTipsVisible(True)
            self.menus[name] = menu
        return menu

    def add_action(
        self,
        name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Callable[[], object],
        *,
        menu: str = "",
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        """Create a command: a QAction with its shortcut (shown in menu and tooltip), kept in
        ``self.actions[name]`` and, if ``menu`` is given, listed in that menu."""
        action = QAction(text, self)
        sequence = QKeySequence(shortcut)
        action.setShortcut(sequence)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or without_mnemonic(text).rstrip('…')} ({keys})")
        action.setStatusTip(tip or without_mnemonic(text))
        if checkable:
            action.toggled.connect(slot)
        else:
            # triggered(bool) would otherwise fill the slot's first (default) argument.
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while menus are hidden
        self.actions[name] = action
        if menu:
            self.menu(menu).addAction(action)
        return action

    def _build_actions(self) -> None:
        self.menus: dict[str, QMenu] = {}
        for name, title in (
            ("call", self.tr("&Call")),
            ("stage", self.tr("&Stage")),
            ("objection", self.tr("&Objection")),
            ("view", self.tr("&View")),
        ):
            self.menu(name, title)
        a = self.add_action
        a(
            "new_call",
            self.tr("&New call…"),
            "Ctrl+N",
            self.new_call,
            menu="call",
            tip=self.tr("Start a call with a new or known contact"),
        )
        a(
            "end_call",
            self.tr("&End call…"),
            "Ctrl+Shift+E",
            self.end_call,
            menu="call",
            tip=self.tr("End the call and record its outcome"),
        )
        a("next_stage", self.tr("&Next stage"), "Ctrl+PgDown", lambda: self.controller.move_stage(1), menu="stage")
        a("prev_stage", self.tr("&Previous stage"), "Ctrl+PgUp", lambda: self.controller.move_stage(-1), menu="stage")
        a(
            "tick_next",
            self.tr("&Tick next item"),
            "Ctrl+D",
            self.tick_next,
            menu="stage",
            tip=self.tr("Tick the next open checklist item"),
        )
        self.stage_menu = self.menus["stage"]
        self._stage_menu_anchor = self.stage_menu.addSeparator()  # the stage list follows it
        for number in range(1, MAX_STAGE_SHORTCUTS + 1):
            a(
                f"stage_{number}",
                fill(self.tr("Stage %1"), number),
                f"Ctrl+{number}",
                lambda n=number: self.go_to_stage(n),
            )
        a(
            "find_objection",
            self.tr("&Find objection"),
            "Ctrl+F",
            self.focus_objection_search,
            menu="objection",
            tip=self.tr("Search objections"),
        )
        a(
            "log_raised",
            self.tr("Log &raised"),
            "Ctrl+R",
            self.log_raised,
            menu="objection",
            tip=self.tr("Log the selected objection as raised"),
        )
        a(
            "log_handled",
            self.tr("Mark &handled"),
            "Ctrl+H",
            self.log_handled,
            menu="objection",
            tip=self.tr("Mark the selected objection handled"),
        )
        # Correcting the call's objection log (entries logged by mistake or twice). Delete
        # and the merge keys act in the log list only; Ctrl+Z anywhere a text field does not
        # take it for its own undo.
        a(
            "remove_objection",
            self.tr("Remo&ve logged objection"),
            "Del",
            self.remove_logged_objection,
            menu="objection",
            tip=self.tr("Remove the selected entry of this call's objection log"),
        )
        a(
            "merge_objections",
            self.tr("Mer&ge duplicate entries"),
            "Ctrl+Shift+D",
            self.merge_logged_objections,
            menu="objection",
            tip=self.tr("Merge the entries of the selected objection into one"),
        )
        for name in ("remove_objection", "merge_objections"):
            self.actions[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        a(
            "undo_objection",
            self.tr("&Undo objection change"),
            "Ctrl+Z",
            self.undo_objection_change,
            menu="objection",
            tip=self.tr("Bring back the objection entries last removed or merged"),
        )
        a(
            "focus_notes",
            self.tr("Write a &note"),
            "Ctrl+J",
            self.focus_notes,
            menu="view",
            tip=self.tr("Jump to the note editor"),
        )
        a(
            "always_on_top",
            self.tr("Always on &top"),
            "Ctrl+T",
            self.set_always_on_top,
            menu="view",
            checkable=True,
            tip=self.tr("Keep the sidebar above the video call"),
        )

    def defer(self, task: Callable[[], object]) -> None:
        """Run ``task`` right after the first paint (at once if that has happened)."""
        if self._deferred is None:
            task()
        else:
            self._deferred.append(task)

    def after_first_paint(self) -> None:
        """Start-up calls this once the sidebar is on screen: now do what could wait."""
        tasks, self._deferred = self._deferred or [], None
        for task in tasks:
            try:
                task()
            except Exception:  # one optional extra must not stop the others
                log.exception("deferred start-up task failed")

    @property
    def started(self) -> bool:
        """True once the first paint is done (after_first_paint ran)."""
        return self._deferred is None

    def _install_features(self, installers: Iterable[Callable[[SidebarApi], object]]) -> None:
        """Let feature modules add their commands, then close the Call menu with Quit."""
        for install in installers:
            install(self)
        self.menus["call"].addSeparator()
        self.add_action("quit", self.tr("&Quit"), "Ctrl+Q", self.close, menu="call")
        self._fit_menu_titles()

    def _fit_menu_titles(self) -> None:
        """Close the gaps between the menu titles when they would not fit the narrowest
        sidebar (longer languages, such as German); otherwise the style's spacing stays."""
        bar = self.menuBar()
        if bar.sizeHint().width() > MIN_WIDTH:
            bar.setStyleSheet("QMenuBar { spacing: 0px; }")

    # ------------------------------------------------------------------ layout

    def _build_ui(self) -> None:
        self.banner = Banner()
        self.nudge = Banner(name="nudge")
        self.empty_page = EmptyPage(self.actions["new_call"])
        self.header = CallHeader(self.controller, self.actions["prev_stage"], self.actions["next_stage"])
        self.stage_panel = StagePanel(self.controller)
        self.notes_panel = NotesPanel(self.controller)
        c = self.controller
        self._qualification_tab = LazyTab(lambda: side_tabs().QualificationPanel(c))
        self._objections_tab = LazyTab(
            lambda: side_tabs().ObjectionsPanel(
                c,
                self.actions["log_raised"],
                self.actions["log_handled"],
                {
                    "remove": self.actions["remove_objection"],
                    "merge": self.actions["merge_objections"],
                    "undo": self.actions["undo_objection"],
                },
            )
        )
        self._closes_tab = LazyTab(lambda: side_tabs().ClosesPanel(c))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.stage_panel, self.tr("&Stage"))
        self.tabs.addTab(self._qualification_tab, self.tr("&Qualify", "tab"))
        self.tabs.addTab(self._objections_tab, self.tr("O&bjections"))
        self.tabs.addTab(self._closes_tab, self.tr("C&lose"))
        self._tab_pages = {
            "stage": self.stage_panel,
            "qualify": self._qualification_tab,
            "objections": self._objections_tab,
            "close": self._closes_tab,
        }
        self.tabs.tabBar().setExpanding(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.notes_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        call_page = QWidget()
        call_layout = QVBoxLayout(call_page)
        call_layout.setContentsMargins(0, 0, 0, 0)
        call_layout.setSpacing(0)
        call_layout.addWidget(self.header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        call_layout.addWidget(line)
        call_layout.addWidget(self.splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(call_page)
        self.call_page = call_page
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.nudge)
        layout.addWidget(self.pages, 1)
        self.central_layout = layout
        self.setCentralWidget(central)
        self.setStatusBar(MessageBar())

    def _connect(self) -> None:
        c = self.controller
        c.callChanged.connect(self._call_changed)
        c.stageChanged.connect(lambda _key: self._update_stage_actions())
        c.stageChanged.connect(self._stage_changed)
        # The rep moved on (shortcut, menu, header, palette): show what the new stage asks
        # for, not only its name in the header above another tab.
        c.stageChanged.connect(lambda _key: self.show_tab("stage"))
        c.qualificationChanged.connect(lambda _field: self._refresh_nudge())
        c.qualificationDetailsChanged.connect(self._refresh_nudge)
        c.saved.connect(self._saved)
        c.storageFailed.connect(lambda message: self.banner.show_message(message, "error"))
        c.storageRecovered.connect(self._storage_recovered)
        c.objectionUndoChanged.connect(self._update_undo_action)
        self._call_changed()

    # The reference tabs are built on first use; these build them when code needs them.
    @property
    def qualification_panel(self):
        return self._qualification_tab.ensure()

    @property
    def objections_panel(self):
        return self._objections_tab.ensure()

    @property
    def closes_panel(self):
        return self._closes_tab.ensure()

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self._tab_pages[name])

    # ------------------------------------------------------------------ for features (kit.api.SidebarApi)

    @property
    def widget(self) -> QMainWindow:
        return self

    @property
    def data_dir(self) -> Path:
        return self.controller.handle.data_dir

    def show_banner(
        self, text: str, kind: str = "warning", button: str = "", on_button: Callable[[], object] | None = None
    ) -> None:
        self.banner.show_message(text, kind, button, on_button)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        if text:
            self.statusBar().showMessage(text, timeout_ms)
        else:
            self.statusBar().clearMessage()

    @property
    def notes_editor(self):
        return self.notes_panel.editor

    @property
    def notes_loading(self) -> bool:
        return self.notes_panel.loading

    def flush_notes(self) -> None:
        self.notes_panel.flush()

    def add_to_top(self, widget: QWidget, *, hold_at_top: bool = False) -> None:
        self.central_layout.insertWidget(0, widget)
        if hold_at_top:
            self.central_layout.addStretch(0)  # keeps it at the top while the pages are hidden

    def add_below_start_button(self, widget: QWidget) -> None:
        page = self.empty_page
        page.layout().insertWidget(page.layout().indexOf(page.button) + 1, widget)

    def add_to_stage_tab(self, widget: QWidget) -> None:
        self.stage_panel.widget().layout().insertWidget(0, widget)

    def add_above_notes(self, widget: QWidget) -> None:
        self.notes_panel.add_above_editor(widget)

    @property
    def banners(self) -> tuple[QWidget, ...]:
        return (self.banner, self.nudge)

    def show_full_view(self, on: bool) -> None:
        self.pages.setVisible(on)
        if not on:
            self.nudge.hide()  # (it comes back with its next reminder)
        self.menuBar().setVisible(on)
        self.statusBar().setVisible(on)

    # ------------------------------------------------------------------ state

    @property
    def library(self) -> PlaybookLibrary:
        if self._library is None:
            self.load_playbooks()
        assert self._library is not None
        return self._library

    def load_playbooks(self) -> None:
        """Read the playbook files; report any that are broken (the built-in one is the fallback)."""
        self._library = self._load_library()
        if self._library.errors:
            count = len(self._library.errors)
            details = "\n\n".join(error.describe(limit=5) for error in self._library.errors)
            fallback = self._library.default.label if self._library.default else self.tr("none")
            text = plural(self.tr("%n playbook file(s) could not be loaded; new calls use “%1”.", "", count), count)
            text = fill(text, fallback)
            self.banner.show_message(f"{text}\n\n{details}", "warning")
            for error in self._library.errors:
                log.warning("playbook not loaded:\n%s", error.describe())

    @property
    def store(self):
        return self.controller.store

    def resume(self) -> None:
        """Reopen the unfinished call, if the app was closed (or crashed) during one."""
        try:
            self.controller.resume_open_call()
        except StorageError as exc:
            self.banner.show_message(str(exc), "error")

    def _call_changed(self) -> None:
        call = self.controller.call
        self._stage_index = call.stage_index if call else -1
        self._nudged: set[tuple[int, str]] = set()
        self.nudge.hide()
        self.pages.setCurrentWidget(self.call_page if call else self.empty_page)
        self.setWindowTitle(f"{isolate(call.contact.name)} — SalesDesk" if call else "SalesDesk")
        for name in (
            "end_call",
            "next_stage",
            "prev_stage",
            "tick_next",
            "log_raised",
            "log_handled",
            "find_objection",
            "remove_objection",
            "merge_objections",
            "focus_notes",
        ):
            self.actions[name].setEnabled(call is not None)
        self._update_stage_actions()
        self._update_undo_action()

    def _update_undo_action(self) -> None:
        changes = self.controller.objection_changes
        action = self.actions["undo_objection"]
        action.setEnabled(bool(changes))
        what = action.statusTip()
        if changes:
            change = changes[-1]
            what = self.tr("Undo removing “%1”") if change.kind == "remove" else self.tr("Undo merging “%1”")
            what = fill(what, change.title)
        action.setToolTip(f"{what} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    def _update_stage_actions(self) -> None:
        call = self.controller.call
        stages = call.playbook.stages if call else ()
        actions = self.stage_menu.actions()
        for action in actions[actions.index(self._stage_menu_anchor) + 1 :]:
            self.stage_menu.removeAction(action)
        for number in range(1, MAX_STAGE_SHORTCUTS + 1):
            action = self.actions[f"stage_{number}"]
            if number <= len(stages):
                action.setText(f"&{number}. {literal(isolate(stages[number - 1].title))}")
                action.setCheckable(True)
                action.setChecked(call is not None and call.stage_index == number - 1)
                action.setEnabled(True)
                self.stage_menu.addAction(action)
            else:
                action.setEnabled(False)
        if call is not None:
            self.actions["prev_stage"].setEnabled(call.stage_index > 0)
            self.actions["next_stage"].setEnabled(call.stage_index < len(stages) - 1)

    # ------------------------------------------------------------------ qualification nudge

    def _stage_changed(self, _key: str) -> None:
        """Moving on past qualification with facts missing: say so, without blocking."""
        call = self.controller.call
        previous, self._stage_index = self._stage_index, call.stage_index if call else -1
        if call is None or call.stage_index <= previous or not self.prefs.nudge_enabled:
            return
        from salesdesk.core.qualification import qualification_stage_index

        if call.stage_index <= qualification_stage_index(call.playbook.stages):
            return
        unknown = call.qualification_unknown
        if not unknown or (call.id, call.stage) in self._nudged:
            return
        self._nudged.add((call.id, call.stage))
        self._show_nudge(unknown)

    def _show_nudge(self, unknown: list[str]) -> None:
        from salesdesk.ui.kit.labels import qualification_field_in_text

        names = ", ".join(qualification_field_in_text(field) for field in unknown)
        self.nudge.show_message(
            fill(self.tr("Qualification is not complete: %1 still unknown. Worth asking before you go on."), names),
            "info",
            button=self.tr("&Qualify"),
            on_button=self.open_qualification,
        )
        self.nudge.button.setToolTip(self.tr("Open the Qualify tab at the first unknown field"))

    def _refresh_nudge(self) -> None:
        call = self.controller.call
        if call is None or self.nudge.isHidden():
            return
        unknown = call.qualification_unknown
        if unknown:
            self._show_nudge(unknown)
        else:
            self.nudge.hide()

    def open_qualification(self) -> None:
        """Show the Qualify tab with the keyboard in the first field still unknown."""
        if self.controller.call is None:
            return
        self.show_tab("qualify")
        self.qualification_panel.focus_first_unknown()

    def _saved(self, _when) -> None:
        if self.controller.call is not None:
            self.statusBar().showMessage(self.tr("All changes saved"), 4000)

    def _storage_recovered(self) -> None:
        self.banner.show_message(self.tr("Saving works again: everything you typed is stored."), "info")
        # The banner as context: the timer dies with the window (it may close within 5 s).
        QTimer.singleShot(5000, self.banner, lambda: self.banner.property("kind") == "info" and self.banner.hide())

    # ------------------------------------------------------------------ commands

    def new_call(self, contact: Contact | None = None) -> None:
        """Start a call (``contact``: a known contact to call again, filled in for the rep)."""
        if self.controller.call is not None:
            answer = QMessageBox.question(
                self,
                self.tr("A call is running"),
                fill(self.tr("End the call with %1 first?"), self.controller.call.contact.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes or not self.end_call():
                return
        library = self.library
        try:
            contacts = self.store.contacts()
        except StorageError as exc:
            self.banner.show_message(str(exc), "error")
            contacts = []
        from salesdesk.ui.sidebar.start_dialog import StartCallDialog

        dialog = StartCallDialog(contacts, library.playbooks, library.default, self)
        if contact is not None:
            dialog.preset_contact(contact)
        if not self.run_dialog(dialog):
            return
        try:
            self.controller.start_call(dialog.contact(), dialog.chosen_playbook())
        except StorageError as exc:
            QMessageBox.critical(self, self.tr("Call not started"), str(exc))
            return
        self.tabs.setCurrentWidget(self.stage_panel)

    def end_call(self) -> bool:
        call = self.controller.call
        if call is None:
            return False
        from salesdesk.ui.kit.wrapup_dialog import EndCallDialog

        self.notes_panel.flush()  # the summary shows the note being typed too
        dialog = EndCallDialog(call, self.prefs.wrapup_required, self)
        dialog.draftChanged.connect(self.controller.save_wrapup_draft)
        if not self.run_dialog(dialog):
            return False
        outcome, next_step, due = dialog.values()
        self.controller.end_call(outcome, next_step, due)
        summary = fill(self.tr("Call with %1 ended: %2."), call.contact.name, outcome or self.tr("no outcome recorded"))
        if next_step:
            summary += " " + fill(self.tr("Next: %1."), next_step)
        self.empty_page.detail.setText(summary)
        return True

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a modal dialog; afterwards give the keyboard back to the sidebar."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        self.activateWindow()
        return accepted

    def go_to_stage(self, number: int) -> None:
        call = self.controller.call
        if call is not None and 1 <= number <= len(call.playbook.stages):
            self.controller.set_stage(call.playbook.stages[number - 1].key)
            self.tabs.setCurrentWidget(self.stage_panel)

    def go_to_item(self, stage: str, key: str, *, question: bool) -> None:
        """Show a checklist item or question (from the palette): its stage, with the keyboard on it."""
        call = self.controller.call
        if call is None or call.playbook.stage(stage) is None:
            return
        self.controller.set_stage(stage)
        self.tabs.setCurrentWidget(self.stage_panel)
        self.stage_panel.focus_item(key, question=question)

    def tick_next(self) -> None:
        if self.controller.call is not None:
            self.tabs.setCurrentWidget(self.stage_panel)
            self.controller.tick_next()

    def focus_objection_search(self) -> None:
        if self.controller.call is not None:
            self.show_tab("objections")
            self.objections_panel.focus_search()

    def _selected_objection_key(self) -> str | None:
        objection = self.objections_panel.current_objection
        if objection is None:
            self.show_tab("objections")
            self.statusBar().showMessage(self.tr("Pick an objection first (Ctrl+F to search)."), 4000)
            return None
        return objection.key

    def log_raised(self) -> None:
        key = self._selected_objection_key()
        if key is not None:
            self.controller.log_objection(key)
            self.objections_panel.select_latest_log_entry()

    def log_handled(self) -> None:
        key = self._selected_objection_key()
        if key is not None:
            self.controller.mark_handled(key)

    def remove_logged_objection(self) -> None:
        if self.controller.call is not None:
            self.show_tab("objections")
            self.objections_panel.remove_selected()

    def merge_logged_objections(self) -> None:
        if self.controller.call is not None:
            self.show_tab("objections")
            self.objections_panel.merge_selected()

    def undo_objection_change(self) -> None:
        change = self.controller.undo_objection_change()
        if change is not None:
            self.show_tab("objections")
            self.statusBar().showMessage(fill(self.tr("“%1” is back in the objection log."), change.title), 4000)

    def focus_notes(self) -> None:
        if self.controller.call is not None:
            self.notes_panel.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_always_on_top(self, on: bool) -> None:
        compact = self.features.find(CompactView)
        if compact is not None and compact.active:
            # The strip is always on top; the choice applies when the full sidebar comes back.
            self.prefs.set(keys.ALWAYS_ON_TOP, on)
            return
        if bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) != on:
            flags = self.windowFlags()
            self.apply_window_flags(
                flags | Qt.WindowType.WindowStaysOnTopHint if on else flags & ~Qt.WindowType.WindowStaysOnTopHint
            )
        self.prefs.set(keys.ALWAYS_ON_TOP, on)

    def apply_window_flags(self, flags: Qt.WindowType) -> None:
        """Change window flags (on top, frameless) without hiding the window.

        QWidget.setWindowFlags hides the window and shows it again; on X11 and offscreen
        the widget then stays inactive (the platform's focus window never changed), so
        shortcuts stop working until the rep clicks. A shown window gets the new flags
        through its QWindow instead, keeping the keyboard where it was."""
        handle = self.windowHandle()
        if handle is not None and self.isVisible():
            self.overrideWindowFlags(flags)
            handle.setFlags(flags)
        else:
            self.setWindowFlags(flags)

    # ------------------------------------------------------------------ persistence

    def _restore_window_state(self) -> None:
        geometry = self.prefs.get(keys.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        splitter = self.prefs.get(keys.WINDOW_SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        on_top = self.prefs.get(keys.ALWAYS_ON_TOP)
        self.actions["always_on_top"].setChecked(on_top)
        compact = self.actions.get("compact_mode")
        if compact is not None and self.prefs.compact:
            compact.setChecked(True)  # back in the compact strip, as the rep left it
        self.tabs.setCurrentIndex(self.prefs.get(keys.WINDOW_TAB))

    def save_window_state(self) -> None:
        compact = self.features.find(CompactView)
        normal = compact.normal_geometry() if compact is not None else None
        self.prefs.set(keys.WINDOW_GEOMETRY, normal if normal is not None else self.saveGeometry())
        self.prefs.set(keys.WINDOW_SPLITTER, self.splitter.saveState())
        self.prefs.set(keys.WINDOW_TAB, self.tabs.currentIndex())
        self.prefs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller.call is not None:
            self.notes_panel.flush()
        if not self.controller.flush_pending():
            guard = self.features.find(QuitGuard)
            if guard is not None and not guard.may_quit_with_unsaved_changes():
                event.ignore()
                return
        self.save_window_state()
        super().closeEvent(event)
