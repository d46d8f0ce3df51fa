"""The feature modules that fill the sidebar window with commands, menus and panels.

Each entry names a module with ``install(window)``; ``create_window`` hands the list to the
window, which calls each once while it is built. ``window`` is a ``kit.api.SidebarApi``:
what a feature may use of the sidebar (commands, menus, dialogs, banners, places for its
widgets, the controller, the settings, the playbooks), and ``window.features``, where it
registers what it makes. ``install`` must stay cheap (create actions; import heavy windows
inside their slots), since it runs before the first paint.

A feature lives in its own folder (ui/<feature>/feature.py). Feature folders do not import
each other: they meet in ui/kit and in the window API (checked by the import contracts in
pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salesdesk.ui.kit.api import SidebarApi

FEATURE_MODULES: tuple[str, ...] = (
    "salesdesk.ui.beside_call.feature",
    "salesdesk.ui.history.feature",
    "salesdesk.ui.exporting.feature",
    "salesdesk.ui.playbooks.feature",
    "salesdesk.ui.safety.feature",
    "salesdesk.ui.team.feature",
    "salesdesk.ui.listening.feature",
    "salesdesk.ui.about.feature",  # last: About closes the Tools menu
)


def feature_installers() -> list[Callable[[SidebarApi], object]]:
    return [import_module(name).install for name in FEATURE_MODULES]
