"""The wrap-up: what the rep reviews when a call ends, and the follow-up it schedules."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from salesdesk.core.bidi import isolate as i
from salesdesk.core.call import CallState, Contact, format_duration, local_text, utcnow
from salesdesk.core.ics import FollowUp
from salesdesk.core.qualification import format_budget

#: Fields the wrap-up can require before a call may be ended.
WRAPUP_FIELDS = {"outcome": "Outcome", "next_step": "Next step", "due": "Due date"}


def local_clock(moment) -> str:
    return local_text(moment, "%H:%M")


def call_summary(call: CallState) -> str:
    """Plain text the rep reads over before ending the call: where it got to, what was
    learned, what came up, and the notes. (Every value from the rep or a playbook goes
    through ``i``, core.bidi.isolate: right-to-left text cannot reorder the lines.)"""
    lines = [f"Call with {i(call.contact.label)}, {format_duration(call.elapsed_seconds(utcnow()))}"]
    stage = call.reached_stage  # how far it got, whichever stage it is back in now
    done = sum(call.stage_progress(s)[0] for s in call.playbook.stages)
    total = sum(call.stage_progress(s)[1] for s in call.playbook.stages)
    lines.append(f"Reached: {i(stage.title)} (stage {call.reached_index + 1} of {len(call.playbook.stages)})")
    lines.append(f"Checklist: {done} of {total} ticked")

    details = call.details
    facts = []
    if call.qualification.get("need", "").strip():
        facts.append(f"Need: {i(call.qualification['need'].strip())}")
    if details.has_budget:
        facts.append(f"Budget: {format_budget(details.budget_min, details.budget_max, details.budget_currency)}")
    if details.decision_date:
        facts.append(f"Decision by: {details.decision_date:%Y-%m-%d}")
    if details.decision_maker.strip():
        role = f" ({i(details.decision_maker_role.strip())})" if details.decision_maker_role.strip() else ""
        facts.append(f"Decision-maker: {i(details.decision_maker.strip())}{role}")
    unknown = call.qualification_unknown
    if unknown:
        facts.append(f"Still unknown: {', '.join(unknown)}")
    if facts:
        lines += ["", "Qualification", *(f"  {fact}" for fact in facts)]

    if call.objections:
        lines += ["", "Objections"]
        for entry in call.objections:
            state = "handled" if entry.handled else "open"
            note = f": {i(entry.note)}" if entry.note else ""
            lines.append(f"  {local_clock(entry.raised_at)}  {i(entry.title)} ({state}){note}")

    notes = [n for n in call.notes if n.text.strip()]
    lines += ["", "Notes"]
    if notes:
        for note in notes:
            text = i(note.text.strip()).replace("\n", "\n         ")
            lines.append(f"  {local_clock(note.at)}  {text}")
    else:
        lines.append("  (none)")
    return "\n".join(lines)


#: Characters of one line of the follow-up's call summary (a calendar shows a few lines).
BRIEF_LINE = 200


def _brief(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= BRIEF_LINE else line[: BRIEF_LINE - 1].rstrip() + "…"


def call_brief(call: CallState) -> list[str]:
    """A few lines about the call for a calendar entry: when, how long, how far it got, the
    need, open objections and the last note, each cut to one short line."""
    stage = call.reached_stage
    length = "still open" if call.ended_at is None else format_duration(call.elapsed_seconds())
    lines = [
        f"Call on {local_text(call.started_at)} ({length}), reached {i(stage.title)} "
        f"(stage {call.reached_index + 1} of {len(call.playbook.stages)})"
    ]
    if call.qualification.get("need", "").strip():
        lines.append(i(_brief(f"Need: {call.qualification['need']}")))
    still_open = [entry.title or entry.key for entry in call.objections if not entry.handled]
    if still_open:
        lines.append(i(_brief(f"Open objections: {'; '.join(still_open)}")))
    notes = [note for note in call.committed_notes if note.text.strip()]
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
