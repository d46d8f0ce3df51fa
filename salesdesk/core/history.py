"""The past, as the rep sees it: call summaries, sorting, search hits, follow-ups, insights
(which calls: core.filters.CallFilter).

Plain data (no Qt, no storage): the storage layer fills these, the UI shows them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from salesdesk.core.call import Contact


class HistoryColumn(enum.IntEnum):
    """The history table's columns, in display order; each can be sorted on."""

    STARTED = 0
    CONTACT = 1
    COMPANY = 2
    DURATION = 3
    STAGE = 4
    OUTCOME = 5
    NEXT_STEP = 6
    DUE = 7


@dataclass(frozen=True, slots=True)
class HistorySort:
    column: HistoryColumn = HistoryColumn.STARTED
    descending: bool = True


@dataclass(frozen=True, slots=True)
class CallSummary:
    """One row of the history: enough to list a call without loading it."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    contact: Contact
    #: The stage the call is in (where it ended, or resumes).
    stage: str
    stage_title: str
    outcome: str
    next_step: str
    next_step_due: date | None
    playbook_name: str = ""
    #: The furthest stage it reached: the history's "Stage reached".
    reached_stage: str = ""
    reached_title: str = ""

    @property
    def duration_seconds(self) -> float | None:
        if self.ended_at is None:
            return None
        return max(0.0, (self.ended_at - self.started_at).total_seconds())

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True, slots=True)
class HistoryPage:
    rows: list[CallSummary]
    #: Pass back to get the rows after these; None when there are no more.
    cursor: tuple | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    call: CallSummary
    #: Where the words were found ("Notes", "Answers", "Objections", "Wrap-up", "Contact").
    where: str
    #: Text around the match; the matched words are wrapped in HIGHLIGHT_START/END.
    snippet: str
    rank: float


#: Markers around matched words in SearchHit.snippet (control characters never typed by a rep).
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[SearchHit]
    #: True when more calls match than are worth ranking: the hits are the newest ones.
    too_many: bool = False
    #: How many calls match (when too_many: the limit that was passed).
    matches: int = 0


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A next step from a wrap-up, due today or earlier, with no later call to that contact."""

    call_id: int
    contact: Contact
    next_step: str
    due: date
    outcome: str
    called_at: datetime

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days


@dataclass(frozen=True, slots=True)
class PastObjection:
    title: str
    note: str
    raised_at: datetime


@dataclass(frozen=True, slots=True)
class PastAnswer:
    """What an earlier call learned: a qualification fact (``field``: its key, which the UI
    names in its own language; ``question`` is then "") or the answer to a playbook question
    (``question``: its text, in the playbook's language)."""

    question: str
    answer: str
    field: str = ""


@dataclass(frozen=True, slots=True)
class LastTime:
    """What happened on a contact's earlier calls, for the start of the next one."""

    #: The most recent earlier calls, newest first (a few).
    calls: list[CallSummary]
    #: How many earlier calls there are in all.
    total: int
    #: Objections whose latest mention was not handled, newest first.
    open_objections: list[PastObjection] = field(default_factory=list)
    #: The qualification facts (in field order), then the discovery answers: the latest of each.
    answers: list[PastAnswer] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ObjectionCount:
    key: str
    title: str
    raised: int
    handled: int


@dataclass(frozen=True, slots=True)
class StageCount:
    key: str
    title: str
    calls: int


@dataclass(frozen=True, slots=True)
class PeriodOutcomes:
    """Outcome counts and durations of the calls started in one period (a week or a month)."""

    start: date
    label: str
    outcomes: dict[str, int]
    calls: int
    #: Average length of the ended calls in the period (None when none ended).
    average_seconds: float | None


@dataclass(frozen=True, slots=True)
class Insights:
    calls: int
    ended_calls: int
    average_seconds: float | None
    #: "week" or "month": how the periods below are cut.
    period: str
    periods: list[PeriodOutcomes]
    #: Outcomes in the order the charts stack them (most frequent first).
    outcome_names: list[str]
    weeks: list[tuple[date, int]]
    objections: list[ObjectionCount]
    #: Ended calls by the furthest stage they reached, in playbook order.
    stop_stages: list[StageCount]


@dataclass(frozen=True, slots=True)
class DayCount:
    """Raw aggregate row: calls started on one UTC day with one outcome."""

    day: date
    outcome: str
    calls: int
    ended: int
    total_seconds: float


#: Outcomes beyond this many are folded into "Other" in the charts (the eight common ones fit).
MAX_CHART_OUTCOMES = 9
NO_OUTCOME = "(none)"
OTHER = "Other"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def summarise(
    days: list[DayCount],
    objections: list[ObjectionCount],
    stop_stages: list[StageCount],
    start: date | None = None,
    end: date | None = None,
) -> Insights:
    """Cut per-day aggregates into weekly or monthly periods for the charts.

    Months when the range spans more than about four months, weeks otherwise. Every period
    in the range is present (an empty week is a zero, not a gap)."""
    if days:
        first, last = min(d.day for d in days), max(d.day for d in days)
    else:
        first = last = end or start or date.today()
    first, last = start or first, end or last
    if last < first:
        first, last = last, first
    monthly = (last - first).days > 120
    cut = month_start if monthly else week_start

    totals: dict[str, int] = {}
    for row in days:
        name = row.outcome or NO_OUTCOME
        totals[name] = totals.get(name, 0) + row.calls
    ranked = sorted(totals, key=lambda name: (-totals[name], name))
    shown = ranked[:MAX_CHART_OUTCOMES]
    if len(ranked) > MAX_CHART_OUTCOMES:
        shown = [*ranked[: MAX_CHART_OUTCOMES - 1], OTHER]

    periods: dict[date, dict] = {}
    cursor = cut(first)
    while cursor <= last:
        periods[cursor] = {"outcomes": {}, "calls": 0, "ended": 0, "seconds": 0.0}
        cursor = _next_period(cursor, monthly)
    weeks: dict[date, int] = {}
    cursor = week_start(first)
    while cursor <= last:
        weeks[cursor] = 0
        cursor += timedelta(days=7)

    calls = ended = 0
    seconds = 0.0
    for row in days:
        name = row.outcome or NO_OUTCOME
        if name not in shown:
            name = OTHER
        bucket = periods.setdefault(cut(row.day), {"outcomes": {}, "calls": 0, "ended": 0, "seconds": 0.0})
        bucket["outcomes"][name] = bucket["outcomes"].get(name, 0) + row.calls
        bucket["calls"] += row.calls
        bucket["ended"] += row.ended
        bucket["seconds"] += row.total_seconds
        weeks[week_start(row.day)] = weeks.get(week_start(row.day), 0) + row.calls
        calls += row.calls
        ended += row.ended
        seconds += row.total_seconds

    label = (lambda d: d.strftime("%b %Y")) if monthly else (lambda d: d.strftime("%d %b"))
    return Insights(
        calls=calls,
        ended_calls=ended,
        average_seconds=seconds / ended if ended else None,
        period="month" if monthly else "week",
        periods=[
            PeriodOutcomes(
                start=key,
                label=label(key),
                outcomes=value["outcomes"],
                calls=value["calls"],
                average_seconds=value["seconds"] / value["ended"] if value["ended"] else None,
            )
            for key, value in sorted(periods.items())
        ],
        outcome_names=shown,
        weeks=sorted(weeks.items()),
        objections=objections,
        stop_stages=stop_stages,
    )


def _next_period(day: date, monthly: bool) -> date:
    if not monthly:
        return day + timedelta(days=7)
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
