"""Files the rep names that are not files: ``/dev/zero`` (never ends, reports size 0), a
named pipe (blocks whoever opens it until something writes), a folder, a symbolic link to
``/dev/zero``. Every command that reads a file the rep names refuses them at once, with a
message saying what they are, and never reads one (so no size limit can be bypassed).
The sidebar's side is in tests/ui/test_not_regular_files.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from salesdesk.core.calls_file import CallsFileError, read_calls_file
from salesdesk.core.files import FileRefusedError, read_capped
from salesdesk.core.playbook import PlaybookError
from salesdesk.core.playbook_check import load_playbook
from tests.helpers.special_files import SAID, special_file

pytestmark = pytest.mark.skipif(os.name != "posix" or not Path("/dev/zero").exists(), reason="needs /dev/zero")


def _limit_memory() -> None:
    """A child that reads /dev/zero to the end must fail the test, not take the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def salesdesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The command, killed after 30 s: a reader stuck on a pipe fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        preexec_fn=_limit_memory,
    )


@pytest.fixture(params=list(SAID))
def special(request, tmp_path: Path) -> tuple[str, Path]:
    return request.param, special_file(tmp_path, request.param)


def test_the_shared_reader_refuses_what_is_not_a_regular_file(special):
    kind, path = special
    with pytest.raises(FileRefusedError, match=re.escape(SAID[kind])):
        read_capped(path, 1024)
    with pytest.raises(PlaybookError, match=re.escape(SAID[kind])):
        load_playbook(path)
    with pytest.raises(CallsFileError, match=re.escape(SAID[kind])):
        read_calls_file(path)


def test_the_shared_reader_reads_a_file_and_refuses_one_over_the_cap(tmp_path: Path):
    path = tmp_path / "ten.txt"
    path.write_bytes(b"0123456789")
    assert read_capped(path, 10) == b"0123456789"
    with pytest.raises(FileRefusedError) as caught:
        read_capped(path, 9)
    assert caught.value.size == 10
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert read_capped(link, 10) == b"0123456789"  # a link to a file is that file


@pytest.mark.parametrize(
    "command",
    [
        ["playbook", "validate", "{}"],
        ["playbook", "import", "{}"],
        ["import", "{}"],
        ["restore", "{}"],
        ["--playbook", "{}", "gui"],
        ["--playbook", "{}", "self-check"],
    ],
)
def test_every_command_refuses_it_at_once(data_dir: Path, special, command: list[str]):
    kind, path = special
    result = salesdesk(data_dir, *[str(path) if part == "{}" else part for part in command])
    assert result.returncode in {1, 2}, result.stderr
    assert f"{path}" in result.stderr and SAID[kind] in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "playbooks").exists() or not list((data_dir / "playbooks").iterdir())
