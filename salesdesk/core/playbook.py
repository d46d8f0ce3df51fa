"""The playbook: the sales method as data (stages, checklists, questions, objections, closes).

What a playbook holds and the limits of its format; reading a playbook and checking it
(from a TOML file or a call's snapshot) is core.playbook_check.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from salesdesk.core.problems import ProblemsError

if TYPE_CHECKING:
    from salesdesk.core.emails import EmailTemplate

FORMAT_VERSION = 1
#: Larger files are refused before parsing: a playbook is a few dozen kB of text.
MAX_PLAYBOOK_BYTES = 2 * 1024 * 1024
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Bounds of every number in a playbook (docs/playbook-format.md, playbook.schema.json): far
# past any real playbook, and small enough for wherever the number goes (a timer, a label).
#: A stage's time box (the editor's spin box offers the same range).
MAX_STAGE_MINUTES = 600
#: ``format`` above FORMAT_VERSION up to this is a newer format; beyond it, no format at all.
MAX_FORMAT = 1000
#: ``version`` written as a number (``version = 2``, ``version = 1.5``).
MAX_VERSION_NUMBER = 1_000_000_000
#: ``version`` written as text: its length, and the digits of each number in it (the last
#: one is counted up by "Save as new version").
MAX_VERSION_LENGTH = 40
MAX_VERSION_DIGITS = 12
QUALIFICATION_FIELDS = ("need", "budget", "timeline", "authority")
# The fields each table of the format may have (see docs/playbook-format.md).
TOP_FIELDS = (
    "format",
    "name",
    "version",
    "language",
    "description",
    "qualification",
    "stages",
    "objections",
    "closes",
    "emails",
)
STAGE_FIELDS = ("key", "title", "goal", "minutes", "checklist", "questions")
ITEM_FIELDS = ("key", "text")
QUESTION_FIELDS = ("key", "text", "hint")
OBJECTION_FIELDS = ("key", "title", "triggers", "rebuttals", "why")
CLOSE_FIELDS = ("key", "title", "summary", "examples")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Stage:
    key: str
    title: str
    goal: str = ""
    minutes: int | None = None
    checklist: tuple[ChecklistItem, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class Objection:
    key: str
    title: str
    rebuttals: tuple[str, ...] = ()
    why: str = ""
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Close:
    key: str
    title: str
    summary: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Playbook:
    name: str
    version: str
    stages: tuple[Stage, ...]
    objections: tuple[Objection, ...] = ()
    closes: tuple[Close, ...] = ()
    language: str = "en"
    description: str = ""
    qualification: dict[str, str] = field(default_factory=dict)
    #: Follow-up e-mail templates (core.emails).
    emails: tuple[EmailTemplate, ...] = ()
    #: Where it was read from (a file path, or "" for a stored snapshot).
    source: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        return f"{self.name} (v{self.version})"

    def stage(self, key: str) -> Stage | None:
        for stage in self.stages:
            if stage.key == key:
                return stage
        return None

    def stage_index(self, key: str) -> int:
        for index, stage in enumerate(self.stages):
            if stage.key == key:
                return index
        return -1

    def objection(self, key: str) -> Objection | None:
        for objection in self.objections:
            if objection.key == key:
                return objection
        return None

    def to_dict(self) -> dict:
        """The plain-data form, as written in a playbook file (minus comments)."""
        data: dict = {
            "format": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "description": self.description,
            "qualification": dict(self.qualification),
            "stages": [],
            "objections": [],
            "closes": [],
        }
        for stage in self.stages:
            entry: dict = {"key": stage.key, "title": stage.title, "goal": stage.goal}
            if stage.minutes is not None:
                entry["minutes"] = stage.minutes
            entry["checklist"] = [{"key": i.key, "text": i.text} for i in stage.checklist]
            entry["questions"] = [
                {"key": q.key, "text": q.text, **({"hint": q.hint} if q.hint else {})} for q in stage.questions
            ]
            data["stages"].append(entry)
        for obj in self.objections:
            data["objections"].append(
                {
                    "key": obj.key,
                    "title": obj.title,
                    "triggers": list(obj.triggers),
                    "rebuttals": list(obj.rebuttals),
                    "why": obj.why,
                }
            )
        for close in self.closes:
            data["closes"].append(
                {
                    "key": close.key,
                    "title": close.title,
                    "summary": close.summary,
                    "examples": list(close.examples),
                }
            )
        if self.emails:  # only when there are some: other playbooks keep their digest
            data["emails"] = [template.to_dict() for template in self.emails]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def digest(self) -> str:
        """A content hash: two playbooks with the same digest render calls the same way."""
        import hashlib  # loads OpenSSL (~3 MB): not needed for the first paint

        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


class PlaybookError(ProblemsError):
    """A playbook could not be read or is not valid. ``problems`` lists every issue found
    (read and checked by core.playbook_check)."""


# --------------------------------------------------------------------------- resources


def builtin_playbook_paths() -> list[Path]:
    """The playbooks shipped with SalesDesk, default first."""
    from importlib.resources import files

    folder = files("salesdesk.resources") / "playbooks"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    names.sort(key=lambda n: n != "default.toml")
    return [Path(str(folder / n)) for n in names]


# --------------------------------------------------------------------------- keys and versions


def slugify(text: str, fallback: str = "item") -> str:
    """A key made from a title: "Too expensive!" -> "too-expensive". Letters outside ASCII are
    folded where possible ("Café" -> "cafe"); a title with none left gives ``fallback``."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].rstrip("-")
    return slug or fallback


def next_version(version: str) -> str:
    """The version after ``version``: the last number goes up ("1.0" -> "1.1", "2" -> "3",
    "2024-05" -> "2024-06"); a version without a number gets ".1" added."""
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return f"{version}.1" if version.strip() else "1"
    number = str(int(match.group(1)) + 1).zfill(len(match.group(1)))
    return version[: match.start()] + number + version[match.end() :]
