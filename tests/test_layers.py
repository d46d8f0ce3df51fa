"""The architecture, checked: the core and storage import no Qt; the UI never queries models."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "salesdesk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules_in(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("layer", ["core", "storage", "team", "listen"])
def test_core_and_storage_do_not_import_qt(layer: str):
    for path in modules_in(layer):
        qt = {name for name in imported_modules(path) if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt6"}}
        assert not qt, f"{path.relative_to(PACKAGE)} imports {qt}"
        ui = {name for name in imported_modules(path) if name.startswith("salesdesk.ui")}
        assert not ui, f"{path.relative_to(PACKAGE)} imports the UI: {ui}"


def test_core_does_not_import_storage():
    for path in modules_in("core"):
        storage = {name for name in imported_modules(path) if name.startswith(("salesdesk.storage", "peewee"))}
        assert not storage, f"{path.relative_to(PACKAGE)} imports {storage}"


def test_ui_never_touches_the_peewee_models():
    for path in modules_in("ui"):
        names = imported_modules(path)
        assert not {n for n in names if n.startswith(("salesdesk.storage.tables", "peewee"))}, path.name


def test_importing_core_and_storage_loads_no_qt_at_run_time():
    code = (
        "import sys, salesdesk.core.playbook, salesdesk.core.call, salesdesk.core.library, salesdesk.storage, "
        "salesdesk.cli; print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_listening_is_not_loaded_until_asked_for():
    """The listening extra's libraries (and the listen package) load only in its worker or its
    command: the command line, with every subcommand registered, loads none of them."""
    code = (
        "import sys, salesdesk.cli; salesdesk.cli.build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('numpy', 'faster_whisper', 'ctranslate2', 'onnxruntime', 'sounddevice', 'av') "
        "or m.startswith('salesdesk.listen')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_listen_package_does_not_import_storage_or_the_ui():
    for path in modules_in("listen"):
        names = imported_modules(path)
        assert not {n for n in names if n.startswith(("salesdesk.storage", "salesdesk.ui", "peewee"))}, path.name


def test_the_import_contracts_in_pyproject_hold():
    """import-linter's contracts ([tool.importlinter] in pyproject.toml): the layers, the
    forbidden imports, no cycles in storage or the UI, feature folders independent."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        if os.environ.get("CI"):
            pytest.fail("import-linter is not installed: it is in the test extra")
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
