"""Desktop touches: tray icon, light and dark colours, SVG icons, keyboard and screen readers,
and nothing heavy before the first paint."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QSystemTrayIcon,
    QTabBar,
    QTextEdit,
    QWidget,
)

from salesdesk.core.call import Contact
from salesdesk.ui.beside_call.cues import CueWatcher
from salesdesk.ui.beside_call.palette import CommandPalette
from salesdesk.ui.beside_call.tray import Tray
from salesdesk.ui.kit import theme
from salesdesk.ui.kit.icons import icon
from tests.helpers.colours import contrast
from tests.helpers.sidebar import CTRL, start_call
from tests.helpers.typing import type_text

# --------------------------------------------------------------------------- tray


def test_without_a_system_tray_there_is_no_icon_and_no_complaint(qtbot, open_window, monkeypatch):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    window = open_window()
    window.after_first_paint()
    assert getattr(window, "tray", None) is None
    assert not window.windowIcon().isNull()


@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_tray_menu_starts_a_call_and_shows_the_sidebar(qtbot, open_window, on_dialog, monkeypatch):
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    window = open_window()
    window.after_first_paint()
    tray = window.features.find(Tray)
    assert tray.isVisible() and not tray.icon().isNull()
    actions = {a.text().replace("&", ""): a for a in tray.contextMenu().actions() if a.text()}
    assert {"Start call", "Show SalesDesk", "Compact strip", "Quit"} <= set(actions)

    window.hide()
    actions["Show SalesDesk"].trigger()
    assert window.isVisible()

    seen = []
    on_dialog(lambda dialog: (seen.append(dialog.windowTitle()), dialog.reject()))
    window.hide()
    actions["Start call"].trigger()
    assert seen == ["Start a call"] and window.isVisible()
    window.controller.start_call(Contact("Tray Caller"), window.library.default)
    assert tray.toolTip() == "SalesDesk: call with Tray Caller"


# --------------------------------------------------------------------------- colours


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_colour_pair_is_readable(scheme):
    for name in ("warning", "error", "info", "cue", "amber"):
        background, text = getattr(scheme, name)
        assert contrast(background, text) >= 4.5, name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_selected_rows_are_readable_in_both_schemes(qtbot, open_window, scheme):
    window = open_window()
    try:
        window.prefs.color_scheme = scheme
        palette = QApplication.palette()
        assert theme.is_dark() == (scheme == "dark")
        for group in (palette.ColorGroup.Active, palette.ColorGroup.Inactive):
            selection = palette.color(group, palette.ColorRole.Highlight).name()
            assert contrast(selection, palette.color(group, palette.ColorRole.HighlightedText).name()) >= 4.5
        # Secondary text (times, where a search hit was found), on and off the selection.
        base = palette.color(palette.ColorRole.Base).name()
        assert contrast(base, theme.muted_text(palette).name()) >= 4.5
        selection = palette.color(palette.ColorRole.Highlight).name()
        assert contrast(selection, theme.muted_text(palette, selected=True).name()) >= 4.5
    finally:
        window.prefs.color_scheme = "system"


def test_dark_and_light_follow_the_setting_and_restyle_what_shows(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.banner.show_message("A message", "warning")
    assert not theme.is_dark()
    assert theme.LIGHT.warning[0] in window.banner.styleSheet()
    window.prefs.color_scheme = "dark"
    assert theme.is_dark()
    palette = QApplication.palette()
    assert (
        contrast(palette.color(palette.ColorRole.Window).name(), palette.color(palette.ColorRole.WindowText).name()) > 7
    )
    assert contrast(palette.color(palette.ColorRole.Base).name(), palette.color(palette.ColorRole.Text).name()) > 7
    qtbot.waitUntil(lambda: theme.DARK.warning[0] in window.banner.styleSheet())
    # Style sheets that use palette colours are applied again (they resolve them once).
    hint = window.stage_panel.goal
    assert hint.palette().color(hint.foregroundRole()).name() == palette.color(palette.ColorRole.PlaceholderText).name()
    window.prefs.color_scheme = "light"
    assert not theme.is_dark()
    window.prefs.color_scheme = "system"
    assert not theme.is_dark()  # the test platform reports no scheme: Qt's light palette


# --------------------------------------------------------------------------- icons


def icon_names() -> list[str]:
    folder = files("salesdesk.resources") / "icons"
    return sorted(p.name.removesuffix(".svg") for p in folder.iterdir() if p.name.endswith(".svg"))


@pytest.mark.parametrize("name", icon_names())
def test_svg_icons_are_sharp_at_high_dpi(qapp, name):
    pixmap = icon(name).pixmap(QSize(16, 16), 2.0)
    assert pixmap.size() == QSize(32, 32) and pixmap.devicePixelRatio() == 2.0
    image = pixmap.toImage()
    drawn = [image.pixelColor(x, y).alpha() for x in range(32) for y in range(32)]
    assert max(drawn) == 255 and sum(a > 0 for a in drawn) > 20


def test_monochrome_icons_take_the_text_colour(qtbot, open_window):
    window = open_window()

    def darkest_lightness() -> int:
        image = icon("menu").pixmap(QSize(24, 24), 1.0).toImage()
        return min(
            image.pixelColor(x, y).lightness() for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha()
        )

    light = darkest_lightness()
    window.prefs.color_scheme = "dark"
    dark = darkest_lightness()
    window.prefs.color_scheme = "system"
    assert light < 80 < dark


# --------------------------------------------------------------------------- keyboard and screen readers

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView, QAbstractSpinBox)


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible controls a screen reader could not name, or the keyboard could not reach."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or isinstance(widget, QScrollBar | QTabBar):
            continue
        if not isinstance(widget, (*INTERACTIVE, QAbstractSlider)):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox) or (parent and parent.inherits("QTabWidget")):
            continue  # parts of a control that is named itself
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        name = widget.accessibleName() or text.replace("&", "").strip()
        label = next((lb for lb in root.findChildren(QWidget) if lb.inherits("QLabel") and lb.buddy() is widget), None)
        if not name and label is None:
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} has no accessible name")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and widget.objectName() != "paletteResults":
            problems.append(f"{type(widget).__name__} {name!r} cannot take the keyboard")
    return problems


def test_every_control_is_named_and_reachable(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.controller.set_stage("discovery")
    assert unnamed_controls(window) == []
    for tab in ("qualify", "objections", "close"):
        window.show_tab(tab)
        assert unnamed_controls(window) == [], tab
    window.show_tab("stage")
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    type_text(window.notes_panel.editor, "too expensive")  # the cue banner
    assert window.features.get(CueWatcher).banner.isVisible()
    assert unnamed_controls(window) == []
    qtbot.keyClick(window.notes_panel.editor, Qt.Key.Key_K, CTRL)  # the palette
    assert unnamed_controls(window) == []
    qtbot.keyClick(window.features.get(CommandPalette).field, Qt.Key.Key_Escape)
    window.actions["compact_mode"].trigger()
    assert unnamed_controls(window) == []
    window.actions["compact_mode"].trigger()

    from salesdesk.ui.beside_call.prefs_dialog import PrefsDialog
    from salesdesk.ui.kit.wrapup_dialog import EndCallDialog

    for dialog in (EndCallDialog(window.controller.call, {"outcome"}, window), PrefsDialog(window.prefs, window)):
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        dialog.close()


def test_tab_reaches_the_notes_from_the_stage(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.controller.set_stage("discovery")
    first = window.stage_panel.answer_edits["pain-points"]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    reached = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if QApplication.focusWidget() is window.notes_panel.editor:
            break
    assert window.notes_panel.editor in reached
    assert window.stage_panel.answer_edits["impact"] in reached


# --------------------------------------------------------------------------- start-up stays lean


def test_extras_are_not_loaded_before_the_first_paint(data_dir):
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from salesdesk.ui.app import create_window\n"
        f"window = create_window(Path({str(data_dir)!r}), quick_start=True)\n"
        "window.show(); app.processEvents()\n"
        "heavy = ['PySide6.QtSvg', 'salesdesk.ui.beside_call.palette', 'salesdesk.ui.beside_call.compact',"
        " 'salesdesk.ui.beside_call.tray', 'salesdesk.core.search', 'salesdesk.ui.beside_call.prefs_dialog',"
        " 'salesdesk.ui.sidebar.start_dialog', 'salesdesk.ui.kit.wrapup_dialog', 'peewee']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "window.after_first_paint()\n"
        "from salesdesk.ui.beside_call.palette import CommandPalette\n"
        "print(CommandPalette in window.features)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "['peewee']"  # no database yet: start-up creates it; nothing else heavy
    assert out[1] == "True"
