"""Things that have a path but are not regular files: /dev/zero, a named pipe, a folder, a
symbolic link to /dev/zero (POSIX)."""

from __future__ import annotations

import os
from pathlib import Path

#: What each kind is called in the messages.
SAID = {
    "dev-zero": "is a device, not a file",
    "fifo": "is a named pipe (FIFO), not a file",
    "folder": "is a folder, not a file",
    "link-to-dev-zero": "is a device, not a file",
}


def special_file(tmp_path: Path, kind: str) -> Path:
    if kind == "dev-zero":
        return Path("/dev/zero")
    path = tmp_path / f"{kind}.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    return path
