"""A long call, compressed: the real app driven through a simulated two-hour call, watching
memory, open files, Qt objects and the slowest action.

    python bench/soak.py [--actions 20000] [--seed 1]

The app starts as a rep starts it (``salesdesk.cli.main``: lock, quick start, database
after the first paint, backups, tray, palette index) on a fresh data folder, in this
process, offscreen unless QT_QPA_PLATFORM says otherwise. A call is started through the
start dialog, then driven with key events sent into the real window (QTest): notes typed
and added with Enter (with the phrases that raise live cues, then Ctrl+Enter or Esc),
answers and qualification typed, checklist items ticked (Ctrl+D), stages changed
(Ctrl+PgDown/PgUp, Ctrl+1…8), the palette opened, searched, a card opened and closed
(Ctrl+K … Esc), objections searched, logged and handled (Ctrl+F, Ctrl+R, Ctrl+H), tabs
switched, and the clock: the app's clock runs on a simulated time that covers two hours
over the run, and every simulated second the sidebar's per-second work runs (the call and
stage timers in the header and the compact strip), as its timers would.

Why QTest and not xdotool: an action's time must be measured from the key event to the end
of the work it caused, painting included, one action at a time; from outside the process
xdotool can only send keys, not tell when the app is done with each, and 20,000 round trips
through a new xdotool process each would take most of the run by themselves. QTest sends
the same QKeyEvents Qt makes from X input, into the same window, through the same shortcut
map and focus handling; what it skips is the X server, which no leak or slow action of
SalesDesk's lives in.

Memory, open file descriptors and Qt objects are read after a warm-up (5% of the actions,
at least 500: every kind of action has run, lazy tabs and caches are built) and at the end,
each time after a garbage collection; the growth between them is what a longer call costs.
An action's time is wall clock from sending its key events to the end of the event
processing that follows (layout and paint of what changed). The last line is JSON:
{"actions", "rss_start_mb", "rss_end_mb", "rss_growth_mb", "handles_growth",
"slowest_action_ms"}; targets: growth under 10 MB, no handle growth, slowest under 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from salesdesk.ui.beside_call.compact import CompactMode
from salesdesk.ui.beside_call.palette import CommandPalette

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SIMULATED_SECONDS = 2 * 60 * 60

NOTE_TEXT = (
    "they run dispatch from a spreadsheet and two people re-key every order into the ERP "
    "the pilot would start with the north depot in march then roll out to the other three "
    "procurement wants a security review first and legal reads every contract clause twice "
    "usage doubled since the last quarter and support tickets are mostly about onboarding"
)
NOTE_WORDS = NOTE_TEXT.split(" ")
#: Phrases from the built-in playbook's objection triggers: typed into notes, they raise cues.
CUE_PHRASES = ("too expensive", "need to ask my boss", "send me an e-mail", "not the right time", "too risky")
PALETTE_QUERIES = ("price", "expnsive", "decison", "pilot", "boss", "timing", "budget", "risk", "referral", "close")


def rss_mb() -> float:
    """Resident memory now (Linux: /proc; elsewhere the peak, which only grows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def open_fds() -> int:
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder))
        except OSError:
            continue
    return 0


def qt_objects() -> Counter:
    """Every QObject in a tree under a top-level widget or the application object, by class."""
    app = QApplication.instance()
    found: Counter = Counter()
    for root in (app, *QApplication.topLevelWidgets()):
        found.update(type(item).__name__ for item in (root, *root.findChildren(QObject)))
    return found


@dataclass
class Snapshot:
    rss_mb: float
    fds: int
    qt_classes: Counter
    python_objects: int

    @property
    def qt_objects(self) -> int:
        return sum(self.qt_classes.values())

    @classmethod
    def take(cls, app, window=None) -> Snapshot:
        """``window``: first put the call on its first stage and the Stage tab, so that two
        snapshots compare the same widgets (each stage builds a field per question)."""
        if window is not None and window.controller.call is not None:
            window.go_to_stage(1)
            window.tabs.setCurrentIndex(0)
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what the event loop frees next
        app.processEvents()
        gc.collect()
        return cls(rss_mb(), open_fds(), qt_objects(), len(gc.get_objects()))


class Timings:
    """Every action's wall and CPU time, in arrays made at the start: the bench's own
    bookkeeping must not show up as the app's memory growth."""

    def __init__(self, total: int):
        self.wall = array("d", bytes(8 * total))
        self.cpu = array("d", bytes(8 * total))
        self.kind = array("H", bytes(2 * total))
        self.kinds: list[str] = []
        self.count = 0
        self.slowest: tuple[float, str] = (0.0, "")
        self.slowest_cpu: tuple[float, str] = (0.0, "")

    def add(self, kind: str, ms: float, cpu_ms: float, detail: str) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)
        index = self.count
        self.wall[index], self.cpu[index], self.kind[index] = ms, cpu_ms, self.kinds.index(kind)
        self.count += 1
        if ms > self.slowest[0]:
            self.slowest = (ms, f"{kind}: {detail}")
        if cpu_ms > self.slowest_cpu[0]:
            self.slowest_cpu = (cpu_ms, f"{kind}: {detail}")

    def by_kind(self, values: array) -> dict[str, list[float]]:
        grouped: dict[str, list[float]] = defaultdict(list)
        for index in range(self.count):
            grouped[self.kinds[self.kind[index]]].append(values[index])
        return grouped


class SimulatedClock:
    """The app's utcnow(), running ``SIMULATED_SECONDS`` over the run's actions."""

    def __init__(self):
        from salesdesk.core.call import utcnow

        self.start = utcnow()
        self.seconds = 0.0

    def __call__(self):
        return self.start + timedelta(seconds=self.seconds)

    def install(self) -> None:
        """Every SalesDesk module that took utcnow from core.call reads this clock instead."""
        import salesdesk.core.call as call_module

        real = call_module.utcnow
        for name, module in list(sys.modules.items()):
            if name.startswith("salesdesk") and getattr(module, "utcnow", None) is real:
                module.utcnow = self


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Driver:
    """Runs the actions in the real window and times each."""

    def __init__(self, window, total: int, seed: int):
        self.window = window
        self.app = QApplication.instance()
        self.total = total
        self.rng = random.Random(seed)
        self.timings = Timings(total)
        self.clock = SimulatedClock()
        self.done = 0
        self.warm_up = max(500, total // 20)
        self.snapshots: dict[str, Snapshot] = {}
        self.note_words = 0
        self.cues_seen = 0

    # ------------------------------------------------------------------ helpers
    # Every action is a generator step: the driver yields after each timed action, and the
    # next one runs from the event loop (QTimer 0), so between actions the app gets what it
    # gets between a rep's keystrokes: deferred deletions, its timers (the note's save
    # 500 ms after typing), the replies of worker threads.

    def timed(self, kind: str, detail: str, action: Callable[[], object]) -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        action()
        self.app.processEvents()  # layout and paint of what changed
        wall_ms, cpu_ms = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
        self.timings.add(kind, wall_ms, cpu_ms, detail)
        self.done += 1
        self.clock.seconds = SIMULATED_SECONDS * self.done / self.total

    def key(self, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> Callable[[], None]:
        return lambda: QTest.keyClick(widget, key, modifiers)

    def type_into(self, kind: str, widget, text: str):
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        for char in text:
            if self.done >= self.total:
                return
            self.timed(kind, repr(char), lambda c=char: QTest.keyClick(widget, c))
            yield

    def sentence(self, words: int) -> str:
        start = self.rng.randrange(len(NOTE_WORDS) - words)
        return " ".join(NOTE_WORDS[start : start + words])

    # ------------------------------------------------------------------ actions (generators)

    def clock_tick(self):
        """The sidebar's per-second work (its 1 s timers), at simulated time."""
        header, compact = self.window.header, self.window.features.find(CompactMode)

        def tick() -> None:
            header.update_timer()
            if compact is not None and compact.active:
                compact.refresh_timer()

        self.timed("clock tick", f"{self.clock.seconds:.0f} s", tick)
        yield

    def note(self):
        editor = self.window.notes_panel.editor
        text = self.sentence(self.rng.randint(4, 12))
        if self.rng.random() < 0.08:
            text += " and then " + self.rng.choice(CUE_PHRASES)
        yield from self.type_into("note keystroke", editor, text)
        if self.done < self.total:
            self.timed("note added (Enter)", text[:30], self.key(editor, Qt.Key.Key_Return))
            yield
        cues = getattr(self.window, "cue_watcher", None)
        if cues is not None and cues.current is not None and self.done < self.total:
            self.cues_seen += 1
            accept = self.rng.random() < 0.5
            keys = (Qt.Key.Key_Return, CTRL) if accept else (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
            self.timed("cue answered", "Ctrl+Enter" if accept else "Esc", self.key(editor, *keys))
            yield

    def answer(self):
        panel = self.window.stage_panel
        self.window.show_tab("stage")
        if not panel.answer_edits:
            return
        edit = self.rng.choice(list(panel.answer_edits.values()))
        yield from self.type_into("answer keystroke", edit, " " + self.sentence(self.rng.randint(2, 6)))

    def qualify(self):
        panel = self.window.qualification_panel
        self.window.show_tab("qualify")
        if self.rng.random() < 0.7:
            edit = self.rng.choice(list(panel.edits.values()))
            yield from self.type_into("qualification keystroke", edit, " " + self.sentence(self.rng.randint(2, 5)))
        else:
            edit = panel.budget_amount
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()
            budget = self.rng.choice(("40k", "50-60k", "up to 80k", "1.2m"))
            yield from self.type_into("qualification keystroke", edit, budget)

    def tick(self):
        window = self.window
        self.timed("checklist tick (Ctrl+D)", window.controller.call.stage, self.key(window, Qt.Key.Key_D, CTRL))
        yield

    def stage(self):
        window = self.window
        stages = len(window.controller.call.playbook.stages)
        choice = self.rng.random()
        if choice < 0.45:
            self.timed("stage change", "Ctrl+PgDown", self.key(window, Qt.Key.Key_PageDown, CTRL))
        elif choice < 0.75:
            self.timed("stage change", "Ctrl+PgUp", self.key(window, Qt.Key.Key_PageUp, CTRL))
        else:
            number = self.rng.randint(1, stages)
            self.timed("stage change", f"Ctrl+{number}", self.key(window, Qt.Key(Qt.Key.Key_0 + number), CTRL))
        yield

    def palette(self):
        window = self.window
        editor = window.notes_panel.editor
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.timed("palette open (Ctrl+K)", "", self.key(editor, Qt.Key.Key_K, CTRL))
        yield
        palette = window.features.get(CommandPalette)
        yield from self.type_into("palette keystroke", palette.field, self.rng.choice(PALETTE_QUERIES))
        for _ in range(self.rng.randint(0, 3)):
            self.timed("palette move", "Down", self.key(palette.field, Qt.Key.Key_Down))
            yield
        entry = palette.current_entry
        if entry is not None and entry.kind in ("objection", "line", "close") and self.rng.random() < 0.6:
            self.timed("palette card", entry.title[:30], self.key(palette.field, Qt.Key.Key_Return))
            yield
            self.timed("palette back", "Backspace", self.key(QApplication.focusWidget(), Qt.Key.Key_Backspace))
            yield
        self.timed("palette close (Esc)", "", self.key(QApplication.focusWidget() or palette.field, Qt.Key.Key_Escape))
        yield
        if palette.is_open:  # a card takes one Esc more
            self.timed("palette close (Esc)", "card", self.key(QApplication.focusWidget(), Qt.Key.Key_Escape))
            yield

    def objection(self):
        window = self.window
        self.timed("objection search (Ctrl+F)", "", self.key(window, Qt.Key.Key_F, CTRL))
        yield
        panel = window.objections_panel
        yield from self.type_into(
            "objection search keystroke", panel.search, self.rng.choice(("price", "boss", "risk"))
        )
        if panel.current_objection is not None and self.done < self.total:
            handled = self.rng.random() < 0.4
            key = Qt.Key.Key_H if handled else Qt.Key.Key_R
            self.timed("objection logged", "Ctrl+H" if handled else "Ctrl+R", self.key(window, key, CTRL))
            yield
        panel.search.clear()

    def switch_tab(self):
        tabs = self.window.tabs
        self.timed("tab switch", "", lambda: tabs.setCurrentIndex(self.rng.randrange(tabs.count())))
        yield

    # ------------------------------------------------------------------ the call

    def steps(self):
        """The whole call, one action per step."""
        choices = [
            (self.note, 40),
            (self.answer, 12),
            (self.qualify, 5),
            (self.tick, 4),
            (self.stage, 3),
            (self.palette, 6),
            (self.objection, 2),
            (self.switch_tab, 2),
        ]
        actions, weights = zip(*choices, strict=True)
        for action in actions * 2:  # every kind early, so the warm-up has built what each needs
            yield from action()
        last = len(self.window.controller.call.playbook.stages)
        # Past qualification with facts unknown: the reminder strip shows (built once).
        self.timed("stage change", f"Ctrl+{last}", self.key(self.window, Qt.Key(Qt.Key.Key_0 + last), CTRL))
        yield
        next_tick = self.tick_interval
        while self.done < self.total:
            # Catch up with the simulated clock: the per-second work, once per interval gone by.
            while self.clock.seconds >= next_tick and self.done < self.total:
                yield from self.clock_tick()
                next_tick += self.tick_interval
            if self.done < self.total:
                yield from self.rng.choices(actions, weights)[0]()
            if self.done >= self.warm_up and "warm" not in self.snapshots:
                self.snapshots["warm"] = Snapshot.take(self.app, self.window)

    @property
    def tick_interval(self) -> float:
        """Simulated seconds between clock ticks: a third of the actions are ticks, which at
        20,000 actions is one a simulated second, as the sidebar's timers run."""
        return SIMULATED_SECONDS / (self.total / 3)

    def run(self, finished: Callable[[], None]) -> None:
        """Run the steps from the event loop; ``finished`` once all actions are done."""
        steps = self.steps()

        def step() -> None:
            try:
                next(steps)
            except StopIteration:
                finished()
                return
            QTimer.singleShot(0, step)

        QTimer.singleShot(0, step)


def start_call(window) -> None:
    """Through the start dialog, as a rep does (not counted as an action)."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(10, fill)
            return
        QTest.keyClicks(dialog.name, "Soak Prospect")
        QTest.keyClicks(dialog.company, "Long Call Ltd")
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    if window.controller.call is None:
        raise RuntimeError("the call did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=20_000, help="key actions to send (default 20,000)")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    from salesdesk.cli import main as salesdesk_main

    outcome: dict = {}

    def drive(window) -> None:
        app = QApplication.instance()

        def fail(exc: BaseException) -> None:
            outcome["error"] = exc  # reported after the app has quit
            window.close()

        def finished() -> None:
            try:
                outcome["seconds"] = time.perf_counter() - outcome["began"]
                window.notes_panel.flush()
                QTest.qWait(600)  # the last draft save and any retry
                outcome["end"] = Snapshot.take(app, window)
            except BaseException as exc:
                fail(exc)
                return
            window.close()

        try:
            QTest.qWait(300)  # the deferred start-up work (database, backup, palette index)
            outcome["startup"] = Snapshot.take(app)
            start_call(window)
            QTest.qWait(200)
            driver = outcome["driver"] = Driver(window, options.actions, options.seed)
            driver.clock.install()
            outcome["call_started"] = Snapshot.take(app)
            outcome["began"] = time.perf_counter()
            driver.run(finished)
        except BaseException as exc:
            fail(exc)

    with tempfile.TemporaryDirectory() as data_dir:
        status = salesdesk_main(
            ["--data-dir", data_dir], on_shown=lambda window: QTimer.singleShot(0, lambda: drive(window))
        )
        # (A step that raised ends the generator: the error is in outcome, or the run is short.)
        database_mb = (Path(data_dir) / "salesdesk.sqlite3").stat().st_size / 1024 / 1024
    if "error" in outcome:
        raise outcome["error"]
    if status != 0:
        raise RuntimeError(f"the app exited with status {status}")
    report(outcome, options, database_mb)
    return 0


def report(outcome: dict, options, database_mb: float) -> None:
    driver: Driver = outcome["driver"]
    warm, end = driver.snapshots["warm"], outcome["end"]
    timings = driver.timings
    wall, cpu = timings.by_kind(timings.wall), timings.by_kind(timings.cpu)
    everything = [ms for values in wall.values() for ms in values]
    print(
        f"Soak: {timings.count:,} key actions over a simulated {SIMULATED_SECONDS // 3600}-hour call "
        f"in {outcome['seconds']:.0f} s, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}, seed {options.seed}; "
        f"a clock tick every {driver.tick_interval:.2f} simulated seconds"
    )
    call = driver.window.controller.call
    print(
        f"(the call: {len(call.notes)} notes, {len(call.objections)} objections, {len(call.ticks)} ticks, "
        f"{sum(len(a) for a in call.answers.values()):,} characters of answers, {driver.cues_seen} cues; "
        f"database {database_mb:.1f} MB)"
    )
    print()
    header = f"{'action':<32}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'CPU max':>9}"
    print(header)
    for kind, values in sorted(wall.items(), key=lambda item: -len(item[1])):
        print(
            f"{kind:<32}{len(values):>7}{percentile(values, 0.5):>9.2f}{percentile(values, 0.95):>9.2f}"
            f"{percentile(values, 0.99):>9.2f}{max(values):>9.2f}{max(cpu[kind]):>9.2f}"
        )
    print(
        f"{'all':<32}{len(everything):>7}{statistics.median(everything):>9.2f}{percentile(everything, 0.95):>9.2f}"
        f"{percentile(everything, 0.99):>9.2f}{max(everything):>9.2f}{timings.slowest_cpu[0]:>9.2f}"
    )
    print(f"slowest: {timings.slowest[1]} ({timings.slowest[0]:.1f} ms wall clock)")
    print(f"slowest in CPU time: {timings.slowest_cpu[1]} ({timings.slowest_cpu[0]:.1f} ms of this thread's CPU)")
    print("(CPU ms is the app thread's own time: the gap to wall ms is time other processes took)")
    print()
    print(f"{'':<28}{'RSS MB':>9}{'open fds':>10}{'Qt objects':>12}{'Py objects':>12}")
    for label, snap in (
        ("after start-up", outcome["startup"]),
        ("call started", outcome["call_started"]),
        (f"after warm-up ({driver.warm_up:,} actions)", warm),
        ("at the end", end),
    ):
        print(f"{label:<28}{snap.rss_mb:>9.1f}{snap.fds:>10}{snap.qt_objects:>12}{snap.python_objects:>12}")
    growth = (end.fds - warm.fds) + (end.qt_objects - warm.qt_objects)
    print(
        f"{'growth (end - warm-up)':<28}{end.rss_mb - warm.rss_mb:>9.1f}{end.fds - warm.fds:>10}"
        f"{end.qt_objects - warm.qt_objects:>12}{end.python_objects - warm.python_objects:>12}"
    )
    grown = end.qt_classes - warm.qt_classes
    if grown:
        print("Qt objects that grew: " + ", ".join(f"{name} +{count}" for name, count in grown.most_common(8)))
    print("(targets: RSS growth under 10 MB, no growth in open files and Qt objects, slowest action under 50 ms)")
    print(
        json.dumps(
            {
                "actions": timings.count,
                "rss_start_mb": round(warm.rss_mb, 1),
                "rss_end_mb": round(end.rss_mb, 1),
                "rss_growth_mb": round(end.rss_mb - warm.rss_mb, 1),
                "handles_growth": growth,
                "slowest_action_ms": round(timings.slowest[0], 1),
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
