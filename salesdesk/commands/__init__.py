"""Subcommands of the ``salesdesk`` command line.

Each module listed in COMMAND_MODULES has ``register(subparsers

)``, which adds its parser(s)
and sets ``run=function`` as a default; ``run(args, data_dir) -> int`` is the exit status.
Modules must import cheaply (no Qt, no Peewee at import time): argparse loads them all.
"""

from __future__ import annotations

from importlib import import_module

COMMAND_MODULES: tuple[str, ...] = (
    "salesdesk.commands.basic",
    "salesdesk.commands.export_import",
    "salesdesk.commands.listen",
    "salesdesk.commands.playbook",
    "salesdesk.commands.safety",
    "salesdesk.commands.search_index",
    "salesdesk.commands.selfcheck",
    "salesdesk.commands.team",
)


def register_all(subparsers) -> None:
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers)
