"""A person's name split into its parts, for the formats that want them apart (CRM imports,
vCard). SalesDesk stores one name as the rep typed it; this guesses the parts by one rule:

- ``Last, First`` (one comma, and what follows it is not a suffix) is taken as written:
  ``García López, María José`` -> first ``María José``, last ``García López``. This is how
  to give a name the rule below would split wrongly (two family names, a family name first).
- Otherwise the last word is the last name, together with the lower-case particles just
  before it (``van``, ``der``, ``de``, ``von``, ``da``, ``al``, ...): ``Jan van der Berg`` ->
  ``Jan`` / ``van der Berg``; every word before that is the first name (middle names too):
  ``Anna Maria Schmidt`` -> ``Anna Maria`` / ``Schmidt``.
- One word is a first name (reps often know only that): ``Dana`` -> ``Dana`` / "". A
  format whose last name is required (Salesforce) moves it there itself.
- A title in front (``Dr.``, ``Prof.``, ``Mr``, ``Frau`` ...) is the prefix and a suffix at
  the end (``Jr.``, ``Sr.``, ``II``, ``III``, ``PhD``, ``MD`` ...) the suffix, with or
  without a comma before it; neither counts as a first or last name.
- A name in a script without spaces (``山田太郎``) is one word; nothing is guessed inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Word lists read best as one string each.
#: Lower-case words that belong to the family name that follows them.
PARTICLES = frozenset("van von der den de del della di da das dos du la le lo ten ter te op al el bin ibn bint".split())  # noqa: SIM905
#: Titles before a name (compared without dots and case).
PREFIXES = frozenset("mr mrs ms mx miss dr prof sir dame herr frau mme mlle".split())  # noqa: SIM905
#: Generational and academic suffixes after a name (compared without dots and case).
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())  # noqa: SIM905


def _bare(word: str) -> str:
    return word.replace(".", "").casefold()


@dataclass(frozen=True, slots=True)
class PersonName:
    first: str = ""
    last: str = ""
    prefix: str = ""
    suffix: str = ""

    @property
    def last_with_suffix(self) -> str:
        """The last name with the suffix after it, for a format that has no suffix field."""
        return " ".join(part for part in (self.last, self.suffix) if part)


def split_name(name: str) -> PersonName:
    """The parts of ``name`` by the rule in this module's docstring."""
    parts = [" ".join(part.split()) for part in name.split(",")]
    # Trailing parts that are only suffixes ("John Smith, Jr.", "Smith, John, PhD").
    suffix_words: list[str] = []
    while len(parts) > 1 and parts[-1].split() and all(_bare(w) in SUFFIXES for w in parts[-1].split()):
        suffix_words[:0] = parts.pop().split()
    parts = [part for part in parts if part]
    if len(parts) == 2:  # "Last, First"
        prefix, words = _take_prefix(parts[1].split())
        suffix, words = _take_suffix(words)
        return PersonName(first=" ".join(words), last=parts[0], prefix=prefix, suffix=_joined(suffix, *suffix_words))
    words = " ".join(parts).split()
    prefix, words = _take_prefix(words)
    suffix, words = _take_suffix(words)
    suffix = _joined(suffix, *suffix_words)
    if not words:
        return PersonName(prefix=prefix, suffix=suffix)
    if len(words) == 1:
        return PersonName(first=words[0], prefix=prefix, suffix=suffix)
    start = len(words) - 1
    while start > 0 and words[start - 1].islower() and words[start - 1] in PARTICLES:
        start -= 1
    return PersonName(first=" ".join(words[:start]), last=" ".join(words[start:]), prefix=prefix, suffix=suffix)


def _joined(*words: str) -> str:
    return " ".join(word for word in words if word)


def _take_prefix(words: list[str]) -> tuple[str, list[str]]:
    taken = []
    while len(words) > 1 and _bare(words[0]) in PREFIXES:
        taken.append(words[0])
        words = words[1:]
    return " ".join(taken), words


def _take_suffix(words: list[str]) -> tuple[str, list[str]]:
    taken: list[str] = []
    while len(words) > 1 and _bare(words[-1]) in SUFFIXES:
        taken.insert(0, words[-1])
        words = words[:-1]
    return " ".join(taken), words
