"""``salesdesk playbook ...``: what it prints and its exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesdesk.cli import main
from salesdesk.core.playbook_check import load_playbook
from tests.helpers.cli import run_cli

TEAM = 'name = "Team demo"\nversion = "2"\n\n[[stages]]\nkey = "demo"\ntitle = "Demo"\n'


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_builtin_and_own_playbooks(capsys, data_dir: Path):
    (data_dir / "playbooks").mkdir(parents=True)
    (data_dir / "playbooks" / "team.toml").write_text(TEAM, encoding="utf-8")
    (data_dir / "playbooks" / "broken.toml").write_text("name = ", encoding="utf-8")
    code, out, err = cli(capsys, "playbook", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "VERSION", "LANGUAGE", "STAGES", "FROM"]
    assert lines[1].split()[-2:] == ["8", "built-in"]
    assert lines[3].startswith("Team demo") and lines[3].endswith(str(data_dir / "playbooks" / "team.toml"))
    assert "broken.toml:1: not valid TOML" in err


def test_show_prints_an_outline(capsys, data_dir: Path):
    code, out, _ = cli(capsys, "playbook", "show", "renewal and growth review")
    assert code == 0
    assert out.startswith("Renewal and growth review, version 1.0 (language: en)\nfrom: built-in\n")
    assert "  1. Prepare the review  [prepare, 5 min]" in out
    assert "        hint: Look it up in the notes of the first deal, not from memory." in out
    assert "    heard as: budget cut, budget was cut" in out
    code, _, err = cli(capsys, "playbook", "show", "nope")
    assert code == 1 and "no playbook called 'nope'" in err


def test_show_and_export_take_a_unique_part_of_the_name_in_any_case(capsys, tmp_path: Path, data_dir: Path):
    (data_dir / "playbooks").mkdir(parents=True)
    (data_dir / "playbooks" / "team.toml").write_text(TEAM, encoding="utf-8")
    code, out, err = cli(capsys, "playbook", "show", "GROWTH")
    assert (code, err) == (0, "")
    assert out.startswith("Renewal and growth review, version 1.0 (language: en)\n")
    code, out, _ = cli(capsys, "playbook", "show", "eight-step")
    assert code == 0 and out.startswith("Eight-step sales call, version ")
    target = tmp_path / "team-copy.toml"
    code, out, err = cli(capsys, "playbook", "export", "Demo", "-o", str(target))
    assert (code, err) == (0, "")
    assert load_playbook(target).name == "Team demo"


@pytest.mark.parametrize("action", [["show"], ["export"]])
def test_a_part_of_several_names_lists_the_candidates(capsys, tmp_path: Path, data_dir: Path, action):
    code, out, err = cli(capsys, "playbook", *action, "AL")  # sALes cALl, renewAL
    assert (code, out) == (1, "")
    assert err == (
        "salesdesk: 'AL' matches 2 playbooks; give more of the name:\n"
        "  Eight-step sales call  (built-in)\n"
        "  Renewal and growth review  (built-in)\n"
    )


def test_validate_prints_every_problem_and_fails(capsys, tmp_path: Path, data_dir: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 3\nstages = []\n[[objections]]\nkey = "A"\n', encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(TEAM, encoding="utf-8")
    code, out, err = cli(capsys, "playbook", "validate", str(good), str(bad))
    assert code == 1
    assert out == f"{good}: OK: Team demo (v2), 1 stages, 0 objections, 0 closing techniques\n"
    assert err.splitlines() == [
        f"{bad}:1: name: is missing",
        f"{bad}:2: stages: needs at least one stage",
        f"{bad}:3: objections[0].title: is missing",
        f"{bad}:3: objections[0].rebuttals: is missing: give at least one line to say",
        f"{bad}:4: objections[0].key: 'A' is not a valid key: use lower-case letters, digits, '-' or '_' (at most 64)",
        "salesdesk: 1 of 2 file(s) have problems",
    ]
    assert cli(capsys, "playbook", "validate", str(good))[0] == 0


def test_import_is_all_or_nothing(capsys, tmp_path: Path, data_dir: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text(TEAM.replace('title = "Demo"', "title = 4"), encoding="utf-8")
    code, _, err = cli(capsys, "playbook", "import", str(bad))
    assert code == 1
    assert f"{bad}:6: stages[0].title: must be text, not a number" in err
    assert "was not imported" in err
    assert not (data_dir / "playbooks").exists()

    good = tmp_path / "team.toml"
    good.write_text(TEAM, encoding="utf-8")
    code, out, _ = cli(capsys, "playbook", "import", str(good))
    assert code == 0 and out.startswith("Imported Team demo (v2) as ")
    assert (data_dir / "playbooks" / "team-demo.toml").read_text(encoding="utf-8") == TEAM
    code, _, err = cli(capsys, "playbook", "import", str(good))
    assert code == 1 and "Use --replace to replace it" in err
    good.write_text(TEAM.replace('"2"', '"3"'), encoding="utf-8")
    code, out, _ = cli(capsys, "playbook", "import", "--replace", str(good))
    assert code == 0 and "(replacing version 2)" in out


def test_export_writes_a_file_or_standard_output(capsys, tmp_path: Path, data_dir: Path, playbook):
    target = tmp_path / "out" / "eight.toml"
    # A folder that does not exist is an error (a typo), not made on the way.
    code, _, err = cli(capsys, "playbook", "export", "Eight-step sales call", "-o", str(target))
    assert code == 1 and "could not write" in err and not target.parent.exists()
    target.parent.mkdir()
    code, out, _ = cli(capsys, "playbook", "export", "Eight-step sales call", "-o", str(target))
    assert code == 0 and out == f"Exported Eight-step sales call (v2.0) to {target}\n"
    assert load_playbook(target) == playbook
    assert target.read_text(encoding="utf-8").startswith("# SalesDesk playbook: the eight-step call.")  # comments kept
    # Export, edit, import: the team's round trip.
    text = target.read_text(encoding="utf-8").replace('version = "2.0"', 'version = "2.1"')
    target.write_text(text, encoding="utf-8")
    assert cli(capsys, "playbook", "import", str(target))[0] == 0
    code, out, _ = cli(capsys, "playbook", "export", "eight-step sales call")
    assert code == 0 and 'version = "2.1"' in out


@pytest.mark.parametrize("args", [["playbook"], ["playbook", "frobnicate"], ["playbook", "show"]])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path):
    result = run_cli("--data-dir", str(tmp_path), *args)
    assert result.returncode == 2
    assert "usage: salesdesk playbook" in result.stderr


def test_show_into_a_closed_pipe_is_quiet(tmp_path: Path):
    import subprocess
    import sys

    result = subprocess.run(
        f"{sys.executable} -m salesdesk --data-dir {tmp_path} playbook show 'Eight-step sales call' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == "Eight-step sales call, version 2.0 (language: en)\n"
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_validate_refuses_numbers_past_their_bounds(capsys, tmp_path: Path, data_dir: Path):
    huge = tmp_path / "huge.toml"
    huge.write_text(TEAM.replace('version = "2"', "version = 1e300") + "minutes = 99999999999999999999\n")
    code, out, err = cli(capsys, "playbook", "validate", str(huge))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{huge}:2: version: must be a number from 0 to 1,000,000,000, or text, not 1e+300",
        f"{huge}:7: stages[0].minutes: must be a whole number of minutes from 1 to 600, not 99999999999999999999",
        "salesdesk: 1 of 1 file(s) have problems",
    ]
