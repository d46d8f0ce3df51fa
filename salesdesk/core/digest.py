"""The digest of a call: what a person reads about a call, worked out once for every renderer.

Markdown, plain text, the web page, the PDF and the clipboard (core.export), the CSV row,
the CRM files (core.crm, which carry the text document), the History call view, the wrap-up
summary and the follow-up's brief (core.wrapup), the e-mail templates' values
(core.emails) and the text copy kept when the database cannot be written all read a call
through ``digest``: which stage it reached and where it is now, which qualification facts
are known (the rep's words and the typed facts), which questions were answered (those the
playbook does not have too), the checklist by stage, the objections and the notes in order.
So a field added to a call is added here once, and every renderer has it;
tests/core/test_field_coverage.py holds them to it.

The digest keeps values, not markup: each renderer escapes and lays them out its own way,
and formats times in its reader's time zone. ``text`` prepares every string that comes from
the rep or the playbook (documents isolate right-to-left text and cut what is far too long,
the CSV strips controls itself, the History view cuts to a preview); labels are English,
with a ``key`` for a renderer that names things in its own language. No Qt, no storage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from salesdesk.core.call import CallState
from salesdesk.core.playbook import QUALIFICATION_FIELDS
from salesdesk.core.qualification import format_budget

#: The qualification's facts in the order they are shown: each free-text field, then the
#: typed fact that goes with it. key -> English label.
QUALIFICATION_FACTS = {
    "need": "Need",
    "budget": "Budget",
    "budget_amount": "Budget amount",
    "timeline": "Timeline",
    "decision_date": "Decision date",
    "authority": "Authority",
    "decision_maker": "Decision-maker",
}


@dataclass(frozen=True, slots=True)
class StageMark:
    """A stage of the call's playbook: its place (from 1), of how many, and its title."""

    key: str
    number: int
    of: int
    title: str


@dataclass(frozen=True, slots=True)
class Fact:
    key: str
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class ChecklistLine:
    text: str
    done: bool


@dataclass(frozen=True, slots=True)
class ChecklistStage:
    number: int
    title: str
    items: tuple[ChecklistLine, ...]

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)


@dataclass(frozen=True, slots=True)
class AnswerLine:
    #: The question's text (its key, for an answer to a question the playbook does not have).
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class ObjectionLine:
    title: str
    handled: bool
    note: str
    raised_at: datetime


@dataclass(frozen=True, slots=True)
class NoteLine:
    at: datetime
    text: str
    #: Still in the editor when the call was read.
    draft: bool


@dataclass(frozen=True, slots=True)
class FollowupLine:
    """The follow-up e-mail as the rep last left it."""

    subject: str
    body: str
    #: When it was marked as sent (None: not sent yet).
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class CallDigest:
    id: int
    uid: str
    name: str
    company: str
    email: str
    phone: str
    started_at: datetime
    #: None while the call is open.
    ended_at: datetime | None
    #: How far the call got (None when the playbook has no such stage: ``reached_key`` then).
    reached: StageMark | None
    reached_key: str
    #: Where the call is now, when it went back after getting further (else None).
    now_in: StageMark | None
    outcome: str
    next_step: str
    next_step_due: date | None
    #: The playbook's name and version.
    playbook: str
    #: The known qualification facts (QUALIFICATION_FACTS order).
    qualification: tuple[Fact, ...]
    #: Qualification fields still unknown (core.qualification.unknown_parts).
    unknown: tuple[str, ...]
    #: Answered questions in playbook order, then answers to questions it does not have.
    answers: tuple[AnswerLine, ...]
    objections: tuple[ObjectionLine, ...]
    #: Notes with text, oldest first.
    notes: tuple[NoteLine, ...]
    #: Every stage with a checklist, every item done or not.
    checklist: tuple[ChecklistStage, ...]
    #: The follow-up e-mail (None when the rep kept none).
    followup: FollowupLine | None = None

    @property
    def seconds(self) -> float | None:
        """The call's length (None while it is open)."""
        return None if self.ended_at is None else max(0.0, (self.ended_at - self.started_at).total_seconds())

    @property
    def contact_label(self) -> str:
        return f"{self.name} · {self.company}" if self.company else self.name

    @property
    def contact_details(self) -> list[str]:
        """Company, e-mail and phone, those that are known."""
        return [value for value in (self.company, self.email, self.phone) if value]

    @property
    def ticked(self) -> tuple[int, int]:
        """Checklist items done, of all."""
        return sum(stage.done for stage in self.checklist), sum(len(stage.items) for stage in self.checklist)

    def fact(self, key: str) -> str:
        """The qualification fact ``key`` ("" when it is not known)."""
        return next((fact.text for fact in self.qualification if fact.key == key), "")


def _same(text: str) -> str:
    return text


def digest(call: CallState, text: Callable[[str], str] = _same) -> CallDigest:
    """The digest of ``call``; ``text`` prepares each string from the rep or the playbook."""
    playbook = call.playbook
    stages = playbook.stages

    def mark(key: str) -> StageMark | None:
        index = playbook.stage_index(key)
        return StageMark(key, index + 1, len(stages), text(stages[index].title)) if index >= 0 else None

    reached = mark(call.reached_stage_key)
    now_in = mark(call.stage)
    if now_in is None or reached is None or now_in.key == reached.key:
        now_in = None

    details = call.details
    words = {name: call.qualification.get(name, "") for name in QUALIFICATION_FIELDS}
    maker, role = details.decision_maker.strip(), details.decision_maker_role.strip()
    values = {
        **words,
        "budget_amount": format_budget(details.budget_min, details.budget_max, details.budget_currency),
        "decision_date": details.decision_date.isoformat() if details.decision_date else "",
        "decision_maker": f"{text(maker)} ({text(role)})" if maker and role else text(maker),
    }
    typed = {"budget_amount", "decision_date", "decision_maker"}  # made from text already
    qualification = tuple(
        Fact(key, label, values[key] if key in typed else text(values[key]))
        for key, label in QUALIFICATION_FACTS.items()
        if values[key].strip()
    )

    answers = []
    asked: set[str] = set()
    for stage in stages:
        for question in stage.questions:
            asked.add(question.key)
            answer = call.answers.get(question.key, "")
            if answer.strip():
                answers.append(AnswerLine(text(question.text), text(answer)))
    for key in sorted(set(call.answers) - asked):
        if call.answers[key].strip():
            answers.append(AnswerLine(text(key), text(call.answers[key])))

    checklist = tuple(
        ChecklistStage(
            number,
            text(stage.title),
            tuple(ChecklistLine(text(item.text), (stage.key, item.key) in call.ticks) for item in stage.checklist),
        )
        for number, stage in enumerate(stages, start=1)
        if stage.checklist
    )
    contact = call.contact
    email = call.followup
    followup = None
    if email is not None and (email.subject.strip() or email.body.strip() or email.sent_at):
        followup = FollowupLine(text(email.subject.strip()), text(email.body.strip()), email.sent_at)
    return CallDigest(
        id=call.id,
        uid=call.uid,
        name=text(contact.name),
        company=text(contact.company),
        email=text(contact.email),
        phone=text(contact.phone),
        started_at=call.started_at,
        ended_at=call.ended_at,
        reached=reached,
        reached_key=call.reached_stage_key,
        now_in=now_in,
        outcome=text(call.outcome) if call.outcome.strip() else "",
        next_step=text(call.next_step) if call.next_step.strip() else "",
        next_step_due=call.next_step_due,
        playbook=text(playbook.label),
        qualification=qualification,
        unknown=tuple(call.qualification_unknown),
        answers=tuple(answers),
        objections=tuple(
            ObjectionLine(text(o.title or o.key), o.handled, text(o.note) if o.note.strip() else "", o.raised_at)
            for o in call.objections
        ),
        notes=tuple(
            NoteLine(n.at, text(n.text), n.draft) for n in sorted(call.notes, key=lambda n: n.at) if n.text.strip()
        ),
        checklist=checklist,
        followup=followup,
    )
