"""Fuzzy search over a playbook and the app's commands: what the command palette asks.

The rep types while the prospect talks, so the search forgives: partial words ("expen"),
typos ("expnsive", "decison"), other words for the same thing ("pricey", "costly" for an
objection about price) and any word order. Everything is indexed once (at call start), so
a keystroke costs one pass over the vocabulary for the word being typed (the other words'
matches are cached), then a merge of short posting lists: a few milliseconds for a
1,000-entry playbook.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from salesdesk.core.playbook import Playbook

#: Entry kinds, in the order they win ties.
KINDS = ("objection", "line", "close", "close-line", "question", "checklist", "action")
KIND_LABELS = {
    "objection": "Objection",
    "line": "Rebuttal line",
    "close": "Closing technique",
    "close-line": "Closing line",
    "question": "Question",
    "checklist": "Checklist",
    "action": "Command",
}

#: Words a rep may type for the same thing. Each group is symmetric: typing one word also
#: finds the others (a little lower than an exact match). Kept small and about selling.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("expensive", "pricey", "costly", "overpriced", "price", "pricing", "cost", "costs", "afford", "cheaper", "cheap"),
    ("budget", "money", "funds", "funding", "afford", "spend"),
    ("boss", "manager", "decision", "approval", "approve", "signoff", "signer", "owner", "authority"),
    ("email", "mail", "info", "information", "brochure"),
    ("later", "timing", "busy", "swamped", "quarter", "year", "back"),
    ("competitor", "already", "current", "happy", "vendor", "provider", "incumbent"),
    ("risk", "risky", "fear", "scared", "change", "safe", "disruption"),
    ("discount", "price", "takeaway", "cheaper"),
    ("referral", "refer", "recommend", "network", "introduce"),
    ("deadline", "urgency", "urgent", "now"),
)

#: Not indexed, and ignored in a query unless it is the word being typed (it may grow).
_STOP = "a an and are as at be but by do for from i if in is it its me my of on or our so that the their them they"
STOP_WORDS = frozenset((_STOP + " this to us was we what with you your").split(" "))

#: How well a query word matches an indexed word (a prefix scores between STRONG and EXACT).
EXACT, STRONG, SYNONYM, TYPO, TYPO2, INFIX = 1.0, 0.9, 0.8, 0.62, 0.5, 0.45
#: Added per query word to entries of the current stage, and once for a trigger phrase.
STAGE_LIFT, PHRASE_BONUS = 0.3, 1.0
#: How much a field of an entry counts.
TITLE_WEIGHT, KEYWORD_WEIGHT, DETAIL_WEIGHT = 1.0, 0.85, 0.45

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the palette can find."""

    kind: str
    key: str  # objection, close, question or item key; action name
    title: str  # the row's text
    detail: str = ""  # second line: the objection of a rebuttal line, a stage title, a shortcut
    stage: str = ""  # the stage a question or checklist item belongs to
    parent: str = ""  # objection key of a rebuttal line, close key of a closing line
    line: int = -1  # index of a rebuttal or closing line within its parent
    keywords: tuple[str, ...] = ()  # searched too: triggers, hints, summaries


def _fold(text: str) -> str:
    text = text.casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text


def words(text: str) -> list[str]:
    """Search words: case and accents folded, apostrophes dropped ("can't" -> "cant").

    A hyphenated word counts as its parts and as one word ("e-mail": "e", "mail", "email")."""
    out: list[str] = []
    for found in _WORD.findall(_fold(text)):
        word = found.replace("'", "").replace("’", "") if "'" in found or "’" in found else found
        if "-" in word:
            out.extend(part for part in word.split("-") if part)
            word = word.replace("-", "")
        out.append(word)
    return out


def query_words(text: str) -> list[str]:
    """Words of a query: a hyphenated word stays one word (it matches the joined form)."""
    return [m.group().replace("'", "").replace("’", "").replace("-", "") for m in _WORD.finditer(_fold(text))]


def _mask(word: str) -> int:
    bits = 0
    for ch in word:
        bits |= 1 << (ord(ch) & 63)
    return bits


def near_prefix(typed: str, word: str, edits: int) -> bool:
    """True if at most ``edits`` typos (wrong, extra, missing or swapped letters) turn
    ``typed`` into the start of ``word``."""
    limit = min(len(typed), len(word))
    i = 0
    while i < limit and typed[i] == word[i]:
        i += 1
    if i == len(typed):
        return True
    if edits == 0:
        return False
    if i == len(word):
        return len(typed) - i <= edits
    rest_typed, rest_word = typed[i + 1 :], word[i + 1 :]
    return (
        near_prefix(rest_typed, rest_word, edits - 1)  # wrong letter
        or near_prefix(rest_typed, word[i:], edits - 1)  # extra letter
        or near_prefix(typed[i:], rest_word, edits - 1)  # missing letter
        or (
            i + 1 < len(typed)
            and i + 1 < len(word)
            and typed[i] == word[i + 1]
            and typed[i + 1] == word[i]
            and near_prefix(typed[i + 2 :], word[i + 2 :], edits - 1)  # swapped letters
        )
    )


class SearchIndex:
    """The entries with an inverted index from words to entries."""

    #: Query words whose matches are remembered (typing re-uses all but the last word).
    CACHE_SIZE = 256

    def __init__(self, entries: Sequence[Entry]):
        self.entries: list[Entry] = list(entries)
        self._kind_rank = [KINDS.index(e.kind) if e.kind in KINDS else len(KINDS) for e in self.entries]
        word_ids: dict[str, int] = {}
        postings: list[dict[int, float]] = []

        def add(entry_id: int, text: str, weight: float) -> None:
            for word in words(text):
                if word in STOP_WORDS:
                    continue
                word_id = word_ids.get(word)
                if word_id is None:
                    word_id = word_ids[word] = len(postings)
                    postings.append({})
                bucket = postings[word_id]
                if bucket.get(entry_id, 0.0) < weight:
                    bucket[entry_id] = weight

        for entry_id, entry in enumerate(self.entries):
            add(entry_id, entry.title, TITLE_WEIGHT)
            for keyword in entry.keywords:
                add(entry_id, keyword, KEYWORD_WEIGHT)
            if entry.detail:
                add(entry_id, entry.detail, DETAIL_WEIGHT)
        self._vocab = list(word_ids)
        self._word_ids = word_ids
        self._masks = [_mask(w) for w in self._vocab]
        self._sorted = sorted(word_ids)
        self._postings = postings
        self._cache: dict[str, dict[int, float]] = {}
        self._entry_cache: dict[str, tuple[dict[int, float], set[int]]] = {}
        self._browse_cache: dict[str, list[Entry]] = {}
        #: Trigger phrases as search words, to lift an entry when the query is one of them.
        self._phrases = {
            entry_id: tuple(" ".join(words(k)) for k in e.keywords)
            for entry_id, e in enumerate(self.entries)
            if e.kind == "objection" and e.keywords
        }
        self._by_stage: dict[str, set[int]] = {}
        for entry_id, entry in enumerate(self.entries):
            if entry.stage:
                self._by_stage.setdefault(entry.stage, set()).add(entry_id)
        self._synonyms: dict[str, set[str]] = {}
        for group in SYNONYM_GROUPS:
            for word in group:
                self._synonyms.setdefault(word, set()).update(w for w in group if w != word)

    def __len__(self) -> int:
        return len(self.entries)

    # ------------------------------------------------------------------ matching words

    def _prefixed(self, typed: str) -> Iterable[str]:
        start = bisect_left(self._sorted, typed)
        for word in self._sorted[start:]:
            if not word.startswith(typed):
                break
            yield word

    def _word_matches(self, typed: str) -> dict[int, float]:
        """Indexed word id -> how well it matches the query word ``typed``."""
        cached = self._cache.get(typed)
        if cached is not None:
            return cached
        found: dict[int, float] = {}
        length = len(typed)
        ids = self._word_ids
        for word in self._prefixed(typed):
            found[ids[word]] = EXACT if len(word) == length else STRONG + (EXACT - STRONG) * length / len(word)
        if length >= 3:
            edits = 0 if length < 4 else 1 if length < 8 else 2
            mask = _mask(typed)
            masks = self._masks
            for word_id, word in enumerate(self._vocab):
                if word_id in found:
                    continue
                if typed in word:
                    found[word_id] = INFIX
                elif edits and (mask & ~masks[word_id]).bit_count() <= edits and near_prefix(typed, word, edits):
                    found[word_id] = TYPO if edits == 1 or near_prefix(typed, word, 1) else TYPO2
        for synonym in self._synonyms.get(typed, ()):
            for word in self._prefixed(synonym):
                word_id = ids[word]
                if found.get(word_id, 0.0) < SYNONYM:
                    found[word_id] = SYNONYM
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()
        self._cache[typed] = found
        return found

    def _entry_scores(self, typed: str) -> tuple[dict[int, float], set[int]]:
        """(entry id -> best weighted match of the query word ``typed`` among the entry's
        words, entries where it matched strongly: exactly or as the start of a word)."""
        cached = self._entry_cache.get(typed)
        if cached is not None:
            return cached
        scores: dict[int, float] = {}
        strong: set[int] = set()
        postings = self._postings
        for word_id, quality in self._word_matches(typed).items():
            bucket = postings[word_id]
            if quality >= STRONG:
                strong.update(bucket)
            for entry_id, weight in bucket.items():
                value = quality * weight
                if scores.get(entry_id, 0.0) < value:
                    scores[entry_id] = value
        if len(self._entry_cache) >= self.CACHE_SIZE:
            self._entry_cache.clear()
        self._entry_cache[typed] = scores, strong
        return scores, strong

    # ------------------------------------------------------------------ searching

    def search(
        self,
        query: str,
        stage: str = "",
        limit: int = 50,
        accept: Callable[[Entry], bool] | None = None,
    ) -> list[Entry]:
        """The best entries for ``query``.

        Every query word must match (in any field, in any order); if no entry has them all,
        the entries matching the most words are shown. Entries where every word matched
        exactly or as the start of a word come before typo and synonym matches; within
        those, the current ``stage``'s entries get a lift, so they come first among
        comparable matches. Among the entries with the most words, rarer words count more.
        ``accept`` can hide entries (e.g. disabled commands)."""
        typed = query_words(query)
        if not typed:
            return self.browse(stage, limit, accept)
        # Finished stop words add nothing; the word being typed may still grow into anything.
        typed = list(dict.fromkeys([w for w in typed[:-1] if w not in STOP_WORDS] + typed[-1:]))
        per_word = sorted((self._entry_scores(w) for w in typed), key=lambda pair: len(pair[0]))
        totals: dict[int, float] = dict(per_word[0][0])
        for scores, _strong in per_word[1:]:
            totals = {e: s + scores[e] for e, s in totals.items() if e in scores}
            if not totals:
                break
        if not totals:  # fall back to the entries with the most words matched
            # Among those, a word found in a few entries says more than one found almost
            # everywhere: "no thanks" must not be decided by the "no" in "no budget".
            counts: dict[int, list[float]] = {}
            for scores, _strong in per_word:
                specificity = math.log1p(len(self.entries) / len(scores)) if scores else 0.0
                for entry_id, value in scores.items():
                    counts.setdefault(entry_id, []).append(value * specificity)
            if not counts:
                return []
            most = max(len(v) for v in counts.values())
            totals = {e: sum(v) for e, v in counts.items() if len(v) == most}
        kinds = self._kind_rank
        strong = set.intersection(*(ids for _scores, ids in per_word))
        in_stage = self._by_stage.get(stage, frozenset()) if stage else frozenset()
        lift = STAGE_LIFT * len(typed)
        spoken = " ".join(typed)
        bonus: set[int] = set()
        if len(spoken) >= 4:  # the rep typed (part of) what the prospect says
            for entry_id, phrases in self._phrases.items():
                if entry_id in totals and any(spoken in phrase or phrase in spoken for phrase in phrases):
                    bonus.add(entry_id)
        keyed = [
            (
                entry_id not in strong,  # every word matched exactly or as a word's start
                -(score + (lift if entry_id in in_stage else 0.0) + (PHRASE_BONUS if entry_id in bonus else 0.0)),
                kinds[entry_id],
                entry_id,
            )
            for entry_id, score in totals.items()
        ]
        ordered = [key[3] for key in heapq.nsmallest(limit * 4, keyed)]  # sorts all when there are few
        result = []
        for entry_id in ordered:
            entry = self.entries[entry_id]
            if accept is None or accept(entry):
                result.append(entry)
                if len(result) == limit:
                    break
        return result

    def browse(self, stage: str = "", limit: int = 50, accept: Callable[[Entry], bool] | None = None) -> list[Entry]:
        """What an empty query shows: the current stage, then objections, closes, commands."""
        listed = self._browse_cache.get(stage)
        if listed is None:
            order = {"objection": 1, "close": 2, "action": 3}
            listed = [e for e in self.entries if (stage and e.stage == stage) or e.kind in order]
            listed.sort(key=lambda e: 0 if e.stage and e.stage == stage else order.get(e.kind, 4))
            self._browse_cache[stage] = listed
        picked = []
        for entry in listed:
            if accept is None or accept(entry):
                picked.append(entry)
                if len(picked) == limit:
                    break
        return picked


# --------------------------------------------------------------------------- entries


def playbook_entries(playbook: Playbook) -> list[Entry]:
    """Everything in a playbook a rep might look for, as palette entries."""
    entries: list[Entry] = []
    for stage in playbook.stages:
        for item in stage.checklist:  # the palette names the kind ("Checklist") itself
            entries.append(Entry("checklist", item.key, item.text, stage.title, stage=stage.key))
        for question in stage.questions:
            hint = (question.hint,) if question.hint else ()
            entries.append(Entry("question", question.key, question.text, stage.title, stage=stage.key, keywords=hint))
    for objection in playbook.objections:
        entries.append(
            Entry(
                "objection",
                objection.key,
                objection.title,
                objection.rebuttals[0] if objection.rebuttals else "",
                keywords=objection.triggers,
            )
        )
        for number, line in enumerate(objection.rebuttals):
            entries.append(Entry("line", objection.key, line, objection.title, parent=objection.key, line=number))
    for close in playbook.closes:
        entries.append(Entry("close", close.key, close.title, close.summary))
        for number, line in enumerate(close.examples):
            entries.append(Entry("close-line", close.key, line, close.title, parent=close.key, line=number))
    return entries


def objection_entries(playbook: Playbook) -> list[Entry]:
    """The playbook's objections and their rebuttal lines: what the objection search (Ctrl+F)
    looks through, with the palette's matcher."""
    return [entry for entry in playbook_entries(playbook) if entry.kind in ("objection", "line")]


def ranked_objections(index: SearchIndex, query: str) -> list[str]:
    """Keys of the objections that match ``query`` in an index of ``objection_entries``, best
    first; an objection is found by its title, its triggers or any of its lines."""
    keys: dict[str, None] = {}
    for entry in index.search(query, limit=len(index)):
        keys.setdefault(entry.parent or entry.key)
    return list(keys)
