"""The command line: ``salesdesk`` starts the sidebar; subcommands work without a window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from salesdesk import __version__
from salesdesk.commands import register_all
from salesdesk.config import DATA_DIR_ENV, resolve_data_dir


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser (nested ones too): it reports the arguments it does not know
    itself, under its own usage. Plain argparse hands them up to the top-level parser, whose
    usage (``salesdesk [-h] [--version] ... COMMAND``) says nothing about the command."""

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="salesdesk",
        description="SalesDesk: your sales playbook, checklist and notes beside every call.",
    )
    parser.add_argument("--version", action="version", version=f"salesdesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep the database and settings in DIR (default: ${DATA_DIR_ENV}, else the user data folder)",
    )
    parser.add_argument(
        "--playbook",
        metavar="FILE",
        type=Path,
        help="use this playbook file as the default for new calls",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    register_all(sub)
    return parser


def main(argv: list[str] | None = None, on_shown=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="salesdesk: %(levelname)s: %(message)s")
    data_dir = resolve_data_dir(args.data_dir)
    run = getattr(args, "run", None)
    if run is not None:
        return run(args, data_dir)
    if args.playbook is not None:
        from salesdesk.core.files import file_problem

        problem = file_problem(args.playbook)
        if problem is not None:
            parser.error(f"--playbook: {problem}")
    from salesdesk.ui.app import run_gui  # Qt is only imported when a window is wanted

    return run_gui(data_dir, args.playbook, on_shown=on_shown)


if __name__ == "__main__":
    sys.exit(main())
