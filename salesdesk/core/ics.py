"""Writing iCalendar (RFC 5545) text: just what a follow-up event needs, written by hand.

Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); TEXT
values escape backslash, semicolon, comma and newlines (section 3.3.11).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MAX_LINE_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not allowed in TEXT (tab is)


def escape_text(value: str) -> str:
    """A TEXT property value (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into CRLF + space continued pieces of at most 75 octets."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_LINE_OCTETS:
        return line
    pieces: list[str] = []
    current = bytearray()
    limit = MAX_LINE_OCTETS
    for ch in line:
        size = len(ch.encode("utf-8"))
        if len(current) + size > limit:
            pieces.append(current.decode("utf-8"))
            current = bytearray()
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with a space
        current += ch.encode("utf-8")
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True, slots=True)
class FollowUp:
    """An all-day calendar event on the day a next step is due."""

    uid: str
    summary: str
    due: date
    description: str = ""
    #: Remind at this hour (local, floating) on the due day; None for no reminder.
    remind_hour: int | None = 9
    created: datetime | None = None
    #: Who the follow-up is with, as text (CONTACT, RFC 5545 3.8.4.2). Not an ATTENDEE: a
    #: calendar would offer to send the prospect an invitation to the rep's own reminder.
    contact: str = ""


def follow_up_calendar(event: FollowUp, product: str = "SalesDesk") -> str:
    """The whole .ics file for one follow-up, as text with CRLF line ends."""
    stamp = _utc_stamp(event.created or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{product}//{product} follow-up//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.due + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.contact:
        lines.append(f"CONTACT:{escape_text(event.contact)}")
    lines += ["TRANSP:TRANSPARENT", "CLASS:PRIVATE"]
    if event.remind_hour is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(event.summary)}",
            f"TRIGGER;RELATED=START:PT{int(event.remind_hour)}H",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
