"""Call state: what happened on one call, independent of how it is stored or shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from salesdesk.core.playbook import QUALIFICATION_FIELDS, ChecklistItem, Playbook, Stage
from salesdesk.core.qualification import QualificationDetails, unknown_parts

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


#: The most characters one text field holds (a note, an answer, a qualification field, a
#: wrap-up field): pages of text, yet small enough that showing, searching and printing it
#: never keeps the rep waiting. The editors and the importer refuse more.
MAX_FIELD_CHARS = 100_000
#: How much of a longer text a view shows before "Show all".
PREVIEW_CHARS = 5_000


def preview(text: str, limit: int = PREVIEW_CHARS) -> tuple[str, bool]:
    """The first ``limit`` characters of ``text``, and whether it was cut."""
    return (text, False) if len(text) <= limit else (text[:limit], True)


#: Times SalesDesk takes in (an import, a date typed in): a call is made in these years.
#: Outside them a time cannot be shown in every time zone (year 9999 in Tokyo is past
#: datetime's range, year 1 in New York before it) and some systems convert nothing
#: before 1970.
FIRST_YEAR, LAST_YEAR = 1970, 2200
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def to_local(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """``moment`` in the reader's time zone (the local one by default). A stored time
    outside FIRST_YEAR to LAST_YEAR (which cannot always be put there: year 9999 a few hours
    east of UTC, year 1 west of it, before 1970 on Windows) stays in UTC, and says so
    through its zone: never a crash, never a blank."""
    try:
        if EARLIEST <= moment <= LATEST:
            return moment.astimezone(tz)
        return moment.astimezone(UTC)
    except (OverflowError, OSError, ValueError):
        return moment


def local_text(moment: datetime, pattern: str = "%Y-%m-%d %H:%M", tz: tzinfo | None = None) -> str:
    """``moment`` in local time (``to_local``) as ``pattern`` says, with the year in four
    digits even before year 1000 (the C library writes year 1 as "1")."""
    local = to_local(moment, tz)
    if local.year < 1000:
        pattern = pattern.replace("%Y", f"{local.year:04d}")
    return local.strftime(pattern)


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def furthest_stage_key(order: Sequence[str], keys: Iterable[str]) -> str:
    """The key among ``keys`` that comes last in ``order`` (a playbook's stage keys); keys
    not in ``order`` count for nothing. "" when none of them is in it."""
    position = {key: index for index, key in enumerate(order)}
    best, best_at = "", -1
    for key in keys:
        at = position.get(key, -1)
        if at > best_at:
            best, best_at = key, at
    return best


def estimate_furthest_stage(
    order: Sequence[str],
    question_stages: Mapping[str, str],
    stage: str,
    ticked_stages: Iterable[str],
    answered_questions: Iterable[str],
) -> str:
    """Best guess at the furthest stage of a call stored before SalesDesk recorded it: the
    furthest of the stage it is in, the stages of its ticked items and those of its answered
    questions (``question_stages``: question key -> stage key). The sidebar shows a stage's
    items and questions only while the call is in that stage, so each proves a visit; only
    the current stage's entry time was kept, so stage times add nothing to that."""
    answered = (question_stages[key] for key in answered_questions if key in question_stages)
    return furthest_stage_key(order, [stage, *ticked_stages, *answered]) or stage


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
class FollowupEmail:
    """The follow-up e-mail of a call as the rep last left it: the template it began from
    (its key in the playbook's ``[[emails]]``), the final subject and body, and when it was
    marked as sent (None: not sent yet)."""

    template: str
    subject: str
    body: str
    sent_at: datetime | None = None


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
    #: When the current stage was entered (None for calls stored before stage timing).
    stage_entered_at: datetime | None = None
    #: Typed qualification facts beside the free text (budget, decision date, decision-maker).
    details: QualificationDetails = field(default_factory=QualificationDetails)
    #: Objection key -> what the rep did with the live cue for it ("shown", "accepted", "dismissed").
    cues: dict[str, str] = field(default_factory=dict)
    #: Key of the furthest stage the call reached: going back to an earlier stage keeps it.
    #: "" where it is not known: then the call reached the stage it is in (``stage``).
    furthest_stage: str = ""
    #: The follow-up e-mail written after the call (None until the rep keeps a draft).
    followup: FollowupEmail | None = None

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def current_stage(self) -> Stage:
        return self.playbook.stage(self.stage) or self.playbook.stages[0]

    @property
    def stage_index(self) -> int:
        return max(0, self.playbook.stage_index(self.stage))

    @property
    def stage_keys(self) -> list[str]:
        return [stage.key for stage in self.playbook.stages]

    @property
    def reached_stage_key(self) -> str:
        """Key of the furthest stage the call reached: ``furthest_stage``, or ``stage`` where
        that is later (or the only one the playbook knows)."""
        return (
            furthest_stage_key(self.stage_keys, (self.furthest_stage, self.stage)) or self.furthest_stage or self.stage
        )

    @property
    def reached_stage(self) -> Stage:
        """The furthest stage the call reached ("stage reached" in summaries, exports, history
        and insights); ``current_stage`` is the one it is in (where it ended, or resumes)."""
        return self.playbook.stage(self.reached_stage_key) or self.current_stage

    @property
    def reached_index(self) -> int:
        return max(0, self.playbook.stage_index(self.reached_stage.key))

    def estimated_furthest_stage(self) -> str:
        """``estimate_furthest_stage`` from this call's stage, ticks and answers."""
        questions = {q.key: stage.key for stage in self.playbook.stages for q in stage.questions}
        answered = [key for key, text in self.answers.items() if text.strip()]
        return estimate_furthest_stage(self.stage_keys, questions, self.stage, (s for s, _i in self.ticks), answered)

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        end = self.ended_at or now or utcnow()
        return (end - self.started_at).total_seconds()

    def stage_seconds(self, now: datetime | None = None) -> float:
        """Time spent in the current stage since it was entered."""
        end = self.ended_at or now or utcnow()
        return max(0.0, (end - (self.stage_entered_at or self.started_at)).total_seconds())

    @property
    def stage_budget_seconds(self) -> int | None:
        """The playbook's time budget for the current stage, if it has one."""
        minutes = self.current_stage.minutes
        return minutes * 60 if minutes else None

    def over_stage_budget(self, now: datetime | None = None) -> bool:
        budget = self.stage_budget_seconds
        return budget is not None and self.stage_seconds(now) > budget

    @property
    def qualification_unknown(self) -> list[str]:
        """Qualification fields still unknown (see core.qualification.unknown_parts)."""
        return unknown_parts(self.qualification, self.details)

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
