"""Export and import speed on 10,000 realistic calls.

    python bench/export.py [--calls N] [--runs R]

It generates the calls in memory (contacts, ticks, answers, qualification, objections and
notes, from a fixed random seed) and stores them through the real import path
(``storage.import_export.import_calls``). Then, R times over, alternating the three operations so
machine noise hits them alike, it times what a rep waits for:

- JSON export: read every call from the database and write the calls file,
- CSV export: the same, written as the spreadsheet file,
- JSON import: read and check that file, and store it into an EMPTY data folder.

It prints a table (min / median / max wall-clock time, and the median CPU time, which a
busy machine disturbs less) and, as its last line, the medians as JSON:
{"calls", "export_json_s", "export_csv_s", "import_json_s"}. Targets: exports under 3 s,
import under 10 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salesdesk.core.call import COMMON_OUTCOMES, CallState, Contact, NoteEntry, ObjectionEntry
from salesdesk.core.calls_file import dumps, read_calls_file
from salesdesk.core.export import calls_csv, encode
from salesdesk.core.files import write_atomically
from salesdesk.core.playbook import QUALIFICATION_FIELDS
from salesdesk.core.playbook_check import default_playbook
from salesdesk.storage import close_db, init_db
from salesdesk.storage.import_export import export_calls, import_calls

WORDS = [
    "pilot",
    "depot",
    "routes",
    "budget",
    "renewal",
    "spreadsheet",
    "team",
    "rollout",
    "pricing",
    "demo",
    "CFO",
    "contract",
    "timeline",
    "integration",
    "shipping",
    "warehouse",
    "forecast",
    "churn",
    "onboarding",
    "security",
    "review",
]


def sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def generate(count: int, seed: int = 7) -> list[CallState]:
    """Calls as a rep's year would leave them: most finished, some open, uneven progress."""
    rng = random.Random(seed)
    playbook = default_playbook()
    contacts = [
        Contact(f"Contact {n}", f"Company {n % 700}", f"contact{n}@example.com", f"+1 555 {n:04d}")
        for n in range(max(1, count // 5))
    ]
    start = datetime(2024, 1, 1, 8, tzinfo=UTC)
    calls = []
    for n in range(count):
        started = start + timedelta(minutes=47 * n + rng.randint(0, 30))
        reached = rng.randrange(len(playbook.stages))
        ticks = {}
        answers = {}
        for stage in playbook.stages[: reached + 1]:
            for item in stage.checklist:
                if rng.random() < 0.7:
                    ticks[(stage.key, item.key)] = started + timedelta(seconds=rng.randint(30, 1500))
            for question in stage.questions:
                if rng.random() < 0.5:
                    answers[question.key] = sentence(rng, 4, 25)
        objections = [
            ObjectionEntry(
                0,
                objection.key,
                objection.title,
                started + timedelta(minutes=rng.randint(1, 25)),
                rng.random() < 0.6,
                sentence(rng, 0, 12) if rng.random() < 0.5 else "",
            )
            for objection in rng.sample(playbook.objections, rng.randint(0, 2))
        ]
        notes = sorted(
            (
                NoteEntry(0, started + timedelta(seconds=rng.randint(10, 1700)), sentence(rng, 5, 30))
                for _ in range(rng.randint(1, 8))
            ),
            key=lambda note: note.at,
        )
        finished = n < count - 20 or rng.random() < 0.5
        calls.append(
            CallState(
                id=0,
                uid="",
                contact=contacts[rng.randrange(len(contacts))],
                playbook=playbook,
                started_at=started,
                stage=playbook.stages[reached].key,
                ended_at=started + timedelta(minutes=rng.randint(5, 45)) if finished else None,
                outcome=rng.choice(COMMON_OUTCOMES) if finished else "",
                next_step=sentence(rng, 2, 6) if finished and rng.random() < 0.7 else "",
                next_step_due=date(2024, 1, 1) + timedelta(days=n // 10) if rng.random() < 0.5 else None,
                qualification={f: sentence(rng, 2, 8) if rng.random() < 0.7 else "" for f in QUALIFICATION_FIELDS},
                ticks=ticks,
                answers=answers,
                objections=objections,
                notes=notes,
            )
        )
    return calls


def timed(action, cpu: list[float]) -> float:
    """Wall-clock seconds of ``action``; its CPU seconds go to ``cpu`` (a busy machine
    stretches the first, much less the second)."""
    begin, begin_cpu = time.perf_counter(), time.process_time()
    action()
    cpu.append(time.process_time() - begin_cpu)
    return time.perf_counter() - begin


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    playbook = default_playbook()
    with tempfile.TemporaryDirectory(prefix="salesdesk-bench-") as tmp:
        root = Path(tmp)
        source = root / "source"
        begin = time.perf_counter()
        init_db(source)
        import_calls(generate(args.calls), [playbook])
        print(f"generated and stored {args.calls:,} calls in {time.perf_counter() - begin:.1f} s")
        json_file, csv_file = root / "calls.json", root / "calls.csv"

        def export_json() -> None:
            write_atomically(json_file, encode(dumps(export_calls())))

        def export_csv() -> None:
            write_atomically(csv_file, encode(calls_csv(export_calls(for_csv=True)), bom=True))

        def import_json(run: int) -> None:
            close_db()
            init_db(root / f"import-{run}")  # an empty data folder
            result = import_calls(read_calls_file(json_file), [playbook])
            assert result.added == args.calls, result
            close_db()
            init_db(source)

        export_json()  # the file the imports read
        times: dict[str, list[float]] = {"export_json_s": [], "export_csv_s": [], "import_json_s": []}
        cpu: dict[str, list[float]] = {name: [] for name in times}
        for run in range(args.runs):
            order = ["export_json_s", "export_csv_s", "import_json_s"]
            order = order[run % 3 :] + order[: run % 3]  # alternate which goes first
            for name in order:
                if name == "export_json_s":
                    times[name].append(timed(export_json, cpu[name]))
                elif name == "export_csv_s":
                    times[name].append(timed(export_csv, cpu[name]))
                else:
                    times[name].append(timed(lambda run=run: import_json(run), cpu[name]))
        close_db()
        sizes = {"export_json_s": json_file.stat().st_size, "export_csv_s": csv_file.stat().st_size}

    targets = {"export_json_s": 3.0, "export_csv_s": 3.0, "import_json_s": 10.0}
    labels = {"export_json_s": "JSON export", "export_csv_s": "CSV export", "import_json_s": "JSON import"}
    print(f"\n{args.calls:,} calls, {args.runs} runs each")
    print(f"{'operation':<13}{'min s':>8}{'median s':>10}{'max s':>8}{'cpu s':>8}{'target s':>10}  file")
    for name, values in times.items():
        size = f"{sizes[name] / 2**20:.1f} MB" if name in sizes else "(reads the JSON file)"
        print(
            f"{labels[name]:<13}{min(values):>8.2f}{statistics.median(values):>10.2f}{max(values):>8.2f}"
            f"{statistics.median(cpu[name]):>8.2f}{targets[name]:>10.1f}  {size}"
        )
    print("(seconds of wall-clock time; cpu s: median CPU time of this process)")
    result = {"calls": args.calls} | {name: round(statistics.median(v), 3) for name, v in times.items()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
