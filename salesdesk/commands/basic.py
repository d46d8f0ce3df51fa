"""``salesdesk gui`` and ``salesdesk where``."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    sub.add_parser("gui", help="start the sidebar (the default)")  # run=None: the GUI
    where = sub.add_parser("where", help="print the data folder in use")
    where.set_defaults(run=run_where)


def run_where(_args, data_dir: Path) -> int:
    print(data_dir)
    return 0
