"""The expressions of ``dialect`` for PostgreSQL (the team server: salesdesk/team).

Same functions, same results as the SQLite module: seconds as a float rounded to the
millisecond, days as dates.
"""

from __future__ import annotations

from datetime import date

from peewee import SQL, Cast, Node, NodeList, fn


def seconds_between(start: Node, end: Node) -> Node:
    """``end - start`` in seconds (NULL when either is NULL)."""
    epoch = fn.EXTRACT(NodeList((SQL("EPOCH FROM"), end - start)))  # numeric
    return Cast(fn.round(epoch, 3), "double precision").coerce(False)


def day_of(moment: Node) -> Node:
    """The calendar day (UTC) of a stored datetime (stored as naive UTC), as a date."""
    return Cast(moment, "date").coerce(False)


def to_date(value: object) -> date:
    """What ``day_of`` returns, as a date."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))
