"""History, search, follow-ups and insights on a big data dir.

    python bench/history.py [--calls N] [--data-dir DIR] [--runs R]

Fills a data dir with N made-up calls and 10*N notes (default 100,000 and 1,000,000; the
same generator the tests use, written in bulk through salesdesk.devtools.bulk_insert), then
measures, in this process with the real widgets (offscreen):

  history_open_ms   from the History command to the first page of calls painted, in a
                    freshly built history window (median of R runs)
  search_p50/p95    full-text search over 50 queries of words taken from the notes, names
                    and companies (whole words, two-word queries, half-typed prefixes): the
                    query the search tab runs on its worker thread, snippets included
  followups_ms      the first page of the follow-up list (median)
  insights_ms       every aggregate of the insights tab over all calls (median)

A data dir given with --data-dir that already holds N calls is reused, so the generation
(about a minute at full size) is paid once. The last line is JSON with the figures.
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
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salesdesk.core.filters import CallFilter
from salesdesk.core.playbook_check import default_playbook
from salesdesk.devtools import bulk_insert
from salesdesk.devtools.sample_calls import NOTES_PER_CALL, sample_calls
from salesdesk.storage import CallStore, close_db, init_db
from salesdesk.storage.db import DB_FILENAME
from salesdesk.ui.history.feature import HistoryCommands


def generate(data_dir: Path, calls: int) -> float:
    """Fill ``data_dir`` (if it does not hold ``calls`` calls yet); returns seconds spent."""
    init_db(data_dir)
    store = CallStore()
    if store.history.count() == calls:
        close_db()
        return 0.0
    if store.history.count():
        raise SystemExit(f"{data_dir} holds other calls: give an empty or new --data-dir")
    started = time.perf_counter()
    step = max(1, calls // 10)
    playbook = default_playbook()

    def progress():
        for n, call in enumerate(sample_calls(calls, playbook), 1):
            if n % step == 0:
                print(f"  generated {n:,} calls ({time.perf_counter() - started:.0f} s)", flush=True)
            yield call

    bulk_insert.insert_calls(store, progress(), rebuild_index=True)
    seconds = time.perf_counter() - started
    close_db()
    return seconds


def search_queries(store: CallStore, count: int, seed: int = 50) -> list[str]:
    """What a rep might type: words from notes, two-word queries, prefixes, names."""
    from salesdesk.storage.tables import database

    rng = random.Random(seed)
    (top,) = database.execute_sql("SELECT max(id) FROM note").fetchone()
    ids = [rng.randint(1, top) for _ in range(count * 2)]
    marks = ",".join("?" * len(ids))
    notes = [text for (text,) in database.execute_sql(f"SELECT text FROM note WHERE id IN ({marks})", ids)]
    names = [row for row in database.execute_sql("SELECT name, company FROM contact ORDER BY random() LIMIT 50")]
    words = [[w.strip(",;.").lower() for w in text.split() if len(w.strip(",;.")) > 3] for text in notes]
    words = [w for w in words if len(w) >= 2]
    queries = []
    for n in range(count):
        kind = n % 5
        picked = rng.choice(words)
        if kind in (0, 1):
            queries.append(rng.choice(picked))
        elif kind == 2:
            first, second = rng.sample(picked, 2)
            queries.append(f"{first} {second}")
        elif kind == 3:
            word = rng.choice(picked)
            queries.append(word[: rng.randint(3, max(3, len(word) - 1))])  # still typing
        else:
            name, company = rng.choice(names)
            queries.append(rng.choice([name.split()[-1], company.split()[0], name]))
    return queries


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure_history_open(data_dir: Path, runs: int) -> list[float]:
    """Milliseconds from the History command to the first page painted, fresh window each run."""
    from PySide6.QtWidgets import QApplication

    from salesdesk.ui.app import create_window
    from salesdesk.ui.kit import background

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = create_window(data_dir)
    window.show()
    app.processEvents()
    commands = window.features.get(HistoryCommands)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        history = commands.show("calls")
        page = history.page("calls")
        deadline = started + 30
        while page.model.rowCount() == 0 and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)
        history.repaint()  # the rows on screen
        times.append((time.perf_counter() - started) * 1000)
        assert page.model.rowCount() > 0, "no rows arrived"
        history.close()
        history.deleteLater()
        commands.history_window = None
        background.wait_idle()
        app.processEvents()
    background.close_connections()
    window.close()
    app.processEvents()
    close_db()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000, help="how many calls (10 notes each)")
    parser.add_argument("--data-dir", type=Path, help="reuse or fill this data dir (default: a temporary one)")
    parser.add_argument("--runs", type=int, default=7, help="repetitions of the history/follow-up/insight timings")
    parser.add_argument("--queries", type=int, default=50, help="search queries to time")
    args = parser.parse_args()

    temporary = None
    if args.data_dir is None:
        temporary = tempfile.TemporaryDirectory(prefix="salesdesk-history-")
        data_dir = Path(temporary.name)
    else:
        data_dir = args.data_dir
    print(f"Data dir: {data_dir}")
    print(f"Generating {args.calls:,} calls and {args.calls * NOTES_PER_CALL:,} notes…", flush=True)
    generation = generate(data_dir, args.calls)
    size = (data_dir / DB_FILENAME).stat().st_size / 1e6
    print(f"  {'reused' if not generation else f'{generation:.1f} s'}, database {size:,.0f} MB", flush=True)

    open_times = measure_history_open(data_dir, args.runs)

    init_db(data_dir)
    store = CallStore()
    history = store.history
    queries = search_queries(store, args.queries)
    for query in queries[:5]:  # warm the connection and the caches, as a first search does
        history.search(query)
    search_times, hits = [], []
    for query in queries:
        started = time.perf_counter()
        result = history.search(query)
        search_times.append((time.perf_counter() - started) * 1000)
        hits.append(len(result.hits))
    today = date.today()
    followups = timed(lambda: history.follow_ups(today), args.runs)
    insights = timed(lambda: history.insights(CallFilter()), max(3, args.runs // 2))
    from salesdesk.storage.tables import database

    calls = history.count()
    (notes,) = database.execute_sql("SELECT count(*) FROM note").fetchone()
    close_db()

    figures = {
        "calls": calls,
        "notes": notes,
        "history_open_ms": round(statistics.median(open_times), 1),
        "search_p50_ms": round(percentile(search_times, 0.50), 1),
        "search_p95_ms": round(percentile(search_times, 0.95), 1),
        "followups_ms": round(statistics.median(followups), 1),
        "insights_ms": round(statistics.median(insights), 1),
    }
    rows = [
        ("history open → first page painted", open_times, 300),
        ("full-text search (per query)", search_times, 50),
        ("follow-up list, first page", followups, None),
        ("insights, all calls", insights, 1000),
    ]
    print()
    print(f"{'':38} {'median':>8} {'p95':>8} {'min':>8} {'max':>8}  target")
    for label, values, target in rows:
        print(
            f"{label:38} {statistics.median(values):8.1f} {percentile(values, 0.95):8.1f} "
            f"{min(values):8.1f} {max(values):8.1f}  {f'< {target} ms' if target else ''}"
        )
    print(f"(history open, first run with a cold worker: {open_times[0]:.1f} ms)")
    slowest = sorted(zip(search_times, queries, hits, strict=True), reverse=True)[:5]
    print("slowest searches: " + "; ".join(f"{q!r} {t:.0f} ms, {h} hits" for t, q, h in slowest))
    print(f"calls {calls:,}, notes {notes:,}, database {size:,.0f} MB")
    if temporary is not None:
        temporary.cleanup()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
