"""The data folder as a whole: what interrupted runs left in it, and who may read it.

Start-up runs both on a worker thread after the first paint (ui.safety.feature.start_tidy), and
``salesdesk doctor`` does the same and reports it (storage.health). Nothing here touches
the database, its companions or the files kept from a recovery: their permissions are
init_db's business (it makes a SalesDesk database user-only when it opens it), and a file
kept aside may be another program's, which SalesDesk leaves as it found it. The data folder
itself being 0700 already keeps other users away from all of them.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from salesdesk.core.files import in_use, is_temp_name, remove_if_abandoned, tighten
from salesdesk.storage.paths import DB_FILENAME, backups_dir

JOURNAL_SUFFIX = "-journal"
EMPTY_RESCUE = "an empty text copy (the disk was full)"
#: Folders inside the data folder (besides backups/) whose every file is SalesDesk's.
PLAYBOOKS_DIRNAME = "playbooks"
RESCUE_DIRNAME = "unsaved"
#: Files directly in the data folder that are SalesDesk's own (the database is not among them).
OWN_FILES = ("settings.ini", "salesdesk.lock")

_PARTIAL_BACKUP = re.compile(r"^\.partial-salesdesk-.+\.sqlite3(-journal)?$")
_STAGED_RESTORE = re.compile(r"^\.restoring-" + re.escape(DB_FILENAME) + r"(-journal)?$")
_RESCUE = re.compile(r"^salesdesk-unsaved-.+\.txt$")
#: A temporary file of the playbook writer before it was marked as SalesDesk's (core.files).
_OLD_PLAYBOOK_TEMP = re.compile(r"^\..+\.toml\.[0-9a-f]{8}\.tmp$")


@dataclass(frozen=True, slots=True)
class Leftover:
    path: Path
    #: What left it, for messages: "an interrupted backup", ...
    what: str
    size: int

    def describe(self) -> str:
        return f"{self.path} ({self.what}, {_size(self.size)})"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} kB"
    return f"{size / 1024 / 1024:,.1f} MB"


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as found:
            return [entry for entry in found if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []


def _what(folder_kind: str, entry: os.DirEntry) -> str | None:
    """What left ``entry`` behind, or None: it is not a leftover."""
    name = entry.name
    if is_temp_name(name):
        return "an interrupted save"
    if folder_kind == "backups" and _PARTIAL_BACKUP.match(name):
        return "an interrupted backup"
    if folder_kind == "data" and _STAGED_RESTORE.match(name):
        return "an interrupted restore"
    if folder_kind == "playbooks" and _OLD_PLAYBOOK_TEMP.match(name):
        return "an interrupted save"
    if folder_kind == "unsaved" and _RESCUE.match(name) and entry.stat(follow_symlinks=False).st_size == 0:
        return EMPTY_RESCUE
    return None


def find_leftovers(data_dir: Path, also_in: tuple[Path, ...] = ()) -> list[Leftover]:
    """Files interrupted runs left behind: a partial backup, a staged restore, an empty
    text copy, temporary files of saves. ``also_in``: other folders SalesDesk writes to (the
    last export folder), where only files named as SalesDesk's temporary files count. Files
    a running process is still writing are not leftovers."""
    data_dir = Path(data_dir)
    folders = [
        ("data", data_dir),
        ("backups", backups_dir(data_dir)),
        ("playbooks", data_dir / PLAYBOOKS_DIRNAME),
        ("unsaved", data_dir / RESCUE_DIRNAME),
    ]
    own = {folder.resolve() for _kind, folder in folders if folder.is_dir()}
    folders += [("other", Path(folder)) for folder in also_in if Path(folder).resolve() not in own]
    found = []
    for kind, folder in folders:
        for entry in _entries(folder):
            what = _what(kind, entry)
            if what is None:
                continue
            # An empty text copy is never being written: text copies appear whole (one rename).
            if what != EMPTY_RESCUE and _still_written(Path(entry.path)):
                continue
            with contextlib.suppress(OSError):
                found.append(Leftover(Path(entry.path), what, entry.stat(follow_symlinks=False).st_size))
    return sorted(found, key=lambda leftover: leftover.path)


def _still_written(path: Path) -> bool:
    """A copy's rollback journal belongs to its copy: it is in use while the copy is (and is
    never opened while it might be: SQLite has it open, and on POSIX closing any descriptor
    of a file drops the locks this process holds on it)."""
    if path.name.endswith(JOURNAL_SUFFIX):
        main = path.with_name(path.name[: -len(JOURNAL_SUFFIX)])
        if os.path.lexists(main):
            return in_use(main)
    return in_use(path)


@dataclass
class Tidied:
    removed: list[Leftover] = field(default_factory=list)
    #: Leftovers that could not be removed, with the reason.
    not_removed: list[tuple[Leftover, str]] = field(default_factory=list)
    #: Files and folders made user-only: path and the mode they had.
    tightened: list[tuple[Path, int]] = field(default_factory=list)
    #: Files and folders others can read that could not be changed: path, mode, reason.
    still_open: list[tuple[Path, int, str]] = field(default_factory=list)


def remove_leftovers(data_dir: Path, also_in: tuple[Path, ...] = (), into: Tidied | None = None) -> Tidied:
    result = into or Tidied()
    for leftover in find_leftovers(data_dir, also_in):
        try:
            if leftover.what == EMPTY_RESCUE:
                leftover.path.unlink()  # empty, and never written in place: nothing to lose
                result.removed.append(leftover)
            elif remove_if_abandoned(leftover.path):
                result.removed.append(leftover)
        except FileNotFoundError:
            pass  # gone meanwhile
        except OSError as exc:
            result.not_removed.append((leftover, exc.strerror or str(exc)))
    return result


def own_paths(data_dir: Path) -> list[Path]:
    """The data folder and SalesDesk's own files and folders in it (see the module doc)."""
    data_dir = Path(data_dir)
    paths = [data_dir] + [data_dir / name for name in OWN_FILES]
    for folder in (backups_dir(data_dir), data_dir / PLAYBOOKS_DIRNAME, data_dir / RESCUE_DIRNAME):
        paths.append(folder)
        paths += [Path(entry.path) for entry in _entries(folder)]
    return [path for path in paths if os.path.lexists(path)]


def loose_paths(data_dir: Path) -> list[tuple[Path, int]]:
    """Own files and folders that other users could read (POSIX), with their mode."""
    if os.name != "posix":
        return []
    loose = []
    for path in own_paths(data_dir):
        with contextlib.suppress(OSError):
            mode = os.lstat(path).st_mode
            if mode & 0o077 and not os.path.islink(path):
                loose.append((path, mode & 0o7777))
    return loose


def make_private(data_dir: Path, into: Tidied | None = None) -> Tidied:
    """Take group and other permissions away from the data folder and SalesDesk's own files
    and folders in it (0700 folders, 0600 files)."""
    result = into or Tidied()
    for path, mode in loose_paths(data_dir):
        try:
            if tighten(path) is not None:
                result.tightened.append((path, mode))
        except FileNotFoundError:
            pass
        except OSError as exc:
            result.still_open.append((path, mode, exc.strerror or str(exc)))
    return result


def tidy(data_dir: Path, also_in: tuple[Path, ...] = ()) -> Tidied:
    """Both: remove what interrupted runs left, and make the data folder private."""
    if not Path(data_dir).is_dir():
        return Tidied()
    result = remove_leftovers(data_dir, also_in)
    return make_private(data_dir, result)
