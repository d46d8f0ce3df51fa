"""Real processes: one instance per data folder, stale locks, SIGTERM, SIGKILL, no network."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import sqlite3
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from salesdesk.storage.paths import database_path
from salesdesk.ui.safety.single_instance import running_instance
from tests.helpers.processes import CHILD, REPO, App, salesdesk
from tests.tools import tool

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and file modes are POSIX")


@posix_only
def test_a_second_start_brings_the_first_forward_and_a_killed_one_does_not_block(tmp_path: Path):
    data_dir = tmp_path / "data"
    first = App(data_dir)
    try:
        first.wait_for("shown")
        second = salesdesk("--data-dir", str(data_dir), timeout=30)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr and "brought its window to the front" in second.stderr
        first.wait_for("activated 1")
        # While it runs, restore refuses: it would pull the database from under it.
        refused = salesdesk("--data-dir", str(data_dir), "restore", "--latest")
        assert refused.returncode == 1 and f"running on this data folder (process {first.process.pid})" in (
            refused.stderr
        )
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        assert (data_dir / "salesdesk.lock").exists()  # left behind by the crash
        third = App(data_dir)
        try:
            third.wait_for("shown")  # the stale lock did not stop it
            assert salesdesk("--data-dir", str(data_dir), timeout=30).returncode == 0
            third.wait_for("activated 1")
        finally:
            third.stop()
    finally:
        first.stop()


def crash_during_a_call(data_dir: Path, **options) -> None:
    """A SalesDesk that started a call and was killed (SIGKILL) with it open."""
    app = App(data_dir, "type", **options)
    try:
        app.wait_for("typed")
        app.wait_for("opened")
    finally:
        app.process.send_signal(signal.SIGKILL)
        app.stop()
    assert (data_dir / "salesdesk.lock").exists()  # left behind by the crash


def note_texts(data_dir: Path) -> list[str]:
    con = sqlite3.connect(f"{database_path(data_dir).as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("select text from note")]
    finally:
        con.close()


@posix_only
def test_a_stale_lock_naming_a_live_python_process_does_not_block(tmp_path: Path):
    """The process id in a crashed copy's lock was reused by another Python program."""
    data_dir = tmp_path / "data"
    crash_during_a_call(data_dir)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        lock = data_dir / "salesdesk.lock"
        lock.write_text(f"{other.pid}\npython3.11\n{os.uname().nodename}\n")
        app = App(data_dir, "resume")
        try:
            app.wait_for("typed")  # started, resumed the call, and saved
        finally:
            app.stop()
        assert any(text.endswith(" and after the restart") for text in note_texts(data_dir))
        assert running_instance(data_dir) is None  # what restore and doctor ask
    finally:
        other.kill()
        other.wait()


def need_root(what: str) -> None:
    """Skip a test that needs root (to mount, to drop the power to ignore permissions).
    CI runs as root, so there it always runs."""
    if os.geteuid() != 0:
        pytest.skip(f"{what} needs root")


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 600 kB file system (tmpfs), unmounted afterwards."""
    need_root("mounting a tiny disk")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount_point)],
        check=False,
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs as root: {mounted.stderr}")
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_up(folder: Path) -> None:
    for name, size in (("filler", 4096), ("filler-small", 512)):  # then the last partial block
        with (folder / name).open("wb", buffering=0) as filler, suppress(OSError):
            while True:
                filler.write(b"\0" * size)


@posix_only
def test_after_a_crash_a_full_disk_does_not_stop_the_next_start(tiny_disk: Path):
    data_dir = tiny_disk / "data"
    crash_during_a_call(data_dir)
    fill_up(tiny_disk)
    app = App(data_dir, "resume")
    try:
        app.wait_for("typed")
        banner = app.wait_for_start("banner Not saved yet")
        assert "The disk is full" in banner and "Retrying" in banner
    finally:
        app.stop()


@posix_only
def test_after_a_crash_a_read_only_folder_does_not_stop_the_next_start(tmp_path: Path):
    data_dir = tmp_path / "data"
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        # Root ignores file permissions; without these two capabilities it obeys them.
        setpriv = tool("setpriv", "util-linux")
        drop = "-dac_override,-dac_read_search"
        prefix = (setpriv, "--bounding-set", drop, "--inh-caps", drop, "--")
    crash_during_a_call(data_dir, prefix=prefix)
    data_dir.chmod(0o500)
    try:
        app = App(data_dir, "resume", prefix=prefix)
        try:
            app.wait_for("typed")
        finally:
            app.stop()
        # The database and its -wal and -shm are still writable, only the folder is not:
        # SQLite saves, so there is nothing to warn about.
        assert any(text.endswith(" and after the restart") for text in note_texts(data_dir))
    finally:
        data_dir.chmod(0o700)


@posix_only
def test_sigterm_quits_cleanly_saving_the_note_being_typed_and_the_window(tmp_path: Path):
    data_dir = tmp_path / "data"
    app = App(data_dir, "type")
    app.wait_for("typed")
    app.process.send_signal(signal.SIGTERM)  # well within the 500 ms before the note is saved
    status = app.process.wait(timeout=30)
    errors = app.stop()
    assert status == 0, errors
    con = sqlite3.connect(database_path(data_dir))
    assert con.execute("select text, draft from note").fetchall() == [("Typed just before the signal", 1)]
    con.close()
    settings = (data_dir / "settings.ini").read_text()
    assert "geometry=" in settings
    assert not (data_dir / "salesdesk.lock").exists()  # released on the way out


@posix_only
def test_the_app_makes_no_network_connection(tmp_path: Path):
    """A whole call (start, tick, answer, notes, end, quit) with an audit hook on Python's
    sockets, and strace every socket the process (Qt included) opens."""
    data_dir = tmp_path / "data"
    audit = tmp_path / "audit.log"
    audit.touch()
    command = [sys.executable, str(CHILD), str(data_dir), "call"]
    trace = tmp_path / "strace.log"
    strace = tool("strace", "strace")
    command = [strace, "-f", "-qq", "-e", "trace=socket,connect,sendto", "-o", str(trace), *command]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "SALESDESK_TEST_AUDIT": str(audit)},
    )
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout.split()
    con = sqlite3.connect(database_path(data_dir))
    assert con.execute("select outcome from call").fetchall() == [("Won",)]  # the call really happened
    con.close()
    events = audit.read_text().splitlines()
    network = [e for e in events if "AF_INET" in e or re.search(r"socket\.(getaddrinfo|gethostbyname|connect)", e)]
    assert network == [], network
    calls = trace.read_text().splitlines()
    # The trace saw the process's own sockets (the single-instance server is AF_UNIX)...
    assert any("socket(AF_UNIX" in line for line in calls), calls
    # ...and no Internet socket at all, from Python or from Qt.
    inet = [line for line in calls if "AF_INET" in line]  # AF_INET and AF_INET6
    assert inet == [], inet


@posix_only
def test_files_are_created_readable_by_the_user_only(tmp_path: Path):
    data_dir = tmp_path / "data"
    app = App(data_dir, "call")
    app.wait_for("done")
    status = app.process.wait(timeout=30)
    errors = app.stop()
    assert status == 0, errors
    assert os.stat(data_dir).st_mode & 0o777 == 0o700
    files = [database_path(data_dir), *(data_dir / "backups").iterdir()]
    assert len(files) == 2  # the database and the first daily backup
    for path in files:
        assert os.stat(path).st_mode & 0o777 == 0o600, path
    assert os.stat(data_dir / "backups").st_mode & 0o777 == 0o700


@posix_only
@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_but_the_last_moment_of_typing():
    """50 real kills (bench/durability.py): every tick, answer, stage change, added note and
    ended call survives; the note being typed loses at most the last second."""
    spec = importlib.util.spec_from_file_location("durability", REPO / "bench" / "durability.py")
    durability = importlib.util.module_from_spec(spec)
    sys.modules["durability"] = durability  # dataclasses look their module up there
    spec.loader.exec_module(durability)
    tally = durability.run(kills=50, seed=7, progress=None)
    assert tally.kills == 50
    assert tally.items_written > 500, tally.by_kind
    assert all(tally.by_kind.get(kind, 0) > 0 for kind in ("ticks", "answer keystrokes", "stage changes"))
    assert tally.items_lost == 0, tally.lost
    # While the app runs it never holds typing back for more than a second...
    assert max(tally.notes_lost_active_ms, default=0) <= 1000, sorted(tally.notes_lost_active_ms)[-5:]
    # ...and counted up to the kill (so including time a busy CI machine gave the child no
    # CPU at all), nearly always under a second too.
    lags = tally.notes_lost_ms
    assert sum(lag <= 1000 for lag in lags) >= 0.9 * len(lags), sorted(lags)[-5:]
