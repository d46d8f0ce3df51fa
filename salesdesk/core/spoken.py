"""Cues from speech: the playbook's objection triggers found in what a speech recogniser heard.

Typed notes and recognised speech differ. Speech has fillers ("it's, um, too expensive"),
contractions either way ("can not" / "can't" / "cannot"), numbers as digits or words,
inflections the trigger does not have ("it cost too much" for "costs too much"), and the
recogniser's articles ("not a decision maker") and near-misses ("circle Mac" for "circle
back"). This module brings both the
triggers and the heard text into one spoken form and then lets the typed-notes matcher
(:class:`salesdesk.core.cues.CueMatcher`) find them, with a small, budgeted fuzzy step on top.

The fuzzy step is where false cues come from, so it has a budget: only triggers of two or
more words and at least :data:`FUZZY_MIN_CHARS` letters, and only one change per phrase:
one word heard differently (not the first; one letter off, or two with the same consonant
sounds: "circle Mac", or a short word recognisers swap: "price in high"), or one extra word
between the trigger's words ("too damn expensive").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from salesdesk.core.cues import CueMatcher
from salesdesk.core.playbook import Objection

#: Triggers shorter than this (in letters of their spoken form) are matched exactly only.
FUZZY_MIN_CHARS = 9

_CONTRACTIONS = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "i'm": "i am",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "e-mail": "email",
}
_SUFFIX_CONTRACTIONS = (
    ("n't", " not"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'ll", " will"),
    ("'d", " would"),
)
#: "it's", "that's", "what's": "is" (the possessive "'s" of a name is rare in objections).
_S_IS = {"it's", "that's", "what's", "there's", "here's", "he's", "she's", "who's", "where's", "how's"}
#: Articles carry nothing a trigger depends on, and recognisers swap them ("not a decision
#: maker" for "not the decision maker"): both sides lose them.
_ARTICLES = {"a", "an", "the"}
_FILLERS = {"um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "eh", "hmm", "hm", "mm", "mhm", "oh"}
_FILLER_PHRASES = {("you", "know"), ("i", "mean")}
#: "our budget" and "my budget" are the same objection, and recognisers swap the two.
_POSSESSIVES = {"our": "my"}
#: Two words a recogniser writes for one, especially on phone-band audio ("to risk it for
#: us" for "too risky for us"): both sides say the one word.
_JOINED = {("risk", "it"): "risky"}
#: Short words a recogniser swaps (on phone-band audio "price in high", "change in hard"):
#: the fuzzy step takes one of these as its one change, like a near-miss of a longer word.
_SHORT_SWAPS = {("in", "is"), ("is", "in"), ("to", "too"), ("too", "to")}

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["-", "-", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
#: A number ("50,000", "12") or a word with apostrophes and hyphens inside ("can't", "e-mail").
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+|[^\W\d_]+(?:['’ʼ‘`-][^\W\d_]+)*")


def _number_words(number: int) -> str:
    """12 -> "twelve", 250 -> "two hundred fifty", 4000 -> "four thousand" (up to millions)."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    for size, name in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"), (100, "hundred")):
        if number >= size:
            high, rest = divmod(number, size)
            return f"{_number_words(high)} {name}" + (f" {_number_words(rest)}" if rest else "")
    raise AssertionError(number)  # pragma: no cover


def _stem(word: str) -> str:
    """A crude, symmetric stem: both the trigger and the heard text go through it, so it only
    has to map inflections of one word together ("costs", "cost"; "thinking", "think")."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsaeiou":
        word = word[:-1]  # "getting" -> "gett" -> "get"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # "price", "priced", "pricing" all -> "pric"
    return word


def _spoken_tokens(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text`` in spoken form, with where in ``text`` it came from."""
    tokens: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        raw = match.group().casefold().translate(_APOSTROPHES)
        if raw[0].isdigit():
            digits = raw.replace(",", "")
            words = _number_words(int(digits)).split() if len(digits) <= 12 else [digits]
        elif raw in _FILLERS or raw in _ARTICLES:
            continue
        else:
            expanded = _CONTRACTIONS.get(raw)
            if expanded is None and raw in _S_IS:
                expanded = raw[:-2] + " is"
            if expanded is None:
                for suffix, full in _SUFFIX_CONTRACTIONS:
                    if raw.endswith(suffix):
                        expanded = raw[: -len(suffix)] + full
                        break
            if expanded is None and raw.endswith("'s"):
                expanded = raw[:-2]  # a possessive: "the company's budget"
            words = (expanded or raw).replace("-", " ").replace("'", "").split()
        tokens.extend((_POSSESSIVES.get(word, word), match.start(), match.end()) for word in words)
    # Two-word fillers go after the words are known: "you know", "i mean"; so do words heard
    # as two ("risk it").
    kept: list[tuple[str, int, int]] = []
    for token in tokens:
        if kept and (kept[-1][0], token[0]) in _FILLER_PHRASES:
            kept.pop()
            continue
        joined = _JOINED.get((kept[-1][0], token[0])) if kept else None
        if joined is not None:
            kept[-1] = (joined, kept[-1][1], token[2])
            continue
        kept.append(token)
    return [(_stem(word), start, end) for word, start, end in kept]


def spoken_words(text: str) -> list[str]:
    """The words of ``text`` in spoken form: lower case, contractions spelled out, digits as
    words, fillers and articles dropped, each word stemmed."""
    return [word for word, _start, _end in _spoken_tokens(text)]


def spoken_form(text: str) -> str:
    return " ".join(spoken_words(text))


@dataclass(frozen=True, slots=True)
class HeardCue:
    key: str  # objection key
    phrase: str  # the trigger as written in the playbook
    heard: str  # the words of the heard text that matched it, as heard
    fuzzy: bool  # found by the budgeted fuzzy step, not exactly


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must be larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_SOUND_CLASSES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def _consonant_sounds(word: str) -> str:
    """Soundex's code for a word after its first letter: how its consonants sound, roughly."""
    code = []
    last = _SOUND_CLASSES.get(word[:1], "")
    for ch in word[1:]:
        sound = _SOUND_CLASSES.get(ch, "")
        if sound and sound != last:
            code.append(sound)
        if ch not in "hw":
            last = sound
    return "".join(code)


def _near_word(heard: str, wanted: str) -> bool:
    """A recogniser's near-miss: one letter off ("expansive"), or two letters off with the same
    consonant sounds after the first letter ("Mac" for "back"; not "right" for "high")."""
    if (heard, wanted) in _SHORT_SWAPS:
        return True
    if len(wanted) < 3 or len(heard) < 2:
        return False
    distance = _edit_distance(heard, wanted, 2)
    if distance <= 1:
        return True
    return distance == 2 and len(wanted) >= 4 and _consonant_sounds(heard) == _consonant_sounds(wanted) != ""


class SpokenCueMatcher:
    """Finds the playbook's objection triggers in recognised speech.

    Exact matches come from :class:`CueMatcher` run on the spoken forms; what it does not find,
    the fuzzy step may (see the module's docstring for its budget)."""

    def __init__(self, objections: Iterable[Objection], fuzzy: bool = True):
        self.fuzzy = fuzzy
        # spoken form of a trigger -> (objection key, trigger as written)
        self._triggers: dict[str, tuple[str, str]] = {}
        spoken_objections = []
        for objection in objections:
            forms = []
            for trigger in objection.triggers:
                form = spoken_form(trigger)
                if form and form not in self._triggers:
                    self._triggers[form] = (objection.key, trigger)
                    forms.append(form)
            spoken_objections.append(Objection(objection.key, objection.title, triggers=tuple(forms)))
        self._exact = CueMatcher(spoken_objections)
        self._fuzzy_triggers = [
            (form.split(), key, trigger)
            for form, (key, trigger) in self._triggers.items()
            if len(form.split()) >= 2 and len(form.replace(" ", "")) >= FUZZY_MIN_CHARS
        ]

    def __bool__(self) -> bool:
        return bool(self._triggers)

    def find(self, heard: str) -> list[HeardCue]:
        """The objections whose triggers are in ``heard``, each once, in the order heard."""
        tokens = _spoken_tokens(heard)
        words = [word for word, _start, _end in tokens]
        text = " ".join(words)
        found: dict[str, tuple[int, HeardCue]] = {}
        for cue in self._exact.find(text):
            key, trigger = self._triggers[cue.phrase]
            first = text[: cue.start].count(" ") if cue.start else 0
            length = cue.phrase.count(" ") + 1
            if key not in found:
                found[key] = (first, HeardCue(key, trigger, self._as_heard(heard, tokens, first, length), fuzzy=False))
        if self.fuzzy:
            for trigger_words, key, trigger in self._fuzzy_triggers:
                if key in found:
                    continue
                where = self._fuzzy_find(words, trigger_words)
                if where is not None:
                    first, length = where
                    as_heard = self._as_heard(heard, tokens, first, length)
                    found[key] = (first, HeardCue(key, trigger, as_heard, fuzzy=True))
        return [cue for _first, cue in sorted(found.values(), key=lambda item: item[0])]

    @staticmethod
    def _fuzzy_find(words: list[str], wanted: list[str]) -> tuple[int, int] | None:
        """(first word, number of words) of one place where ``wanted`` is heard with one change."""
        n = len(wanted)
        for first in range(len(words) - n + 1):
            window = words[first : first + n]
            differing = [i for i in range(n) if window[i] != wanted[i]]
            if len(differing) == 1:
                (i,) = differing
                # The first and last word anchor the phrase; a near-miss in the middle or end.
                if i != 0 and _near_word(window[i], wanted[i]):
                    return first, n
            # One extra word inside the phrase: "too damn expensive", "need to go ask my boss".
            longer = words[first : first + n + 1]
            if len(longer) == n + 1 and longer[0] == wanted[0] and longer[-1] == wanted[-1]:
                for skip in range(1, n):
                    if longer[:skip] + longer[skip + 1 :] == wanted:
                        return first, n + 1
        return None

    @staticmethod
    def _as_heard(heard: str, tokens: list[tuple[str, int, int]], first: int, length: int) -> str:
        """The part of the heard text that spoken words ``first .. first + length`` came from."""
        return heard[tokens[first][1] : tokens[first + length - 1][2]]


# --- Heard phrases in the notes ----------------------------------------------------------

#: Who spoke, as the notes (and so the exports) name them: the listening worker's speakers.
HEARD_SPEAKERS = {"them": "prospect", "me": "me"}
HEARD_MARK = "Heard"


def heard_note(text: str, speaker: str) -> str:
    """A heard phrase as a note: marked as heard, with who spoke, so it reads (and exports)
    apart from what the rep typed: ``Heard (prospect): it's too expensive for us``."""
    who = HEARD_SPEAKERS.get(speaker, speaker or "unknown")
    return f"{HEARD_MARK} ({who}): {' '.join(text.split())}"
