"""The desktop bundle next to the source run: size, start-up time and peak memory.

    make dist && python bench/bundle.py [--bundle dist/salesdesk/salesdesk] [--runs N]
    make dist DIST_DIR=build/untrimmed DIST_TRIM=0 && python bench/bundle.py --untrimmed build/untrimmed/salesdesk

Both variants run the same command, ``salesdesk --data-dir DIR self-check``, in fresh
processes: the normal start-up, which prints the monotonic clock at the first painted
sidebar, then checks the installation and quits. The clock runs from just before the
process is spawned to that first paint; peak memory is the process's maximum RSS, including
what start-up defers past the first paint. The data folder holds a call in progress (what a
rep restarting mid-call sees). "--version" times a command-line call that opens no window.
Runs alternate between the variants so machine noise hits both alike; medians are reported.
The last line is JSON with the figures issue #8 asks for.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from startup import prepare_call_in_progress  # noqa: E402


def folder_size(path: Path) -> int:
    """Bytes in the files under ``path`` (symbolic links count as nothing, as on disk)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def targz_size(path: Path) -> int:
    """What a user downloads: the folder as a .tar.gz."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as archive:
        archive.add(path, arcname=path.name)
    return buffer.tell()


def run_once(command: list[str], *, gui: bool) -> tuple[float, float]:
    """(milliseconds to the first paint, or to exit without ``gui``; peak RSS in MB)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("SALESDESK_DATA_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the source run loads cached bytecode, as installed
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    end = time.monotonic()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command} failed: {out!r}")
    if gui:
        stamps = [line.split()[1] for line in out.splitlines() if line.startswith("first-paint ")]
        if not stamps:
            raise RuntimeError(f"{command}: no first-paint line in {out!r}")
        end = float(stamps[0])
    return (end - start) * 1000, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "salesdesk" / "salesdesk")
    parser.add_argument("--untrimmed", type=Path, help="a bundle built with DIST_TRIM=0, to report its size too")
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    bundle = options.bundle.resolve()
    if not bundle.is_file():
        parser.error(f"{bundle}: no bundle there; build it first with `make dist`")

    folder = bundle.parent
    size_mb = folder_size(folder) / 2**20
    targz_mb = targz_size(folder) / 2**20
    untrimmed_mb = folder_size(options.untrimmed.resolve().parent) / 2**20 if options.untrimmed else None

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        prepare_call_in_progress(data)
        programs = {"source": [sys.executable, "-m", "salesdesk"], "bundle": [str(bundle)]}
        kinds = {"gui": ["--data-dir", str(data), "self-check"], "cli": ["--version"]}
        for program in programs.values():  # warm the file cache and write bytecode once
            for kind, args in kinds.items():
                run_once(program + args, gui=kind == "gui")
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(options.runs):
            for name, program in programs.items():
                for kind, args in kinds.items():
                    results.setdefault((name, kind), []).append(run_once(program + args, gui=kind == "gui"))

    med = {key: (statistics.median(t for t, _ in r), statistics.median(m for _, m in r)) for key, r in results.items()}
    print(f"Bundle: {folder}")
    print(f"  size on disk {size_mb:.1f} MB, as .tar.gz {targz_mb:.1f} MB", end="")
    print(f" (untrimmed build: {untrimmed_mb:.1f} MB)" if untrimmed_mb is not None else "")
    print(
        f"Median of {options.runs} runs each, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, "
        "data folder with a call in progress"
    )
    print(f"{'variant':<10}{'first paint ms':>16}{'peak RSS MB':>13}{'--version ms':>14}")
    for name in programs:
        (gui_ms, gui_mb), (cli_ms, _) = med[(name, "gui")], med[(name, "cli")]
        print(f"{name:<10}{gui_ms:>16.1f}{gui_mb:>13.1f}{cli_ms:>14.1f}")
    figures = {
        "bundle_mb": round(size_mb, 1),
        "bundle_targz_mb": round(targz_mb, 1),
        "untrimmed_mb": round(untrimmed_mb, 1) if untrimmed_mb is not None else None,
        "bundle_startup_ms": round(med[("bundle", "gui")][0], 1),
        "source_startup_ms": round(med[("source", "gui")][0], 1),
        "startup_ratio": round(med[("bundle", "gui")][0] / med[("source", "gui")][0], 3),
        "bundle_rss_mb": round(med[("bundle", "gui")][1], 1),
        "source_rss_mb": round(med[("source", "gui")][1], 1),
        "bundle_version_ms": round(med[("bundle", "cli")][0], 1),
        "source_version_ms": round(med[("source", "cli")][0], 1),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
