"""Follow-up e-mails: the templates a playbook carries, filled in from a call.

A playbook's ``[[emails]]`` (docs/playbook-format.md) each have a key, a title, the outcomes
they suit, a subject and a body. Subject and body take placeholders in braces:

==========================  ==========================================================
``{first_name}``            the contact's first name (split by ``core.names``)
``{last_name}`` ``{name}``  last name; the whole name as typed
``{company}`` ``{email}``   the contact's company, e-mail address and phone
``{phone}``
``{outcome}``               the call's outcome
``{next_step}``             the next step, and its due date (``{next_step_date}``)
``{call_date}``             the day of the call
``{answer:KEY}``            the answer to the question with that key (any stage), e.g.
                            ``{answer:pain-points}``
``{qualification:FIELD}``   need, budget, timeline or authority as typed on the call
==========================  ==========================================================

``{{`` and ``}}`` are literal braces. A placeholder with nothing to fill in becomes a visible
fill-in, ``[first name]``, ``[pain points]``: the draft never breaks and never hides a gap.
The validator (``check_templates``, called by core.playbook_check) reports an unknown placeholder,
an answer key no question has, and a stray brace, each at its line.

Rendering gives plain text and a simple HTML version (everything escaped), a ``mailto:`` URL
when subject and body fit the length mail clients take (``MAILTO_LIMIT``), and an RFC 5322
``.eml`` draft (UTF-8, ``X-Unsent: 1`` so mail apps open it as a message to send).

Imported when a playbook has e-mail templates, which may be at start-up: standard library
only at the top (the renderers' helpers are imported when a draft is made).
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salesdesk.core.call import CallState
    from salesdesk.core.playbook import Playbook

EMAIL_FIELDS = ("key", "title", "outcomes", "subject", "body")
CONTACT_PLACEHOLDERS = ("first_name", "last_name", "name", "company", "email", "phone")
CALL_PLACEHOLDERS = ("outcome", "next_step", "next_step_date", "call_date")
PLACEHOLDERS = CONTACT_PLACEHOLDERS + CALL_PLACEHOLDERS
#: Placeholders with a part after the colon: ``{answer:KEY}``, ``{qualification:FIELD}``.
KEYED_PLACEHOLDERS = ("answer", "qualification")
QUALIFICATION_PLACEHOLDERS = ("need", "budget", "timeline", "authority")
#: Longest ``mailto:`` URL handed to a mail app: some clients and systems cut or refuse
#: longer ones (about 2,000 characters is the common safe bound); beyond it, an .eml file.
MAILTO_LIMIT = 2000

# "{{", "}}", a placeholder, or a brace on its own (an error).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


@dataclass(frozen=True, slots=True)
class EmailTemplate:
    key: str
    title: str
    subject: str
    body: str
    #: Outcomes this template is for (as the wrap-up offers them, any case); none: any call.
    outcomes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "outcomes": list(self.outcomes),
            "subject": self.subject,
            "body": self.body,
        }

    def suits(self, outcome: str) -> bool:
        wanted = " ".join(outcome.split()).casefold()
        return bool(wanted) and any(" ".join(o.split()).casefold() == wanted for o in self.outcomes)


# --------------------------------------------------------------------------- checking


def placeholder_problems(text: str, question_keys: set[str]) -> list[tuple[str, str]]:
    """What is wrong with the placeholders in ``text``: (message, the text to point at)."""
    problems = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            where = text[match.start() : match.start() + 24].split("\n", maxsplit=1)[0]
            problems.append(
                (f"a lone {token!r} at {where!r}: write {token * 2} for a brace, or close the placeholder", where)
            )
            continue
        inner = match.group(1).strip()
        name, colon, part = inner.partition(":")
        name, part = name.strip(), part.strip()
        if not colon and name in PLACEHOLDERS:
            continue
        if name == "answer" and colon:
            if part in question_keys:
                continue
            known = ", ".join(sorted(question_keys)) or "none"
            problems.append((f"placeholder {token}: no question has the key {part!r} (question keys: {known})", token))
            continue
        if name == "qualification" and colon:
            if part in QUALIFICATION_PLACEHOLDERS:
                continue
            fields = ", ".join(QUALIFICATION_PLACEHOLDERS)
            problems.append((f"placeholder {token}: {part!r} is not a qualification field ({fields})", token))
            continue
        names = ", ".join([*PLACEHOLDERS, "answer:KEY", "qualification:FIELD"])
        problems.append((f"unknown placeholder {token}; use one of {names}", token))
    return problems


def check_templates(check, data: dict, question_keys: set[str]) -> tuple[EmailTemplate, ...]:
    """The playbook's ``[[emails]]``, checked with the playbook validator's checker ``check``
    (core.playbook_check): every problem is added there, with the text to find its line by."""
    keys: dict[str, str] = {}
    templates = []
    for path, table in check.tables(data, "emails", "", allowed=EMAIL_FIELDS):
        key = check.key(table, path, keys)
        title = check.text(table, "title", path)
        subject = check.text(table, "subject", path)
        body = check.text(table, "body", path)
        outcomes = check.strings(table, "outcomes", path)
        if "\n" in subject:
            check.add(f"{path}.subject", "must be one line", anchor=subject.split("\n")[1][:24])
        for name, text in (("subject", subject), ("body", body)):
            for message, anchor in placeholder_problems(text, question_keys):
                check.add(f"{path}.{name}", message, anchor=anchor)
        templates.append(EmailTemplate(key, title, subject, body, outcomes))
    return tuple(templates)


def templates_for(playbook: Playbook, outcome: str) -> list[EmailTemplate]:
    """The playbook's templates, best first: those for this outcome, then those for any
    call, then the rest (a rep may still pick one of them)."""
    templates = list(playbook.emails)
    return sorted(templates, key=lambda t: 0 if t.suits(outcome) else 1 if not t.outcomes else 2)


# --------------------------------------------------------------------------- filling in

_MONTHS = {
    "en": "January February March April May June July August September October November December".split(),  # noqa: SIM905
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),  # noqa: SIM905
}
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),  # noqa: SIM905
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split(),  # noqa: SIM905
}


def spoken_date(day: date, language: str = "en", *, weekday: bool = True) -> str:
    """A date as a person writes it in an e-mail: ``Thursday, 9 May 2024`` (English),
    ``Donnerstag, 9. Mai 2024`` (German), ISO ``2024-05-09`` in any other language."""
    lang = language.split("-", maxsplit=1)[0].split("_", maxsplit=1)[0].lower()
    if lang not in _MONTHS:
        return day.isoformat()
    month = _MONTHS[lang][day.month - 1]
    text = f"{day.day}. {month} {day.year}" if lang == "de" else f"{day.day} {month} {day.year}"
    return f"{_WEEKDAYS[lang][day.weekday()]}, {text}" if weekday else text


def fill_in_label(placeholder: str) -> str:
    """The visible gap for a placeholder with no value: ``answer:pain-points`` -> ``[pain points]``."""
    name, _, part = placeholder.partition(":")
    return "[" + (part or name).replace("_", " ").replace("-", " ").strip() + "]"


@dataclass(frozen=True, slots=True)
class EmailDraft:
    """A template filled in from a call: what the follow-up dialog shows and sends."""

    to_name: str
    to_address: str
    subject: str
    text: str
    html: str
    #: The fill-ins left in subject or body (``[pain points]``), for the rep to complete.
    fill_ins: tuple[str, ...] = field(default=())

    def mailto(self) -> str | None:
        """``mailto_url`` of this draft, None when it is too long for one (write an .eml)."""
        return mailto_url(self.to_address, self.subject, self.text)

    def eml(self, when: datetime | None = None) -> bytes:
        return eml_bytes(self, when)


def placeholder_values(call: CallState, tz: tzinfo | None = None) -> dict[str, str]:
    """What each placeholder stands for, from the call's digest (core.digest): the rep's text
    ``clean`` (bidi-isolated where it has right-to-left text or a direction control, so a
    value cannot turn the rest of the line around); a name split before it is isolated, so
    each part is isolated on its own. ``{qualification:FIELD}`` is the rep's words, or the
    typed fact (the budget amount, the decision date, the decision-maker) where there are none."""
    from salesdesk.core.bidi import isolate
    from salesdesk.core.digest import digest
    from salesdesk.core.export import clean, without_controls
    from salesdesk.core.names import split_name

    d = digest(call)
    name = " ".join(without_controls(d.name).split())
    parts = split_name(name)
    language = call.playbook.language
    values = {
        "first_name": isolate(parts.first or parts.last),
        "last_name": isolate(parts.last),
        "name": isolate(name),
        "company": clean(d.company).strip(),
        "email": d.email.strip(),
        "phone": d.phone.strip(),
        "outcome": clean(d.outcome).strip(),
        "next_step": clean(d.next_step).strip(),
        "next_step_date": spoken_date(d.next_step_due, language) if d.next_step_due else "",
        "call_date": spoken_date(d.started_at.astimezone(tz).date(), language),
    }
    for key, answer in call.answers.items():  # every answer by its key, however the digest words it
        values[f"answer:{key}"] = clean(answer).strip()
    decided = call.details.decision_date
    typed = {  # what a field's placeholder gives when the rep wrote no words for it
        "budget": d.fact("budget_amount"),
        "timeline": spoken_date(decided, language) if decided else "",
        "authority": d.fact("decision_maker"),
    }
    for name in QUALIFICATION_PLACEHOLDERS:
        values[f"qualification:{name}"] = clean(d.fact(name).strip() or typed.get(name, "")).strip()
    return values


def fill(text: str, values: dict[str, str], *, one_line: bool = False) -> tuple[str, list[str]]:
    """``text`` with its placeholders filled from ``values`` (gaps as fill-ins); also the
    fill-ins used. ``one_line``: values with line breaks are joined with spaces (a subject)."""
    gaps: list[str] = []

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        if match.group(1) is None:
            return token  # a stray brace (the validator reports it): kept as written
        name, colon, part = match.group(1).strip().partition(":")
        key = f"{name.strip()}{colon}{part.strip()}"
        value = values.get(key, "")
        if one_line:
            value = " ".join(value.split())
        if not value:
            label = fill_in_label(key)
            gaps.append(label)
            return label
        return value

    return _TOKEN.sub(replace, text), gaps


def render_email(template: EmailTemplate, call: CallState, tz: tzinfo | None = None) -> EmailDraft:
    """``template`` filled in from ``call``: plain text, HTML, and who it goes to. (The
    values are isolated already: the whole is only rid of control characters.)"""
    from salesdesk.core.export import without_controls

    values = placeholder_values(call, tz)
    subject, subject_gaps = fill(template.subject, values, one_line=True)
    body, body_gaps = fill(template.body, values)
    subject = " ".join(without_controls(subject).split())
    body = without_controls(body).strip() + "\n"
    return EmailDraft(
        to_name=values["name"],
        to_address=values["email"],
        subject=subject,
        text=body,
        html=email_html(body),
        fill_ins=tuple(dict.fromkeys(subject_gaps + body_gaps)),
    )


def email_html(text: str) -> str:
    """Plain text as a simple HTML fragment: paragraphs at blank lines, line breaks kept,
    everything escaped (what the rep or the prospect typed is never markup)."""
    import html

    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(
        '<p dir="auto">' + html.escape(p.strip(), quote=True).replace("\n", "<br>\n") + "</p>\n" for p in paragraphs
    )


def mailto_url(address: str, subject: str, body: str, *, limit: int = MAILTO_LIMIT) -> str | None:
    """A ``mailto:`` URL (RFC 6068) with subject and body, or None when it would be longer
    than ``limit`` characters (the caller offers an .eml file instead)."""
    from urllib.parse import quote

    address = address.strip() if address and re.fullmatch(r"[^\s@,;<>]+@[^\s@,;<>]+", address.strip()) else ""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")  # RFC 6068: line breaks are CRLF
    url = f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return url if len(url) <= limit else None


def eml_bytes(draft: EmailDraft, when: datetime | None = None) -> bytes:
    """The draft as an RFC 5322 message: To, Subject, Date, ``X-Unsent: 1`` (Outlook and
    others open it as a message to edit and send), plain text and HTML alternatives in UTF-8,
    CRLF line ends. No From: the mail app fills in the rep's own account."""
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import format_datetime, localtime

    message = EmailMessage(policy=policy.SMTP)
    if draft.to_address:
        # An address a message cannot carry is left out: the rep types one in the mail app.
        with suppress(ValueError, IndexError, TypeError):
            message["To"] = Address(display_name=_header_text(draft.to_name), addr_spec=draft.to_address.strip())
    message["Subject"] = _header_text(draft.subject)
    message["Date"] = format_datetime(when or localtime())
    message["X-Unsent"] = "1"
    message.set_content(draft.text, charset="utf-8")
    message.add_alternative(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n' + draft.html + "</body></html>\n",
        subtype="html",
        charset="utf-8",
    )
    return message.as_bytes()


def _header_text(text: str) -> str:
    """One line without control characters: nothing a header could be split or forged by."""
    return " ".join("".join(c for c in text if c >= " " and c != "\x7f").split())
