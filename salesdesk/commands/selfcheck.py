"""``salesdesk self-check``: start the real sidebar, check the installation is complete, quit.

Meant for packagers and support: run it on a freshly built bundle or installed copy, e.g.
``salesdesk --data-dir /tmp/check self-check`` (with QT_QPA_PLATFORM=offscreen on a machine
without a display). It goes through the normal start-up, so the sidebar is painted, the
database opened and the playbooks read exactly as for a rep, then reports on each part and
exits 1 if any is missing. The ``first-paint`` line carries the monotonic clock at the first
paint, which bench/bundle.py uses to time start-up of a bundle it cannot instrument.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# Long enough for the work start-up defers past the first paint (all queued at 0 ms).
SETTLE_MS = 400


def register(sub) -> None:
    parser = sub.add_parser(
        "self-check",
        help="start the sidebar, check that this installation is complete, then quit",
        description=__doc__.split("\n\n")[1],
    )
    parser.set_defaults(run=run_self_check)


def run_self_check(args, data_dir: Path) -> int:
    from salesdesk.core.files import file_problem

    problem = file_problem(args.playbook) if args.playbook is not None else None
    if problem is not None:
        print(f"salesdesk: --playbook: {problem}", file=sys.stderr)
        return 2
    from salesdesk.ui.app import run_gui

    problems: list[str] = []

    def on_shown(window) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # the first paint has happened when this returns
        print(f"first-paint {time.monotonic():.6f}", flush=True)
        QTimer.singleShot(SETTLE_MS, lambda: _finish(window, problems))

    status = run_gui(data_dir, args.playbook, on_shown=on_shown)
    if status != 0 and not problems:
        problems.append(f"the app exited with status {status}")
    if problems:
        print(f"self-check failed: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("self-check passed", flush=True)
    return 0


def _finish(window, problems: list[str]) -> None:
    for ok, text in _checks(window):
        print(f"{'ok  ' if ok else 'FAIL'}  {text}", flush=True)
        if not ok:
            problems.append(text)
    window.close()  # the last window: the event loop ends and run_gui returns


def _checks(window):
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from salesdesk import __version__
    from salesdesk.storage.paths import database_path
    from salesdesk.ui.kit.appicon import ICON_SIZES

    app = QApplication.instance()
    how = "bundle" if getattr(sys, "frozen", False) else f"Python {sys.version.split()[0]}"
    yield True, f"SalesDesk {__version__} ({how}), Qt {qVersion()}, platform {app.platformName()}"

    size = window.size()
    yield window.isVisible(), f"sidebar shown ({size.width()}×{size.height()})"

    handle = window.controller.handle
    database = database_path(handle.data_dir)
    yield handle.is_open and database.is_file(), f"database open: {database}"

    from salesdesk.core.playbook import builtin_playbook_paths

    builtin = builtin_playbook_paths()
    library = window.library
    yield (
        bool(builtin) and library.default is not None,
        f"playbooks: {len(builtin)} built-in ({', '.join(p.name for p in builtin) or 'none'}), "
        f"{len(library.playbooks)} loaded, default “{library.default.label if library.default else 'none'}”",
    )
    for error in library.errors:  # a rep's broken playbook is not an installation problem
        yield True, f"note: {error.describe(limit=1)}"

    sizes = sorted({s.width() for s in app.windowIcon().availableSizes()})
    yield sizes == sorted(ICON_SIZES), f"app icon: {len(sizes)} sizes ({', '.join(map(str, sizes))} px)"

    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    yield "svg" in formats, "SVG images (Qt's svg image plugin)"

    from salesdesk.ui.about.feature import licence_text

    text = licence_text() or ""
    yield "GNU GENERAL PUBLIC LICENSE" in text, "licence text for the About box"
