"""The command line: flags, the data folder override, and starting the app for real."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk import __version__
from salesdesk.cli import build_parser, main
from salesdesk.config import resolve_data_dir
from salesdesk.storage.db import DB_FILENAME
from tests.helpers.cli import run_cli


def test_version_flag():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"salesdesk {__version__}"


def test_help_lists_the_flags():
    result = run_cli("--help")
    assert result.returncode == 0
    for flag in ("--data-dir", "--playbook", "--version", "SALESDESK_DATA_DIR"):
        assert flag in result.stdout


def test_data_dir_flag_beats_the_environment(tmp_path: Path):
    env_dir, flag_dir = tmp_path / "from-env", tmp_path / "from-flag"
    assert run_cli("where", env={"SALESDESK_DATA_DIR": str(env_dir)}).stdout.strip() == str(env_dir)
    result = run_cli("--data-dir", str(flag_dir), "where", env={"SALESDESK_DATA_DIR": str(env_dir)})
    assert result.stdout.strip() == str(flag_dir)


def test_default_data_dir_is_the_platform_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("SALESDESK_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == tmp_path / "xdg" / "SalesDesk"


def test_unknown_flag_and_missing_playbook_exit_non_zero(tmp_path: Path):
    result = run_cli("--colour=pink")
    assert result.returncode == 2 and "unrecognized arguments: --colour=pink" in result.stderr
    result = run_cli("--data-dir", str(tmp_path), "--playbook", str(tmp_path / "missing.toml"))
    assert result.returncode == 2 and "--playbook: no such file" in result.stderr


def test_app_starts_on_the_given_data_dir(qapp, tmp_path: Path):
    data_dir = tmp_path / "portable"
    shown = {}

    def on_shown(window):
        from PySide6.QtCore import QTimer

        shown["title"] = window.windowTitle()
        QTimer.singleShot(0, window.close)  # once the event loop runs, quit as a rep would

    assert main(["--data-dir", str(data_dir)], on_shown=on_shown) == 0
    assert shown == {"title": "SalesDesk"}
    assert (data_dir / DB_FILENAME).is_file() and (data_dir / "settings.ini").is_file()
    from salesdesk.storage import close_db

    close_db()


def test_app_reports_a_database_it_cannot_open(tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(b"not sqlite at all" * 64)
    script = (
        "import sys; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        # Close the recovery dialog as a rep would, so the process can exit.
        "QTimer.singleShot(500, lambda: [w.close() for w in app.topLevelWidgets()])\n"
        "from salesdesk.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(data_dir)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 1
    # The recovery dialog was closed (= Quit): the file is reported and left as it was.
    assert "is not a database file at all" in result.stderr
    assert (data_dir / DB_FILENAME).read_bytes() == b"not sqlite at all" * 64


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every subcommand (``calls``, ``playbook``, ``playbook show``, ...) with its parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def _required_arguments(parser: argparse.ArgumentParser) -> list[str]:
    """Stand-ins for what the command requires, so that only --bogus is wrong."""
    args = []
    for action in parser._actions:
        if not action.option_strings and action.nargs not in ("?", "*", argparse.PARSER):
            args.append("x")
        elif action.option_strings and action.required:  # a required option (``--url URL``)
            args += [action.option_strings[0], "x"]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            first = group._group_actions[0]
            args.append(first.option_strings[0] if first.option_strings else "x")
    return args


COMMANDS = [" ".join(path) for path, _parser in _commands(build_parser())]


def test_every_subcommand_is_listed():
    assert {"calls", "export", "playbook", "playbook show", "restore", "gui"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_prints_the_usage_of_its_own_subcommand(command: str, capsys):
    parser = dict(_commands(build_parser()))[tuple(command.split())]
    with pytest.raises(SystemExit) as exited:
        main([*command.split(), *_required_arguments(parser), "--bogus"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: salesdesk {command} "), err
    assert err.endswith(f"salesdesk {command}: error: unrecognized arguments: --bogus\n"), err


def test_calls_with_an_unknown_option_says_so_with_its_usage():
    result = run_cli("calls", "--bogus")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: salesdesk calls [-h] [--since DATE]")
    assert result.stderr.endswith("salesdesk calls: error: unrecognized arguments: --bogus\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY and WAYLAND_DISPLAY are how Linux finds one")
@pytest.mark.parametrize("command", [[], ["self-check"]], ids=["sidebar", "self-check"])
def test_without_a_display_it_says_so_and_how_to_run_headless(tmp_path: Path, command: list[str]):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *command],
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("salesdesk: no display found"), result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr and "xvfb-run" in result.stderr
    assert "xcb" not in result.stderr  # no Qt abort blaming a plugin or a library
    assert not data_dir.exists()  # it stopped before doing anything
