"""``salesdesk self-check``: the real start-up, then a report on each part of the installation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.cli import main
from salesdesk.storage.paths import database_path


def test_self_check_passes_on_a_complete_installation(tmp_path: Path):
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), "self-check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("first-paint ") and float(lines[0].split()[1]) > 0
    assert lines[-1] == "self-check passed"
    assert not [line for line in lines if line.startswith("FAIL")]
    assert f"ok    database open: {database_path(data_dir)}" in lines
    from salesdesk.core.playbook import builtin_playbook_paths

    builtin = builtin_playbook_paths()
    expected = f"ok    playbooks: {len(builtin)} built-in ({', '.join(p.name for p in builtin)})"
    assert any(line.startswith(expected) for line in lines), lines
    assert database_path(data_dir).is_file()


def test_self_check_fails_and_names_what_is_missing(qapp, tmp_path: Path, monkeypatch, capsys):
    from salesdesk.storage import close_db

    # As if the bundle had lost its 1024 px icon: the check expects a size that is not there.
    monkeypatch.setattr("salesdesk.ui.kit.appicon.ICON_SIZES", (16, 1024))
    try:
        status = main(["--data-dir", str(tmp_path / "data"), "self-check"])
    finally:
        close_db()
    out, err = capsys.readouterr()
    assert status == 1
    assert "FAIL  app icon: 1 sizes (16 px)" in out
    assert "self-check failed: 1 problem(s)" in err


def test_self_check_reports_a_missing_playbook_file(tmp_path: Path, capsys):
    assert main(["--data-dir", str(tmp_path), "--playbook", str(tmp_path / "nope.toml"), "self-check"]) == 2
    assert "--playbook: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--help"], ["self-check", "--help"]])
def test_self_check_is_listed_in_help(args, capsys):
    with pytest.raises(SystemExit):
        main(args)
    assert "self-check" in capsys.readouterr().out
