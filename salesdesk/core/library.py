"""The playbooks available for new calls: built-in ones, the rep's own, and any named file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from salesdesk.core.playbook import Playbook, PlaybookError, builtin_playbook_paths, load_playbook


@dataclass
class PlaybookLibrary:
    playbooks: list[Playbook] = field(default_factory=list)
    #: Files that could not be loaded, each with every problem found.
    errors: list[PlaybookError] = field(default_factory=list)
    #: The playbook new calls start with.
    default: Playbook | None = None

    def find(self, label_or_name: str) -> Playbook | None:
        for playbook in self.playbooks:
            if label_or_name in (playbook.label, playbook.name):
                return playbook
        return None


def load_library(user_dir: Path | None = None, preferred_file: Path | None = None) -> PlaybookLibrary:
    """Load every playbook. A broken file is reported in ``errors`` and skipped; the built-in
    default is always there, so the app can start whatever the rep's files contain."""
    library = PlaybookLibrary()
    paths = builtin_playbook_paths()
    if user_dir is not None and user_dir.is_dir():
        paths += sorted(user_dir.glob("*.toml"))
    preferred: Playbook | None = None
    if preferred_file is not None:
        try:
            preferred = load_playbook(preferred_file)
        except PlaybookError as exc:
            library.errors.append(exc)
    for path in paths:
        try:
            library.playbooks.append(load_playbook(path))
        except PlaybookError as exc:
            library.errors.append(exc)
    if preferred is not None:
        library.playbooks.insert(0, preferred)
    library.default = library.playbooks[0] if library.playbooks else None
    return library
