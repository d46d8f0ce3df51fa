"""SQL expressions that differ between database backends. SQLITE-SPECIFIC.

The history and insights queries are plain Peewee everywhere except for date arithmetic,
which every backend spells differently. Those few expressions live here; the PostgreSQL
spelling of the same functions is ``dialect_postgres`` (the team server), and its full-text
search ``salesdesk.team.search``. HistoryQueries takes a backend made of the three.
"""

from __future__ import annotations

from datetime import date

from peewee import SQL, Node, fn


def seconds_between(start: Node, end: Node) -> Node:
    """``end - start`` in seconds (NULL when either is NULL)."""
    # coerce(False): Peewee would otherwise parse the result as a datetime, like its argument.
    # Rounded to the millisecond: julianday's floating point leaves 799.99999 for 800 s.
    difference = (fn.julianday(end).coerce(False) - fn.julianday(start).coerce(False)) * SQL("86400.0")
    return fn.round(difference, 3).coerce(False)


def day_of(moment: Node) -> Node:
    """The calendar day (UTC) of a stored datetime, as an ISO date string."""
    return fn.date(moment).coerce(False)


def to_date(value: object) -> date:
    """What ``day_of`` returns, as a date."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))
