"""Hiding the sidebar from screen sharing: which system call each platform gets, and that
Linux, which has none, is a no-op that says why. (The Windows and macOS calls themselves can
only run there; a fake user32 checks what would be passed.)"""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication

from salesdesk.settings import HIDE_FROM_CAPTURE
from salesdesk.ui.beside_call import capture_guard
from salesdesk.ui.beside_call.capture_guard import (
    WDA_EXCLUDEFROMCAPTURE,
    WDA_MONITOR,
    WDA_NONE,
    Choice,
    Method,
    apply,
    choose_method,
    current_choice,
)


@pytest.mark.parametrize(
    ("version", "method"),
    [
        ((10, 0, 22631), Method.WINDOWS_EXCLUDE_FROM_CAPTURE),  # Windows 11 23H2
        ((10, 0, 19041), Method.WINDOWS_EXCLUDE_FROM_CAPTURE),  # Windows 10 2004, the first with it
        ((10, 0, 19040), Method.WINDOWS_MONITOR),
        ((10, 0, 18363), Method.WINDOWS_MONITOR),  # Windows 10 1909
        ((6, 1, 7601), Method.WINDOWS_MONITOR),  # Windows 7
        ((6, 0, 6002), Method.UNAVAILABLE),  # Vista: no display affinity
    ],
)
def test_windows_gets_exclude_from_capture_from_build_19041(version, method):
    choice = choose_method("win32", version)
    assert choice.method is method
    assert choice.available is (method is not Method.UNAVAILABLE)


def test_macos_sets_the_window_sharing_type():
    assert choose_method("darwin").method is Method.MACOS_SHARING_NONE


@pytest.mark.parametrize(("session", "word"), [("x11", "X11"), ("wayland", "Wayland"), ("", "X11"), ("tty", "X11")])
def test_linux_has_no_such_control_and_says_what_to_do(session: str, word: str):
    choice = choose_method("linux", (), session)
    assert choice.method is Method.UNAVAILABLE and not choice.available
    assert word in choice.reason and "share one window" in choice.reason
    assert "\n" not in choice.reason  # one line under the disabled setting


def test_the_current_system_is_read_from_sys(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(
        sys, "getwindowsversion", lambda: SimpleNamespace(major=10, minor=0, build=19045), raising=False
    )
    assert current_choice().method is Method.WINDOWS_EXCLUDE_FROM_CAPTURE
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert current_choice().reason == capture_guard.WAYLAND
    monkeypatch.delenv("XDG_SESSION_TYPE")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert current_choice().reason == capture_guard.X11


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the no-op is Linux's")
def test_on_linux_applying_it_changes_nothing_and_says_not_available(monkeypatch):
    def no_system_call(*_args):
        raise AssertionError("no system call on Linux")

    monkeypatch.setattr(capture_guard, "_user32", no_system_call)
    monkeypatch.setattr(capture_guard, "_set_sharing_type", no_system_call)
    result = apply(12345, hide=True)
    assert not result.done
    assert result.message == current_choice().reason


class FakeUser32:
    def __init__(self, answer: int = 1):
        self.calls: list[tuple[int, int]] = []
        self.answer = answer

    def SetWindowDisplayAffinity(self, hwnd: int, affinity: int) -> int:
        self.calls.append((hwnd, affinity))
        return self.answer


@pytest.mark.parametrize(
    ("method", "affinity"),
    [(Method.WINDOWS_EXCLUDE_FROM_CAPTURE, WDA_EXCLUDEFROMCAPTURE), (Method.WINDOWS_MONITOR, WDA_MONITOR)],
)
def test_windows_passes_the_window_and_the_affinity(monkeypatch, method: Method, affinity: int):
    user32 = FakeUser32()
    monkeypatch.setattr(capture_guard, "_user32", lambda: user32)
    choice = Choice(method, "line")
    assert apply(0x1234, hide=True, choice=choice).done
    assert apply(0x1234, hide=False, choice=choice).done
    assert user32.calls == [(0x1234, affinity), (0x1234, WDA_NONE)]
    assert WDA_EXCLUDEFROMCAPTURE == 0x11


def test_a_refusal_is_reported_not_raised(monkeypatch):
    monkeypatch.setattr(capture_guard, "_user32", lambda: FakeUser32(answer=0))
    monkeypatch.setattr(capture_guard.ctypes, "get_last_error", lambda: 5, raising=False)
    result = apply(1, hide=True, choice=Choice(Method.WINDOWS_EXCLUDE_FROM_CAPTURE, "line"))
    assert (result.done, result.message) == (False, capture_guard.REFUSED)
    assert "SetWindowDisplayAffinity(0x11) failed" in result.detail


def test_the_lines_are_translated(qapp):
    from salesdesk.ui.kit.i18n import install_translators, remove_translators

    install_translators("de")
    try:
        for line in (capture_guard.X11, capture_guard.WAYLAND, capture_guard.LEFT_OUT, capture_guard.REFUSED):
            assert QCoreApplication.translate("CaptureGuard", line) != line
    finally:
        remove_translators()


# --------------------------------------------------------------------------- the setting


def open_settings(window, qtbot, on_dialog, handler) -> None:
    from PySide6.QtCore import Qt

    seen = []

    def run(dialog):
        try:
            handler(dialog)
        finally:
            seen.append(True)
            dialog.accept()

    on_dialog(run)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux has no such control")
@pytest.mark.parametrize("session", ["x11", "wayland"])
def test_on_linux_the_setting_is_shown_disabled_with_one_line_that_says_why(
    qtbot, open_window, on_dialog, monkeypatch, session: str
):
    from salesdesk.ui.beside_call.share_guard import ShareGuard

    monkeypatch.setenv("XDG_SESSION_TYPE", session)
    window = open_window()
    window.after_first_paint()  # as start-up does once the sidebar is on screen
    assert ShareGuard in window.features
    seen = {}

    def look(dialog):
        box = dialog.hide_from_capture
        seen.update(text=box.text(), enabled=box.isEnabled(), checked=box.isChecked())
        seen["line"], seen["shown"] = dialog.capture_line.text(), dialog.capture_line.isVisible()

    open_settings(window, qtbot, on_dialog, look)
    assert seen["text"] == "&Hide SalesDesk from screen sharing and recordings"
    assert (seen["enabled"], seen["checked"]) == (False, False)
    reason = capture_guard.WAYLAND if session == "wayland" else capture_guard.X11
    assert seen["line"] == reason and seen["shown"] and "share one window" in reason


def test_where_the_system_offers_it_every_window_is_hidden_by_default_and_the_setting_switches_it(
    qtbot, open_window, on_dialog, monkeypatch
):
    from PySide6.QtCore import Qt

    from salesdesk.ui.beside_call.share_guard import ShareGuard
    from salesdesk.ui.history.feature import HistoryCommands

    windows_11 = choose_method("win32", (10, 0, 22631))
    user32 = FakeUser32()
    monkeypatch.setattr(capture_guard, "current_choice", lambda: windows_11)
    monkeypatch.setattr(capture_guard, "_user32", lambda: user32)
    window = open_window()
    window.after_first_paint()
    assert ShareGuard in window.features
    sidebar = int(window.winId())
    assert (sidebar, WDA_EXCLUDEFROMCAPTURE) in user32.calls  # on by default

    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    history = window.features.get(HistoryCommands)
    qtbot.waitUntil(lambda: history.history_window is not None and history.history_window.isVisible())
    assert (int(history.history_window.winId()), WDA_EXCLUDEFROMCAPTURE) in user32.calls  # each new window

    seen = {}

    def switch_off(dialog):
        seen["dialog hidden"] = (int(dialog.winId()), WDA_EXCLUDEFROMCAPTURE) in user32.calls
        seen["line"] = dialog.capture_line.text()
        assert dialog.hide_from_capture.isEnabled() and dialog.hide_from_capture.isChecked()
        user32.calls.clear()
        qtbot.mouseClick(dialog.hide_from_capture, Qt.MouseButton.LeftButton)
        seen["after"] = list(user32.calls)

    open_settings(window, qtbot, on_dialog, switch_off)
    assert seen["dialog hidden"] and seen["line"] == capture_guard.LEFT_OUT
    assert (sidebar, WDA_NONE) in seen["after"] and (int(history.history_window.winId()), WDA_NONE) in seen["after"]
    assert all(affinity == WDA_NONE for _hwnd, affinity in seen["after"])
    assert window.prefs.hide_from_capture is False
    assert window.settings.value(HIDE_FROM_CAPTURE.key) in (False, "false")  # stored
    history.history_window.close()
