"""Reading a file the rep names (a playbook, a calls file, a backup to restore), safely.

A size limit checked with ``stat`` alone is no limit: ``/dev/zero`` and other devices
report size 0 and never end, a named pipe (FIFO) blocks the reader until something writes
to it, forever if nothing does. So only regular files are read: the kind is checked before
opening, the file is opened without blocking (O_NONBLOCK: opening a FIFO would wait for a
writer), checked again on the open descriptor (the path may have been swapped between the
two), and read with a cap, so a file that grows while it is read is refused too.
Standard library only: the start-up path uses it.
"""

from __future__ import annotations

import os
import stat
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
