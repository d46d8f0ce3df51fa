"""Every field of a call reaches every renderer of a call.

``make_call`` gives every field of CallState and of its parts (its contact, qualification
details, objections, notes, checklist ticks, answers, cues and playbook) a distinctive
value. The test finds the fields with ``dataclasses.fields``, recursively, so a field added
later is walked too (and fails at once while it holds no distinctive value). Each renderer
then renders the call: a text value missing from what it shows, or a value that can change
without changing what it shows, fails the test, unless that renderer leaves the field out by
a choice listed below with its reason. So the next field cannot be forgotten: it reaches
every renderer, or the reason it does not is written down here.
"""

from __future__ import annotations

import dataclasses
import html
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest

from salesdesk.core.call import CallState, Contact, FollowupEmail, NoteEntry, ObjectionEntry
from salesdesk.core.emails import EmailTemplate
from salesdesk.core.playbook import ChecklistItem, Close, Objection, Playbook, Question, Stage
from salesdesk.core.qualification import QualificationDetails
from tests.tools import tool

# --------------------------------------------------------------------------- the call

_tokens: list[str] = []


def token() -> str:
    """A distinctive word: letters and digits only, so no format escapes it, and never part
    of another token."""
    _tokens.append(f"Tq{len(_tokens):03d}z")
    return _tokens[-1]


START = datetime(2031, 3, 4, 9, 11, tzinfo=UTC)


def make_playbook() -> Playbook:
    stages = tuple(
        Stage(
            key=f"stage-{n}",
            title=token(),
            goal=token(),
            minutes=10 + n,
            checklist=(ChecklistItem(f"item-{n}a", token()), ChecklistItem(f"item-{n}b", token())),
            questions=(Question(f"question-{n}", token(), hint=token()),),
        )
        for n in range(3)
    )
    return Playbook(
        name=token(),
        version=token(),
        stages=stages,
        objections=(Objection("price", token(), (token(),), token(), (token(),)),),
        closes=(Close("assume", token(), token(), (token(),)),),
        language="en",
        description=token(),
        qualification={"need": token()},
        emails=(EmailTemplate("recap", token(), token(), token(), (token(),)),),
        source=token(),
    )


def make_call() -> CallState:
    """A finished call with a distinctive value in every field. It got to the last stage and
    went back to the middle one; every checklist item is ticked, every question answered
    (and one answer's question is not in the playbook), one objection handled, one not, one
    note still being typed."""
    playbook = make_playbook()
    _first, middle, last = playbook.stages
    call = CallState(
        id=4101,
        uid=token(),
        contact=Contact(
            name=f"{token()} {token()}", company=token(), email=f"{token()}@example.com", phone=token(), id=4102
        ),
        playbook=playbook,
        started_at=START,
        stage=middle.key,
        ended_at=START + timedelta(minutes=37, seconds=12),
        outcome=token(),
        next_step=token(),
        next_step_due=date(2031, 4, 17),
        qualification={"need": token(), "budget": token(), "timeline": token(), "authority": token()},
        stage_entered_at=START + timedelta(minutes=29),
        details=QualificationDetails(
            budget_min=41_300,
            budget_max=67_900,
            budget_currency="XQZ",
            decision_date=date(2031, 6, 23),
            decision_maker=token(),
            decision_maker_role=token(),
        ),
        cues={"price": token()},
        furthest_stage=last.key,
        followup=FollowupEmail("recap", token(), token(), START + timedelta(hours=2, minutes=3)),
    )
    for n, stage in enumerate(playbook.stages):
        for m, item in enumerate(stage.checklist):
            call.ticks[(stage.key, item.key)] = START + timedelta(minutes=3 * n + m + 1)
        call.answers[stage.questions[0].key] = token()
    call.answers["asked-off-script"] = token()
    call.objections = [
        ObjectionEntry(4103, token(), token(), START + timedelta(minutes=13), True, token()),
        ObjectionEntry(4104, token(), token(), START + timedelta(minutes=21), False, token()),
    ]
    call.notes = [
        NoteEntry(4105, START + timedelta(minutes=5), token(), False),
        NoteEntry(4106, START + timedelta(minutes=33), token(), True),
    ]
    return call


# --------------------------------------------------------------------------- its fields


@dataclass(frozen=True)
class Leaf:
    """One value in the call: where it is (``steps``, from the call), the path listed
    below (``objections[].note``: list indices and dict keys as ``[]``; ``ticks{}`` is which
    entries a dict has) and the token a renderer must show (None: a value it formats)."""

    steps: tuple
    path: str
    token: str | None


#: Text values a renderer does not show as they are: keys (it shows what they name), the
#: currency code (part of a formatted amount), a cue's response. Changing one must show.
KEYS = {
    "details.budget_currency",
    "stage",
    "furthest_stage",
    "objections[].key",
    "playbook.stages[].key",
    "playbook.stages[].checklist[].key",
    "playbook.stages[].questions[].key",
    "playbook.objections[].key",
    "playbook.closes[].key",
    "playbook.emails[].key",
    "playbook.language",
    "cues[]",
    "followup.template",
}


def leaves(value, steps: tuple = (), path: str = "") -> list[Leaf]:
    """Every value in ``value`` (a call): dataclasses by their fields, lists by their items,
    dicts by their entries (and which entries there are)."""

    def join(name: str) -> str:
        return f"{path}.{name}" if path else name

    if dataclasses.is_dataclass(value):
        found = []
        for field in dataclasses.fields(value):
            found += leaves(getattr(value, field.name), (*steps, field.name), join(field.name))
        return found
    if isinstance(value, list | tuple) and value and dataclasses.is_dataclass(value[0]):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, (*steps, index), f"{path}[]")]
    if isinstance(value, dict):
        entries = [Leaf(steps, f"{path}{{}}", None)]
        for key, item in value.items():
            entries += leaves(item, (*steps, ("key", key)), f"{path}[]")
        return entries
    assert value not in (None, "", (), []), f"{path} holds no distinctive value: give it one in make_call()"
    if isinstance(value, str) and path not in KEYS:
        assert value in _tokens or "@" in value or " " in value, f"{path}: make it a token() in make_call()"
        return [Leaf(steps, path, value) for value in value.replace("@", " ").split() if value in _tokens]
    return [Leaf(steps, path, None)]


def _without_first(entries: dict) -> dict:
    rest = dict(entries)
    rest.pop(next(iter(rest)))
    return rest


#: Another value of each kind (bool before int: a bool is an int); a dict loses an entry.
_OTHER = (
    (bool, lambda value: not value),
    (int, lambda value: value + 1000),
    (datetime, lambda value: value + timedelta(days=1, minutes=7)),
    (date, lambda value: value + timedelta(days=3)),
    (str, lambda value: value + "x"),
    (tuple, lambda value: (*value, "Other")),
    (dict, _without_first),
)


def changed(value, steps: tuple):
    """``value`` with the value at ``steps`` changed (or, for a dict's entries, one taken away)."""
    if not steps:
        for kind, other in _OTHER:
            if isinstance(value, kind):
                return other(value)
        raise AssertionError(f"no way to change {value!r}")
    step, rest = steps[0], steps[1:]
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{step: changed(getattr(value, step), rest)})
    if isinstance(value, list | tuple):
        items = list(value)
        items[step] = changed(items[step], rest)
        return type(value)(items)
    if isinstance(value, dict):
        _, key = step
        return {k: (changed(v, rest) if k == key else v) for k, v in value.items()}
    raise AssertionError(f"cannot walk into {value!r}")


# --------------------------------------------------------------------------- the renderers


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible(page: str) -> str:
    """The text a browser shows of an HTML page."""
    parser = _Visible()
    parser.feed(page)
    return html.unescape(" ".join(parser.parts))


def markdown(call):
    from salesdesk.core.export import call_markdown

    return call_markdown(call, UTC)


def text(call):
    from salesdesk.core.export import call_text

    return call_text(call, UTC)


def web_page(call):
    from salesdesk.core.export import call_html

    return visible(call_html(call, UTC))


def pdf(call):
    from salesdesk.core.export import calls_html
    from salesdesk.pdf import render_pdf

    pdftotext = tool("pdftotext", "poppler-utils")
    data = render_pdf(calls_html([call], UTC))
    return subprocess.run([pdftotext, "-", "-"], input=data, capture_output=True, check=True).stdout.decode("utf-8")


def clipboard(call):
    """The rich text a paste into a CRM or an e-mail takes (the plain text is the Markdown)."""
    from salesdesk.core.export import call_html_fragment

    return visible(call_html_fragment(call, UTC))


def csv(call):
    from salesdesk.core.export import calls_csv

    return calls_csv([call], UTC)


def history_view(call):
    from salesdesk.ui.history.call_view import call_html

    return visible(call_html(call))


def wrap_up(call):
    from salesdesk.core.wrapup import call_summary

    return call_summary(call)


def unsaved_text(call):
    from salesdesk.ui.safety.feature import call_as_text

    return call_as_text(call)


def crm(preset: str) -> Callable[[CallState], str]:
    def render(call):
        from salesdesk.core.crm import PRESETS, render_preset

        return "\n".join(render_preset(PRESETS[preset], [call], UTC).values())

    return render


def email(call):
    """A template with every placeholder there is, filled in from the call."""
    from salesdesk.core.emails import CONTACT_PLACEHOLDERS, QUALIFICATION_PLACEHOLDERS, render_email

    names = [*CONTACT_PLACEHOLDERS, "outcome", "next_step", "next_step_date", "call_date"]
    names += [f"answer:{key}" for key in call.answers]
    names += [f"qualification:{name}" for name in QUALIFICATION_PLACEHOLDERS]
    template = EmailTemplate("all", "All", "Call", "\n".join(f"{{{name}}}" for name in names))
    draft = render_email(template, call, UTC)
    return f"{draft.to_name} <{draft.to_address}>\n{draft.subject}\n{draft.text}"


def follow_up(call):
    from salesdesk.core.ics import follow_up_calendar
    from salesdesk.core.wrapup import follow_up

    event = follow_up(call, call.outcome, call.next_step, call.next_step_due)
    unfolded = follow_up_calendar(dataclasses.replace(event, created=START)).replace("\r\n ", "")
    return unfolded.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")


# --------------------------------------------------------------------------- what each leaves out

#: The call's own ids in this database: they mean nothing outside it.
ROW_IDS = {
    "id": "the call's row id in this database (`salesdesk calls` lists it)",
    "contact.id": "a row id of this database",
    "objections[].id": "a row id of this database",
    "notes[].id": "a row id of this database",
}
#: What the playbook holds besides what a call uses: the method, not what happened.
PLAYBOOK_GUIDANCE = {
    "playbook.stages[].goal": "the stage's goal: guidance for the rep during the call",
    "playbook.stages[].minutes": "the stage's time box: guidance for the rep during the call",
    "playbook.stages[].questions[].hint": "the question's hint: guidance for the rep during the call",
    "playbook.objections": "the playbook's rebuttals: the method; the call's objections are shown",
    "playbook.closes": "the playbook's closing techniques: the method",
    "playbook.emails": "the playbook's e-mail templates: the method",
    "playbook.description": "the playbook's description: the method",
    "playbook.qualification": "the playbook's prompts for the qualification fields: the method",
    "playbook.language": "the language the playbook is written in (only the e-mail's dates follow it)",
    "playbook.source": "the file the playbook was read from on this machine",
}
#: What no document of a call shows (Markdown, text, web page, PDF, the clipboard, the text
#: copy kept when the database cannot be written, the CRM notes).
NOT_IN_DOCUMENTS = {
    **ROW_IDS,
    **PLAYBOOK_GUIDANCE,
    "uid": "the call's identity for programs (the JSON and the CSV carry it)",
    "objections[].key": "the objection's playbook key: its title is shown (the key only when it has none)",
    "objections[].raised_at": "a document lists the objections in the order they were raised; the History "
    "view and the wrap-up show the time",
    "stage_entered_at": "when the current stage began: the stage clock's start in the sidebar",
    "ticks[]": "when an item was ticked: a document shows what was done, not when",
    "cues": "which live cues were shown: the sidebar's memory, so none is shown twice; what came of one is in "
    "the objections",
    "followup.template": "which template the follow-up e-mail began from: its subject and text are shown",
}
LEFT_OUT: dict[str, dict[str, str]] = {
    "markdown": NOT_IN_DOCUMENTS,
    "text": NOT_IN_DOCUMENTS,
    "web page": NOT_IN_DOCUMENTS,
    "pdf": NOT_IN_DOCUMENTS,
    "clipboard": NOT_IN_DOCUMENTS,
    "unsaved text": NOT_IN_DOCUMENTS,
    **{
        name: {
            **NOT_IN_DOCUMENTS,
            "uid": "the CRM keeps its own ids",
        }
        for name in ("hubspot", "salesforce", "pipedrive")
    },
    "csv": {
        **PLAYBOOK_GUIDANCE,
        "contact.id": "a row id of this database",
        "objections[].id": "a row id of this database",
        "notes[].id": "a row id of this database",
        "objections[].key": "the title stands for it",
        "objections[].raised_at": "the objections are listed in the order raised, in one cell",
        "objections[].note": "one cell lists the objections by title; the notes on them are in the documents",
        "stage": "one column says how far the call got (the documents also say where it ended)",
        "stage_entered_at": "the stage clock's start in the sidebar",
        "ticks": "a row has no room for a checklist: the documents and the JSON have it",
        "answers": "a row has no room for a call's answers: the documents and the JSON have them",
        "cues": "the sidebar's memory of the live cues shown",
        "notes[].draft": "a note being typed is a note like any other in a cell",
        "playbook": "the playbook is the method: the documents name it, the JSON has it whole",
        "followup.template": "the e-mail's subject and text stand for it",
    },
    "history view": {
        **ROW_IDS,
        **PLAYBOOK_GUIDANCE,
        "uid": "the call's identity for programs",
        "objections[].key": "the title stands for it",
        "stage_entered_at": "the stage clock's start in the sidebar",
        "ticks[]": "the view shows what was done, not when",
        "cues": "the sidebar's memory of the live cues shown",
        "followup.template": "the e-mail's subject and text stand for it",
    },
    "wrap-up": {
        **ROW_IDS,
        **PLAYBOOK_GUIDANCE,
        "uid": "the call's identity for programs",
        "contact.email": "the rep is just off the call with them: the summary names them",
        "contact.phone": "the rep is just off the call with them: the summary names them",
        "outcome": "the wrap-up's own field, right beside the summary",
        "next_step": "the wrap-up's own field, right beside the summary",
        "next_step_due": "the wrap-up's own field, right beside the summary",
        "objections[].key": "the title stands for it",
        "stage_entered_at": "the stage clock's start in the sidebar",
        "ticks[]": "the summary counts what was done",
        "playbook.stages[].title": "the summary names the stage the call reached and the one it is in now",
        "playbook.stages[].checklist[].text": "the summary counts what was done; the checklist is on screen",
        "playbook.name": "the playbook is on screen",
        "playbook.version": "the playbook is on screen",
        "cues": "the sidebar's memory of the live cues shown",
        "notes[].draft": "the note being typed is in the summary like the others",
        "followup": "the follow-up e-mail is written after the wrap-up",
    },
    "e-mail": {
        "": "a template says which of the call's values it uses: the contact, the wrap-up, the answers and "
        "the qualification (docs/playbook-format.md); everything else is left out",
    },
    "follow-up": {
        "": "a calendar entry carries a few lines (core.wrapup.call_brief): who, the next step, the outcome, when "
        "and how far the call got, the need, the objections still open and the last note",
    },
}
#: What the e-mail and the follow-up do carry: each must show these (and may show more).
CARRIED = {
    "e-mail": [
        "contact.name",
        "contact.company",
        "contact.email",
        "contact.phone",
        "outcome",
        "next_step",
        "next_step_due",
        "started_at",
        "answers[]",
        "qualification[]",
    ],
    "follow-up": [
        "uid",
        "contact.name",
        "contact.company",
        "contact.email",
        "contact.phone",
        "outcome",
        "next_step",
        "next_step_due",
        "started_at",
        "ended_at",
        "furthest_stage",
    ],
}

RENDERERS: dict[str, Callable[[CallState], str]] = {
    "markdown": markdown,
    "text": text,
    "web page": web_page,
    "pdf": pdf,
    "clipboard": clipboard,
    "csv": csv,
    "history view": history_view,
    "wrap-up": wrap_up,
    "unsaved text": unsaved_text,
    "hubspot": crm("hubspot"),
    "salesforce": crm("salesforce"),
    "pipedrive": crm("pipedrive"),
    "e-mail": email,
    "follow-up": follow_up,
}


def left_out(renderer: str, path: str) -> str | None:
    """Why ``renderer`` leaves the field at ``path`` out (None: it must show it)."""
    listed = LEFT_OUT.get(renderer, {})
    if renderer in CARRIED:
        return None if path in CARRIED[renderer] else listed[""]
    for prefix, reason in listed.items():
        if path == prefix or path.startswith((f"{prefix}.", f"{prefix}[", f"{prefix}{{")):
            return reason
    return None


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_every_field_of_a_call_reaches_the_renderer(renderer: str, qapp):
    render = RENDERERS[renderer]
    call = make_call()
    shown = render(call)

    def is_shown(leaf: Leaf) -> bool:
        if leaf.token is not None:
            return leaf.token in shown
        return render(changed(call, leaf.steps)) != shown

    missing, listed = [], {}
    for leaf in leaves(call):
        if left_out(renderer, leaf.path) is None:
            if not is_shown(leaf):
                missing.append(f"{leaf.path} ({leaf.token or 'another value shows the same'})")
        elif renderer not in CARRIED:
            listed.setdefault(leaf.path, []).append(is_shown(leaf))
    assert not missing, f"{renderer} leaves out {sorted(set(missing))}: show it, or list why not (LEFT_OUT)"
    # A choice that no longer holds is not left standing: what is listed as left out is not shown.
    stale = sorted(path for path, shown_each in listed.items() if all(shown_each))
    assert not stale, f"{renderer} shows {stale} now: take them off its list (LEFT_OUT)"


def test_the_walk_finds_every_field():
    """A field added to CallState or one of its parts is walked (and needs a value)."""
    paths = {leaf.path for leaf in leaves(make_call())}
    names = ("details.decision_maker_role", "objections[].note", "notes[].draft", "contact.phone", "ticks[]")
    for name in (*names, "followup.sent_at", "followup.body"):
        assert name in paths
    call_fields = {field.name for field in dataclasses.fields(CallState)}
    assert call_fields <= {path.split(".")[0].split("[")[0].split("{")[0] for path in paths}
