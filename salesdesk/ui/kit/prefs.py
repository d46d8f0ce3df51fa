"""Typed settings for the call aids (wrap-up, cues, compact strip, colours), with defaults.

They live in the same ``settings.ini`` as the window state. ``changed(name)`` lets open
widgets follow a change at once (opacity while the slider moves, colours).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

# The names as the CLI and logs write them; the settings dialog shows ui.kit.labels.color_scheme.
COLOR_SCHEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
SIDES = ("left", "right")
MIN_OPACITY, MAX_OPACITY = 30, 100


class Prefs(QObject):
    changed = Signal(str)  # the setting's name, as the properties below

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings

    def _set(self, name: str, key: str, value) -> None:
        stored = self.settings.value(key)
        # An ini file hands values back as text ("true", "80"): compare in that form too.
        if stored is None or (stored != value and str(stored).lower() != str(value).lower()):
            self.settings.setValue(key, value)
            self.changed.emit(name)

    # ------------------------------------------------------------------ wrap-up

    @property
    def wrapup_required(self) -> set[str]:
        """Wrap-up fields that must be filled before a call ends (outcome by default)."""
        from salesdesk.core.wrapup import WRAPUP_FIELDS  # not needed at start-up

        value = self.settings.value("wrapup/required", "outcome")
        names = value if isinstance(value, list) else str(value or "").split(",")
        return {n.strip() for n in names if n.strip() in WRAPUP_FIELDS}

    @wrapup_required.setter
    def wrapup_required(self, names: set[str]) -> None:
        from salesdesk.core.wrapup import WRAPUP_FIELDS

        ordered = [n for n in WRAPUP_FIELDS if n in names]
        self._set("wrapup_required", "wrapup/required", ",".join(ordered) or "none")

    # ------------------------------------------------------------------ live help

    @property
    def cues_enabled(self) -> bool:
        return self.settings.value("cues/enabled", True, type=bool)

    @cues_enabled.setter
    def cues_enabled(self, on: bool) -> None:
        self._set("cues_enabled", "cues/enabled", bool(on))

    @property
    def nudge_enabled(self) -> bool:
        """Remind at a stage change when qualification is incomplete."""
        return self.settings.value("qualification/nudge", True, type=bool)

    @nudge_enabled.setter
    def nudge_enabled(self, on: bool) -> None:
        self._set("nudge_enabled", "qualification/nudge", bool(on))

    # ------------------------------------------------------------------ compact strip

    @property
    def compact(self) -> bool:
        return self.settings.value("compact/on", False, type=bool)

    @compact.setter
    def compact(self, on: bool) -> None:
        self._set("compact", "compact/on", bool(on))

    @property
    def compact_opacity(self) -> int:
        """Opacity of the compact strip, in percent."""
        value = self.settings.value("compact/opacity", 92, type=int)
        return min(MAX_OPACITY, max(MIN_OPACITY, value))

    @compact_opacity.setter
    def compact_opacity(self, percent: int) -> None:
        self._set("compact_opacity", "compact/opacity", min(MAX_OPACITY, max(MIN_OPACITY, int(percent))))

    @property
    def compact_side(self) -> str:
        value = self.settings.value("compact/side", "right")
        return value if value in SIDES else "right"

    @compact_side.setter
    def compact_side(self, side: str) -> None:
        self._set("compact_side", "compact/side", side if side in SIDES else "right")

    @property
    def compact_top(self) -> int | None:
        """Distance of the strip from the top of the screen's work area (None: not placed yet)."""
        value = self.settings.value("compact/top")
        try:
            return None if value in (None, "") else int(value)
        except (TypeError, ValueError):
            return None

    @compact_top.setter
    def compact_top(self, top: int) -> None:
        self._set("compact_top", "compact/top", int(top))

    @property
    def compact_screen(self) -> str:
        return str(self.settings.value("compact/screen", "") or "")

    @compact_screen.setter
    def compact_screen(self, name: str) -> None:
        self._set("compact_screen", "compact/screen", name)

    # ------------------------------------------------------------------ listening (ui/listening)

    @property
    def listen_enabled(self) -> bool:
        """Listen to calls (the optional extra; off by default)."""
        return self.settings.value("listen/enabled", False, type=bool)

    @listen_enabled.setter
    def listen_enabled(self, on: bool) -> None:
        self._set("listen_enabled", "listen/enabled", bool(on))

    @property
    def listen_consented(self) -> bool:
        """The rep has read the consent screen (shown before the first session)."""
        return self.settings.value("listen/consented", False, type=bool)

    @listen_consented.setter
    def listen_consented(self, on: bool) -> None:
        self._set("listen_consented", "listen/consented", bool(on))

    @property
    def listen_transcript(self) -> bool:
        """Heard phrases go into the call's notes (off by default: nothing heard is kept)."""
        return self.settings.value("listen/transcript", False, type=bool)

    @listen_transcript.setter
    def listen_transcript(self, on: bool) -> None:
        self._set("listen_transcript", "listen/transcript", bool(on))

    @property
    def listen_device(self) -> str:
        """The output device (or monitor source) listened to; "" for the default output."""
        return str(self.settings.value("listen/device", "") or "")

    @listen_device.setter
    def listen_device(self, name: str) -> None:
        self._set("listen_device", "listen/device", name)

    @property
    def listen_model(self) -> str:
        """A model name of salesdesk.listen.models.CATALOG or a model folder ("": the default).
        The worker reads the same key (models.chosen_model)."""
        return str(self.settings.value("listen/model", "") or "")

    @listen_model.setter
    def listen_model(self, choice: str) -> None:
        self._set("listen_model", "listen/model", choice)

    # ------------------------------------------------------------------ appearance

    @property
    def color_scheme(self) -> str:
        value = self.settings.value("appearance/colors", "system")
        return value if value in COLOR_SCHEMES else "system"

    @color_scheme.setter
    def color_scheme(self, scheme: str) -> None:
        self._set("color_scheme", "appearance/colors", scheme if scheme in COLOR_SCHEMES else "system")
