"""Compact mode: a strip on the screen edge, on top, see-through as chosen, and remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from salesdesk.ui.beside_call.compact import CompactMode
from salesdesk.ui.beside_call.palette import CommandPalette
from tests.helpers.sidebar import CTRL, SHIFT, start_call
from tests.helpers.typing import type_text


def area(window):
    return (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()


def test_the_strip_shows_stage_next_item_timer_and_palette_key(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.resize(400, 700)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)
    mode = window.features.find(CompactMode)
    strip = mode.strip
    assert mode.active and strip.isVisible()
    assert not window.pages.isVisible() and not window.menuBar().isVisible()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowOpacity() == pytest.approx(0.92, abs=0.01)
    assert window.height() < 100
    assert strip.stage.toolTip() == "1/8  Prospecting"
    first_item = window.controller.call.playbook.stages[0].checklist[0].text
    assert strip.next_item.toolTip() == f"Next: {first_item}"
    assert strip.timer.isVisible() and strip.timer.text().endswith("/ 03:00")
    assert strip.palette_button.text() == "Ctrl+K"
    # Snapped to the right edge of the screen by default.
    assert window.frameGeometry().right() == area(window).right()

    # Every sidebar shortcut still works from the strip.
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    second_item = window.controller.call.playbook.stages[0].checklist[1].text
    assert strip.next_item.toolTip() == f"Next: {second_item}"
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert strip.stage.toolTip() == "2/8  Connecting"

    # Ctrl+T in the strip changes the sidebar's setting, not the strip (always on top).
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint

    # Back to the sidebar, as big as it was.
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)
    assert not mode.active and window.pages.isVisible() and not strip.isVisible()
    assert window.size().toTuple() == (400, 700)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint  # as chosen with Ctrl+T meanwhile
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowOpacity() == 1.0


def test_opacity_edge_and_height_are_remembered_across_restarts(qtbot, open_window, on_dialog, data_dir: Path):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.resize(390, 650)
    window.actions["compact_mode"].trigger()
    strip = window.features.find(CompactMode).strip
    # Opacity from the strip's menu, left edge from the menu too.
    seventy = next(a for a in strip.opacity_group.actions() if a.data() == 70)
    seventy.trigger()
    assert window.windowOpacity() == pytest.approx(0.70, abs=0.01)
    snap_left = next(a for a in strip.menu.actions() if "left" in a.text())
    snap_left.trigger()
    assert window.frameGeometry().left() == area(window).left()
    # Dragged down and dropped right of the middle: it snaps to the right edge at that height.
    start = strip.rect().center()
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    target = window.frameGeometry().topLeft() + QPoint(area(window).width() - 200, 150)
    strip._drag_offset = QPoint(10, 10)  # as the press recorded (offscreen windows report no frame)
    window.move(target)
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=start)
    assert window.frameGeometry().right() == area(window).right()
    top = window.frameGeometry().top() - area(window).top()
    assert window.prefs.compact_side == "right" and window.prefs.compact_top == top

    window.close()
    window = open_window()
    assert window.features.find(CompactMode) is not None and window.features.find(CompactMode).active
    assert window.actions["compact_mode"].isChecked()
    assert window.windowOpacity() == pytest.approx(0.70, abs=0.01)
    assert window.frameGeometry().right() == area(window).right()
    assert window.frameGeometry().top() - area(window).top() == top
    assert window.features.find(CompactMode).strip.stage.toolTip() == "1/8  Prospecting"
    window.actions["compact_mode"].trigger()
    assert window.size().toTuple() == (390, 650)  # the full sidebar's size was kept while compact


def test_the_palette_opens_in_the_strip_and_the_strip_shrinks_back(qtbot, open_window, on_dialog):
    window = open_window()
    start_call(window, qtbot, on_dialog)
    window.actions["compact_mode"].trigger()
    assert window.isActiveWindow()  # the keyboard stays with the window as it turns into the strip
    small = window.height()
    window.features.find(CompactMode).strip.palette_button.click()
    palette = window.features.get(CommandPalette)
    assert palette.isVisible() and palette.field.hasFocus()
    assert window.height() > small + 300
    assert window.windowOpacity() == 1.0  # read, not glanced at
    assert palette.geometry().top() >= window.features.find(CompactMode).strip.geometry().bottom()
    type_text(palette.field, "too exp")
    assert palette.results_titles()[0] == "Too expensive / no budget"
    qtbot.keyClick(palette.field, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert window.height() == small
    assert window.windowOpacity() == pytest.approx(0.92, abs=0.01)


def test_settings_dialog_changes_persist(qtbot, open_window, on_dialog):
    window = open_window()

    def change(dialog):
        dialog.required["next_step"].click()
        dialog.required["outcome"].click()
        dialog.cues.click()
        dialog.opacity.setValue(60)
        dialog.side.setCurrentIndex(0)
        dialog.colors.setCurrentIndex(2)
        dialog.accept()

    on_dialog(change)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    prefs = window.prefs
    assert prefs.wrapup_required == {"next_step"}
    assert not prefs.cues_enabled
    assert (prefs.compact_opacity, prefs.compact_side, prefs.color_scheme) == (60, "left", "dark")
    window.close()
    window = open_window()
    prefs = window.prefs
    assert prefs.wrapup_required == {"next_step"}
    assert not prefs.cues_enabled
    assert (prefs.compact_opacity, prefs.compact_side, prefs.color_scheme) == (60, "left", "dark")
    from salesdesk.ui.kit.theme import is_dark

    assert is_dark()
    prefs.color_scheme = "system"
    assert not is_dark()
