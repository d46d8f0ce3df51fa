"""Command palette speed with a 1,000-entry playbook: from Ctrl+K to the palette drawn, and
per keystroke while searching; also what live cues cost a keystroke in the notes.

    python bench/palette.py [--rounds N]

It generates a playbook whose palette index has exactly 1,000 entries (checklist items,
questions, objections with rebuttal lines, closing techniques with lines), starts a call on
it in the real sidebar (offscreen unless QT_QPA_PLATFORM says otherwise) and drives it
with key events, as tests do. A measurement runs from sending the key event to the end of
the event processing that paints the result (the palette's list must have been painted).
The index is built when the call starts, as in the app; its build time is shown too.
The last line is JSON with the figures issue #6 asks for.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from salesdesk.ui.beside_call.palette import CommandPalette

_VOCABULARY = (
    "budget price contract renewal rollout pilot security legal procurement vendor integration data "
    "migration training onboarding support invoice discount license seat team manager director board "
    "quarter deadline risk compliance audit report dashboard workflow approval timeline savings cost "
    "value proof reference customer partner competitor incumbent switch change process tool spreadsheet "
    "pipeline forecast revenue margin headcount hiring churn retention usage adoption champion sponsor"
)
WORDS = _VOCABULARY.split()
PHRASES = (
    "too expensive",
    "no budget",
    "ask my boss",
    "send me some info",
    "not the right time",
    "already have a vendor",
    "too risky",
    "call me next quarter",
)


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def generated_playbook() -> dict:
    """8 stages x (12 items + 8 questions) + 100 objections x (1 + 5 lines) + 48 closes x (1 + 4) = 1,000."""
    rng = random.Random(6)
    stages = []
    for s in range(8):
        stages.append(
            {
                "key": f"stage-{s}",
                "title": f"Stage {s + 1} {rng.choice(WORDS)}",
                "minutes": 5,
                "checklist": [{"key": f"item-{s}-{i}", "text": sentence(rng, 9)} for i in range(12)],
                "questions": [{"key": f"q-{s}-{i}", "text": sentence(rng, 11)[:-1] + "?"} for i in range(8)],
            }
        )
    objections = []
    for o in range(100):
        triggers = [PHRASES[o % len(PHRASES)]] + [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(4)]
        objections.append(
            {
                "key": f"objection-{o}",
                "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} concern {o}",
                "triggers": triggers,
                "rebuttals": [sentence(rng, 14) for _ in range(5)],
                "why": sentence(rng, 16),
            }
        )
    closes = [
        {
            "key": f"close-{c}",
            "title": f"{rng.choice(WORDS).title()} close {c}",
            "summary": sentence(rng, 12),
            "examples": [sentence(rng, 12) for _ in range(4)],
        }
        for c in range(48)
    ]
    return {"name": "Bench", "version": "1", "stages": stages, "objections": objections, "closes": closes}


class PaintCounter(QObject):
    """Counts paint events of the widgets that show results (the list, or "nothing matches")."""

    def __init__(self, *widgets):
        super().__init__(widgets[0])
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="repetitions (default 7)")
    options = parser.parse_args()

    from salesdesk.core.call import Contact
    from salesdesk.core.playbook_check import playbook_from_dict
    from salesdesk.core.search import SearchIndex, playbook_entries
    from salesdesk.ui.app import create_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    playbook = playbook_from_dict(generated_playbook())
    entries = len(playbook_entries(playbook))
    assert entries == 1000, entries
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        SearchIndex(playbook_entries(playbook))
        builds.append((time.perf_counter() - start) * 1000)

    with tempfile.TemporaryDirectory() as data_dir:
        window = create_window(Path(data_dir))
        window.save_window_state = lambda: None
        window.resize(380, 780)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        window.after_first_paint()  # as start-up does: tray, palette widget
        window.controller.start_call(Contact("Bench Prospect", "Bench Co"), playbook)
        app.processEvents()
        start = time.perf_counter()
        window.features.get(CommandPalette).build_index()  # what the app does when the call starts
        index_ms = (time.perf_counter() - start) * 1000
        palette = window.features.get(CommandPalette)
        painted = PaintCounter(palette.results.viewport(), palette.empty)
        editor = window.notes_panel.editor
        field = palette.field
        rng = random.Random(7)
        queries = [
            "too expensive",
            "pricey",
            "send me info",
            "decison maker",
            "rollout plan",
            "end call",
            "expnsive",
            "renewal contract",
        ]

        unpainted = []

        def timed(action, what: str) -> tuple[float, float]:
            """(wall-clock ms, this thread's CPU ms) from the key event to the painted result."""
            before = painted.count
            start, cpu = time.perf_counter(), time.thread_time()
            action()
            app.processEvents()  # layout and paint of what changed
            elapsed = ((time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000)
            if painted.count == before:
                unpainted.append(what)  # nothing new to show (e.g. still no match): counted all the same
            return elapsed

        # Each repetition opens the palette once per query and types it; the figures of a
        # repetition are its median open and its keystroke percentiles, and the result is the
        # median over repetitions (other processes on a shared machine disturb single runs).
        per_round: dict[str, list[float]] = {
            "open": [],
            "p50": [],
            "p95": [],
            "open_cpu": [],
            "p50_cpu": [],
            "p95_cpu": [],
        }
        all_opens: list[float] = []
        all_keys: list[float] = []
        for _ in range(options.rounds):
            opens, keys = [], []
            order = [*queries, f"{rng.choice(WORDS)} {rng.choice(WORDS)[:4]}"]
            rng.shuffle(order)
            for query in order:
                editor.setFocus()
                app.processEvents()
                opens.append(
                    timed(lambda: QTest.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier), "open")
                )
                for char in query:
                    keys.append(timed(lambda c=char: QTest.keyClick(field, c), f"{field.text()}[{char}]"))
                QTest.keyClick(field, Qt.Key.Key_Escape)
                app.processEvents()
            for suffix, column in (("", 0), ("_cpu", 1)):
                per_round["open" + suffix].append(statistics.median(o[column] for o in opens))
                per_round["p50" + suffix].append(percentile([k[column] for k in keys], 0.5))
                per_round["p95" + suffix].append(percentile([k[column] for k in keys], 0.95))
            all_opens += [o[0] for o in opens]
            all_keys += [k[0] for k in keys]

        # Live cues: a keystroke in the notes with cue matching on and off, alternating.
        typing = {True: [], False: []}
        text = "we talked about the rollout and the budget, then the pilot plan and the security review "
        for round_ in range(options.rounds):
            for cues in (True, False) if round_ % 2 == 0 else (False, True):
                window.prefs.cues_enabled = cues
                editor.setFocus()
                for char in text[:40]:
                    start = time.perf_counter()
                    QTest.keyClick(editor, char)
                    app.processEvents()
                    typing[cues].append((time.perf_counter() - start) * 1000)
                editor.clear()
                app.processEvents()
        window.close()

    median = {name: statistics.median(values) for name, values in per_round.items()}
    figures = {
        "entries": entries,
        "palette_open_ms": round(median["open"], 2),
        "keystroke_p50_ms": round(median["p50"], 2),
        "keystroke_p95_ms": round(median["p95"], 2),
    }
    print(
        f"Command palette, {entries} playbook entries (+{len(palette.index) - entries} commands), "
        f"{options.rounds} repetitions of {len(queries) + 1} opens and typed queries, "
        f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}"
    )
    print(f"{'median over repetitions':<40}{'wall ms':>10}{'CPU ms':>10}")
    for label, key in (("Ctrl+K to palette drawn", "open"), ("keystroke p50", "p50"), ("keystroke p95", "p95")):
        print(f"{label:<40}{median[key]:>10.2f}{median[key + '_cpu']:>10.2f}")
    print()
    print(f"{'all samples':<40}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'n':>6}")
    rows = [
        ("index build (1,000 entries)", builds),
        ("Ctrl+K to palette drawn", all_opens),
        ("keystroke to results drawn", all_keys),
        ("notes keystroke, live cues on", typing[True]),
        ("notes keystroke, live cues off", typing[False]),
    ]
    for name, values in rows:
        print(
            f"{name:<40}{percentile(values, 0.5):>10.2f}{percentile(values, 0.95):>10.2f}"
            f"{max(values):>10.2f}{len(values):>6}"
        )
    print(f"(index built in the window at call start: {index_ms:.1f} ms; budget: 16 ms per open and per keystroke;")
    print(" CPU ms is this thread's own time: the gap to wall ms is time taken by other processes)")
    if unpainted:
        print(f"({len(unpainted)} keystrokes changed nothing on screen, e.g. {', '.join(unpainted[:3])})")
    if "open" in unpainted:
        raise RuntimeError("Ctrl+K did not paint the palette: the open figure would be meaningless")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
