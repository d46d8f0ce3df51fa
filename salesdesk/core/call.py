"""Call state: what happened on one call, independent of how it is stored or shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from salesdesk.core.playbook import QUALIFICATION_FIELDS, ChecklistItem, Playbook, Stage

#: Outcomes the wrap-up offers; the field itself is free text.
COMMON_OUTCOMES = (
    "Won",
    "Meeting booked",
    "Follow-up scheduled",
    "Proposal sent",
    "Needs decision-maker",
    "Not now",
    "Lost",
    "No answer",
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass(slots=True)
class Contact:
    name: str
    company: str = ""
    email: str = ""
    phone: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.name} · {self.company}" if self.company else self.name


@dataclass(slots=True)
class ObjectionEntry:
    """An objection the prospect raised on this call."""

    id: int
    key: str
    title: str
    raised_at: datetime
    handled: bool = False
    note: str = ""


@dataclass(slots=True)
class NoteEntry:
    id: int
    at: datetime
    text: str
    #: True while the rep is still typing it (it sits in the editor, not the list).
    draft: bool = False


@dataclass(slots=True)
class CallState:
    id: int
    uid: str
    contact: Contact
    playbook: Playbook
    started_at: datetime
    stage: str
    ended_at: datetime | None = None
    outcome: str = ""
    next_step: str = ""
    next_step_due: date | None = None
    qualification: dict[str, str] = field(default_factory=lambda: dict.fromkeys(QUALIFICATION_FIELDS, ""))
    #: (stage key, item key) -> when it was ticked, for ticked items only.
    ticks: dict[tuple[str, str], datetime] = field(default_factory=dict)
    #: question key -> answer text.
    answers: dict[str, str] = field(default_factory=dict)
    objections: list[ObjectionEntry] = field(default_factory=list)
    notes: list[NoteEntry] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def current_stage(self) -> Stage:
        return self.playbook.stage(self.stage) or self.playbook.stages[0]

    @property
    def stage_index(self) -> int:
        return max(0, self.playbook.stage_index(self.stage))

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        end = self.ended_at or now or utcnow()
        return (end - self.started_at).total_seconds()

    def is_ticked(self, stage: str, item: str) -> bool:
        return (stage, item) in self.ticks

    def next_unticked(self, stage: Stage | None = None) -> ChecklistItem | None:
        stage = stage or self.current_stage
        for item in stage.checklist:
            if (stage.key, item.key) not in self.ticks:
                return item
        return None

    def stage_progress(self, stage: Stage) -> tuple[int, int]:
        done = sum(1 for item in stage.checklist if (stage.key, item.key) in self.ticks)
        return done, len(stage.checklist)

    @property
    def committed_notes(self) -> list[NoteEntry]:
        return [n for n in self.notes if not n.draft]

    @property
    def draft_note(self) -> NoteEntry | None:
        for note in reversed(self.notes):
            if note.draft:
                return note
        return None
