"""Hiding the sidebar from screen sharing: which system call each platform gets, and that
Linux, which has none, is a no-op that says why. (The Windows and macOS calls themselves can
only run there; a fake user32 checks what would be passed.)"""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication

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
