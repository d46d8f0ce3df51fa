"""Writing a playbook back to TOML (the file itself is written by core.files.write_atomically).

The standard library reads TOML (``tomllib``) but does not write it. A playbook has a fixed,
shallow shape (a few top-level strings, one table, arrays of tables two levels deep, lists
of strings), so a small emitter for exactly that shape is easier to keep readable than a
general one: it lays the file out like the built-in playbook (one ``[[stages]]`` block per
stage, its checklist and questions below it, a blank line between blocks) and only quotes
what TOML requires. ``load -> dump -> load`` gives an equal Playbook; comments in the file
that was loaded are not carried over (the Playbook does not hold them).
"""

from __future__ import annotations

from pathlib import Path

from salesdesk.core.playbook import FORMAT_VERSION, QUALIFICATION_FIELDS, Playbook, PlaybookError
from salesdesk.core.playbook_check import parse_playbook
from salesdesk.core.problems import Problem

HEADER = (
    "# SalesDesk playbook. Format reference: docs/playbook-format.md\n"
    "# Written by SalesDesk: comments added by hand are not kept when SalesDesk saves this file.\n"
)

# Characters a TOML basic string must escape; every other character is written as itself.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(text: str, *, multiline: bool = False) -> str:
    out = []
    for char in text:
        if multiline and char == "\n":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def toml_string(text: str) -> str:
    """A TOML string for ``text``: one line, or a multi-line string if the text has line breaks."""
    if "\n" in text:
        # The newline right after the opening quotes is not part of the value (TOML spec).
        return '"""\n' + _escape(text, multiline=True) + '"""'
    return '"' + _escape(text) + '"'


def _string_list(values: tuple[str, ...] | list[str]) -> str:
    if not values:
        return "[]"
    if len(values) == 1 and len(values[0]) < 60 and "\n" not in values[0]:
        return f"[{toml_string(values[0])}]"
    return "[\n" + "".join(f"  {toml_string(v)},\n" for v in values) + "]"


def dump_playbook(playbook: Playbook) -> str:
    """The playbook as TOML text, laid out for people to read and edit."""
    lines: list[str] = [HEADER]

    def field(name: str, value: str, *, optional: bool = False) -> None:
        if optional and not value:
            return
        lines.append(f"{name} = {toml_string(value)}\n")

    def block(header: str) -> None:
        lines.append(f"\n{header}\n")

    lines.append(f"format = {FORMAT_VERSION}\n")
    field("name", playbook.name)
    field("version", playbook.version)
    field("language", playbook.language)
    field("description", playbook.description, optional=True)
    if playbook.qualification:
        block("[qualification]")
        for name in QUALIFICATION_FIELDS:
            if name in playbook.qualification:
                field(name, playbook.qualification[name])
    for stage in playbook.stages:
        lines.append("\n# " + "-" * 86 + "\n")
        lines.append("[[stages]]\n")
        field("key", stage.key)
        field("title", stage.title)
        field("goal", stage.goal, optional=True)
        if stage.minutes is not None:
            lines.append(f"minutes = {stage.minutes}\n")
        for item in stage.checklist:
            block("[[stages.checklist]]")
            field("key", item.key)
            field("text", item.text)
        for question in stage.questions:
            block("[[stages.questions]]")
            field("key", question.key)
            field("text", question.text)
            field("hint", question.hint, optional=True)
    if playbook.objections:
        lines.append("\n# " + "=" * 86 + "\n# Objections\n")
    for objection in playbook.objections:
        block("[[objections]]")
        field("key", objection.key)
        field("title", objection.title)
        if objection.triggers:
            lines.append(f"triggers = {_string_list(objection.triggers)}\n")
        lines.append(f"rebuttals = {_string_list(objection.rebuttals)}\n")
        field("why", objection.why, optional=True)
    if playbook.closes:
        lines.append("\n# " + "=" * 86 + "\n# Closing techniques\n")
    for close in playbook.closes:
        block("[[closes]]")
        field("key", close.key)
        field("title", close.title)
        field("summary", close.summary, optional=True)
        if close.examples:
            lines.append(f"examples = {_string_list(close.examples)}\n")
    if playbook.emails:
        lines.append("\n# " + "=" * 86 + "\n# Follow-up e-mails\n")
    for template in playbook.emails:
        block("[[emails]]")
        field("key", template.key)
        field("title", template.title)
        if template.outcomes:
            lines.append(f"outcomes = {_string_list(template.outcomes)}\n")
        field("subject", template.subject)
        field("body", template.body)
    return "".join(lines)


def checked_dump(playbook: Playbook) -> str:
    """``dump_playbook``, proven by reading the text back: a file SalesDesk writes always loads
    as the same playbook (raises PlaybookError, before anything is written, if it would not)."""
    text = dump_playbook(playbook)
    again = parse_playbook(text, playbook.source or "<written playbook>")
    if again != playbook:
        raise PlaybookError(
            playbook.source or "<written playbook>", [Problem("", "the written text reads back differently")]
        )
    return text


def save_playbook(playbook: Playbook, path: Path) -> None:
    """Write ``playbook`` as a TOML file at ``path`` (in the playbooks folder: user-only), atomically."""
    from salesdesk.core.files import write_atomically

    write_atomically(path, checked_dump(playbook).encode("utf-8"), make_folder=True)
