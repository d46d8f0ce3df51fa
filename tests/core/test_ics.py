"""The follow-up .ics file: valid RFC 5545 text that calendar apps import."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from salesdesk.core.bidi import isolate
from salesdesk.core.call import CallState, Contact, NoteEntry, utcnow
from salesdesk.core.ics import FollowUp, escape_text, fold, follow_up_calendar
from salesdesk.core.wrapup import BRIEF_LINE, call_brief, follow_up, follow_up_filename
from tests.calls_data import ODD_TEXTS, add_rich_call


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # bare LF never appears
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            out.append({"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def test_text_is_escaped():
    assert escape_text("a,b;c\\d\r\ne\nf\x07") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "Ørjan 🙂 " * 30
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_follow_up_calendar_has_the_required_properties():
    event = FollowUp(
        uid="abc-follow-up@salesdesk",
        summary="Follow up with Dana, Northwind: demo; pricing",
        due=date(2030, 1, 31),
        description="Next step: demo\nOutcome: Meeting booked, \\o/",
        created=datetime(2030, 1, 2, 8, 30, tzinfo=UTC),
    )
    lines = unfold(follow_up_calendar(event))
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    event_lines = lines[: lines.index("BEGIN:VALARM")]
    props = dict(line.split(":", 1) for line in event_lines)
    assert props["PRODID"].startswith("-//SalesDesk//")
    assert props["UID"] == "abc-follow-up@salesdesk"
    assert props["DTSTAMP"] == "20300102T083000Z"
    assert props["DTSTART;VALUE=DATE"] == "20300131"
    assert props["DTEND;VALUE=DATE"] == "20300201"  # all-day: the end is the next day
    assert unescape(props["SUMMARY"]) == "Follow up with Dana, Northwind: demo; pricing"
    assert props["SUMMARY"] == "Follow up with Dana\\, Northwind: demo\\; pricing"
    assert unescape(props["DESCRIPTION"]) == "Next step: demo\nOutcome: Meeting booked, \\o/"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert "TRIGGER;RELATED=START:PT9H" in lines


def test_follow_up_for_a_call(playbook):
    call = CallState(7, "uid-7", Contact("Zoë Ångström", "Ünïcode AB", "zoe@example.se"), playbook, utcnow(), "closing")
    event = follow_up(call, "Meeting booked", "Send the proposal", date(2030, 5, 4))
    assert event.uid == "uid-7-follow-up@salesdesk"
    assert event.summary == "Follow up with Zoë Ångström · Ünïcode AB: Send the proposal"
    assert "zoe@example.se" in event.description and "Outcome of the call: Meeting booked" in event.description
    assert follow_up_filename(call, date(2030, 5, 4)) == "follow-up-zoe-angstrom-2030-05-04.ics"


def test_the_follow_up_carries_the_contact_and_a_short_summary_icalendar_reads(store, playbook):
    """Parsed with a well-kept iCalendar library: the contact (CONTACT, and in the
    description) and a short summary of the call come back as written, odd text included."""
    icalendar = pytest.importorskip("icalendar")
    call = add_rich_call(store, playbook, name="Zoë; van der Berg, Jr.")
    text = follow_up_calendar(follow_up(call, call.outcome, call.next_step, call.next_step_due))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["CONTACT"]) == "Zoë; van der Berg, Jr., Northwind Logistics, dana@northwind.example, +1 555 0100"
    assert "ATTENDEE" not in event  # a calendar would invite the prospect to the rep's reminder
    description = str(event["DESCRIPTION"])
    lines = description.split("\n")
    assert lines[0] == "Next step: Send proposal"
    assert "Contact: Zoë; van der Berg, Jr. (dana@northwind.example, +1 555 0100)" in lines
    assert any(
        line.startswith("Call on 2024-05-02 ") and "(23:07), reached Closing (stage 7 of 8)" in line for line in lines
    )
    assert isolate("Need: Route planning " + ODD_TEXTS["rtl"]) in lines  # right-to-left text isolated (core.bidi)
    assert "Open objections: Just send me some information" in lines  # the handled one is not listed
    assert isolate(f"Last note: {ODD_TEXTS['entity']} {ODD_TEXTS['override']}") in lines
    assert all(len(line) <= BRIEF_LINE for line in lines)
    assert event.decoded("DTSTART") == date(2024, 5, 9)
    assert str(event["SUMMARY"]) == "Follow up with Zoë; van der Berg, Jr. · Northwind Logistics: Send proposal"


def test_a_long_note_is_one_short_line_in_the_calendar(playbook):
    call = CallState(8, "uid-8", Contact("Ana"), playbook, utcnow(), "closing")
    call.notes.append(NoteEntry(1, utcnow(), "word " * 500 + "\nsecond line"))
    (last,) = [line for line in call_brief(call) if line.startswith("Last note:")]
    assert len(last) == BRIEF_LINE and last.endswith("…") and "\n" not in last
