"""What the SalesDesk bundles leave out of what PyInstaller collects, and why.

Used by salesdesk.spec (and tested by tests/test_packaging.py). SalesDesk uses QtCore,
QtGui, QtWidgets and QtSvg, maybe QtPrintSupport and QtNetwork (local sockets); PyInstaller's
Qt hooks collect far more: every image format, embedded-Linux platforms, TLS backends, all
translations, and the libraries those plugins need. Everything dropped here is named, with
the reason, so that a feature needing it later knows what to put back.

`make dist DIST_TRIM=0` builds without any of this, to measure what it saves.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

# Python modules never imported by SalesDesk (PyInstaller would otherwise follow them in).
# Qt modules SalesDesk may use are deliberately absent: QtNetwork (single-instance socket),
# QtPrintSupport (printing), QtSvg. tests/test_packaging.py fails if the code imports one
# of these, so a branch that starts using one must remove it here.
EXCLUDED_MODULES = [
    # Qt modules: QtDBus comes in because QtGui links libQt6DBus; that library stays (QtGui
    # needs it), only the unused Python binding goes.
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",  # SalesDesk talks to SQLite through Python's sqlite3
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtStateMachine",
    # Standard library: OpenSSL (5 MB) is only needed for TLS, which SalesDesk does not do;
    # without _hashlib, hashlib uses its built-in MD5/SHA implementations.
    "ssl",
    "_ssl",
    "_hashlib",
    "tkinter",
    "_tkinter",
    "pydoc",
    "unittest",
]

# Qt plugins, by folder. None drops the whole folder; a set drops those plugins (named
# without "lib" prefix and file extension); folders not listed are kept whole.
DROPPED_PLUGINS: dict[str, set[str] | None] = {
    # Platforms for embedded devices without a window system, remote framebuffers, and the
    # "minimal" test platform. Kept: xcb, wayland, offscreen (headless checks), windows, cocoa.
    "platforms": {"qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvnc", "qvkkhrdisplay"},
    "egldeviceintegrations": None,  # only used by eglfs
    "generic": None,  # evdev/tuio input, only used without a window system
    # GTK theme: it pulls half of the GTK stack (cairo, pango, gdk-pixbuf…) from the build
    # machine into the bundle, to be mixed with the desktop's own GTK at run time. Without
    # it Qt uses its own style and the XDG desktop portal for file dialogs.
    "platformthemes": {"qgtk3"},
    "tls": None,  # TLS backends: SalesDesk opens no network connections
    "networkinformation": None,  # "am I online" backends, same reason
    "sqldrivers": None,
    "qmltooling": None,
}
# Libraries that no binary links to, but that dropped plugins load by name at run time
# (OpenSSL: the TLS backends). Dropped on Linux when nothing that stays links to them.
LOADED_BY_DROPPED_PLUGINS = re.compile(r"^lib(ssl|crypto)\.so")
# Image formats: only SVG is kept (icons). PNG, BMP, PPM and XPM are built into QtGui.
KEPT_IMAGE_FORMATS = {"qsvg"}

_PLUGIN = re.compile(r"(?:^|/)plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)translations/[^/]+\.qm$")


def plugin_name(file_name: str) -> str:
    """``libqxcb.so`` → ``qxcb``; ``qwindows.dll`` → ``qwindows``; ``libqcocoa.dylib`` → ``qcocoa``."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def drop_reason(dest: str) -> str | None:
    """Why the bundle leaves out the file it would hold at ``dest`` (None: keep it)."""
    path = dest.replace("\\", "/")
    if not path.startswith("PySide6/"):
        return None
    if _TRANSLATION.search(path):
        return "Qt translation (SalesDesk is not translated yet)"
    match = _PLUGIN.search(path)
    if match is None:
        return None
    folder, name = match["folder"], plugin_name(match["file"])
    if folder == "imageformats":
        return None if name in KEPT_IMAGE_FORMATS else f"image format plugin {name}"
    if folder in DROPPED_PLUGINS:
        dropped = DROPPED_PLUGINS[folder]
        if dropped is None or name in dropped:
            return f"{folder} plugin {name}"
    return None


def _is_library(dest: str) -> bool:
    """A shared library that only exists to serve other binaries (not a Python extension or a plugin)."""
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if _PLUGIN.search(path) or name.endswith((".pyd", ".abi3.so")) or ".cpython-" in name:
        return False
    return bool(re.search(r"\.so(\.\d+)*$|\.dll$|\.dylib$", name))


def _closure(roots, imports_of) -> set[str]:
    """Base names of every library reachable from ``roots`` (source paths)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        for name, path in imports_of(todo.pop()):
            base = Path(name).name
            if base not in seen:
                seen.add(base)
                if path:
                    todo.append(path)
    return seen


def unreachable_libraries(kept, dropped, imports_of) -> dict[str, str]:
    """Libraries (base name: reason) that only the dropped binaries needed.

    A library nothing in the bundle links to is kept: it may be loaded by name at run time
    (the bootloader loads libpython that way)."""
    kept_roots = [src for dest, src, _ in kept if not _is_library(dest)]
    dropped_roots = [src for _dest, src, _ in dropped]
    needed = _closure(kept_roots, imports_of)
    only_dropped = _closure(dropped_roots, imports_of) - needed
    orphans = {}
    for name in (Path(dest).name for dest, _src, _ in kept if _is_library(dest)):
        if name in only_dropped:
            orphans[name] = "library only the dropped plugins used"
        elif LOADED_BY_DROPPED_PLUGINS.match(name) and name not in needed:
            orphans[name] = "library only the dropped plugins load"
    return orphans


def _imports_of(path: str):
    from PyInstaller.depend import bindepend

    try:
        return bindepend.get_imports(path)
    except Exception:  # an unreadable file: assume it needs nothing we could drop
        return []


def trim(binaries: list, datas: list, *, imports_of=_imports_of, report=print) -> tuple[list, list]:
    """The bundle's binaries and data files without what SalesDesk does not use."""
    dropped: list[tuple[tuple, str]] = []
    kept_binaries, kept_datas = [], []
    for entries, kept in ((binaries, kept_binaries), (datas, kept_datas)):
        for entry in entries:
            reason = drop_reason(entry[0])
            if reason:
                dropped.append((entry, reason))
            else:
                kept.append(entry)
    # Libraries only dropped plugins linked to (e.g. libQt6EglFSDeviceIntegration, the GTK
    # stack). Worked out on Linux, where it matters and is tested; Windows and macOS keep
    # what PyInstaller collected for the remaining plugins.
    if sys.platform.startswith("linux"):
        orphans = unreachable_libraries(kept_binaries, [e for e, _ in dropped if e in binaries], imports_of)
        for entry in [e for e in kept_binaries if Path(e[0]).name in orphans]:
            kept_binaries.remove(entry)
            dropped.append((entry, orphans[Path(entry[0]).name]))
    # Symbolic links (PyInstaller lists them with the data files) to anything dropped.
    gone = {_normal(entry[0]) for entry, _ in dropped}
    for entries in (kept_binaries, kept_datas):
        for entry in [e for e in entries if e[2] == "SYMLINK" and _link_target(e) in gone]:
            entries.remove(entry)
            dropped.append((entry, "link to a file left out"))
    total = sum(Path(e[1]).stat().st_size for e, _ in dropped if e[2] != "SYMLINK" and Path(e[1]).is_file())
    report(f"trim: leaving out {len(dropped)} files, {total / 2**20:.1f} MB:")
    for entry, reason in sorted(dropped, key=lambda item: item[0][0]):
        report(f"trim:   {entry[0]}  ({reason})")
    return kept_binaries, kept_datas


def _normal(dest: str) -> str:
    return posixpath.normpath(dest.replace("\\", "/"))


def _link_target(entry) -> str:
    """Where a SYMLINK entry (dest, relative target, "SYMLINK") points, inside the bundle."""
    dest, target = entry[0].replace("\\", "/"), entry[1].replace("\\", "/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(dest), target))


def check_resources(datas: list) -> None:
    """Stop the build if the data files SalesDesk reads at run time were not collected."""
    dests = {Path(dest.replace("\\", "/")) / Path(src).name for src, dest in datas}
    needed = [
        Path("salesdesk/resources/playbooks/default.toml"),
        Path("salesdesk/resources/icons/salesdesk-256.png"),
    ]
    missing = [str(path) for path in needed if path not in dests]
    if missing:
        raise SystemExit(f"salesdesk.spec: resources not collected: {', '.join(missing)} (check package-data)")
