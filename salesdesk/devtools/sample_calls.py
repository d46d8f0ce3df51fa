"""Made-up calls for benchmarks, tests and screenshots: plausible, repeatable, fast to make.

``sample_calls(n)`` yields ``n`` ended calls (oldest first) with ten notes each, answers,
qualification, ticks, objections and wrap-ups, spread over the last two years, among about
n/8 contacts. The same seed gives the same calls. Write them with
``salesdesk.devtools.bulk_insert.insert_calls``.
"""

from __future__ import annotations

import bisect
import itertools
import random
import string
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from salesdesk.core.call import CallState, Contact, NoteEntry, ObjectionEntry
from salesdesk.core.playbook import QUALIFICATION_FIELDS, Playbook

NOTES_PER_CALL = 10


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    "Dana Alex Sam Priya Jonas Mei Lukas Sofia Omar Elena Tom Aisha Noah Chloé Mateo Yuki Ingrid "
    "Ravi Zoë Felix Hannah Kwame Lena Marco Nina Oscar Paula Quinn Rosa Stefan Tara Umar Vera Wes "
    "Xenia Yara Zane Björn Inès Ana"
)
LAST = _words(
    "Whitfield Okafor Lindqvist Moreau Tanaka Schmidt Novak García Rossi Kowalski Byrne Haddad "
    "Jensen Silva Fischer Dubois Nakamura Petrov Murphy Costa Weber Ahmed Larsen Romano Berg Keller "
    "Walsh Duarte Horvat Meyer Lambert Varga Sato Brennan Fontaine Olsen Marsh Quintero Abbott "
    "Ivanova"
)
COMPANY_A = _words(
    "Northwind Bluepeak Ironleaf Silverline Redwood Brightwave Clearwater Stonebridge Summit Harbor "
    "Lakeside Greenfield Oakridge Westgate Pinecrest Evergreen Riverbend Skyline Granite Maple"
)
COMPANY_B = _words("Logistics Health Foods Analytics Robotics Energy Retail Media Freight Insurance Labs Outdoor")
COMPANY_C = ("", "", "AG", "Ltd", "Inc", "GmbH", "Group", "& Co")
COMPETITORS = _words("Salesforce HubSpot Pipedrive Zoho Close Freshsales Copper Monday")
TEAMS = _words("sales finance ops support marketing logistics IT procurement warehouse legal")
ROLES = _words("CFO COO CTO head-of-ops VP-sales procurement their-manager the-board IT-lead founder")
FEATURES = _words(
    "reporting forecasting integrations dashboards permissions API mobile-app SSO exports automation "
    "call-recording templates audit-log pipeline-view"
)
PAINS = _words(
    "manual-reporting spreadsheet-chaos missed-renewals slow-onboarding duplicate-data churn "
    "late-invoices no-forecast tool-sprawl handoffs"
)
CONCERNS = _words("security price migration training contract-length data-residency support-hours integration")
DOCS = _words("proposal case-study pricing-sheet security-pack contract ROI-model demo-recording")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday")
MONTHS = _words("January February March April May June July August September October November December")
NEXT_STEPS = (
    "Send proposal",
    "Demo with the CFO",
    "Send the security pack",
    "Call back after the budget meeting",
    "Pilot kick-off",
    "Share the ROI model",
    "Intro to their IT lead",
    "Contract review with legal",
    "Check in after the trial",
)
OUTCOME_WEIGHTS = (
    ("Meeting booked", 16),
    ("Follow-up scheduled", 24),
    ("Proposal sent", 14),
    ("Needs decision-maker", 10),
    ("Not now", 12),
    ("Won", 7),
    ("Lost", 9),
    ("No answer", 8),
)
TEMPLATES = (
    "{first} says the {team} team loses {n} hours a week on {pain}",
    "Budget approved up to {amount}; {role} signs anything above",
    "Currently on {competitor}, contract renews in {month}",
    "Wants a demo of {feature} with the {role} on {weekday}",
    "Asked about {feature} and {feature2}, send the {doc} by {weekday}",
    "Pilot with {n} seats in {team} first, then the rest",
    "Worried about {concern}, {jargon} came up twice",
    "Decision by end of {month}, {role} and {role2} involved",
    "Mentioned {jargon} and {jargon2} when talking about {pain}",
    "Follow up on the {doc} next week",
    "{competitor} quoted {amount}, price is a sore point",
    "Their {team} lead {first2} is the champion",
    "Tried {competitor} before, dropped it because of {pain}",
    "Needs {feature} before they can roll out to {team}",
    "Good energy, {first} laughed about {jargon}",
    "Timeline slipped to {month} because of {concern}",
)
ANSWERS = (
    "{pain} in the {team} team",
    "about {n} hours a week",
    "{role} decides, {role2} has a say",
    "by {month}",
    "tried {competitor}, too complex",
    "{feature} and {feature2}",
    "costs them {amount} a year",
    "{jargon} rollout first",
)
OBJECTION_NOTES = ("", "", "{concern} was the real worry", "compared us with {competitor}", "wants {role} to agree")
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "to",
    "vi",
    "su",
    "pe",
    "da",
    "ri",
    "mo",
    "ta",
    "no",
    "le",
    "si",
    "ba",
    "ge",
    "fu",
    "zo",
    "ven",
    "tor",
    "lin",
    "mar",
]


def _jargon(rng: random.Random, size: int = 3000) -> tuple[list[str], list[float]]:
    """A long tail of made-up product words, used with Zipf-like frequencies."""
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(size)))
    return words, weights


class _Filler:
    """Fills the {slots} of the templates; one instance per generator run.

    Only the slots a template names are drawn (this runs ten million times for a full-size
    benchmark, so it avoids ``random.choice``'s overhead too)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        rand = rng.random
        jargon, weights = _jargon(rng)
        total = weights[-1]

        def pick(words: list[str]) -> Callable[[], str]:
            words = [w.replace("-", " ") for w in words]
            size = len(words)
            return lambda: words[int(rand() * size)]

        def pick_jargon() -> str:
            return jargon[bisect.bisect(weights, rand() * total)]

        self.slots: dict[str, Callable[[], str]] = {
            "first2": pick(FIRST),
            "team": pick(TEAMS),
            "n": lambda: str(2 + int(rand() * 39)),
            "pain": pick(PAINS),
            "amount": lambda: f"€{5 + int(rand() * 116)}k",
            "role": pick(ROLES),
            "role2": pick(ROLES),
            "competitor": pick(COMPETITORS),
            "month": pick(MONTHS),
            "feature": pick(FEATURES),
            "feature2": pick(FEATURES),
            "doc": pick(DOCS),
            "weekday": pick(WEEKDAYS),
            "concern": pick(CONCERNS),
            "jargon": pick_jargon,
            "jargon2": pick_jargon,
        }
        self._fields = {
            template: [name for _, name, _, _ in string.Formatter().parse(template) if name]
            for template in (*TEMPLATES, *ANSWERS, *OBJECTION_NOTES)
        }

    def fill(self, template: str, first: str) -> str:
        slots = self.slots
        values = {name: first if name == "first" else slots[name]() for name in self._fields[template]}
        return template.format_map(values)


def _working_hours(moment: datetime, now: datetime) -> datetime:
    """The same day, moved into 08:00-18:00 (and never after ``now``)."""
    moment = moment.replace(hour=8 + moment.minute % 10, microsecond=0)
    return moment if moment <= now else moment - timedelta(days=1)


def sample_contacts(count: int, rng: random.Random) -> list[Contact]:
    contacts = []
    for number in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = " ".join(
            part for part in (rng.choice(COMPANY_A), rng.choice(COMPANY_B), rng.choice(COMPANY_C)) if part
        )
        domain = company.split()[0].lower()
        contacts.append(
            Contact(
                name=f"{first} {last}",
                company=company,
                email=f"{first.lower()}.{last.lower()}{number}@{domain}.example",
                phone=f"+1 555 {rng.randint(1000000, 9999999)}",
            )
        )
    return contacts


def sample_calls(
    count: int,
    playbook: Playbook,
    *,
    seed: int = 4,
    days: int = 730,
    now: datetime | None = None,
    notes_per_call: int = NOTES_PER_CALL,
) -> Iterator[CallState]:
    """``count`` ended calls, oldest first, started in the ``days`` before ``now``."""
    rng = random.Random(seed)
    filler = _Filler(rng)
    now = now or datetime.now(UTC)
    contacts = sample_contacts(max(1, count // 8), rng)
    span = days * 86400
    starts = sorted(_working_hours(now - timedelta(seconds=rng.random() * span), now) for _ in range(count))
    outcomes = [name for name, _ in OUTCOME_WEIGHTS]
    outcome_weights = list(itertools.accumulate(weight for _, weight in OUTCOME_WEIGHTS))
    stage_weights = list(itertools.accumulate((3, 6, 10, 12, 10, 8, 6, 3)[: len(playbook.stages)]))
    objections = playbook.objections
    for started in starts:
        contact = rng.choice(contacts)
        first = contact.name.split()[0]
        minutes = min(90.0, max(1.0, rng.lognormvariate(2.9, 0.6)))
        ended = started + timedelta(minutes=minutes)
        reached = rng.choices(range(len(stage_weights)), cum_weights=stage_weights)[0]
        stage = playbook.stages[reached]
        outcome = rng.choices(outcomes, cum_weights=outcome_weights)[0]
        next_step, due = "", None
        if outcome not in ("Won", "Lost", "No answer"):
            next_step = rng.choice(NEXT_STEPS)
            due = (started + timedelta(days=rng.randint(1, 14))).date()
        call = CallState(
            id=0,
            uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            contact=contact,
            playbook=playbook,
            started_at=started,
            stage=stage.key,
            ended_at=ended,
            outcome=outcome,
            next_step=next_step,
            next_step_due=due,
        )
        step = timedelta(seconds=minutes * 60 / (notes_per_call + 1))
        call.notes = [
            NoteEntry(0, started + step * (i + 1), filler.fill(rng.choice(TEMPLATES), first))
            for i in range(notes_per_call)
        ]
        moment = started
        for passed in playbook.stages[: reached + 1]:
            for item in passed.checklist:
                if rng.random() < 0.8:
                    moment += timedelta(seconds=20)
                    call.ticks[(passed.key, item.key)] = moment
            for question in passed.questions:
                if rng.random() < 0.6:
                    call.answers[question.key] = filler.fill(rng.choice(ANSWERS), first)
        if reached >= 2:
            for field in QUALIFICATION_FIELDS:
                if rng.random() < 0.7:
                    call.qualification[field] = filler.fill(rng.choice(ANSWERS), first)
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            objection = rng.choice(objections)
            handled = rng.random() < 0.6
            note = filler.fill(rng.choice(OBJECTION_NOTES), first)
            raised = started + timedelta(seconds=rng.random() * minutes * 60)
            call.objections.append(ObjectionEntry(0, objection.key, objection.title, raised, handled, note))
        yield call
