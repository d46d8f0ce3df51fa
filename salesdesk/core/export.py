"""Calls rendered for people: Markdown, plain text, HTML and CSV. No Qt, no storage.

Every renderer reads the same digest of a call (core.digest), so the formats never disagree
about what is in a call. Sections with nothing in them are left out. What the rep typed is
always shown as text: each format escapes it its own way (Markdown backslash escapes, HTML
entities, CSV formula guard), so a note such as ``<script>`` or ``*bold*`` comes out as typed.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from salesdesk.core.bidi import isolate, strip_controls
from salesdesk.core.call import MAX_FIELD_CHARS, CallState, format_duration, local_text, to_local
from salesdesk.core.digest import QUALIFICATION_FACTS, CallDigest, NoteLine, digest
from salesdesk.core.formats import (  # noqa: F401  (part of this module's interface)
    ALL_FORMATS,
    DOCUMENT_FORMATS,
    FORMAT_SUFFIXES,
    SUFFIX_FORMATS,
    TABLE_FORMATS,
)
from salesdesk.core.playbook import QUALIFICATION_FIELDS

QUALIFICATION_LABELS = {name: name.replace("_", " ").capitalize() for name in QUALIFICATION_FIELDS}

# C0 controls (but tab and newline) and DEL: invisible, and some terminals act on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """User text for a human format: one kind of line break, no control characters, and
    bidi-isolated (core.bidi): right-to-left text or an override character stays as typed but
    cannot reorder what follows it. Text without either is unchanged."""
    return isolate(without_controls(text))


def without_controls(text: str) -> str:
    """``text`` with one kind of line break and no control characters (bidi ones are kept)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _field(text: str) -> str:
    """A field for a document (Markdown, text, HTML, PDF), ``clean``: one longer than a
    field holds (stored before there was a limit) is cut there with a note, so a document
    takes the same time however long a note is. CSV and JSON keep every character."""
    text = text.strip()
    if len(text) > MAX_FIELD_CHARS:
        rest = len(text) - MAX_FIELD_CHARS
        text = (
            f"{text[:MAX_FIELD_CHARS]}\n[… {rest:,} more characters not shown: a document shows at most "
            f"{MAX_FIELD_CHARS:,} of one field; the JSON export has them all]"
        )
    return clean(text)


# --------------------------------------------------------------------------- the document


def format_moment(moment: datetime, tz: tzinfo | None = None) -> str:
    """Date, time and zone for a reader, in the reader's time zone by default."""
    zone = to_local(moment, tz).tzname() or ""
    return local_text(moment, "%Y-%m-%d %H:%M", tz) + (f" {zone}" if zone else "")


def _facts(d: CallDigest, tz: tzinfo | None) -> list[tuple[str, str]]:
    """The lines at the head of a document: when, how long, how far, the wrap-up, the playbook."""
    facts: list[tuple[str, str]] = [("Date", format_moment(d.started_at, tz))]
    facts.append(("Duration", "call still open" if d.seconds is None else format_duration(d.seconds)))
    if d.reached is not None:
        facts.append(("Stage reached", f"{d.reached.number}. {d.reached.title} (of {d.reached.of})"))
    elif d.reached_key:
        facts.append(("Stage reached", d.reached_key))
    if d.now_in is not None:
        # It went back (to an objection, say) after getting further: say where it is now.
        facts.append(("Last stage", f"{d.now_in.number}. {d.now_in.title}"))
    if d.outcome:
        facts.append(("Outcome", d.outcome))
    if d.next_step or d.next_step_due:
        step = d.next_step or "—"
        if d.next_step_due:
            step += f" (due {d.next_step_due.isoformat()})"
        facts.append(("Next step", step))
    facts.append(("Playbook", d.playbook))
    return facts


def _document(call: CallState, whole: bool = False) -> CallDigest:
    """The digest as documents show it (``_field``: each text isolated, a far too long one cut;
    ``whole``: not cut)."""
    return digest(call, clean if whole else _field)


def _clock(note: NoteLine, tz: tzinfo | None) -> str:
    return local_text(note.at, "%H:%M", tz) + (" (being typed)" if note.draft else "")


def _handled(handled: bool) -> str:
    return "handled" if handled else "not handled"


def _sent(sent_at: datetime | None, tz: tzinfo | None) -> str:
    return f"sent {format_moment(sent_at, tz)}" if sent_at else "not sent yet"


# --------------------------------------------------------------------------- Markdown

# Characters that start markup anywhere in a line (CommonMark and GitHub's extensions).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# "&amp;" would become "&"; a lone "&" (R&D) is already literal.
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Block markers, only where a line starts: headings, list items, setext underlines and rules.
_MD_BLOCK = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")


def md_escape_line(line: str, *, line_start: bool = True) -> str:
    """One line of user text as literal Markdown. ``line_start``: the text begins a line, so
    block markers (``# ``, ``- ``, ``1. ``) are escaped too."""
    line = _MD_INLINE.sub(r"\\\1", line.strip())
    line = _MD_ENTITY.sub(r"\\&", line)
    if line_start:
        line = _MD_BLOCK.sub(lambda match: "\\" + match.group(0), line)
        line = _MD_ORDERED.sub(r"\1\\\2", line)
    return line


def md_escape(text: str, indent: str = "", *, inline: bool = True) -> str:
    """User text as literal Markdown. Lines are kept (hard breaks); continuation lines are
    indented by ``indent`` so they stay inside a list item. ``inline``: the first line follows
    other text on its line (a label, a list marker), so only later lines start a line."""
    lines = [
        md_escape_line(line, line_start=index > 0 or not inline) for index, line in enumerate(clean(text).split("\n"))
    ]
    while lines and not lines[-1]:
        lines.pop()
    out = []
    for index, line in enumerate(lines):
        prefix = indent if index else ""
        suffix = "  " if index < len(lines) - 1 and line else ""  # CommonMark hard line break
        out.append(f"{prefix}{line}{suffix}" if line else "")
    return "\n".join(out)


def call_markdown(call: CallState, tz: tzinfo | None = None) -> str:
    d = _document(call)
    out = [f"# Call with {md_escape(d.name)}", ""]
    if d.contact_details:
        out += [" · ".join(md_escape(v, inline=i > 0) for i, v in enumerate(d.contact_details)), ""]
    out += [f"- **{label}:** {md_escape(value, '  ')}" for label, value in _facts(d, tz)]
    if d.qualification:
        out += ["", "## Qualification", ""]
        out += [f"- **{fact.label}:** {md_escape(fact.text, '  ')}" for fact in d.qualification]
    if d.answers:
        out += ["", "## Questions and answers"]
        for line in d.answers:
            out += ["", f"**{md_escape(line.question)}**  ", md_escape(line.answer, inline=False)]
    if d.objections:
        out += ["", "## Objections", ""]
        for o in d.objections:
            out.append(f"- **{md_escape(o.title)}** — {_handled(o.handled)}" + ("  " if o.note else ""))
            if o.note:
                out.append(f"  Note: {md_escape(o.note, '  ')}")
    if d.notes:
        out += ["", "## Notes", ""]
        out += [f"- **{_clock(note, tz)}** {md_escape(note.text, '  ')}" for note in d.notes]
    if d.checklist:
        out += ["", "## Checklist"]
        for stage in d.checklist:
            out += ["", f"### {stage.number}. {md_escape(stage.title)} — {stage.done} of {len(stage.items)} done", ""]
            out += [f"- [{'x' if item.done else ' '}] {md_escape(item.text, '  ')}" for item in stage.items]
    if d.followup is not None:
        e = d.followup
        out += ["", "## Follow-up e-mail", "", f"- **Status:** {_sent(e.sent_at, tz)}"]
        out += [f"- **Subject:** {md_escape(e.subject, '  ')}"]
        if e.body:
            out += ["", md_escape(e.body, inline=False)]
    return "\n".join(out) + "\n"


def calls_markdown(calls: Iterable[CallState], tz: tzinfo | None = None) -> str:
    return "\n---\n\n".join(call_markdown(call, tz) for call in calls)


# --------------------------------------------------------------------------- plain text


def _indent_rest(text: str, indent: str) -> str:
    return text.replace("\n", "\n" + indent)


def call_text(call: CallState, tz: tzinfo | None = None, *, whole: bool = False) -> str:
    """The call as plain text (``whole``: no field cut short, for the text copy kept when the
    database cannot be written)."""
    d = _document(call, whole)
    title = f"Call with {d.name}"
    out = [title, "=" * min(len(title), 72)]
    if d.contact_details:
        out.append(" · ".join(d.contact_details))
    out.append("")
    facts = _facts(d, tz)
    width = max(len(label) for label, _ in facts) + 2
    out += [f"{label + ':':<{width}}{_indent_rest(value, ' ' * width)}" for label, value in facts]

    def heading(text: str) -> None:
        out.extend(["", text.upper(), ""])

    if d.qualification:
        heading("Qualification")
        width = max(len(fact.label) for fact in d.qualification) + 2
        out += [f"{fact.label + ':':<{width}}{_indent_rest(fact.text, ' ' * width)}" for fact in d.qualification]
    if d.answers:
        heading("Questions and answers")
        for index, line in enumerate(d.answers):
            if index:
                out.append("")
            out += [line.question, "  " + _indent_rest(line.answer, "  ")]
    if d.objections:
        heading("Objections")
        for o in d.objections:
            out.append(f"- {o.title} ({_handled(o.handled)})")
            if o.note:
                out.append("  Note: " + _indent_rest(o.note, "        "))
    if d.notes:
        heading("Notes")
        for note in d.notes:
            clock = _clock(note, tz)
            out.append(f"{clock}  {_indent_rest(note.text, ' ' * (len(clock) + 2))}")
    if d.checklist:
        heading("Checklist")
        for index, stage in enumerate(d.checklist):
            if index:
                out.append("")
            out.append(f"{stage.number}. {stage.title} ({stage.done} of {len(stage.items)} done)")
            out += [f"  [{'x' if item.done else ' '}] {_indent_rest(item.text, '      ')}" for item in stage.items]
    if d.followup is not None:
        e = d.followup
        heading("Follow-up e-mail")
        out += [f"Status:   {_sent(e.sent_at, tz)}", f"Subject:  {_indent_rest(e.subject, ' ' * 10)}"]
        if e.body:
            out += ["", e.body]
    return "\n".join(out) + "\n"


def calls_text(calls: Iterable[CallState], tz: tzinfo | None = None) -> str:
    return ("\n" + "-" * 72 + "\n\n").join(call_text(call, tz) for call in calls)


# --------------------------------------------------------------------------- HTML

# Inline styles only: mail clients and CRMs drop <style> blocks from pasted HTML, and Qt's
# rich text engine (used for the PDF) reads inline CSS well.
_INK, _MUTED, _ACCENT, _RULE = "#1f2328", "#5b636d", "#1d4e89", "#d8dee4"
_S = {
    "body": f"font-family: 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif; font-size: 10.5pt; "
    f"color: {_INK}; line-height: 1.35;",
    "kicker": f"font-size: 8.5pt; font-weight: 600; color: {_MUTED}; letter-spacing: 1px; margin: 0 0 2px 0;",
    "h1": f"font-size: 19pt; font-weight: 600; color: {_INK}; margin: 0 0 2px 0;",
    "sub": f"font-size: 11pt; color: {_MUTED}; margin: 0;",
    # A browser printing the web page keeps a heading with its text (salesdesk.pdf does it for Qt).
    "h2": f"font-size: 12.5pt; font-weight: 600; color: {_ACCENT}; margin: 18px 0 4px 0; break-after: avoid;",
    "h3": f"font-size: 10.5pt; font-weight: 600; color: {_INK}; margin: 8px 0 2px 0; break-after: avoid;",
    "count": f"font-weight: normal; color: {_MUTED};",
    "table": "border-collapse: collapse; margin: 0;",
    "label": f"color: {_MUTED}; padding: 2px 18px 2px 0; vertical-align: top; white-space: nowrap;",
    "value": "padding: 2px 0; vertical-align: top;",
    "mark_done": "color: #1a7f37; font-weight: 600; padding: 1px 8px 1px 0; vertical-align: top;",
    "mark_open": f"color: {_MUTED}; padding: 1px 8px 1px 0; vertical-align: top;",
    "item_done": "padding: 1px 0; vertical-align: top;",
    "item_open": f"padding: 1px 0; vertical-align: top; color: {_MUTED};",
    "question": "font-weight: 600; margin: 10px 0 2px 0;",
    "answer": "margin: 0 0 0 0;",
    "ok": "color: #1a7f37;",
    "open": "color: #9a6700;",
    "time": f"color: {_MUTED}; padding: 2px 12px 2px 0; vertical-align: top; white-space: nowrap;",
    "note": "padding: 2px 0; vertical-align: top;",
    "objection": "margin: 4px 0 0 0;",
    "objection_note": "margin: 1px 0 0 16px;",
    "footer": f"font-size: 8.5pt; color: {_MUTED}; margin: 24px 0 0 0;",
}


def h(text: str) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return html.escape(clean(text), quote=True).replace("\n", "<br>")


def _rows(pairs: Sequence[tuple[str, str]], top: int = 0) -> str:
    rows = "".join(
        f'<tr><td style="{_S["label"]}">{h(label)}</td><td style="{_S["value"]}" dir="auto">{h(value)}</td></tr>'
        for label, value in pairs
    )
    style = _S["table"] + (f" margin-top: {top}px;" if top else "")
    return f'<table cellspacing="0" cellpadding="0" border="0" style="{style}">{rows}</table>'


def call_html_body(call: CallState, tz: tzinfo | None = None) -> str:
    """The call as an HTML fragment (what the clipboard carries and a document wraps)."""
    d = _document(call)
    out = [
        f'<p style="{_S["kicker"]}">CALL NOTES · {h(local_text(d.started_at, "%Y-%m-%d", tz))}</p>',
        f'<h1 style="{_S["h1"]}" dir="auto">{h(d.name)}</h1>',
    ]
    if d.contact_details:
        out.append(f'<p style="{_S["sub"]}" dir="auto">{" · ".join(h(v) for v in d.contact_details)}</p>')
    out.append(_rows(_facts(d, tz), top=10))
    if d.qualification:
        out.append(f'<h2 style="{_S["h2"]}">Qualification</h2>')
        out.append(_rows([(fact.label, fact.text) for fact in d.qualification]))
    if d.answers:
        out.append(f'<h2 style="{_S["h2"]}">Questions and answers</h2>')
        for line in d.answers:
            out.append(f'<p style="{_S["question"]}" dir="auto">{h(line.question)}</p>')
            out.append(f'<p style="{_S["answer"]}" dir="auto">{h(line.answer)}</p>')
    if d.objections:
        out.append(f'<h2 style="{_S["h2"]}">Objections</h2>')
        for o in d.objections:
            status = f'<span style="{_S["ok" if o.handled else "open"]}">{_handled(o.handled)}</span>'
            out.append(f'<p style="{_S["objection"]}" dir="auto"><b>{h(o.title)}</b> · {status}</p>')
            if o.note:
                out.append(f'<p style="{_S["objection_note"]}" dir="auto">{h(o.note)}</p>')
    if d.notes:
        out.append(f'<h2 style="{_S["h2"]}">Notes</h2>')
        rows = "".join(
            f'<tr><td style="{_S["time"]}">{h(_clock(note, tz))}</td>'
            f'<td style="{_S["note"]}" dir="auto">{h(note.text)}</td></tr>'
            for note in d.notes
        )
        out.append(f'<table cellspacing="0" cellpadding="0" border="0" style="{_S["table"]}">{rows}</table>')
    if d.checklist:
        out.append(f'<h2 style="{_S["h2"]}">Checklist</h2>')
        for stage in d.checklist:
            out.append(
                f'<h3 style="{_S["h3"]}">{stage.number}. {h(stage.title)} '
                f'<span style="{_S["count"]}">· {stage.done} of {len(stage.items)} done</span></h3>'
            )
            rows = "".join(
                f'<tr><td style="{_S["mark_done" if item.done else "mark_open"]}">{"✓" if item.done else "○"}</td>'
                f'<td style="{_S["item_done" if item.done else "item_open"]}">{h(item.text)}</td></tr>'
                for item in stage.items
            )
            out.append(f'<table cellspacing="0" cellpadding="0" border="0" style="{_S["table"]}">{rows}</table>')
    if d.followup is not None:
        e = d.followup
        out.append(f'<h2 style="{_S["h2"]}">Follow-up e-mail</h2>')
        out.append(_rows([("Status", _sent(e.sent_at, tz)), ("Subject", e.subject)]))
        if e.body:
            out.append(f'<p style="{_S["answer"]}" dir="auto">{h(e.body)}</p>')
    return "\n".join(out)


def _title(call: CallState, tz: tzinfo | None) -> str:
    return f"Call with {clean(call.contact.name)}, {local_text(call.started_at, '%Y-%m-%d', tz)}"


def calls_html(calls: Sequence[CallState], tz: tzinfo | None = None, *, footer: str = "") -> str:
    """A whole HTML document; each call after the first starts on a new printed page."""
    title = _title(calls[0], tz) if len(calls) == 1 else f"{len(calls)} calls"
    parts = []
    for index, call in enumerate(calls):
        style = "page-break-before: always;" if index else ""
        parts.append(f'<div style="{style}">{call_html_body(call, tz)}</div>')
    if footer:
        parts.append(f'<p style="{_S["footer"]}">{h(footer)}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{h(title)}</title>\n</head>\n"
        f'<body style="{_S["body"]}">\n' + "\n".join(parts) + "\n</body>\n</html>\n"
    )


def call_html(call: CallState, tz: tzinfo | None = None) -> str:
    return calls_html([call], tz)


def call_html_fragment(call: CallState, tz: tzinfo | None = None) -> str:
    """The call as the clipboard carries it: a styled block without <head> or <title>,
    which some editors would paste as text."""
    body = call_html_body(call, tz)
    return f'<meta charset="utf-8"><div style="{_S["body"]}">{body}</div>'


# --------------------------------------------------------------------------- CSV

#: The typed qualification facts, after the columns the CSV has had from the start (a
#: spreadsheet that reads columns by position keeps working).
_CSV_TYPED = ("budget_amount", "decision_date", "decision_maker")
CSV_COLUMNS = (
    "Contact",
    "Company",
    "E-mail",
    "Phone",
    "Date",
    "Time",
    "Duration (min)",
    "Outcome",
    "Next step",
    "Next step due",
    *(QUALIFICATION_LABELS[name] for name in QUALIFICATION_FIELDS),
    "Stage reached",
    "Objections",
    "Notes",
    "Call ID",
    "UID",
    *(QUALIFICATION_FACTS[key] for key in _CSV_TYPED),
    "Follow-up e-mail sent",
    "Follow-up e-mail subject",
    "Follow-up e-mail",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit for one cell; a longer notes summary is cut (the JSON export keeps all).
MAX_CELL = 32_000


def csv_cell(value: object, *, limit: int = MAX_CELL) -> str:
    """A cell's text, with anything a spreadsheet would evaluate made inert by a leading '
    (at most ``limit`` characters: a CRM import file may take more than a spreadsheet)."""
    text = "" if value is None else str(value)
    # Bidi controls dropped: in a cell they only hide what the text really says, and a CRM
    # import or a formula would take them for part of the data (the JSON export keeps them).
    text = strip_controls(_CONTROL.sub("", text))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(call: CallState, tz: tzinfo | None = None) -> list[str]:
    """One call's cells. A row leaves out, by choice, what has no room in a cell: the answers,
    the checklist and the notes on objections (the documents and the JSON have them; the
    choices are listed in tests/core/test_field_coverage.py)."""
    d = digest(call)  # the text as typed: csv_cell makes each cell safe
    minutes = "" if d.seconds is None else str(round(d.seconds / 60))
    notes = "\n".join(f"{local_text(n.at, '%H:%M', tz)} {n.text.strip()}" for n in d.notes)
    values = [
        d.name,
        d.company,
        d.email,
        d.phone,
        local_text(d.started_at, "%Y-%m-%d", tz),
        local_text(d.started_at, "%H:%M", tz),
        minutes,
        d.outcome,
        d.next_step,
        d.next_step_due.isoformat() if d.next_step_due else "",
        *(d.fact(name) for name in QUALIFICATION_FIELDS),
        d.reached.title if d.reached else d.reached_key,
        "; ".join(f"{o.title} ({_handled(o.handled)})" for o in d.objections),
        notes,
        d.id,
        d.uid,
        *(d.fact(key) for key in _CSV_TYPED),
        *_csv_followup(d, tz),
    ]
    return [csv_cell(v) for v in values]


def _csv_followup(d: CallDigest, tz: tzinfo | None) -> tuple[str, str, str]:
    """When the follow-up e-mail was sent ("" while it is not), its subject and its text."""
    e = d.followup
    if e is None:
        return "", "", ""
    return (local_text(e.sent_at, "%Y-%m-%d %H:%M", tz) if e.sent_at else ""), e.subject, e.body


def calls_csv(calls: Iterable[CallState], tz: tzinfo | None = None) -> str:
    """One row per call, with a header row; lines end in CRLF as RFC 4180 asks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(call, tz) for call in calls)
    return buffer.getvalue()


# --------------------------------------------------------------------------- dispatch


def render_text(fmt: str, calls: Sequence[CallState], tz: tzinfo | None = None) -> str:
    """Any format but PDF, as text. JSON is the lossless interchange format (core.calls_file)."""
    if fmt == "md":
        return calls_markdown(calls, tz)
    if fmt == "txt":
        return calls_text(calls, tz)
    if fmt == "html":
        return calls_html(calls, tz)
    if fmt == "csv":
        return calls_csv(calls, tz)
    if fmt == "json":
        from salesdesk.core.calls_file import dumps

        return dumps(calls)
    raise ValueError(f"not a text format: {fmt!r}")


def encode(text: str, *, bom: bool = False) -> bytes:
    """UTF-8, with the byte order mark Excel needs to read a CSV file as UTF-8."""
    return ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")


def suggested_filename(call: CallState | None, fmt: str, tz: tzinfo | None = None) -> str:
    """A file name for an export: date and contact, without characters file systems refuse."""
    if call is None:
        stem = "SalesDesk calls"
    else:
        # No bidi controls in a file name: an override there is how "cod.exe" poses as "exe.doc".
        name = strip_controls(without_controls(call.contact.name))
        stem = f"{local_text(call.started_at, '%Y-%m-%d', tz)} {name}"
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f\s]+', " ", stem).strip(" .") or "call"
    return stem[:120] + FORMAT_SUFFIXES[fmt]
