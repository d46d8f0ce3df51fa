"""One SalesDesk per data folder: a second start brings the running window to the front.

Two writers on one database would fight over it (and over the rep's attention), so the
first instance holds a QLockFile in the data folder. Qt records the process id in it and
treats the lock as stale once that process is gone, so a crash (even SIGKILL) never blocks
the next start. The holder also listens on a QLocalServer (user-only access); a second
start finds the lock taken, asks the holder to show its window, and exits.

Only the lock is on the path to the first paint (QtCore, one small file); QtNetwork is
imported after it, when the server starts listening.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

log = logging.getLogger(__name__)

LOCK_FILENAME = "salesdesk.lock"
ACTIVATE = b"activate\n"
ACK = b"ok\n"
#: How long a second start keeps trying to reach the first (which may itself be starting).
CONNECT_PATIENCE_S = 5.0


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


def _new_lock(data_dir: Path) -> QLockFile:
    lock = QLockFile(str(lock_path(data_dir)))
    # 0: a lock is stale only when its process is gone, never because it is old (the
    # default would hand a running instance's lock to a second one after 30 s).
    lock.setStaleLockTime(0)
    return lock


def running_instance(data_dir: Path) -> int | None:
    """The process id of a SalesDesk holding ``data_dir`` (None: none is running)."""
    lock = _new_lock(data_dir)
    if lock.tryLock(0):
        lock.unlock()
        return None
    if lock.error() != QLockFile.LockError.LockFailedError:
        return None  # cannot create the lock at all (read-only folder): nobody holds it
    info = lock.getLockInfo()
    return int(info[0]) if isinstance(info, tuple) and info and info[0] else -1


class SingleInstance(QObject):
    """The lock and the activation server of the running SalesDesk."""

    activationRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._lock = _new_lock(self.data_dir)
        self._server = None
        #: Why the lock could not be taken when nobody else holds it ("" otherwise).
        self.lock_problem = ""

    def acquire(self) -> bool:
        """True: this is the only SalesDesk on the folder (or the folder cannot hold a lock,
        in which case nothing can write there anyway). False: another one holds it."""
        if self._lock.tryLock(0):
            from salesdesk.core.files import tighten

            with contextlib.suppress(OSError):
                tighten(lock_path(self.data_dir))  # Qt makes it with the usual permissions
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        self.lock_problem = f"cannot create {lock_path(self.data_dir)}"
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
        if self._lock.isLocked():
            self._lock.unlock()


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
