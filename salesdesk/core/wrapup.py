"""The wrap-up: what the rep reviews when a call ends, and the follow-up it schedules."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from salesdesk.core.bidi import isolate as i
from salesdesk.core.call import CallState, Contact, format_duration, local_text, utcnow
from salesdesk.core.digest import digest
from salesdesk.core.ics import FollowUp

#: Fields the wrap-up can require before a call may be ended.
WRAPUP_FIELDS = {"outcome": "Outcome", "next_step": "Next step", "due": "Due date"}


def local_clock(moment) -> str:
    return local_text(moment, "%H:%M")


def call_summary(call: CallState) -> str:
    """Plain text the rep reads over before ending the call (core.digest): where it got to,
    what was learned, what came up, and the notes. (Every value from the rep or a playbook
    goes through ``i``, core.bidi.isolate: right-to-left text cannot reorder the lines.)"""
    d = digest(call, lambda text: i(text.strip()))
    # The name and company in one isolate: the length after them reads on the same line.
    lines = [f"Call with {i(call.contact.label)}, {format_duration(call.elapsed_seconds(utcnow()))}"]
    if d.reached is not None:  # how far it got, whichever stage it is back in now
        lines.append(f"Reached: {d.reached.title} (stage {d.reached.number} of {d.reached.of})")
    if d.now_in is not None:
        lines.append(f"Now in: {d.now_in.title} (stage {d.now_in.number})")
    done, total = d.ticked
    lines.append(f"Checklist: {done} of {total} ticked")

    facts = [f"{fact.label}: {_indented(fact.text, '    ')}" for fact in d.qualification]
    if d.unknown:
        facts.append(f"Still unknown: {', '.join(d.unknown)}")
    if facts:
        lines += ["", "Qualification", *(f"  {fact}" for fact in facts)]

    if d.answers:
        lines += ["", "Answers"]
        for line in d.answers:
            lines += [f"  {line.question}", f"    {_indented(line.answer, '    ')}"]

    if d.objections:
        lines += ["", "Objections"]
        for entry in d.objections:
            state = "handled" if entry.handled else "open"
            note = f": {entry.note}" if entry.note else ""
            lines.append(f"  {local_clock(entry.raised_at)}  {entry.title} ({state}){note}")

    lines += ["", "Notes"]
    if d.notes:
        for note in d.notes:
            lines.append(f"  {local_clock(note.at)}  {_indented(note.text, '         ')}")
    else:
        lines.append("  (none)")
    return "\n".join(lines)


def _indented(text: str, indent: str) -> str:
    return text.replace("\n", "\n" + indent)


#: Characters of one line of the follow-up's call summary (a calendar shows a few lines).
BRIEF_LINE = 200


def _brief(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= BRIEF_LINE else line[: BRIEF_LINE - 1].rstrip() + "…"


def call_brief(call: CallState) -> list[str]:
    """A few lines about the call for a calendar entry (core.digest): when, how long, how far
    it got, the need, open objections and the last note, each cut to one short line."""
    d = digest(call)
    length = "still open" if d.seconds is None else format_duration(d.seconds)
    reached = f"{i(d.reached.title)} (stage {d.reached.number} of {d.reached.of})" if d.reached else i(d.reached_key)
    lines = [f"Call on {local_text(d.started_at)} ({length}), reached {reached}"]
    if d.fact("need").strip():
        lines.append(i(_brief(f"Need: {d.fact('need')}")))
    still_open = [entry.title for entry in d.objections if not entry.handled]
    if still_open:
        lines.append(i(_brief(f"Open objections: {'; '.join(still_open)}")))
    notes = [note for note in d.notes if not note.draft]
    if notes:
        lines.append(i(_brief(f"Last note: {max(notes, key=lambda n: n.at).text}")))
    return lines


def contact_text(contact: Contact) -> str:
    """The contact on one line: name, company, e-mail and phone, those that are known."""
    return ", ".join(
        " ".join(v.split()) for v in (contact.name, contact.company, contact.email, contact.phone) if v.strip()
    )


def follow_up(call: CallState, outcome: str, next_step: str, due: date) -> FollowUp:
    """The calendar event for the call's next step: the contact (CONTACT, and in the
    description) and a short summary of the call."""
    contact = call.contact
    who, next_step, outcome = i(contact.label), i(next_step), i(outcome)
    details = [f"Next step: {next_step}" if next_step else "", f"Outcome of the call: {outcome}" if outcome else ""]
    reach = ", ".join(i(x) for x in (contact.email, contact.phone) if x)
    if reach:
        details.append(f"Contact: {i(contact.name)} ({reach})")
    details += call_brief(call)
    details.append(f"(SalesDesk call {call.uid})")
    return FollowUp(
        uid=f"{call.uid}-follow-up@salesdesk",
        summary=f"Follow up with {who}: {next_step}" if next_step else f"Follow up with {who}",
        due=due,
        description="\n".join(x for x in details if x),
        contact=contact_text(contact),
    )


def follow_up_filename(call: CallState, due: date) -> str:
    """A file name that says what it is: ``follow-up-dana-whitfield-2030-01-02.ics``."""
    folded = unicodedata.normalize("NFKD", call.contact.name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:40] or "contact"
    return f"follow-up-{slug}-{due:%Y-%m-%d}.ics"
