"""Keeping the sidebar out of screen sharing and recordings, where the system offers it.

- Windows 10 version 2004 (build 19041) and later: ``SetWindowDisplayAffinity(hwnd,
  WDA_EXCLUDEFROMCAPTURE)``: the window is left out of captures, the shared screen shows what
  is behind it.
- Windows 7 to 10 1909: ``WDA_MONITOR``, the only affinity they have: the window shows as a
  black box in captures. Its content stays private, but viewers see that something is hidden;
  the settings line says so.
- macOS: ``[[view window] setSharingType:NSWindowSharingNone]`` through the Objective-C runtime
  (ctypes, no PyObjC): ``winId()`` of a Qt window is its NSView.
- Linux: neither X11 nor Wayland lets a window keep itself out of a capture (on X11 any client
  can read the screen; on Wayland the sharing portal, not the window, decides what is shared):
  the setting is shown disabled with the line ``Choice.reason``.

``choose_method`` is a pure function of the platform, so the choice is tested everywhere;
``apply`` makes the system call with ctypes. The UI passes ``int(window.winId())`` of the
top-level window (after it is shown, so the native window exists). The lines it shows
(``Choice.reason``, ``Applied.message``) are marked for translation in the context
"CaptureGuard": show them through ``QCoreApplication.translate("CaptureGuard", line)``.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP

# SetWindowDisplayAffinity values (winuser.h).
WDA_NONE = 0x00
WDA_MONITOR = 0x01
WDA_EXCLUDEFROMCAPTURE = 0x11
# The first Windows 10 build with WDA_EXCLUDEFROMCAPTURE (version 2004).
EXCLUDE_FROM_CAPTURE_BUILD = 19041
# NSWindowSharingType values (NSWindow.h).
NS_WINDOW_SHARING_NONE = 0
NS_WINDOW_SHARING_READ_ONLY = 1


class Method(Enum):
    WINDOWS_EXCLUDE_FROM_CAPTURE = "windows-exclude-from-capture"
    WINDOWS_MONITOR = "windows-monitor"
    MACOS_SHARING_NONE = "macos-sharing-none"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class Choice:
    method: Method
    # One line for the settings dialog: what the setting does here, or why it cannot.
    reason: str

    @property
    def available(self) -> bool:
        return self.method is not Method.UNAVAILABLE


LEFT_OUT = QT_TRANSLATE_NOOP("CaptureGuard", "Screen sharing and recordings leave SalesDesk out.")
BLACK_BOX = QT_TRANSLATE_NOOP(
    "CaptureGuard",
    "Screen sharing and recordings show a black box where SalesDesk is "
    "(Windows 10 version 2004 or later leaves it out).",
)
OLD_WINDOWS = QT_TRANSLATE_NOOP(
    "CaptureGuard",
    "This version of Windows cannot keep a window out of screen sharing: share one window, not the whole screen.",
)
WAYLAND = QT_TRANSLATE_NOOP(
    "CaptureGuard",
    "On Wayland the sharing dialog, not SalesDesk, decides what is shared: share one window, not the whole screen.",
)
X11 = QT_TRANSLATE_NOOP(
    "CaptureGuard",
    "On X11 every program can read the whole screen, so no window can hide: share one window, not the screen.",
)
REFUSED = QT_TRANSLATE_NOOP("CaptureGuard", "The system did not let SalesDesk hide from screen sharing.")


def choose_method(platform: str, version: tuple[int, ...] = (), session: str = "") -> Choice:
    """How to hide a window from captures on ``platform`` (``sys.platform``). ``version``:
    Windows (major, minor, build) as ``sys.getwindowsversion()`` gives them; ``session``:
    Linux's session type (``XDG_SESSION_TYPE``: "x11", "wayland")."""
    if platform == "win32":
        major, minor, build = (*version, 0, 0, 0)[:3]
        if (major, build) >= (10, EXCLUDE_FROM_CAPTURE_BUILD):
            return Choice(Method.WINDOWS_EXCLUDE_FROM_CAPTURE, LEFT_OUT)
        if (major, minor) >= (6, 1):  # Windows 7 and later have WDA_MONITOR
            return Choice(Method.WINDOWS_MONITOR, BLACK_BOX)
        return Choice(Method.UNAVAILABLE, OLD_WINDOWS)
    if platform == "darwin":
        return Choice(Method.MACOS_SHARING_NONE, LEFT_OUT)
    return Choice(Method.UNAVAILABLE, WAYLAND if session.lower() == "wayland" else X11)


def current_choice() -> Choice:
    """``choose_method`` for the system this runs on."""
    version: tuple[int, ...] = ()
    if sys.platform == "win32":
        info = sys.getwindowsversion()
        version = (info.major, info.minor, info.build)
    session = os.environ.get("XDG_SESSION_TYPE", "") or ("wayland" if os.environ.get("WAYLAND_DISPLAY") else "")
    return choose_method(sys.platform, version, session)


@dataclass(frozen=True, slots=True)
class Applied:
    done: bool
    # The line to show (translatable, see the module docstring); "" when shown again.
    message: str
    # What the system said when it refused (not translated: for a bug report).
    detail: str = ""


def apply(win_id: int, hide: bool, choice: Choice | None = None) -> Applied:
    """Hide the window ``win_id`` (a top-level window's ``winId()``) from captures, or show
    it again (``hide=False``). Never raises: what went wrong is in the message."""
    choice = choice or current_choice()
    if not choice.available:
        return Applied(False, choice.reason)
    try:
        if choice.method is Method.MACOS_SHARING_NONE:
            _set_sharing_type(win_id, NS_WINDOW_SHARING_NONE if hide else NS_WINDOW_SHARING_READ_ONLY)
        else:
            affinity = WDA_EXCLUDEFROMCAPTURE if choice.method is Method.WINDOWS_EXCLUDE_FROM_CAPTURE else WDA_MONITOR
            _set_display_affinity(_user32(), win_id, affinity if hide else WDA_NONE)
    except (OSError, AttributeError, ValueError) as exc:
        return Applied(False, REFUSED, str(exc))
    return Applied(True, choice.reason if hide else "")


def _user32():
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)
    user32.SetWindowDisplayAffinity.argtypes = [wintypes.HWND, wintypes.DWORD]
    user32.SetWindowDisplayAffinity.restype = wintypes.BOOL
    return user32


def _set_display_affinity(user32, hwnd: int, affinity: int) -> None:
    if not user32.SetWindowDisplayAffinity(hwnd, affinity):
        raise OSError(ctypes.get_last_error(), f"SetWindowDisplayAffinity({affinity:#x}) failed")


def _set_sharing_type(view: int, sharing_type: int) -> None:
    """``[[view window] setSharingType:sharing_type]`` through the Objective-C runtime."""
    from ctypes.util import find_library

    path = find_library("objc")
    if path is None:
        raise OSError("the Objective-C runtime was not found")
    objc = ctypes.cdll.LoadLibrary(path)
    objc.sel_registerName.restype = ctypes.c_void_p
    objc.sel_registerName.argtypes = [ctypes.c_char_p]
    # objc_msgSend must be called with each method's own signature (arm64 passes arguments
    # by type), so it is bound once per signature.
    send_id = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(("objc_msgSend", objc))
    send_ulong = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)(("objc_msgSend", objc))
    window = send_id(view, objc.sel_registerName(b"window"))
    if not window:
        raise OSError("the view has no window yet (show the window first)")
    send_ulong(window, objc.sel_registerName(b"setSharingType:"), sharing_type)
