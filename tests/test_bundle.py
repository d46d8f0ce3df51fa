"""The Linux desktop bundle, built with `make dist` and run as a rep would get it.

Slow (a minute or two: a build venv, then PyInstaller). To add a check of a new command,
call ``run_bundled(bundle, ...)``: it runs the bundled ``salesdesk`` and returns its output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk import __version__
from salesdesk.config import APP_ID
from salesdesk.storage.paths import database_path

from .tools import validator

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
# Generous: CI has a 90 minute budget; a build takes about a minute here.
BUILD_TIMEOUT = 30 * 60


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled executable, freshly built by `make dist` into a temp folder."""
    if not sys.platform.startswith("linux"):
        pytest.fail("tests/test_bundle.py builds the Linux bundle; see packaging/README.md for other systems")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        ["make", "dist", f"DIST_DIR={out / 'dist'}", f"DIST_WORK={out / 'work'}", f"PYTHON={sys.executable}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"make dist failed:\n{result.stdout[-5000:]}\n{result.stderr[-5000:]}"
    executable = out / "dist" / "salesdesk" / "salesdesk"
    assert executable.is_file(), result.stdout[-2000:]
    return executable


def run_bundled(bundle: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the bundled ``salesdesk`` with ``args``: headless, never on the real data folder
    (pass ``--data-dir``), with nothing from this test run's Python leaking in."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "SALESDESK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(bundle.parent.parent / "home"))
    return subprocess.run([str(bundle), *args], capture_output=True, text=True, timeout=timeout, env=env, check=False)


def test_bundled_command_line(bundle: Path, tmp_path: Path):
    version = run_bundled(bundle, "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"salesdesk {__version__}"), version.stderr
    where = run_bundled(bundle, "--data-dir", str(tmp_path / "portable"), "where")
    assert (where.returncode, where.stdout.strip()) == (0, str(tmp_path / "portable")), where.stderr
    wrong = run_bundled(bundle, "--colour=pink")
    assert wrong.returncode == 2 and "unrecognized arguments: --colour=pink" in wrong.stderr


def test_bundled_command_line_imports_and_exports_calls(bundle: Path, tmp_path: Path):
    """A JSON file made by the source tree goes into the bundle and comes out identical."""
    from datetime import date

    from salesdesk.core.call import Contact
    from salesdesk.core.playbook_check import default_playbook
    from salesdesk.storage import CallStore, close_db, init_db

    source_dir = tmp_path / "source"
    init_db(source_dir)
    store = CallStore()
    call = store.start_call(Contact("Zoë Ångström", "Acme", "zoe@acme.example"), default_playbook())
    store.set_stage(call.id, "discovery")
    store.set_tick(call.id, "discovery", "impact-sized", True)
    store.set_answer(call.id, "pain-points", "Spreadsheets <everywhere>")
    store.save_note(call.id, None, "=SUM(A1) is a note, not a formula", draft=False)
    store.end_call(call.id, "Meeting booked", "Demo", date(2031, 1, 15))
    close_db()
    exported = tmp_path / "calls.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "salesdesk",
            "--data-dir",
            str(source_dir),
            "export",
            "--format",
            "json",
            "-o",
            str(exported),
        ],
        check=True,
        capture_output=True,
    )

    bundled_dir = tmp_path / "bundled"
    imported = run_bundled(bundle, "--data-dir", str(bundled_dir), "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    again = tmp_path / "again.json"
    result = run_bundled(bundle, "--data-dir", str(bundled_dir), "export", "--format", "json", "-o", str(again))
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == exported.read_bytes()
    markdown = run_bundled(bundle, "--data-dir", str(bundled_dir), "export", "--format", "md")
    assert markdown.returncode == 0 and "Zoë Ångström" in markdown.stdout
    pdf = tmp_path / "call.pdf"
    result = run_bundled(bundle, "--data-dir", str(bundled_dir), "export", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bundled_app_starts_paints_and_creates_its_database(bundle: Path, tmp_path: Path):
    data_dir = tmp_path / "data"
    result = run_bundled(bundle, "--data-dir", str(data_dir), "self-check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("first-paint ")
    assert lines[1].startswith(f"ok    SalesDesk {__version__} (bundle)"), "not running frozen?"
    from salesdesk.core.playbook import builtin_playbook_paths

    playbooks = f"ok    playbooks: {len(builtin_playbook_paths())} built-in"
    for expected in ("ok    sidebar shown", "ok    database open", playbooks, "ok    app icon: 8"):
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    assert any(line.startswith("ok    SVG images") for line in lines)
    assert "ok    licence text for the About box" in lines  # read from the bundled package metadata
    assert lines[-1] == "self-check passed"
    assert database_path(data_dir).is_file() and (data_dir / "settings.ini").is_file()


def test_bundle_is_trimmed_and_complete(bundle: Path):
    folder = bundle.parent
    internal = folder / "_internal"
    qt = internal / "PySide6" / "Qt"
    assert (folder / "LICENSE.txt").read_text().lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert (internal / "salesdesk" / "resources" / "playbooks" / "default.toml").is_file()
    assert len(list((internal / "salesdesk" / "resources" / "icons").glob("salesdesk-*.png"))) == 8
    assert (internal / f"salesdesk-{__version__}.dist-info" / "licenses" / "LICENSE").is_file()
    plugins = {p.parent.name + "/" + p.name for p in (qt / "plugins").glob("*/*")}
    assert {"platforms/libqxcb.so", "platforms/libqwayland.so", "imageformats/libqsvg.so"} <= plugins
    assert not [p for p in plugins if p.startswith(("tls/", "egldeviceintegrations/", "generic/"))]
    assert [p for p in plugins if p.startswith("imageformats/")] == ["imageformats/libqsvg.so"]
    assert not (qt / "translations").exists()
    assert not list(internal.rglob("libssl.so*")) and not list(internal.rglob("libQt6EglFS*"))
    broken = [str(p) for p in folder.rglob("*") if p.is_symlink() and not p.exists()]
    assert broken == []
    size_mb = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    # 113 MB when written; without packaging/trim.py it is 162 MB. Growth past this bound
    # means something large came in: look at it before raising the number.
    assert size_mb < 130, f"the bundle grew to {size_mb:.0f} MB"


def test_appimage_tree_runs_and_validates(bundle: Path, tmp_path: Path):
    appdir = tmp_path / "SalesDesk.AppDir"
    env = {**os.environ, "BUNDLE": str(bundle.parent), "APPDIR": str(appdir)}
    script = REPO / "packaging" / "linux" / "build-appimage.sh"
    result = subprocess.run([str(script), "--appdir-only"], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    app_run = subprocess.run([str(appdir / "AppRun"), "--version"], capture_output=True, text=True, check=False)
    assert app_run.stdout.strip() == f"salesdesk {__version__}"
    assert (appdir / f"{APP_ID}.desktop").resolve().is_file()
    assert (appdir / ".DirIcon").resolve().is_file()
    assert (appdir / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    # The installed tree as a software centre sees it: metainfo, desktop file and icon agree.
    tree = subprocess.run(
        [validator("appstreamcli"), "validate-tree", "--no-net", str(appdir / "usr")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert tree.returncode == 0, tree.stdout + tree.stderr
