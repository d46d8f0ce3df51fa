"""The one writer of whole files (core.files.write_atomically): user-only, on the disk before
it counts as written (the file and the rename in its folder), and an error that names the
file the rep asked for."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from salesdesk.core import files
from salesdesk.core.files import write_atomically, write_problem

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and folder fsync")


@posix_only
def test_a_written_file_is_user_only_and_a_shared_one_follows_the_umask(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "export.json", b"{}")
        write_atomically(tmp_path / "playbook.toml", b"x", shared=True)
        write_atomically(tmp_path / "new" / "deeper" / "mine.toml", b"y", make_folder=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "export.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "playbook.toml").stat().st_mode) == 0o644
    assert [stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "new", tmp_path / "new" / "deeper")] == [0o700, 0o700]
    assert (tmp_path / "new" / "deeper" / "mine.toml").read_bytes() == b"y"


@posix_only
def test_the_file_and_then_its_folder_reach_the_disk(tmp_path: Path, monkeypatch):
    """Every writer flushes the file before the rename and the folder after it, so a power
    cut leaves the old file or the new one (the playbook writer did; the export one did not)."""
    synced: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        target = Path(os.readlink(f"/proc/self/fd/{fd}")) if Path("/proc/self/fd").exists() else None
        synced.append("folder" if target is not None and target.is_dir() else "file")
        real_fsync(fd)

    def replace(source, target) -> None:
        synced.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomically(tmp_path / "calls.csv", b"a,b\n")
    if not Path("/proc/self/fd").exists():
        assert synced == ["file", "rename", "file"]  # which descriptor was which cannot be told
    else:
        assert synced == ["file", "rename", "folder"]
    assert (tmp_path / "calls.csv").read_bytes() == b"a,b\n"


def test_an_error_names_the_target_and_leaves_nothing(tmp_path: Path, monkeypatch):
    (tmp_path / "calls.md").write_bytes(b"old")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OSError) as caught:
        write_atomically(tmp_path / "calls.md", b"new")
    assert caught.value.filename == str(tmp_path / "calls.md")
    expected = f"cannot write {tmp_path / 'calls.md'}: No space left on device"
    assert write_problem(tmp_path / "calls.md", caught.value) == expected
    assert [p.name for p in tmp_path.iterdir()] == ["calls.md"]
    assert (tmp_path / "calls.md").read_bytes() == b"old"


def test_a_missing_folder_is_not_made_unless_asked(tmp_path: Path):
    with pytest.raises(FileNotFoundError) as caught:
        write_atomically(tmp_path / "typo" / "calls.md", b"x")
    assert caught.value.filename == str(tmp_path / "typo" / "calls.md")
    assert not (tmp_path / "typo").exists()
    assert files.is_temp_name(files.temp_path(tmp_path / "calls.md").name)
