"""The GUI's settings, typed, over ``settings.ini`` (QSettings).

Every key, with its type and default, is declared in ``salesdesk.settings``; ``get`` and
``set`` take those declarations. The call aids (wrap-up, cues, compact strip, screen
sharing, colours) have properties of their own here, which check the value, and
``changed(name)`` lets open
widgets follow a change at once (opacity while the slider moves, colours).
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from salesdesk import settings as keys
from salesdesk.settings import Setting

T = TypeVar("T")


def read(qsettings: QSettings, setting: Setting[T]) -> T:
    """``setting``'s stored value, as the declared type (its default when none is stored).

    For code that holds the QSettings rather than the Prefs (dialogs, panels)."""
    if setting.kind is bytes or setting.default is None:
        return qsettings.value(setting.key, setting.default)  # window state Qt saves as it likes; "not set" is None
    return qsettings.value(setting.key, setting.default, type=setting.kind)


def write(qsettings: QSettings, setting: Setting[T], value: T) -> None:
    qsettings.setValue(setting.key, value)


# The names as the CLI and logs write them; the settings dialog shows ui.kit.labels.color_scheme.
COLOR_SCHEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
SIDES = ("left", "right")
MIN_OPACITY, MAX_OPACITY = 30, 100


class Prefs(QObject):
    changed = Signal(str)  # the setting's name, as the properties below

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings

    # ------------------------------------------------------------------ any setting

    def get(self, setting: Setting[T]) -> T:
        """The stored value, as the declared type (the default when none is stored)."""
        return read(self.settings, setting)

    def set(self, setting: Setting[T], value: T) -> None:
        write(self.settings, setting, value)

    def sync(self) -> None:
        """Write the file now (QSettings writes it a moment later otherwise)."""
        self.settings.sync()

    def _raw(self, setting: Setting) -> Any:
        """As QSettings hands it back (text, a list for text with commas, or None)."""
        return self.settings.value(setting.key, setting.default)

    def _set(self, name: str, setting: Setting, value) -> None:
        stored = self.settings.value(setting.key)
        # An ini file hands values back as text ("true", "80"): compare in that form too.
        if stored is None or (stored != value and str(stored).lower() != str(value).lower()):
            self.settings.setValue(setting.key, value)
            self.changed.emit(name)

    # ------------------------------------------------------------------ wrap-up

    @property
    def wrapup_required(self) -> set[str]:
        """Wrap-up fields that must be filled before a call ends (outcome by default)."""
        from salesdesk.core.wrapup import WRAPUP_FIELDS  # not needed at start-up

        value = self._raw(keys.WRAPUP_REQUIRED)
        names = value if isinstance(value, list) else str(value or "").split(",")
        return {n.strip() for n in names if n.strip() in WRAPUP_FIELDS}

    @wrapup_required.setter
    def wrapup_required(self, names: set[str]) -> None:
        from salesdesk.core.wrapup import WRAPUP_FIELDS

        ordered = [n for n in WRAPUP_FIELDS if n in names]
        self._set("wrapup_required", keys.WRAPUP_REQUIRED, ",".join(ordered) or "none")

    # ------------------------------------------------------------------ live help

    @property
    def cues_enabled(self) -> bool:
        return self.get(keys.CUES_ENABLED)

    @cues_enabled.setter
    def cues_enabled(self, on: bool) -> None:
        self._set("cues_enabled", keys.CUES_ENABLED, bool(on))

    @property
    def nudge_enabled(self) -> bool:
        """Remind at a stage change when qualification is incomplete."""
        return self.get(keys.QUALIFICATION_NUDGE)

    @nudge_enabled.setter
    def nudge_enabled(self, on: bool) -> None:
        self._set("nudge_enabled", keys.QUALIFICATION_NUDGE, bool(on))

    # ------------------------------------------------------------------ compact strip

    @property
    def compact(self) -> bool:
        return self.get(keys.COMPACT_ON)

    @compact.setter
    def compact(self, on: bool) -> None:
        self._set("compact", keys.COMPACT_ON, bool(on))

    @property
    def compact_opacity(self) -> int:
        """Opacity of the compact strip, in percent."""
        value = self.get(keys.COMPACT_OPACITY)
        return min(MAX_OPACITY, max(MIN_OPACITY, value))

    @compact_opacity.setter
    def compact_opacity(self, percent: int) -> None:
        self._set("compact_opacity", keys.COMPACT_OPACITY, min(MAX_OPACITY, max(MIN_OPACITY, int(percent))))

    @property
    def compact_side(self) -> str:
        value = self._raw(keys.COMPACT_SIDE)
        return value if value in SIDES else keys.COMPACT_SIDE.default

    @compact_side.setter
    def compact_side(self, side: str) -> None:
        self._set("compact_side", keys.COMPACT_SIDE, side if side in SIDES else keys.COMPACT_SIDE.default)

    @property
    def compact_top(self) -> int | None:
        """Distance of the strip from the top of the screen's work area (None: not placed yet)."""
        value = self._raw(keys.COMPACT_TOP)
        try:
            return None if value in (None, "") else int(value)
        except (TypeError, ValueError):
            return None

    @compact_top.setter
    def compact_top(self, top: int) -> None:
        self._set("compact_top", keys.COMPACT_TOP, int(top))

    @property
    def compact_screen(self) -> str:
        return str(self._raw(keys.COMPACT_SCREEN) or "")

    @compact_screen.setter
    def compact_screen(self, name: str) -> None:
        self._set("compact_screen", keys.COMPACT_SCREEN, name)

    # ------------------------------------------------------------------ screen sharing

    @property
    def hide_from_capture(self) -> bool:
        """Keep SalesDesk's windows out of screen sharing and recordings (where the system
        can: beside_call.capture_guard); on by default."""
        return self.get(keys.HIDE_FROM_CAPTURE)

    @hide_from_capture.setter
    def hide_from_capture(self, on: bool) -> None:
        self._set("hide_from_capture", keys.HIDE_FROM_CAPTURE, bool(on))

    # ------------------------------------------------------------------ listening (ui/listening)

    @property
    def listen_enabled(self) -> bool:
        """Listen to calls (the optional extra; off by default)."""
        return self.get(keys.LISTEN_ENABLED)

    @listen_enabled.setter
    def listen_enabled(self, on: bool) -> None:
        self._set("listen_enabled", keys.LISTEN_ENABLED, bool(on))

    @property
    def listen_consented(self) -> bool:
        """The rep has read the consent screen (shown before the first session)."""
        return self.get(keys.LISTEN_CONSENTED)

    @listen_consented.setter
    def listen_consented(self, on: bool) -> None:
        self._set("listen_consented", keys.LISTEN_CONSENTED, bool(on))

    @property
    def listen_transcript(self) -> bool:
        """Heard phrases go into the call's notes (off by default: nothing heard is kept)."""
        return self.get(keys.LISTEN_TRANSCRIPT)

    @listen_transcript.setter
    def listen_transcript(self, on: bool) -> None:
        self._set("listen_transcript", keys.LISTEN_TRANSCRIPT, bool(on))

    @property
    def listen_device(self) -> str:
        """The output device (or monitor source) listened to; "" for the default output."""
        return str(self._raw(keys.LISTEN_DEVICE) or "")

    @listen_device.setter
    def listen_device(self, name: str) -> None:
        self._set("listen_device", keys.LISTEN_DEVICE, name)

    @property
    def listen_model(self) -> str:
        """A model name of salesdesk.listen.models.CATALOG or a model folder ("": the default).
        The worker reads the same key (models.chosen_model)."""
        return str(self._raw(keys.LISTEN_MODEL) or "")

    @listen_model.setter
    def listen_model(self, choice: str) -> None:
        self._set("listen_model", keys.LISTEN_MODEL, choice)

    # ------------------------------------------------------------------ appearance

    @property
    def color_scheme(self) -> str:
        value = self._raw(keys.COLOR_SCHEME)
        return value if value in COLOR_SCHEMES else keys.COLOR_SCHEME.default

    @color_scheme.setter
    def color_scheme(self, scheme: str) -> None:
        self._set("color_scheme", keys.COLOR_SCHEME, scheme if scheme in COLOR_SCHEMES else keys.COLOR_SCHEME.default)
