"""Start-up time and peak memory of the sidebar, side by side with a bare PySide6 window.

    python bench/startup.py [--runs N]

Each run is a fresh process; the clock runs from just before the process is spawned to the
first shown (and painted) window. Peak memory is the process's maximum RSS, including the
work the app defers until just after that first paint (opening the database with Peewee,
reading playbook files): the child stays up 400 ms after the paint. Runs alternate between
the variants so machine noise hits
all of them alike; medians are reported. "sidebar (resume call)" reopens a data dir with a
call in progress (ticks, answers, notes), which is what a rep restarting mid-call sees.
The last line is JSON with the figures issue #2 asks for (from the resume-call variant).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = HERE / "_startup_child.py"


def prepare_call_in_progress(data_dir: Path) -> None:
    """A data dir with a realistic unfinished call, written through the real store."""
    code = f"""
from pathlib import Path
from salesdesk.core.call import Contact
from salesdesk.core.playbook_check import default_playbook
from salesdesk.storage import CallStore, init_db
init_db(Path({str(data_dir)!r}))
store = CallStore()
for n in range(200):
    past = store.start_call(Contact(f"Contact {{n}}", "Company"), default_playbook())
    store.end_call(past.id, "Won", "", None)
call = store.start_call(Contact("Dana Whitfield", "Northwind"), default_playbook())
store.set_stage(call.id, "discovery")
for item in ("icp-fit", "lead-source", "contact-checked"):
    store.set_tick(call.id, "prospecting", item, True)
store.set_answer(call.id, "pain-points", "Spreadsheets everywhere")
for i in range(30):
    store.save_note(call.id, None, f"note {{i}} " * 8, draft=False)
store.save_note(call.id, None, "typing", draft=True)
store.log_objection(call.id, "too-expensive", "Too expensive")
"""
    subprocess.run([sys.executable, "-c", code], check=True)


def measure(args: list[str], xdg_data_home: str = "") -> tuple[float, float]:
    """(milliseconds to first shown window, peak RSS in MB) of one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("SALESDESK_DATA_DIR", None)
    if xdg_data_home:
        env["XDG_DATA_HOME"] = xdg_data_home
    # As on a rep's machine, modules load from cached bytecode (the warm-up run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.monotonic()
    process = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, text=True, env=env)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not out.startswith("shown "):
        raise RuntimeError(f"{args} failed ({process.returncode}): {out!r}")
    shown = float(out.split()[1])
    return (shown - start) * 1000, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # XDG_DATA_HOME for each variant; the app finds its data in <that>/SalesDesk.
        empty_home, call_home = Path(tmp) / "empty", Path(tmp) / "call"
        prepare_call_in_progress(call_home / "SalesDesk")
        variants = {
            "bare PySide6 window": (["bare"], ""),
            "sidebar (no call)": (["sidebar"], str(empty_home)),
            "sidebar (resume call)": (["sidebar"], str(call_home)),
        }
        for args, home in variants.values():  # warm the file cache and write bytecode once
            measure(args, home)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        for _ in range(options.runs):
            for name, (args, home) in variants.items():
                results[name].append(measure(args, home))

    medians = {
        name: (statistics.median(t for t, _ in runs), statistics.median(m for _, m in runs))
        for name, runs in results.items()
    }
    bare_ms, bare_mb = medians["bare PySide6 window"]
    print(
        f"Start-up to first shown window, median of {options.runs} runs each (QT_QPA_PLATFORM="
        f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')})"
    )
    print(f"{'variant':<24}{'start-up ms':>12}{'ratio':>8}{'peak RSS MB':>13}{'ratio':>8}")
    for name, (ms, mb) in medians.items():
        print(f"{name:<24}{ms:>12.1f}{ms / bare_ms:>8.2f}{mb:>13.1f}{mb / bare_mb:>8.2f}")
    app_ms, app_mb = medians["sidebar (resume call)"]
    figures = {
        "startup_ms": round(app_ms, 1),
        "bare_startup_ms": round(bare_ms, 1),
        "startup_ratio": round(app_ms / bare_ms, 3),
        "rss_mb": round(app_mb, 1),
        "bare_rss_mb": round(bare_mb, 1),
        "rss_ratio": round(app_mb / bare_mb, 3),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
