"""The playbooks available for new calls: built-in ones, the rep's own, and any named file.

The rep's own playbooks are the ``*.toml`` files in ``<data dir>/playbooks``. A file there
whose playbook has the same name as a built-in one takes the built-in's place (that is how
an edited built-in is kept); deleting the file brings the built-in back.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from salesdesk.core.playbook import Playbook, PlaybookError, builtin_playbook_paths, slugify
from salesdesk.core.playbook_check import load_playbook, parse_playbook, read_playbook_bytes


@dataclass
class PlaybookLibrary:
    playbooks: list[Playbook] = field(default_factory=list)
    #: Files that could not be loaded, each with every problem found.
    errors: list[PlaybookError] = field(default_factory=list)
    #: The playbook new calls start with.
    default: Playbook | None = None
    #: Built-in playbooks hidden by a user file of the same name.
    shadowed: list[Playbook] = field(default_factory=list)
    #: Where the user's own playbooks live (None: no user folder).
    user_dir: Path | None = None

    def find(self, label_or_name: str) -> Playbook | None:
        for playbook in self.playbooks:
            if label_or_name in (playbook.label, playbook.name):
                return playbook
        return None

    def lookup(self, query: str) -> list[Playbook]:
        """Playbooks matching ``query`` (case does not matter): by its whole label or name,
        else by its file name, else by a part of its name ("growth", "eight-step"). The
        first of these that matches anything decides; more than one result is ambiguous."""
        wanted = query.strip().casefold()
        if not wanted:
            return []
        exact = [p for p in self.playbooks if wanted in (p.label.casefold(), p.name.casefold())]
        if exact:
            return exact
        by_file = [
            p
            for p in self.playbooks
            if p.source and wanted in (Path(p.source).name.casefold(), Path(p.source).stem.casefold())
        ]
        if by_file:
            return by_file
        return [p for p in self.playbooks if wanted in p.name.casefold()]

    def is_builtin(self, playbook: Playbook) -> bool:
        return bool(playbook.source) and Path(playbook.source) in _builtin_paths()

    def is_user_file(self, playbook: Playbook) -> bool:
        return (
            self.user_dir is not None
            and bool(playbook.source)
            and Path(playbook.source).parent.resolve() == self.user_dir.resolve()
        )

    def builtin_named(self, name: str) -> Playbook | None:
        """The built-in playbook called ``name``, shown or hidden by a user copy."""
        for playbook in [*self.playbooks, *self.shadowed]:
            if playbook.name == name and self.is_builtin(playbook):
                return playbook
        return None


@functools.cache
def _builtin_paths() -> frozenset[Path]:
    return frozenset(builtin_playbook_paths())


def load_library(
    user_dir: Path | None = None, preferred_file: Path | None = None, default_name: str = ""
) -> PlaybookLibrary:
    """Load every playbook. A broken file is reported in ``errors`` and skipped; the built-in
    default is always there, so the app can start whatever the rep's files contain.

    The default for new calls is ``preferred_file`` (``--playbook``) if given, else the
    playbook called ``default_name`` (the rep's choice in settings), else the first one."""
    library = PlaybookLibrary(user_dir=user_dir)
    for path in builtin_playbook_paths():
        try:
            library.playbooks.append(load_playbook(path))
        except PlaybookError as exc:  # only if a release ships a broken file; tests prevent it
            library.errors.append(exc)
    for path in user_playbook_files(user_dir):
        try:
            playbook = load_playbook(path)
        except PlaybookError as exc:
            library.errors.append(exc)
            continue
        builtin = next((p for p in library.playbooks if p.name == playbook.name and library.is_builtin(p)), None)
        if builtin is not None:
            library.playbooks[library.playbooks.index(builtin)] = playbook
            library.shadowed.append(builtin)
        else:
            library.playbooks.append(playbook)
    preferred: Playbook | None = None
    if preferred_file is not None:
        try:
            preferred = load_playbook(preferred_file)
        except PlaybookError as exc:
            library.errors.append(exc)
    if preferred is not None:
        library.playbooks.insert(0, preferred)
        library.default = preferred
    else:
        chosen = library.find(default_name) if default_name else None
        library.default = chosen or (library.playbooks[0] if library.playbooks else None)
    return library


def user_playbook_files(user_dir: Path | None) -> list[Path]:
    if user_dir is None or not user_dir.is_dir():
        return []
    # Anything named *.toml, not only regular files: a folder or a pipe under that name is
    # reported by load_playbook (and never read), rather than silently left out.
    return sorted(p for p in user_dir.glob("*.toml") if not p.name.startswith("."))


def new_playbook_path(user_dir: Path, name: str) -> Path:
    """A file name in ``user_dir`` for a new playbook called ``name`` that is not taken yet."""
    stem = slugify(name, "playbook")
    path = user_dir / f"{stem}.toml"
    number = 2
    while path.exists():
        path = user_dir / f"{stem}-{number}.toml"
        number += 1
    return path


class PlaybookConflictError(Exception):
    """Importing would replace one of the rep's playbooks, and that was not asked for."""

    def __init__(self, existing: Playbook):
        self.existing = existing
        super().__init__(
            f"you already have a playbook called {existing.name!r} (version {existing.version}, "
            f"{Path(existing.source).name})"
        )


@dataclass(frozen=True)
class ImportResult:
    playbook: Playbook
    path: Path
    replaced: Playbook | None = None  # the rep's playbook the file took the place of
    shadows: Playbook | None = None  # the built-in playbook it now stands in for


def import_playbook(source: Path, user_dir: Path, *, replace: bool = False) -> ImportResult:
    """Copy a playbook file into the rep's folder, all or nothing.

    The file is read once and validated completely; only those exact bytes are then written,
    atomically, so a file with a problem never lands in the folder, not even in part. The
    copy keeps the file's comments. Raises PlaybookError (every problem, with line and
    field) or PlaybookConflictError (a user playbook of that name exists and ``replace`` is off)."""
    from salesdesk.core.files import write_atomically

    source = Path(source)
    raw = read_playbook_bytes(source)
    playbook = parse_playbook(raw, str(source))
    library = load_library(user_dir)
    existing = next((p for p in library.playbooks if p.name == playbook.name and library.is_user_file(p)), None)
    if existing is not None and not replace:
        raise PlaybookConflictError(existing)
    target = Path(existing.source) if existing is not None else new_playbook_path(user_dir, playbook.name)
    if existing is not None and source.resolve() == target.resolve():
        return ImportResult(playbook, target, None, library.builtin_named(playbook.name))
    write_atomically(target, raw, make_folder=True)  # into the data folder: user-only
    return ImportResult(load_playbook(target), target, existing, library.builtin_named(playbook.name))
