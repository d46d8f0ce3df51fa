"""Feature modules that add commands (actions, menus) to the sidebar window.

Each entry names a module with ``install(window)``, called once while the window is built.
``install`` must stay cheap (create actions; import heavy windows inside their slots), since
it runs before the first paint. Use ``window.add_action(name, text, shortcut, slot,
menu=..., tip=...)`` and ``window.menu(name, title)``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

FEATURE_MODULES: tuple[str, ...] = (
    "salesdesk.ui.beside_call.feature",
    "salesdesk.ui.history.feature",
    "salesdesk.ui.exporting.feature",
    "salesdesk.ui.playbooks.feature",
    "salesdesk.ui.safety.feature",
    "salesdesk.ui.about.feature",  # last: About closes the Tools menu
)


def feature_installers() -> list[Callable]:
    return [import_module(name).install for name in FEATURE_MODULES]
