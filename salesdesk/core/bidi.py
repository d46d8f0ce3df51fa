"""Right-to-left text and bidi control characters in what the rep (or a file) supplies.

A name or note may hold Hebrew or Arabic, and, typed, pasted or imported, invisible
directional controls: RIGHT-TO-LEFT OVERRIDE (U+202E) and its kin. Left alone inside a
sentence of ours ("Call with %1 ended: %2."), such text reorders what comes after it: the
sentence can show reversed. ``isolate`` wraps it in FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE (Unicode's bidi isolates), so it is laid out on its own and cannot reach outside;
the characters themselves stay as they were typed. ``strip_controls`` drops the controls,
for formats where they are never wanted (CSV cells for spreadsheets and CRM imports).

Text with no right-to-left letter and no directional control is returned unchanged:
isolating it would change nothing on screen, so exports of ordinary text stay byte for
byte what they were. Standard library only.
"""

from __future__ import annotations

import re

FSI, PDI = "\u2068", "\u2069"
#: Explicit directional formatting: embeddings, overrides, their pop, isolates.
_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_ISOLATE_OPENERS = "\u2066\u2067\u2068"
#: Where bidi layout can change the order of what follows: right-to-left scripts (Hebrew,
#: Arabic, Syriac, Thaana, N'Ko and others), marks and the explicit controls.
_NEEDS_ISOLATING = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u061c\u200e\u200f" + _CONTROLS + "]"
)
#: Paragraph separators (bidi class B): each ends every embedding and isolate, so each
#: paragraph is isolated on its own.
_PARAGRAPHS = re.compile("(\r\n|[\n\r\x1c-\x1e\x85\u2029])")
_CONTROL_CHARS = re.compile("[" + _CONTROLS + "]")
_ISOLATE_CHARS = re.compile("[\u2066-\u2069]")


def needs_isolating(text: str) -> bool:
    return bool(_NEEDS_ISOLATING.search(text))


def isolate(text: str) -> str:
    """``text`` laid out on its own wherever it is put (see the module doc)."""
    if not _NEEDS_ISOLATING.search(text):
        return text
    parts = _PARAGRAPHS.split(text)  # separators at the odd indices
    return "".join(part if index % 2 or not part else _isolated(part) for index, part in enumerate(parts))


def _isolated(line: str) -> str:
    if not _NEEDS_ISOLATING.search(line):
        return line
    if line.startswith(FSI) and line.endswith(PDI) and _balanced(line[1:-1]) == line[1:-1]:
        return line  # isolated already: isolating twice changes nothing
    return FSI + _balanced(line) + PDI


def _balanced(line: str) -> str:
    """The line's own isolates paired up: a stray POP DIRECTIONAL ISOLATE would close ours
    early, an unclosed isolate would swallow ours. (Embeddings and overrides need nothing:
    the PDI that ends our isolate ends them too.)"""
    if not _ISOLATE_CHARS.search(line):
        return line
    depth, out = 0, []
    for char in line:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            if not depth:
                continue
            depth -= 1
        out.append(char)
    return "".join(out) + PDI * depth


def strip_controls(text: str) -> str:
    """``text`` without embeddings, overrides and isolates (marks such as U+200F stay: they
    only steer the punctuation next to them)."""
    return _CONTROL_CHARS.sub("", text)
