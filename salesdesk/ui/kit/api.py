"""What a feature sees of the sidebar: a declared, typed interface, and one registry.

Feature modules (ui/features.py lists them) get the sidebar as a ``SidebarApi`` in
``install(window)``. They add their commands through it, put their widgets in the places it
offers, and register the objects they make in ``window.features`` (a ``FeatureRegistry``,
one object per type) instead of setting attributes on the window. A feature finds another
feature's object in the registry by the type it was registered under; the window itself
asks for the few things it needs from features through the small protocols below
(``CompactView``, ``QuitGuard``), registered by the features that provide them.

Changes to call data go through ``window.controller`` (kit.controller), which announces
every change; ``controller.dataChanged`` says which stored calls changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray, QSettings, Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QPlainTextEdit, QWidget

    from salesdesk.core.call import CallState, Contact
    from salesdesk.core.library import PlaybookLibrary
    from salesdesk.ui.kit.controller import CallController
    from salesdesk.ui.kit.prefs import Prefs

T = TypeVar("T")


class FeatureRegistry:
    """The objects features add to one sidebar, found by type.

    ``add(part)`` registers ``part`` under its own class (and under any protocol classes
    given, which is how the window finds what it asks features for); ``get(kind)`` returns
    it (KeyError, naming the type, when no feature registered one); ``find(kind)`` returns it
    or None (for parts made on first use, such as the palette)."""

    def __init__(self) -> None:
        self._parts: dict[type, object] = {}

    def add(self, part: T, *kinds: type) -> T:
        for kind in (type(part), *kinds):
            if kind in self._parts:
                raise ValueError(f"a {kind.__name__} is already registered")
            self._parts[kind] = part
        return part

    def get(self, kind: type[T]) -> T:
        try:
            return cast(T, self._parts[kind])
        except KeyError:
            raise KeyError(f"no {kind.__name__} registered (is its feature installed?)") from None

    def find(self, kind: type[T]) -> T | None:
        return cast("T | None", self._parts.get(kind))

    def __contains__(self, kind: type) -> bool:
        return kind in self._parts


@runtime_checkable
class SidebarApi(Protocol):
    """The sidebar window as features use it (ui.sidebar.window.SidebarWindow implements it)."""

    #: The one path for changes to call data, with its signals (kit.controller).
    controller: CallController
    #: Every setting, typed (kit.prefs over settings.ini; the keys: salesdesk.settings).
    prefs: Prefs
    settings: QSettings
    #: What features registered (see FeatureRegistry).
    features: FeatureRegistry
    #: Close without asking about unsaved changes (SIGTERM, log-out, "Quit" in the recovery).
    forced_quit: bool
    #: The commands by name (created with add_action).
    actions: Mapping[str, QAction]

    @property
    def widget(self) -> QMainWindow:
        """The sidebar as a Qt window: the parent of dialogs, for geometry, focus and flags."""
        ...

    @property
    def data_dir(self) -> Path: ...

    @property
    def library(self) -> PlaybookLibrary:
        """The playbooks (read on first use; load_playbooks reads them again)."""
        ...

    def load_playbooks(self) -> None: ...

    @property
    def started(self) -> bool:
        """True once the first paint is done."""
        ...

    # ------------------------------------------------------------------ commands

    def add_action(
        self,
        name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Callable[..., object],
        *,
        menu: str = "",
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        """A command with its shortcut, kept in ``actions[name]``, listed in ``menu``."""
        ...

    def menu(self, name: str, title: str = "") -> QMenu:
        """The menu called ``name``, created at the end of the menu bar if it is new."""
        ...

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a modal dialog; True if accepted. The keyboard goes back to the sidebar."""
        ...

    def defer(self, task: Callable[[], object]) -> None:
        """Run ``task`` right after the first paint (at once if that has happened)."""
        ...

    # ------------------------------------------------------------------ messages

    def show_banner(
        self, text: str, kind: str = "warning", button: str = "", on_button: Callable[[], object] | None = None
    ) -> None:
        """The message strip at the top of the sidebar (kind: info, warning, error)."""
        ...

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar ("" clears it)."""
        ...

    # ------------------------------------------------------------------ the call on screen

    def new_call(self, contact: Contact | None = None) -> None: ...

    def end_call(self) -> bool:
        """Ask for the wrap-up and end the running call; False if the rep went back."""
        ...

    def resume(self) -> None:
        """Show the unfinished call stored in the database, if there is one."""
        ...

    def show_tab(self, name: str) -> None:
        """Bring up a tab: "stage", "qualify", "objections" or "close"."""
        ...

    def go_to_item(self, stage: str, key: str, *, question: bool) -> None: ...

    @property
    def notes_editor(self) -> QPlainTextEdit:
        """The note being typed (its text may be newer than the stored draft)."""
        ...

    @property
    def notes_loading(self) -> bool:
        """True while the editor is being filled with a call's draft (not typing)."""
        ...

    def flush_notes(self) -> None:
        """Store the note being typed now, not after the usual pause."""
        ...

    # ------------------------------------------------------------------ places for a feature's widgets

    def add_to_top(self, widget: QWidget, *, hold_at_top: bool = False) -> None:
        """Above everything, under the menu bar. ``hold_at_top``: keep it at the top while
        the rest of the sidebar is hidden (the compact strip)."""
        ...

    def add_below_start_button(self, widget: QWidget) -> None:
        """On the page shown between calls, under "Start a call"."""
        ...

    def add_to_stage_tab(self, widget: QWidget) -> None:
        """At the top of the Stage tab, above the checklist."""
        ...

    def add_above_notes(self, widget: QWidget) -> None:
        """Right above the note editor."""
        ...

    # ------------------------------------------------------------------ the window's shape (the compact strip)

    @property
    def banners(self) -> tuple[QWidget, ...]:
        """The message strips at the top (the banner, the qualification reminder)."""
        ...

    def show_full_view(self, on: bool) -> None:
        """Show or hide the sidebar's pages, the reminder, the menu bar and the status bar."""
        ...

    def apply_window_flags(self, flags: Qt.WindowType) -> None:
        """Change window flags without hiding the window (or losing the keyboard)."""
        ...


class CompactView(Protocol):
    """What the window asks the compact strip (registered by beside_call)."""

    active: bool

    def normal_geometry(self) -> QByteArray | None:
        """The full sidebar's geometry while the strip shows (what to save), else None."""
        ...

    # The command palette opens over the strip, which grows to make room for it.
    def make_room(self) -> None: ...

    def release_room(self) -> None: ...

    def palette_top(self) -> int:
        """Where the palette's top goes in the window (below the strip's own row)."""
        ...


class FollowupEmails(Protocol):
    """Opens the follow-up e-mail of a call (registered by exporting; History offers it)."""

    def open_followup_email(self, call: CallState | None = None, parent: QWidget | None = None) -> None:
        """The dialog for ``call`` (the running, just ended or latest call when None)."""
        ...


class LiveCues(Protocol):
    """Raises an objection's live cue (registered by beside_call): from typed notes there,
    from speech for listening. Each objection at most once per call, without the keyboard."""

    def offer_cue(self, key: str, phrase: str, *, heard: bool = False) -> None:
        """Cue objection ``key``; ``phrase`` is what was typed or (``heard``) heard for it."""
        ...


class QuitGuard(Protocol):
    """Asked before the sidebar closes with changes not yet written (registered by safety)."""

    def may_quit_with_unsaved_changes(self) -> bool: ...


class TeamHistory(Protocol):
    """The team server's calls for the Mine/Team scope (registered by the team feature)."""

    def history(self) -> object | None:
        """HistoryQueries on the team server (each query raises StorageError with the
        reason when the server cannot answer), or None while this laptop is in no team.
        Call from the UI thread; run its queries on worker threads. It also answers
        ``teammate_calls(name, company, email)``: teammates' calls with that contact."""
        ...
