"""Files the rep names, read safely; files SalesDesk writes, written so that an interruption
leaves nothing that matters, and only for the user. Standard library only, and cheap to
import (it is on the path to the first paint).

Reading. A size limit checked with ``stat`` alone is no limit: ``/dev/zero`` and other
devices report size 0 and never end, a named pipe (FIFO) blocks the reader until something
writes to it, forever if nothing does. So only regular files are read: the kind is checked
before opening, the file is opened without blocking (O_NONBLOCK: opening a FIFO would wait
for a writer), checked again on the open descriptor (the path may have been swapped between
the two), and read with a cap, so a file that grows while it is read is refused too.

Writing. A file SalesDesk writes whole (an export, a playbook, a text copy of a call, the
copy a backup or a restore makes) goes to a temporary file beside its target first and is
then renamed over it in one step, so a reader sees the old file or the new one. A process
killed in between leaves the temporary file behind; the next start removes such leftovers
(storage.tidy). It must not remove one that a running process is still writing, so the
writer holds an OS lock on the file for as long as it works on it: ``flock`` on POSIX (the
lock dies with the process, however it ends); on Windows an open file cannot be deleted at
all, which protects it the same way.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

_CHUNK = 1 << 20


class FileRefusedError(Exception):
    """The file is not one SalesDesk reads. ``reason`` completes "<file> ..." for the rep;
    ``size`` is set (in bytes, at least) when the file is larger than the limit."""

    def __init__(self, reason: str, size: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.size = size


def not_a_file(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read (None: it is a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def check_regular(path: str | Path) -> int:
    """The size of ``path`` if it is a regular file (a symbolic link counts as what it
    points to); else FileRefusedError. OSError (missing, no permission) passes through."""
    info = os.stat(path)
    reason = not_a_file(info.st_mode)
    if reason is not None:
        raise FileRefusedError(reason)
    return info.st_size


def read_capped(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises FileRefusedError (not a regular file, or larger than ``limit``: ``size`` says
    how large) or OSError (cannot open or read)."""
    size = check_regular(path)
    if size > limit:
        raise FileRefusedError(f"is larger than {limit:,} bytes", size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        reason = not_a_file(info.st_mode)
        if reason is not None:  # swapped for something else after the first look
            raise FileRefusedError(reason)
        if info.st_size > limit:
            raise FileRefusedError(f"is larger than {limit:,} bytes", info.st_size)
        data = read_up_to(fd, limit + 1)
        if len(data) > limit:  # it grew while being read
            raise FileRefusedError(f"is larger than {limit:,} bytes", len(data))
        return data
    finally:
        os.close(fd)


def read_up_to(fd: int, count: int) -> bytes:
    """At most ``count`` bytes from the open file ``fd``, to its end."""
    chunks: list[bytes] = []
    total = 0
    while total < count:
        chunk = os.read(fd, min(_CHUNK, count - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def file_problem(path: str | Path) -> str | None:
    """Why ``path`` is not a file SalesDesk reads, as a phrase naming it ("no such file: x",
    "x is a folder, not a file"); None when it is a regular file."""
    try:
        check_regular(path)
    except FileRefusedError as exc:
        return f"{path} {exc.reason}"
    except FileNotFoundError:
        return f"no such file: {path}"
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    return None


# ----------------------------------------------------------------------------- writing

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
#: Ends the name of every temporary file SalesDesk makes, so it can tell its own apart from
#: anything else in a folder (an export folder is the rep's, full of other programs' files).
TEMP_SUFFIX = ".salesdesk-tmp"
_TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + "$")


def temp_path(target: Path) -> Path:
    """A new hidden name beside ``target`` for the file that will replace it."""
    target = Path(target)
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    return bool(_TEMP_NAME.match(name))


def _lock(fd: int) -> None:
    if os.name == "posix":
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


#: Files this process is writing under claimed_new_file. The cleaner skips them without
#: opening them: SQLite may have one open too, and on POSIX closing any descriptor of a file
#: drops every lock the process holds on it, SQLite's own included.
_claimed: set[str] = set()
_claimed_guard = threading.Lock()


class Claim:
    """A new file this process is writing: ``fd`` is open on it and holds its lock."""

    def __init__(self, fd: int):
        self.fd = fd

    def replace(self, source: Path, target: Path) -> None:
        """Rename the claimed file ``source`` to ``target`` in one step (the lock goes with it
        on POSIX; Windows cannot rename a file that is open, so it is closed first)."""
        if os.name != "posix":
            self.close()
        os.replace(source, target)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


@contextlib.contextmanager
def claimed_new_file(path: Path, mode: int = PRIVATE_FILE_MODE) -> Iterator[Claim]:
    """Create ``path`` (FileExistsError if it exists) with ``mode`` (the umask applies) and
    hold its lock while the block runs."""
    key = os.path.abspath(path)
    with _claimed_guard:
        _claimed.add(key)
    try:
        claim = Claim(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode))
        try:
            _lock(claim.fd)
            yield claim
        finally:
            claim.close()
    finally:
        with _claimed_guard:
            _claimed.discard(key)


def _claimed_here(path: Path) -> bool:
    with _claimed_guard:
        return os.path.abspath(path) in _claimed


def write_atomically(path: str | Path, data: bytes, *, shared: bool = False, make_folder: bool = False) -> None:
    """The one writer of a whole file SalesDesk writes for the rep: afterwards ``path`` is
    either the old file or the complete new one, never half, even after a power cut.

    The bytes go to a hidden temporary file beside ``path`` (core.files' lock on it), are
    flushed to the disk, replace ``path`` in one rename, and the folder is flushed too so
    the rename itself survives. The file is readable by the user only (0600), unless
    ``shared``: a file made to be handed on (an exported playbook) gets the usual
    permissions (the umask applies). ``make_folder``: create missing folders (user-only
    unless ``shared``); a path the rep typed on the command line is not given one, so a
    typo fails instead of building a folder tree. Raises OSError naming ``path`` (folder missing or
    read-only, disk full: ``write_problem`` words it) with nothing left behind."""
    path = Path(path)
    try:
        if make_folder and shared:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif make_folder:
            make_private_dir(path.parent)
        temp = temp_path(path)
        with claimed_new_file(temp, 0o666 if shared else PRIVATE_FILE_MODE) as claim:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(claim.fd, view) :]
                os.fsync(claim.fd)
                claim.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    temp.unlink()
                raise
        _sync_folder(path.parent)
    except OSError as exc:
        if exc.filename == str(path):
            raise
        # The temporary file's name means nothing to the rep: the error names the target.
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc


def write_problem(path: str | Path, exc: OSError) -> str:
    """What ``write_atomically`` raised, for the rep: "cannot write <path>: <why>"."""
    return f"cannot write {path}: {exc.strerror or exc}"


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to the disk (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder the user may write but not list: the file itself is on the disk
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: A file this young and still empty may have been created a moment ago by a writer that has
#: not taken its lock yet (creating a file and locking it are two steps): it counts as in use.
JUST_CREATED_S = 60


def _just_created(info: os.stat_result) -> bool:
    import time

    return info.st_size == 0 and time.time() - info.st_mtime < JUST_CREATED_S


def in_use(path: Path) -> bool:
    """True while a running process holds the lock of ``path`` (see claimed_new_file)."""
    if _claimed_here(path):
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        return _held(fd)
    finally:
        os.close(fd)


def _held(fd: int) -> bool:
    """Someone else writes the file open as ``fd``; if not, ``fd`` now holds its lock (POSIX)."""
    if _just_created(os.fstat(fd)):
        return True
    if os.name != "posix":
        return False  # Windows: an open file refuses to be deleted, which is the protection
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    return False


def remove_if_abandoned(path: Path) -> bool:
    """Delete the leftover ``path`` unless a running process is still writing it (holds its
    lock). True when it is gone. Raises OSError when it cannot be deleted."""
    path = Path(path)
    if _claimed_here(path):
        return False
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if _held(fd):
            return False
        if os.name != "posix":
            os.close(fd)
            fd = -1
            try:
                path.unlink()
            except PermissionError:
                return False  # open in another process
            return True
        path.unlink()  # under the lock: a writer that still had it would have kept us out
        return True
    finally:
        if fd >= 0:
            os.close(fd)


def create_private_file(path: Path) -> bool:
    """Create an empty file only the user can read (SQLite then creates its -wal and -shm
    with the same permissions). Returns False when the file already existed."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing folder above it readable by the user only (POSIX);
    an existing one is left as it is (start-up tightens the data folder: storage.tidy)."""
    folder = Path(folder)
    missing = []
    above = folder
    while not above.exists() and above != above.parent:
        missing.append(above)
        above = above.parent
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        for created in missing:
            os.chmod(created, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask


def tighten(path: Path) -> int | None:
    """Take away group and other permissions from a file or folder we own (POSIX): returns
    the mode it had when it changed it, None when it was already private. Symbolic links
    are left alone. Raises OSError when it cannot be changed."""
    if os.name != "posix":
        return None
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not info.st_mode & 0o077:
        return None
    old = stat.S_IMODE(info.st_mode)
    os.chmod(path, old & 0o700)
    return old
