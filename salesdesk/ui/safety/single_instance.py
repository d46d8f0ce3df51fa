"""One SalesDesk per data folder: a second start brings the running window to the front.

Two writers on one database would fight over it (and over the rep's attention), so the
first instance holds an OS lock for its whole life: ``flock`` on the data folder itself
(POSIX), or ``msvcrt.locking`` on ``salesdesk.lock`` (Windows). The kernel drops the lock
when the process ends, however it ends (SIGKILL, a crash), so a copy that crashed never
blocks the next start; taking it creates, removes and writes nothing, so it works on a full
disk and in a read-only folder; and a process id reused by another program means nothing.
``salesdesk.lock`` records the holder's process id, for messages only (when it can be
written). The holder also listens on a QLocalServer (user-only access); a second start
finds the lock taken, asks the holder to show its window, and exits.

Only the lock is on the path to the first paint (a system call, one small file); QtNetwork
is imported after it, when the server starts listening.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

LOCK_FILENAME = "salesdesk.lock"
ACTIVATE = b"activate\n"
ACK = b"ok\n"
#: How long a second start keeps trying to reach the first (which may itself be starting).
CONNECT_PATIENCE_S = 5.0
# Windows locks a byte range, and other processes cannot read a locked range: the byte
# locked lies far past the process id written at the start of the file.
_WINDOWS_LOCK_OFFSET = 1 << 20


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


def server_name(data_dir: Path) -> str:
    """A name for the local socket, the same for every start on one data folder."""
    import getpass
    import hashlib

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (some containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    key = f"{user}\0{Path(data_dir).resolve()}"
    return f"salesdesk-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}"


class FolderLock:
    """The exclusive OS lock on a data folder, held from ``acquire()`` to ``release()`` or
    the end of the process."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self._fd: int | None = None

    def try_lock(self) -> bool | None:
        """Take the lock. True: taken. False: another process holds it. None: nothing here
        can be locked (the folder does not exist, or its file system offers no locks)."""
        if self._fd is not None:
            return True
        fd, taken = _lock_windows(self.data_dir) if os.name == "nt" else _lock_posix(self.data_dir)
        self._fd = fd
        return taken

    def acquire(self) -> bool | None:
        """try_lock, then record our process id in the lock file."""
        taken = self.try_lock()
        if taken:
            _record_pid(self.data_dir, self._fd)
        return taken

    def unlock(self) -> None:
        if self._fd is None:
            return
        if os.name == "nt":
            import msvcrt

            with contextlib.suppress(OSError):
                os.lseek(self._fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
        os.close(self._fd)  # on POSIX, closing the one descriptor drops the flock
        self._fd = None

    def release(self) -> None:
        """Unlock and remove the lock file (before the lock goes: the next holder writes its own)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            lock_path(self.data_dir).unlink()
        self.unlock()


def _lock_posix(data_dir: Path) -> tuple[int | None, bool | None]:
    """flock on the folder (no file to create: works read-only and on a full disk); where the
    file system refuses that (some network file systems), on the lock file."""
    import fcntl

    def attempt(fd: int) -> bool | None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:
            return None
        return True

    with contextlib.suppress(OSError):
        fd = os.open(data_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        taken = attempt(fd)
        if taken:
            return fd, True
        os.close(fd)
        if taken is False:
            return None, False
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        with contextlib.suppress(OSError):
            fd = os.open(lock_path(data_dir), flags, 0o600)
            taken = attempt(fd)
            if taken:
                return fd, True
            os.close(fd)
            return None, taken
    return None, None


def _lock_windows(data_dir: Path) -> tuple[int | None, bool | None]:
    import msvcrt

    try:
        fd = os.open(lock_path(data_dir), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None, None
    try:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        os.close(fd)
        return None, False
    return fd, True


def _record_pid(data_dir: Path, locked_fd: int | None) -> None:
    """Write our process id into the lock file, for messages (best effort: a full disk or a
    read-only folder leaves whatever was there, and the lock holds all the same)."""
    text = f"{os.getpid()}\n".encode()
    try:
        if os.name == "nt" and locked_fd is not None:
            os.lseek(locked_fd, 0, os.SEEK_SET)
            os.write(locked_fd, text)
            os.ftruncate(locked_fd, len(text))
            return
        fd = os.open(lock_path(data_dir), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, text)
        finally:
            os.close(fd)
    except OSError as exc:
        log.info("could not record the process id in %s: %s", lock_path(data_dir), exc)


def _recorded_pid(data_dir: Path) -> int:
    """The process id the lock holder wrote (-1 when it could not write one)."""
    try:
        first = lock_path(data_dir).read_text(encoding="ascii", errors="replace").split("\n", 1)[0]
    except OSError:
        return -1
    return int(first) if first.strip().isdigit() else -1


def running_instance(data_dir: Path) -> int | None:
    """The process id of a SalesDesk holding ``data_dir`` (None: none is running; -1: one
    is, its process id unknown)."""
    lock = FolderLock(data_dir)
    taken = lock.try_lock()
    if taken:
        lock.unlock()  # taken only to look: the lock file is left as it is
    if taken is not False:
        return None
    return _recorded_pid(data_dir)


class SingleInstance(QObject):
    """The lock and the activation server of the running SalesDesk."""

    activationRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._lock = FolderLock(self.data_dir)
        self._server = None
        #: Why the lock could not be taken when nobody else holds it ("" otherwise).
        self.lock_problem = ""

    def acquire(self) -> bool:
        """True: this is the only SalesDesk on the folder (or the folder cannot hold a lock,
        in which case nothing can write there anyway). False: another one holds it."""
        taken = self._lock.acquire()
        if taken:
            from salesdesk.core.files import tighten

            with contextlib.suppress(OSError):
                tighten(lock_path(self.data_dir))  # an older lock file may have the usual permissions
        if taken is False:
            return False
        if taken is None:
            self.lock_problem = f"cannot lock {self.data_dir}"
            log.warning("single-instance lock not available: %s", self.lock_problem)
        return True

    def listen(self) -> None:
        """Start answering other starts (called after the first paint)."""
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.data_dir)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file left by a crash; we hold the lock
        if not server.listen(name):
            log.warning("cannot listen for other starts on %s: %s", name, server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def _accept(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            socket.write(ACK)
            socket.flush()
            self.activationRequested.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()


def activate_running(data_dir: Path, patience_s: float = CONNECT_PATIENCE_S) -> bool:
    """Ask the SalesDesk that holds ``data_dir`` to show its window. True once it said so."""
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(data_dir)
    deadline = time.monotonic() + patience_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            socket.write(ACTIVATE)
            socket.waitForBytesWritten(1000)
            answered = socket.waitForReadyRead(2000) and bytes(socket.readAll().data()).startswith(ACK.strip())
            socket.disconnectFromServer()
            if answered:
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)  # the other one may still be starting: its server listens after its first paint
