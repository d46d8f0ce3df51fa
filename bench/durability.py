"""Crash safety, measured: kill SalesDesk with SIGKILL at random moments and count what survived.

    python bench/durability.py [--kills 50] [--seed 1]

Each round starts the real app in a fresh process on one data folder (so each start also
recovers from the previous kill: stale lock, WAL replay, quick start, resumed call). The
child (bench/_durability_child.py) drives the sidebar with real key events and logs each
action once the app has handled it. At a random moment (one round in five during start-up,
the others 0.1-3 s into driving) the parent sends SIGKILL, then reads the database file
directly and checks everything the child had logged, cumulatively over all rounds:

- ticks, answers (the stored text holds every logged character, in order: the driver only
  inserts, at wherever the cursor is, and the app may have saved a keystroke or two that
  the kill kept the driver from logging), stage changes,
  notes added with Enter and ended calls must all be there (items lost must be 0);
- the note being typed may lose what was typed in the last moments: the figure is the
  time from the first lost keystroke to the kill (the app saves it within 500 ms). On a
  busy machine the child can go without CPU for a while before the kill, which that
  wall-clock figure includes; the table also shows the part during which the app was still
  taking keystrokes (its log continued) without having saved them.

The last line is JSON: {"kills", "items_written", "items_lost", "notes_lost_ms_max"}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = HERE / "_durability_child.py"
DB_FILENAME = "salesdesk.sqlite3"
READY_TIMEOUT_S = 60
ACTION_MS = 15  # the child's pace (bench/_durability_child.py)


@dataclass
class Tally:
    kills: int = 0
    killed_in_startup: int = 0
    items_written: int = 0
    items_lost: int = 0
    notes_lost_ms: list[float] = field(default_factory=list)
    notes_lost_active_ms: list[float] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)

    def figures(self) -> dict:
        return {
            "kills": self.kills,
            "items_written": self.items_written,
            "items_lost": self.items_lost,
            "notes_lost_ms_max": round(max(self.notes_lost_ms, default=0.0), 1),
        }


@dataclass
class Expected:
    """Everything the child logged, over all rounds."""

    ticks: dict[tuple[int, str, str], float] = field(default_factory=dict)
    answers: dict[tuple[int, str], str] = field(default_factory=dict)
    stages: dict[int, int] = field(default_factory=dict)  # call id -> highest stage index
    #: Writes logged per kind (each answer keystroke and stage change is one write).
    writes: dict[str, int] = field(default_factory=dict)
    commits: dict[int, list[str]] = field(default_factory=dict)
    ended: dict[int, str] = field(default_factory=dict)


def read_log(path: Path) -> list[list]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            break  # a line cut by the kill (cannot happen with one os.write, but be safe)
    return out


def db_state(data_dir: Path) -> sqlite3.Connection:
    # Read-write so SQLite can replay the WAL the killed process left; this process is the
    # only one using the file now.
    return sqlite3.connect(data_dir / DB_FILENAME, timeout=5)


def spawn(data_dir: Path, log_path: Path, seed: int, stderr) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("SALESDESK_DATA_DIR", None)
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(log_path), str(seed)],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        env=env,
    )


def wait_ready(log_path: Path, process: subprocess.Popen, since: int) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if any(entry[1] == "ready" for entry in read_log(log_path)[since:]):
            return True
        time.sleep(0.01)
    return False


def holds_in_order(stored: str, logged: str) -> bool:
    """Every character of ``logged`` is in ``stored``, in the same order (nothing deleted)."""
    rest = iter(stored)
    return all(char in rest for char in logged)


def check(data_dir: Path, events: list[list], kill_at: float, expected: Expected, tally: Tally) -> float | None:
    """Fold this round's log into ``expected`` and hold the database against all of it.
    Returns how many ms of typing in the note editor were lost (None: nothing)."""
    for entry in events:
        kind = entry[1]
        if kind in ("tick", "answer", "stage", "commit", "ended"):
            expected.writes[kind] = expected.writes.get(kind, 0) + 1
        if kind == "tick":
            expected.ticks[(entry[2], entry[3], entry[4])] = entry[0]
        elif kind == "answer":
            expected.answers[(entry[2], entry[3])] = entry[4]
        elif kind == "stage":
            expected.stages[entry[2]] = max(expected.stages.get(entry[2], 0), entry[4])
        elif kind == "commit":
            expected.commits.setdefault(entry[2], []).append(entry[3])
        elif kind == "ended":
            expected.ended[entry[2]] = entry[3]
        elif kind == "error":
            raise RuntimeError(f"the driver failed:\n{entry[2]}")

    con = db_state(data_dir)
    try:
        ticks = set(con.execute("SELECT call_id, stage, item FROM checklist_tick"))
        answers = dict(((c, q), a) for c, q, a in con.execute("SELECT call_id, question, answer FROM answer"))
        calls = {row[0]: row[1:] for row in con.execute("SELECT id, stage, ended_at, outcome, playbook_id FROM call")}
        bodies = dict(con.execute("SELECT id, body FROM playbook_snapshot"))
        notes: dict[int, list[str]] = {}
        drafts: dict[int, str] = {}
        for call_id, text, draft in con.execute("SELECT call_id, text, draft FROM note ORDER BY at, id"):
            if draft:
                drafts[call_id] = text
            else:
                notes.setdefault(call_id, []).append(text)
    finally:
        con.close()

    def lose(kind: str, what: str) -> None:
        # Every round re-checks all earlier items: count each lost item once.
        if f"{kind}: {what}" not in tally.lost:
            tally.items_lost += 1
            tally.lost.append(f"{kind}: {what}")

    for key in expected.ticks:
        if key not in ticks:
            lose("tick", str(key))
    for key, text in expected.answers.items():
        if not holds_in_order(answers.get(key, ""), text):
            lose("answer", f"{key}: logged {text!r}, stored {answers.get(key)!r}")
    stage_orders = {}
    for call_id, minimum in expected.stages.items():
        stage, _ended, _outcome, playbook_id = calls.get(call_id, (None, None, None, None))
        if playbook_id not in stage_orders:
            stage_orders[playbook_id] = [s["key"] for s in json.loads(bodies[playbook_id])["stages"]]
        order = stage_orders[playbook_id]
        if stage is None or order.index(stage) < minimum:
            lose("stage", f"call {call_id}: logged index {minimum}, stored {stage!r}")
    for call_id, texts in expected.commits.items():
        stored = list(notes.get(call_id, []))
        for text in texts:
            if text in stored:
                stored.remove(text)
            else:
                lose("note", f"call {call_id}: {text!r}")
    for call_id, outcome in expected.ended.items():
        _stage, ended_at, stored_outcome, _pb = calls.get(call_id, (None, None, None, None))
        if ended_at is None or stored_outcome != outcome:
            lose("ended call", f"call {call_id}")
    names = {"tick": "ticks", "answer": "answer keystrokes", "stage": "stage changes", "commit": "notes (Enter)"}
    tally.by_kind = {names.get(k, "ended calls"): n for k, n in sorted(expected.writes.items())}
    tally.items_written = sum(expected.writes.values())

    # The note being typed: which logged editor state did the database keep?
    states = [e for e in events if e[1] in ("note_state", "commit")]
    if states:
        call_id = states[-1][2]
        stored = drafts.get(call_id, "")
        texts = ["" if e[1] == "commit" else e[3] for e in states]
        if texts[-1] != stored:
            matches = [i for i, text in enumerate(texts) if text == stored and states[i][2] == call_id]
            if not matches:
                lose("note draft", f"call {call_id}: stored {stored!r} is no state the editor showed")
            else:
                first_lost = states[matches[-1] + 1][0]
                tally.notes_lost_ms.append((kill_at - first_lost) * 1000)
                # How long the app kept taking actions without saving the note: on a busy
                # machine the child may get no CPU between its last action and the kill,
                # which the wall-clock figure above counts too.
                tally.notes_lost_active_ms.append((events[-1][0] - first_lost) * 1000 + ACTION_MS)
                return (kill_at - first_lost) * 1000
    return None


def run(kills: int = 50, seed: int = 1, data_dir: Path | None = None, progress=print) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    expected = Expected()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = data_dir or Path(tmp) / "data"
        log_path = Path(tmp) / "actions.log"
        stderr_path = Path(tmp) / "stderr.log"
        for round_no in range(kills):
            since = len(read_log(log_path))
            with stderr_path.open("ab") as stderr:
                process = spawn(data_dir, log_path, rng.randrange(1 << 30), stderr)
            if rng.random() < 0.2:
                time.sleep(rng.uniform(0.05, 1.0))  # somewhere in start-up
            elif wait_ready(log_path, process, since):
                time.sleep(rng.uniform(0.1, 3.0))
            else:
                process.kill()
                process.wait()
                tail = stderr_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"round {round_no}: the app did not start (exit {process.returncode}):\n{tail}")
            if process.poll() is not None:
                tail = stderr_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"round {round_no}: the app exited by itself ({process.returncode}):\n{tail}")
            kill_at = time.monotonic()
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            tally.kills += 1
            events = read_log(log_path)[since:]
            if not any(e[1] == "ready" for e in events):
                tally.killed_in_startup += 1
            lag = check(data_dir, events, kill_at, expected, tally)
            if progress:
                progress(
                    f"kill {tally.kills:>3}: {len(events):>4} actions logged, {tally.items_written:>5} items "
                    f"so far, lost {tally.items_lost}, note typing lost: "
                    + (f"{lag:.0f} ms" if lag is not None else "none")
                )
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    started = time.monotonic()
    tally = run(options.kills, options.seed)
    print()
    print(
        f"SIGKILL durability, {tally.kills} kills ({tally.killed_in_startup} during start-up), "
        f"{time.monotonic() - started:.0f} s"
    )
    print(f"{'what':<22}{'written':>10}")
    for kind, count in tally.by_kind.items():
        print(f"{kind:<22}{count:>10}")
    print(f"{'items written':<22}{tally.items_written:>10}")
    print(f"{'items lost':<22}{tally.items_lost:>10}")
    lags = sorted(tally.notes_lost_ms)
    if lags:
        active = max(tally.notes_lost_active_ms)
        print(
            f"note being typed: lost in {len(lags)} of {tally.kills} kills; "
            f"median {lags[len(lags) // 2]:.0f} ms, max {lags[-1]:.0f} ms of typing before the kill "
            f"(max {active:.0f} ms while the app was still taking keystrokes)"
        )
    for line in tally.lost[:20]:
        print("LOST", line)
    print(json.dumps(tally.figures()))
    return 0 if tally.items_lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
