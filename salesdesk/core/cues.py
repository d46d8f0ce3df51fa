"""Live cues: spotting an objection's trigger phrases in notes as the rep types them.

Each objection in a playbook lists ``triggers`` ("too expensive", "need to ask my boss").
The matcher compiles them into one regular expression and looks only at the text around
an edit, so a keystroke costs microseconds however long the note grows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from salesdesk.core.playbook import Objection

_APOSTROPHES = "'’ʼ"


def _pattern(trigger: str) -> str:
    """A regex for one trigger: words apart by spaces or a hyphen ("decision maker" finds
    "decision-maker"); a hyphen or apostrophe in the trigger may be left out when typed."""
    words = []
    for word in trigger.casefold().split():
        parts = []
        for ch in word:
            if ch in _APOSTROPHES:
                parts.append("['’ʼ]?")
            elif ch == "-":
                parts.append("-?")
            else:
                parts.append(re.escape(ch))
        words.append("".join(parts))
    return r"(?:\s+|\s*-\s*)".join(words)


@dataclass(frozen=True, slots=True)
class Cue:
    key: str  # objection key
    phrase: str  # the trigger as written in the playbook
    start: int  # where it was found in the text
    end: int


class CueMatcher:
    """Finds trigger phrases of a playbook's objections in text."""

    #: Text looked at on each side of an edit, beyond the longest trigger.
    MARGIN = 4

    def __init__(self, objections: Iterable[Objection]):
        self._cues: list[tuple[str, str]] = []  # group number -> (objection key, trigger)
        patterns: dict[str, tuple[str, str]] = {}
        for objection in objections:
            for trigger in objection.triggers:
                if trigger.strip():
                    patterns.setdefault(_pattern(trigger), (objection.key, trigger))
        # Longest first, so "need to ask my boss" wins over "ask my boss" where both fit.
        ordered = sorted(patterns, key=len, reverse=True)
        self._cues = [patterns[p] for p in ordered]
        alternatives = "|".join(f"(?P<t{n}>{p})" for n, p in enumerate(ordered))
        self._regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if ordered else None
        #: Characters looked at on each side of an edit: enough for the longest trigger.
        self.reach = max((len(trigger) for _key, trigger in self._cues), default=0) * 2 + self.MARGIN

    def __bool__(self) -> bool:
        return self._regex is not None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """Triggers in ``text`` that overlap ``text[start:end]`` (the part just edited)."""
        if self._regex is None:
            return []
        end = len(text) if end is None else end
        lo = max(0, start - self.reach)
        hi = min(len(text), end + self.reach)
        found = []
        for match in self._regex.finditer(text, lo, hi):
            if match.end() < start or match.start() > end:
                continue  # untouched by this edit: it was seen before
            key, trigger = self._cues[int(match.lastgroup[1:])]
            found.append(Cue(key, trigger, match.start(), match.end()))
        return found
