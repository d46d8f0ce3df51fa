"""Packaging recipes: one version, one app id, valid desktop metadata, fresh icons, the trim rules.

The bundle itself is built and run by tests/test_bundle.py (slow)."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from salesdesk import __version__
from salesdesk.config import APP_ID

from .tools import validator

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"


def load_script(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = load_script(PACKAGING / "trim.py", "salesdesk_packaging_trim")


# ---------------------------------------------------------------------------- one version, one id


def test_the_version_is_written_in_one_place_only():
    """Everything else reads salesdesk.__version__; only the AppStream release list repeats it."""
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__, "add a <release> for the new version to the metainfo"
    pattern = re.compile(rf"(?<![\d.]){re.escape(__version__)}(?![\d.])")
    holders = []
    for path in [*PACKAGING.rglob("*"), REPO / "pyproject.toml", REPO / "Makefile", REPO / "README.md"]:
        text_file = path.is_file() and path.suffix not in {".png", ".ico", ".icns", ".pyc"}
        if text_file and path != METAINFO and pattern.search(path.read_text(encoding="utf-8")):
            holders.append(path.relative_to(REPO))
    assert holders == []
    assert 'dynamic = ["version"]' in (REPO / "pyproject.toml").read_text()


def test_the_app_id_is_the_same_everywhere():
    desktop = DESKTOP.read_text()
    assert f"Icon={APP_ID}\n" in desktop
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    for recipe in ("salesdesk.spec", "linux/install-tree.sh", "linux/build-appimage.sh", "windows/salesdesk.iss"):
        assert APP_ID in (PACKAGING / recipe).read_text(), recipe


def test_desktop_file_is_valid():
    result = subprocess.run(
        [validator("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_appstream_metainfo_is_valid():
    result = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Warnings fail too; infos and pedantic notes (upper case in the id; <developer>, which
    # AppStream 0.16 does not know yet but Flathub requires) are fine.
    assert not re.search(r"^[WE]: ", result.stdout, re.MULTILINE), result.stdout


# ---------------------------------------------------------------------------- icons


def test_icons_are_rendered_from_the_current_svg():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr


def test_windows_and_macos_icon_files_hold_every_size():
    make_icons = load_script(REPO / "scripts" / "make_icons.py", "salesdesk_make_icons")
    ico = make_icons.read_ico((PACKAGING / "windows" / "salesdesk.ico").read_bytes())
    assert [size for size, _ in ico] == [16, 24, 32, 48, 64, 128, 256]
    assert all(data.startswith(b"\x89PNG") == (size >= 64) for size, data in ico)
    icns = make_icons.read_icns((PACKAGING / "macos" / "salesdesk.icns").read_bytes())
    assert {kind for kind, _ in icns} >= {b"ic07", b"ic08", b"ic09", b"ic10", b"icp4", b"icp5"}
    assert all(data.startswith(b"\x89PNG") for _, data in icns)


# ---------------------------------------------------------------------------- what the bundle leaves out


@pytest.mark.parametrize(
    ("dest", "dropped"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
        ("salesdesk/resources/icons/salesdesk-16.png", False),
        # Windows and macOS wheels lay Qt out differently.
        ("PySide6\\plugins\\platforms\\qwindows.dll", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", False),
        ("PySide6\\plugins\\imageformats\\qgif.dll", True),
        ("PySide6\\translations\\qtbase_fr.qm", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),
    ],
)
def test_trim_rules(dest: str, dropped: bool):
    assert (trim.drop_reason(dest) is not None) == dropped


def test_trim_drops_libraries_only_dropped_plugins_need_and_links_to_them(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(trim.sys, "platform", "linux")
    links = {
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "/src/libqeglfs.so": ["libQt6EglFSDeviceIntegration.so.6", "libQt6Gui.so.6"],
        "/src/libQt6EglFSDeviceIntegration.so.6": ["libQt6OpenGL.so.6"],
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
    }

    def imports_of(path):
        return [(name, f"/src/{name}") for name in links.get(path, [])]

    def entry(dest, kind="BINARY"):
        return (dest, "/src/" + dest.rsplit("/", 1)[-1], kind)

    binaries = [
        entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
        entry("PySide6/Qt/plugins/platforms/libqeglfs.so"),
        entry("PySide6/QtGui.abi3.so", "EXTENSION"),
        entry("PySide6/Qt/lib/libQt6Gui.so.6"),
        entry("PySide6/Qt/lib/libQt6XcbQpa.so.6"),
        entry("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6"),
        entry("PySide6/Qt/lib/libQt6OpenGL.so.6"),
        entry("libpython3.11.so.1.0"),  # nothing links to it, the bootloader loads it: kept
        entry("libssl.so.3"),  # only the (dropped) TLS plugins load it
    ]
    datas = [
        ("libQt6EglFSDeviceIntegration.so.6", "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/translations/qt_de.qm", "/src/qt_de.qm", "DATA"),
    ]
    lines: list[str] = []
    kept_binaries, kept_datas = trim.trim(binaries, datas, imports_of=imports_of, report=lines.append)
    assert [dest for dest, *_ in kept_binaries] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libpython3.11.so.1.0",
    ]
    assert kept_datas == [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]
    assert lines[0].startswith("trim: leaving out 6 files")
    assert any("libQt6OpenGL.so.6  (library only the dropped plugins used)" in line for line in lines)


def test_check_resources_stops_a_build_without_playbooks():
    icons = ("/x/resources/icons/salesdesk-256.png", "salesdesk/resources/icons")
    playbook = ("/x/resources/playbooks/default.toml", "salesdesk/resources/playbooks")
    trim.check_resources([icons, playbook])
    with pytest.raises(SystemExit, match=r"playbooks/default\.toml"):
        trim.check_resources([icons])


def _qt_modules_imported_by_salesdesk() -> set[str]:
    names = set()
    for path in (REPO / "salesdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return names


def test_the_bundle_excludes_no_module_salesdesk_imports():
    """A branch that starts using, say, QtSql must take it off packaging/trim.py's list,
    or the bundle would fail where the source run works."""
    imported = _qt_modules_imported_by_salesdesk()
    assert "PySide6.QtWidgets" in imported  # the scan works
    assert sorted(imported & set(trim.EXCLUDED_MODULES)) == []


# ---------------------------------------------------------------------------- the listening worker in a bundle


def test_the_bundle_entry_runs_the_listening_worker_when_asked():
    """A frozen bundle has no ``python -m``: the supervisor starts the bundle as itself with
    --listen-worker, and the entry point hands the rest of the arguments to the worker."""
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "salesdesk_main.py"), "--listen-worker", "--meter"],
        input=b'{"cmd":"hello"}\n',
        capture_output=True,
        timeout=60,
        check=False,
    )
    # The worker's own answer to a bad first command, on its protocol stream.
    assert result.returncode == 2, result.stderr
    assert b'"event":"error","kind":"bad-command"' in result.stdout


def test_a_frozen_bundle_starts_the_worker_as_itself(monkeypatch: pytest.MonkeyPatch):
    from salesdesk.listen.supervisor import worker_command

    assert worker_command(Path("tiny"))[:3] == [sys.executable, "-m", "salesdesk.listen.worker"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert worker_command(Path("tiny"))[:2] == [sys.executable, "--listen-worker"]
