"""The data folder as a whole, with real processes: what a killed run leaves is removed at
the next start (and doctor reports it), and everything in the folder is the user's only."""

from __future__ import annotations

import configparser  # noqa: F401  (loaded for tests.tools.as_user, whose user may not read the stdlib)
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from salesdesk.core.call import Contact
from salesdesk.core.files import temp_path
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.paths import backups_dir, database_path
from salesdesk.storage.tidy import Tidied, make_private, tidy
from tests.helpers.processes import REPO, App, salesdesk
from tests.tools import as_user, give_to_user

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals, locks and file modes are POSIX here")
pytestmark = posix_only


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def wait_until(condition, timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.02)


@pytest.fixture
def big(data_dir: Path, playbook) -> Path:
    """A data folder whose database is large enough (120 MB) that a backup takes a moment."""
    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), playbook)
    close_db()
    con = sqlite3.connect(database_path(data_dir))
    con.execute("CREATE TABLE ballast (data BLOB)")
    con.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120) "
        "INSERT INTO ballast SELECT randomblob(1024 * 1024) FROM n"
    )
    con.commit()
    con.close()
    return data_dir


def kill_backup_mid_copy(data_dir: Path) -> Path:
    """Run `salesdesk backup` and SIGKILL it while it writes its copy; returns the copy left."""
    for _attempt in range(5):
        process = subprocess.Popen(
            [sys.executable, "-m", "salesdesk", "--data-dir", str(data_dir), "backup"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        partial = None
        while process.poll() is None and partial is None:
            partial = next(backups_dir(data_dir).glob(".partial-*.sqlite3"), None)
            if partial is None:
                time.sleep(0.002)
            elif partial.stat().st_size == 0:
                partial = None  # created, not written yet: wait for the copy to be under way
        process.send_signal(signal.SIGKILL)
        process.wait()
        if partial is not None and partial.exists():
            return partial
        for finished in backups_dir(data_dir).glob("salesdesk-*.sqlite3"):
            finished.unlink()  # it finished before the kill: try again
    raise AssertionError("the backup never got killed while it was copying")


def test_a_backup_killed_mid_copy_is_removed_at_the_next_start_and_reported_by_doctor(big: Path):
    partial = kill_backup_mid_copy(big)
    assert partial.stat().st_size > 0
    assert list(backups_dir(big).glob("salesdesk-*.sqlite3")) == []  # it never counted as a backup
    app = App(big)
    try:
        app.wait_for("shown")
        wait_until(lambda: not partial.exists(), what=f"{partial.name} to be removed")
        app.process.send_signal(signal.SIGTERM)  # quits once its own daily backup is done
        assert app.process.wait(timeout=60) == 0
    finally:
        app.stop()
    for path in backups_dir(big).iterdir():  # the daily backup the start made is whole and good
        assert not path.name.startswith("."), path
    partial = kill_backup_mid_copy(big)
    result = salesdesk("--data-dir", str(big), "doctor")
    assert "removed what interrupted runs had left: " in result.stdout, result.stdout
    assert f"{partial} (an interrupted backup, " in result.stdout, result.stdout
    assert not partial.exists()


HOLDER = """
import sys, time
from pathlib import Path
from salesdesk.core.files import claimed_new_file
with claimed_new_file(Path(sys.argv[1])) as claim:
    import os
    os.write(claim.fd, b"half of something")
    print("holding", flush=True)
    time.sleep(120)
"""


def hold(path: Path) -> subprocess.Popen:
    """Another process writing ``path`` as SalesDesk writes a copy (claimed, locked)."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "holding"
    return process


def test_a_copy_still_being_written_is_not_a_leftover_until_its_writer_dies(data_dir: Path):
    """A backup made by `salesdesk backup` in another process while the sidebar starts: its
    copy must survive the start's tidying; once that process is killed, it is a leftover."""
    backups_dir(data_dir).mkdir(parents=True)
    partial = backups_dir(data_dir) / ".partial-salesdesk-20240101T000000.000000Z-manual.sqlite3"
    staged = data_dir / ".restoring-salesdesk.sqlite3"
    writers = [hold(partial), hold(staged)]
    try:
        assert tidy(data_dir).removed == []
        assert partial.exists() and staged.exists()
    finally:
        for writer in writers:
            writer.kill()
            writer.wait()
            writer.stdout.close()
    removed = tidy(data_dir).removed
    assert sorted(r.path for r in removed) == sorted([partial, staged])
    assert {r.what for r in removed} == {"an interrupted backup", "an interrupted restore"}
    assert not partial.exists() and not staged.exists()


def test_tidying_while_this_process_makes_a_backup_never_touches_the_backup(big: Path):
    """Start-up tidies on one worker thread while the daily backup copies on another: the
    copy and its rollback journal must not be deleted, nor even opened (closing a descriptor
    would drop SQLite's locks on them), or SQLite fails with a disk I/O error."""
    import threading

    from salesdesk.storage.backup import list_backups, make_backup

    outcome: list[object] = []

    def back_up() -> None:
        try:
            outcome.append(make_backup(big, "daily"))
        except Exception as exc:  # reported below
            outcome.append(exc)

    worker = threading.Thread(target=back_up)
    worker.start()
    rounds = 0
    while worker.is_alive():
        assert tidy(big).removed == []
        rounds += 1
    worker.join()
    assert rounds > 1 and not isinstance(outcome[0], Exception), outcome
    assert [b.path for b in list_backups(big)] == [outcome[0].path]


RESCUE_WITH_A_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from salesdesk.storage import CallStore, init_db
from salesdesk.ui.safety.feature import write_rescue_file

data_dir = Path(sys.argv[1])
init_db(data_dir)
call = CallStore().load_call(CallStore().open_call_id())
# From here on no file can grow past 64 bytes: every write of the text copy fails as on a
# full disk (EFBIG instead of ENOSPC, both an OSError).
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
print(write_rescue_file(call, data_dir, "typed while the disk was full"))
"""


def test_a_text_copy_that_cannot_be_written_leaves_no_empty_file(data_dir: Path, tmp_path: Path, playbook):
    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), playbook)
    close_db()
    home, temp = tmp_path / "home", tmp_path / "temp"
    home.mkdir(exist_ok=True)
    temp.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", RESCUE_WITH_A_FULL_DISK, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "HOME": str(home), "TMPDIR": str(temp)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"  # nowhere to write it
    for folder in (data_dir / "unsaved", home, temp):
        assert [p.name for p in folder.iterdir()] == [], folder


def test_empty_text_copies_and_killed_saves_are_removed_at_start_real_ones_kept(data_dir: Path, tmp_path: Path):
    """An empty text copy (what an earlier version left on a full disk) and the temporary
    files of killed saves, in the data folder and in the last export folder, are removed by
    the next start; a real text copy and other programs' files are not touched."""
    init_db(data_dir)
    close_db()
    unsaved = data_dir / "unsaved"
    unsaved.mkdir()
    empty = unsaved / "salesdesk-unsaved-20240101-120000.txt"
    empty.touch()
    kept = unsaved / "salesdesk-unsaved-20240101-120500.txt"
    kept.write_text("Call with Dana\nNotes:\n  12:04  the only copy of this\n")
    exports = tmp_path / "exports"
    exports.mkdir()
    (data_dir / "settings.ini").write_text(f"[export]\nfolder={exports}\n")
    killed = [temp_path(exports / "recap.pdf"), temp_path(data_dir / "playbooks" / "team.toml")]
    killed[1].parent.mkdir()
    for path in killed:
        writer = hold(path)  # a save in progress, then the process dies
        writer.kill()
        writer.wait()
        writer.stdout.close()
    others = [exports / ".recap.pdf.abcdefgh.tmp", exports / "draft.tmp", exports / ".~lock.recap.odt#"]
    for path in others:
        path.write_text("another program's\n")
    app = App(data_dir)
    try:
        app.wait_for("shown")
        wait_until(lambda: not empty.exists() and not any(p.exists() for p in killed), what="the leftovers to go")
    finally:
        app.stop()
    assert kept.read_text() == "Call with Dana\nNotes:\n  12:04  the only copy of this\n"
    assert all(p.read_text() == "another program's\n" for p in others)


PDF_CALLS = 150


@pytest.fixture
def many_calls(data_dir: Path, playbook) -> Path:
    init_db(data_dir)
    store = CallStore()
    for number in range(PDF_CALLS):
        call = store.start_call(Contact(f"Contact {number}", "Company"), playbook)
        for note in range(8):
            store.save_note(
                call.id, None, f"Note {note} of call {number}: " + "words to fill a page " * 20, draft=False
            )
    close_db()
    return data_dir


def test_a_pdf_export_killed_while_it_renders_leaves_nothing(many_calls: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "calls.pdf"
    command = [sys.executable, "-m", "salesdesk", "--data-dir", str(many_calls), "export", "--all", "-o", str(target)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    killed_while_running = 0
    for delay in (0.6, 1.0, 1.5, 2.2, 3.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        if process.poll() is None:
            killed_while_running += 1
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert [p.name for p in out.iterdir() if p.name != target.name] == [], delay
        target.unlink(missing_ok=True)
    assert killed_while_running >= 2  # the kills came while it worked, not after


# --------------------------------------------------------------------------- permissions


def all_modes(data_dir: Path) -> dict[str, int]:
    modes = {".": mode(data_dir)}
    for root, folders, files in os.walk(data_dir):
        for name in folders + files:
            path = Path(root) / name
            modes[str(path.relative_to(data_dir))] = mode(path)
    return modes


def test_every_file_kind_in_the_data_folder_is_user_only_after_a_real_session(tmp_path: Path):
    """With the usual umask (022): a first session (a whole call), a playbook imported on
    the command line, then a session that starts with a daily backup and quits (SIGTERM)
    while the database is locked, so a text copy is written; the lock while it runs, and
    every folder and file afterwards, settings.ini rewritten by QSettings included."""
    data_dir = tmp_path / "data"
    team = tmp_path / "team.toml"
    team.write_text((REPO / "resources/playbooks/default.toml").read_text().replace('name = "', 'name = "Team ', 1))
    old_umask = os.umask(0o022)
    try:
        first = App(data_dir, "call")
        first.wait_for("done")
        assert first.process.wait(timeout=30) == 0, first.stop()
        first.stop()
        assert salesdesk("--data-dir", str(data_dir), "playbook", "import", str(team)).returncode == 0
        for backup in backups_dir(data_dir).iterdir():
            backup.unlink()  # so the next start makes a daily backup again
        second = App(data_dir, "type")
        second.wait_for("typed")
        holder = sqlite3.connect(database_path(data_dir), isolation_level=None, timeout=10)
        holder.execute("BEGIN EXCLUSIVE")  # the note cannot be written: quitting keeps a text copy
        try:
            lock = data_dir / "salesdesk.lock"
            assert lock.exists() and mode(lock) == 0o600
            # (a backup only reads: a writer's lock does not stop it in WAL mode)
            try:
                wait_until(lambda: any(backups_dir(data_dir).glob("salesdesk-*.sqlite3")), what="the daily backup")
            except AssertionError as exc:
                raise AssertionError(f"{exc}: {second.stop()}") from None
            second.process.send_signal(signal.SIGTERM)
            assert second.process.wait(timeout=30) == 0
        finally:
            holder.rollback()
            holder.close()
        second.stop()
    finally:
        os.umask(old_umask)
    modes = all_modes(data_dir)
    assert any(name.startswith("unsaved/salesdesk-unsaved-") for name in modes), modes
    assert any(name.startswith("playbooks/") for name in modes), modes
    assert "settings.ini" in modes and "backups" in modes, modes
    assert "geometry=" in (data_dir / "settings.ini").read_text()  # rewritten by QSettings at the end
    wrong = {name: f"{m:04o}" for name, m in modes.items() if m != (0o700 if (data_dir / name).is_dir() else 0o600)}
    assert wrong == {}


def loosen(data_dir: Path) -> list[Path]:
    """A data folder as an older SalesDesk (or a copy with cp -r) left it: readable by all."""
    (data_dir / "playbooks").mkdir(exist_ok=True)
    (data_dir / "playbooks" / "team.toml").write_text("# a playbook\n")
    (data_dir / "unsaved").mkdir(exist_ok=True)
    (data_dir / "unsaved" / "salesdesk-unsaved-20240101-120000.txt").write_text("notes\n")
    (data_dir / "settings.ini").write_text("[ui]\n")
    paths = [
        data_dir,
        data_dir / "settings.ini",
        data_dir / "playbooks",
        data_dir / "playbooks" / "team.toml",
        data_dir / "unsaved",
        data_dir / "unsaved" / "salesdesk-unsaved-20240101-120000.txt",
        backups_dir(data_dir),
        *backups_dir(data_dir).iterdir(),
    ]
    for path in paths:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return paths


def test_a_loose_data_folder_is_tightened_at_start_and_by_doctor(data_dir: Path, playbook):
    init_db(data_dir)
    CallStore().start_call(Contact("Dana"), playbook)
    close_db()
    assert salesdesk("--data-dir", str(data_dir), "backup").returncode == 0
    paths = loosen(data_dir)
    app = App(data_dir)
    try:
        app.wait_for("shown")
        wait_until(lambda: all(mode(p) & 0o077 == 0 for p in paths), what="the folder to be private")
    finally:
        app.stop()
    assert {str(p): mode(p) for p in paths} == {str(p): 0o700 if p.is_dir() else 0o600 for p in paths}
    loosen(data_dir)
    result = salesdesk("--data-dir", str(data_dir), "doctor")
    assert "made private (other users could read them): the data folder (was 0755), settings.ini (was 0644)" in (
        result.stdout
    )
    assert "playbooks/team.toml (was 0644)" in result.stdout
    assert all(mode(p) & 0o077 == 0 for p in paths)


def _tighten_as_user(data_dir: Path) -> Tidied:
    return make_private(data_dir)


def test_what_cannot_be_made_private_is_reported(user_dir: Path):
    """A file in the data folder that belongs to someone else (root, as after a `sudo`
    start) cannot be changed by the rep: it is reported, the rest is still tightened."""
    data_dir = user_dir / "data"
    (data_dir / "playbooks").mkdir(parents=True)
    (data_dir / "playbooks" / "mine.toml").write_text("# mine\n")
    give_to_user(user_dir)
    foreign = data_dir / "settings.ini"
    foreign.write_text("[ui]\n")  # root's, when the tests run as root
    for path in (data_dir, data_dir / "playbooks", data_dir / "playbooks" / "mine.toml", foreign):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    if os.geteuid() != 0:
        pytest.skip("needs a file owned by another user: run as root, which hands the rest to 'nobody'")
    result = as_user(_tighten_as_user, data_dir)
    assert [(p, m) for p, m, _why in result.still_open] == [(foreign, 0o644)]
    assert "Operation not permitted" in result.still_open[0][2]
    assert sorted(p for p, _m in result.tightened) == sorted(
        [data_dir, data_dir / "playbooks", data_dir / "playbooks" / "mine.toml"]
    )


def test_without_a_data_folder_the_real_app_takes_the_call_and_keeps_a_text_copy(tmp_path: Path):
    """SALESDESK_DATA_DIR under a regular file: the sidebar starts, the call starts (in
    memory), the rep types, and SIGTERM (log-out) leaves the text in the home folder."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    home = tmp_path / "home"
    home.mkdir()
    app = App(blocker / "sub", "type", env={"HOME": str(home)})
    app.wait_for("typed")
    app.process.send_signal(signal.SIGTERM)
    status = app.process.wait(timeout=30)
    errors = app.stop()
    assert status == 0, errors
    (rescue,) = home.glob("salesdesk-unsaved-*.txt")
    text = rescue.read_text(encoding="utf-8")
    assert "Call with Terry Term" in text and "Typed just before the signal" in text
    assert blocker.read_text() == "not a folder\n"
