"""The README's quick start: what a fresh Debian/Ubuntu machine needs comes first, and is enough."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.tools import tool

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"

#: The Qt libraries and plugins SalesDesk loads (the sidebar on X11, or headless).
QT_BINARIES = (
    "lib/libQt6Core.so.6",
    "lib/libQt6Gui.so.6",
    "lib/libQt6Widgets.so.6",
    "lib/libQt6Svg.so.6",
    "lib/libQt6Network.so.6",
    "lib/libQt6DBus.so.6",
    "lib/libQt6XcbQpa.so.6",
    "plugins/platforms/libqxcb.so",
    "plugins/platforms/libqoffscreen.so",
)


def quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Quick start") : text.index("\n## ", text.index("## Quick start") + 1)]


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def apt_packages(text: str) -> list[str]:
    """The packages of the first ``apt-get install`` in ``text`` (continued lines joined)."""
    command = re.search(r"apt-get install ((?:[^\n]*\\\n)*[^\n]*)", text).group(1)
    return command.replace("\\\n", " ").split()


def test_the_quick_start_is_the_two_commands_after_what_the_machine_needs():
    section = quick_start()
    blocks = code_blocks(section)
    commands = [[line.split("#")[0].strip() for line in block.splitlines()] for block in blocks]
    assert ["make run", "make test"] in commands
    setup = blocks.index(next(b for b in blocks if b.startswith("sudo apt-get install")))
    assert setup < commands.index(["make run", "make test"])  # first what to install, then the two commands
    assert {"python3", "python3-venv", "make"} <= set(apt_packages(blocks[setup]))
    assert "`.venv/bin/salesdesk`" in section  # where the command is afterwards
    assert 'ln -s "$PWD/.venv/bin/salesdesk" ~/.local/bin/salesdesk' in section  # or how to put it on the PATH


def _installed() -> dict[str, tuple[str, list[list[str]]]]:
    """Installed Debian packages: name -> (priority, dependencies as lists of alternatives);
    virtual names they provide map to them too."""
    dpkg_query = tool("dpkg-query", "dpkg")
    rows = subprocess.run(
        [dpkg_query, "-W", "-f=${Package}\t${Status}\t${Priority}\t${Depends}, ${Pre-Depends}\t${Provides}\n"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.splitlines()
    packages: dict[str, tuple[str, list[list[str]]]] = {}
    for row in rows:
        name, status, priority, depends, provides = row.split("\t")
        if not status.endswith(" installed"):
            continue
        alternatives = [
            [re.sub(r"[ (:].*", "", choice.strip()) for choice in group.split("|")]
            for group in depends.split(",")
            if group.strip()
        ]
        packages[name] = (priority, alternatives)
        for virtual in provides.split(","):
            if virtual.strip():
                packages.setdefault(re.sub(r"[ (].*", "", virtual.strip()), (priority, [[name]]))
    return packages


def _closure(roots: set[str], packages: dict) -> set[str]:
    seen: set[str] = set()
    todo = [r for r in roots if r in packages]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for alternatives in packages[name][1]:
            chosen = next((a for a in alternatives if a in packages), None)  # as installed here
            if chosen is not None:
                todo.append(chosen)
    return seen


def _library_packages(binaries: list[Path]) -> tuple[set[str], set[str]]:
    """(Debian packages that hold the system libraries ``binaries`` link, sonames not found)."""
    ldd, dpkg = tool("ldd", "libc-bin"), tool("dpkg", "dpkg")
    paths, missing = set(), set()
    for binary in binaries:
        for line in subprocess.run([ldd, str(binary)], capture_output=True, check=True, text=True).stdout.splitlines():
            found = re.match(r"\s*(\S+) => (not found|\S+)", line)
            if found is None or "/PySide6/" in found.group(2):
                continue
            if found.group(2) == "not found":
                missing.add(found.group(1))
            else:
                paths.add(found.group(1))
    owners = subprocess.run(
        [dpkg, "-S", *sorted(f"*/{soname}" for soname in paths)], capture_output=True, check=False, text=True
    )
    return {line.split(":")[0] for line in owners.stdout.splitlines()}, missing


def test_the_readme_installs_every_system_library_qt_loads():
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    needed, not_found = _library_packages([qt / binary for binary in QT_BINARIES])
    assert not_found == set(), f"libraries Qt needs that are not installed here: {sorted(not_found)}"
    packages = _installed()
    listed = set(apt_packages(quick_start()))
    absent = sorted(p for p in listed if p not in packages)
    if absent:
        pytest.skip(f"the README's packages are not all installed here: {absent}")
    # What even a minimal Debian has (priority required), and what the listed ones bring.
    base = {name for name, (priority, _deps) in packages.items() if priority == "required"}
    brought = _closure(base | listed, packages)
    assert sorted(needed - brought) == []
