"""Which calls: the one filter of History, Insights, the exports and ``salesdesk calls``.

The rep's calendar days (both included, in the reader's time zone), the words of the
full-text index, an outcome, a playbook, and parts of the contact or the outcome in any
case. Empty fields do not filter; the fields given must all hold. The storage layer turns
it into one set of conditions (storage/history.py: ``filter_conditions``) for every query
that takes it. No Qt, no storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo


def local_day_start(day: date, tz: tzinfo | None = None) -> datetime:
    """Midnight at the start of ``day`` in the reader's time zone (local by default), aware."""
    moment = datetime.combine(day, time())
    return moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()


@dataclass(frozen=True, slots=True)
class CallFilter:
    #: The first and the last day of the calls (started on them), both included.
    start: date | None = None
    end: date | None = None
    #: Words found by the search index (contact, company, notes, answers, wrap-up); the
    #: last one may be the start of a word still being typed.
    text: str = ""
    #: This outcome exactly; "": calls without one (still running, or none recorded).
    outcome: str | None = None
    #: Playbook name (any version).
    playbook: str | None = None
    #: Part of the contact's name, company or e-mail, in any case (``salesdesk calls --contact``).
    contact: str = ""
    #: Part of the outcome, in any case (``--outcome``).
    outcome_contains: str = ""
    #: The time zone of the days (None: the local one).
    tz: tzinfo | None = None

    @property
    def since(self) -> datetime | None:
        """The first moment the filter takes (aware), from ``start``."""
        return local_day_start(self.start, self.tz) if self.start else None

    @property
    def until(self) -> datetime | None:
        """The moment after the last one the filter takes (aware), from ``end``."""
        return local_day_start(self.end + timedelta(days=1), self.tz) if self.end else None

    def matches_text(self, name: str, company: str, email: str, outcome: str) -> bool:
        """Whether a call with this contact and outcome passes ``contact`` and
        ``outcome_contains`` (matched in Python: casefold() finds "élodie" in "Élodie" on any
        backend, which SQL's LIKE does not)."""
        if self.contact:
            needle = self.contact.casefold()
            if not any(needle in value.casefold() for value in (name, company, email)):
                return False
        return not self.outcome_contains or self.outcome_contains.casefold() in outcome.casefold()

    @property
    def is_empty(self) -> bool:
        return self == CallFilter(tz=self.tz)


def day_filter(
    since: date | None, until: date | None, contact: str = "", outcome: str = "", tz: tzinfo | None = None
) -> CallFilter:
    """A filter for calls started on the days ``since`` to ``until`` (both included) whose
    contact and outcome contain the texts given (the command line's and the export
    dialog's filters)."""
    return CallFilter(start=since, end=until, contact=contact.strip(), outcome_contains=outcome.strip(), tz=tz)
