"""Where the command line and the README send a rep to a menu, the window has that menu item."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from salesdesk.ui.safety.single_instance import SingleInstance

README = Path(__file__).resolve().parents[2] / "README.md"


def menu_paths(window) -> set[str]:
    """Every command in the menu bar as a rep reads it: "Tools > Restore from backup…"."""

    def shown(text: str) -> str:
        return text.replace("&&", "\0").replace("&", "").replace("\0", "&")

    return {
        f"{shown(title.text())} > {shown(action.text())}"
        for title in window.menuBar().actions()
        for action in title.menu().actions()
        if not action.isSeparator()
    }


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "COLUMNS": "200"},
    )


def test_restore_while_running_names_the_menu_item_the_window_has(open_window, data_dir: Path):
    window = open_window()
    paths = menu_paths(window)
    running = SingleInstance(data_dir)  # the lock a running SalesDesk holds on its data folder
    assert running.acquire()
    try:
        result = run_cli(data_dir, "restore", "--latest")
    finally:
        running.release()
    assert result.returncode == 1
    named = re.search(r"in its window: (.+)$", result.stderr.strip())
    assert named is not None, result.stderr
    assert named.group(1) in paths, (named.group(1), sorted(paths))


def test_the_reindex_help_names_a_menu_item_the_window_has(open_window, data_dir: Path):
    paths = menu_paths(open_window())
    result = run_cli(data_dir, "reindex", "--help")
    assert result.returncode == 0
    named = re.findall(r"\((\w+ > [^)]+)\)", " ".join(result.stdout.split()))
    assert named and set(named) <= paths, (named, sorted(paths))


def test_every_menu_the_readme_names_is_in_the_window(open_window):
    paths = menu_paths(open_window())
    text = " ".join(README.read_text(encoding="utf-8").split())
    named = {f"{menu} > {item.strip()}" for menu, item in re.findall(r"\b([A-Z][a-z]+) [›▸>] ([^*(,]+)", text)}
    assert len(named) >= 8  # Call, History and Tools items at least
    assert named <= paths, sorted(named - paths)
