"""Beside the call: command palette, live cues, compact strip, settings, tray, colours.

``install(window)`` runs before the first paint, so it only creates actions and cheap
listeners; the palette, the strip and the tray icon are built on first use or right after
the first paint (``window.defer``).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.api import LiveCues, SidebarApi


class ShortcutGuard(QObject):
    """Keeps some window shortcuts working while a text field has the keyboard.

    Text fields may claim a key combination for editing before the window's shortcuts see
    it (a ShortcutOverride event): with the X11/Emacs key bindings, Ctrl+K means "delete to
    the end of the line". The guard sits on whichever widget has the keyboard and turns
    the claim down for the guarded commands, so Ctrl+K opens the palette from any field."""

    def __init__(self, window: QWidget, actions: list[QAction]):
        super().__init__(window)
        self.window = window
        self.actions = actions
        #: Off, text fields keep their claims (a test switches it off to show the difference).
        self.enabled = True
        self._watched: QWidget | None = None
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if new is not None and new.window() is self.window:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.enabled and event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())
            for action in self.actions:
                if action.isEnabled() and action.shortcut().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    event.ignore()  # not the field's: let the shortcut fire
                    return True
        return False


def open_palette(window: SidebarApi) -> None:
    from salesdesk.ui.beside_call.palette import open_palette as show

    show(window)


def set_compact(window: SidebarApi, on: bool) -> None:
    from salesdesk.ui.beside_call.compact import compact_mode_for

    compact_mode_for(window).set_active(on)


def open_settings(window: SidebarApi) -> None:
    from salesdesk.ui.beside_call.prefs_dialog import PrefsDialog
    from salesdesk.ui.beside_call.share_guard import ShareGuard

    guard = window.features.find(ShareGuard)
    choice = guard.choice if guard is not None else None
    window.run_dialog(PrefsDialog(window.prefs, window.widget, choice=choice))


def prepare_palette(window: SidebarApi) -> None:
    """Build the palette and index the call's playbook while the rep is not waiting."""
    from salesdesk.ui.beside_call.palette import palette_for

    palette = palette_for(window)
    if palette.index is None:
        palette.build_index()


def after_first_paint(window: SidebarApi) -> None:
    from salesdesk.ui.beside_call.share_guard import ShareGuard
    from salesdesk.ui.beside_call.tray import install_tray
    from salesdesk.ui.kit.icons import app_icon, icon

    window.features.add(ShareGuard(window.prefs, parent=window.widget))
    window.widget.setWindowIcon(app_icon())
    window.actions["palette"].setIcon(icon("palette"))
    window.actions["compact_mode"].setIcon(icon("compact"))
    install_tray(window)
    prepare_palette(window)


def install(window: SidebarApi) -> None:
    prefs = window.prefs
    colours = theme.follower(QApplication.instance())
    colours.set_scheme(prefs.color_scheme)
    prefs.changed.connect(lambda name: name == "color_scheme" and colours.set_scheme(prefs.color_scheme))

    a = window.add_action
    a(
        "palette",
        QCoreApplication.translate("CallTools", "Command &palette…"),
        "Ctrl+K",
        lambda: open_palette(window),
        menu="view",
        tip=QCoreApplication.translate("CallTools", "Find an objection, a line to say, a question or a command"),
    )
    a(
        "compact_mode",
        QCoreApplication.translate("CallTools", "&Compact strip"),
        "Ctrl+Shift+M",
        lambda on: set_compact(window, on),
        menu="view",
        checkable=True,
        tip=QCoreApplication.translate("CallTools", "Shrink the sidebar to a strip on the screen edge"),
    )
    a(
        "settings",
        QCoreApplication.translate("CallTools", "Sidebar &settings…"),
        "Ctrl+,",
        lambda: open_settings(window),
        menu="view",
        tip=QCoreApplication.translate("CallTools", "Sidebar settings"),
    )
    watcher = window.features.add(CueWatcher(window), LiveCues)
    a(
        "accept_cue",
        QCoreApplication.translate("CallTools", "&Accept cue (log raised)"),
        "Ctrl+Return",
        watcher.accept,
        menu="objection",
        tip=QCoreApplication.translate("CallTools", "Log the objection the live cue shows as raised"),
    )
    a(
        "dismiss_cue",
        QCoreApplication.translate("CallTools", "&Dismiss cue"),
        "Esc",
        watcher.dismiss,
        menu="objection",
        tip=QCoreApplication.translate("CallTools", "Dismiss the live cue"),
    )
    watcher._set_actions_enabled(False)
    window.features.add(ShortcutGuard(window.widget, [window.actions["palette"]]))

    window.defer(lambda: after_first_paint(window))

    def call_changed() -> None:
        if window.started:  # at start-up, after_first_paint does it
            QTimer.singleShot(0, lambda: prepare_palette(window))

    window.controller.callChanged.connect(call_changed)
